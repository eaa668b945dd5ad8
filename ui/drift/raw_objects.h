#pragma once

#include "core/drift/drift_report.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace shiplog::ui {

// `root` with the field at `path` (as core/drift writes paths: `spec.replicas`,
// `spec.template.spec.containers[name=web].image`, `metadata.labels["app.kubernetes.io/name"]`,
// `spec.args[2]`) set to `value`, or removed when `value` is null/undefined. Missing maps on the
// way are created; a list item that does not exist is left alone (returns `root` unchanged).
QJsonObject withFieldValue(const QJsonObject& root, const QString& path, const QJsonValue& value);

// The two sides the diff shows. Normalized: what was compared — each hidden difference (server
// default, server-owned field, equal encoding, ignore rule) made equal or taken out, so only drift
// remains. Raw: the objects as git and the cluster have them (volatile metadata and status left
// out), hidden differences included.
struct DisplayPair
{
    QJsonObject desired;
    QJsonObject live;
};
DisplayPair displayObjects(const core::drift::ResourceDrift& resource, bool raw);

} // namespace shiplog::ui
