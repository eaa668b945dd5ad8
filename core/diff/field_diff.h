#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace shiplog::core::diff {

// One changed field of a resource: `spec.template.spec.containers[name=web].image`, with its old
// and new values as JSON (null where absent). Secret values arrive here already masked.
struct FieldChange
{
    enum class Op
    {
        Added,
        Removed,
        Changed
    };
    QString path;
    Op op = Op::Changed;
    QJsonValue oldValue; // Null for Added
    QJsonValue newValue; // Null for Removed
};

QString opName(FieldChange::Op op); // "added", "removed", "changed"

// The field changes from `before` to `after`, in path order. List items are matched the way
// Kubernetes' strategic merge matches them — containers, initContainers, ephemeralContainers,
// volumes, env and imagePullSecrets by `name`, volumeMounts by `mountPath`, container ports by
// `containerPort`, Service ports by `port` — and other lists by position. Paths name keys with dots
// or slashes in brackets: `metadata.labels["app.kubernetes.io/name"]`.
QList<FieldChange> diffFields(const QJsonObject& before, const QJsonObject& after);

// Path segments as `diffFields` writes them, for callers that build or compare paths.
QString appendKey(const QString& path, const QString& key);

} // namespace shiplog::core::diff
