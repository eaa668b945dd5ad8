#pragma once

// Field paths as the rest of Shiplog writes them: `spec.replicas`,
// `spec.template.spec.containers[name=web].image`, `metadata.labels["app.kubernetes.io/name"]`,
// `spec.args[2]`.
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::core::drift {

struct PathSegment
{
    QString key;         // a map key; empty for a list item
    QString listKey;     // a keyed list item: the key field ("name")
    QJsonValue keyValue; // and its value
    int index = -1;      // an unkeyed list item
    bool isListItem() const { return key.isEmpty(); }
};

using FieldPath = QList<PathSegment>;

QString formatPath(const FieldPath& path);
// The inverse of formatPath; a keyed item's value comes back as its text. nullopt when malformed.
std::optional<FieldPath> parsePath(const QString& text);
// A scalar as paths write it (a keyed item's value): strings bare, numbers shortest, true/false, null.
QString scalarText(const QJsonValue& value);
FieldPath childKey(FieldPath path, const QString& key);
FieldPath childItem(FieldPath path, const QString& listKey, const QJsonValue& value);
FieldPath childIndex(FieldPath path, int index);

// The strategic-merge key of the list at `path` (containers by name, ports by containerPort, …), or
// "" for a list compared as a whole. `kind` distinguishes Service ports from container ports.
QString listKeyFor(const FieldPath& path, const QString& kind);

// RFC 6901 pointer (Argo CD jsonPointers) to path keys: "/metadata/labels/app~1name" → [metadata, labels,
// app/name].
QStringList pointerKeys(const QString& pointer);

} // namespace shiplog::core::drift
