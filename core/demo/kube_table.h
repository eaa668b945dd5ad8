#pragma once

#include "core/demo/kube_resource_types.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace shiplog::core::demo {

// kubectl's human output asks for a meta.k8s.io/v1 Table (Accept: …;as=Table): these are the
// columns kube-apiserver prints for the common types (NAME, a few type columns, AGE), each row with
// the object's metadata (includeObject=Metadata, the default).
QJsonObject tableOf(const ResourceType& type, const QList<QJsonObject>& objects,
                    const QJsonObject& listMetadata, const QDateTime& now = QDateTime::currentDateTimeUtc());

// PartialObjectMetadata of an object (Accept: …;as=PartialObjectMetadata[List]).
QJsonObject partialMetadata(const QJsonObject& object);

// kube's duration.HumanDuration ("5m3s", "3h", "12d").
QString humanDuration(qint64 seconds);

} // namespace shiplog::core::demo
