#pragma once

#include "core/common/error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace shiplog::core::demo {

// The key that identifies items of a list field in a strategic merge (patchMergeKey of the
// Kubernetes Go types): containers/env/volumes/… by "name", volumeMounts by "mountPath", container
// ports by "containerPort", Service ports by "port". Empty: the list is atomic (replaced whole).
QString listMergeKey(const QString& field, const QJsonArray& items, const QJsonArray& otherItems = {});

// RFC 7386 JSON merge patch (application/merge-patch+json).
QJsonValue applyMergePatch(const QJsonValue& target, const QJsonValue& patch);

// RFC 6902 JSON patch (application/json-patch+json).
Result<QJsonValue> applyJsonPatch(const QJsonValue& target, const QJsonArray& operations);

// Kubernetes strategic merge patch (application/strategic-merge-patch+json): maps merge, keyed
// lists merge item by item, and the directives $patch, $retainKeys, $setElementOrder/…,
// $deleteFromPrimitiveList/… are honoured.
QJsonObject applyStrategicMergePatch(const QJsonObject& target, const QJsonObject& patch);

} // namespace shiplog::core::demo
