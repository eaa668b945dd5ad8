#pragma once

// Who last wrote a field, from metadata.managedFields (FieldsV1: "f:<field>", "k:<merge key JSON>",
// "v:<value>", "i:<index>", "." for the node itself).
#include "core/drift/field_path.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace shiplog::core::drift {

struct FieldOwner
{
    QString manager;
    QString operation;
    QString subresource; // "scale" for kubectl scale's writes; "" for the object itself
    QDateTime time;
    bool isValid() const { return !manager.isEmpty(); }
};

class ManagedFields
{
public:
    explicit ManagedFields(const QJsonArray& managedFields);

    // The manager owning the field at `path` (the latest writer when several own parts of it); for
    // a whole subtree (a list item, a map) any owned leaf inside counts.
    FieldOwner ownerOf(const FieldPath& path) const;

    // Managers that are people editing by hand (kubectl edit/patch/scale/label/…), not controllers.
    static bool isManualManager(const QString& manager);

private:
    struct Entry
    {
        FieldOwner owner;
        QJsonObject fields;
    };
    QList<Entry> m_entries;
};

} // namespace shiplog::core::drift
