#include "core/demo/kube_managed_fields.h"

#include "core/demo/kube_patch.h"

#include <QJsonDocument>
#include <QSet>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

const QJsonObject kLeaf;

bool skipped(const QStringList& path, const QString& key, const QString& subresource)
{
    if (path.isEmpty()) {
        if (key == u"apiVersion"_s || key == u"kind"_s)
            return true;
        if (key == u"status"_s)
            return subresource != u"status"_s;
        return subresource == u"status"_s && key != u"metadata"_s;
    }
    if (path.size() == 1 && path.first() == u"metadata"_s) {
        static const QSet<QString> identity{u"name"_s,
                                            u"namespace"_s,
                                            u"uid"_s,
                                            u"resourceVersion"_s,
                                            u"generation"_s,
                                            u"creationTimestamp"_s,
                                            u"managedFields"_s,
                                            u"selfLink"_s,
                                            u"deletionTimestamp"_s,
                                            u"generateName"_s};
        return identity.contains(key);
    }
    return false;
}

bool granularMap(const QString& key)
{
    static const QSet<QString> maps{u"labels"_s,     u"annotations"_s, u"data"_s,         u"binaryData"_s,
                                    u"stringData"_s, u"matchLabels"_s, u"nodeSelector"_s, u"selector"_s,
                                    u"limits"_s,     u"requests"_s,    u"rollingUpdate"_s};
    return maps.contains(key);
}

QString itemKey(const QJsonObject& item, const QString& mergeKey)
{
    QJsonObject key{{mergeKey, item.value(mergeKey)}};
    if (mergeKey == u"containerPort"_s || mergeKey == u"port"_s)
        key.insert(u"protocol"_s, item.value(u"protocol"_s).toString(u"TCP"_s));
    return u"k:"_s + QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QJsonObject setOfValue(const QString& key, const QJsonValue& value, const QStringList& path,
                       const QString& sub);

QJsonObject setOfObject(const QJsonObject& object, const QStringList& path, const QString& sub)
{
    QJsonObject set;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (skipped(path, it.key(), sub))
            continue;
        set.insert(u"f:"_s + it.key(), setOfValue(it.key(), it.value(), path + QStringList{it.key()}, sub));
    }
    return set;
}

QJsonObject setOfValue(const QString& key, const QJsonValue& value, const QStringList& path,
                       const QString& sub)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return kLeaf;
        QJsonObject set = setOfObject(object, path, sub);
        if (granularMap(key) && path.size() > 1)
            set.insert(u"."_s, kLeaf);
        return set;
    }
    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        const QString mergeKey = listMergeKey(key, items);
        if (mergeKey.isEmpty())
            return kLeaf;
        QJsonObject set;
        for (const QJsonValue& item : items) {
            QJsonObject itemSet = setOfObject(item.toObject(), path + QStringList{u"[]"_s}, sub);
            itemSet.insert(u"."_s, kLeaf);
            set.insert(itemKey(item.toObject(), mergeKey), itemSet);
        }
        return set;
    }
    return kLeaf;
}

QJsonObject changedIn(const QJsonObject& before, const QJsonObject& after, const QStringList& path,
                      const QString& sub);

QJsonObject changedValue(const QString& key, const QJsonValue& before, const QJsonValue& after,
                         const QStringList& path, const QString& sub)
{
    if (before == after)
        return {};
    if (before.isObject() && after.isObject() && !after.toObject().isEmpty())
        return changedIn(before.toObject(), after.toObject(), path, sub);
    if (before.isArray() && after.isArray()) {
        const QJsonArray a = after.toArray();
        const QJsonArray b = before.toArray();
        const QString mergeKey = listMergeKey(key, a, b);
        if (!mergeKey.isEmpty()) {
            QJsonObject set;
            for (const QJsonValue& item : a) {
                const QJsonObject afterItem = item.toObject();
                QJsonObject beforeItem;
                bool found = false;
                for (const QJsonValue& old : b)
                    if (old.toObject().value(mergeKey) == afterItem.value(mergeKey)) {
                        beforeItem = old.toObject();
                        found = true;
                    }
                QJsonObject itemSet = found
                                          ? changedIn(beforeItem, afterItem, path + QStringList{u"[]"_s}, sub)
                                          : setOfObject(afterItem, path + QStringList{u"[]"_s}, sub);
                if (!found)
                    itemSet.insert(u"."_s, kLeaf);
                if (!itemSet.isEmpty())
                    set.insert(itemKey(afterItem, mergeKey), itemSet);
            }
            return set;
        }
    }
    const QJsonObject full = setOfValue(key, after, path, sub);
    return full;
}

QJsonObject changedIn(const QJsonObject& before, const QJsonObject& after, const QStringList& path,
                      const QString& sub)
{
    QJsonObject set;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (skipped(path, it.key(), sub))
            continue;
        const QStringList childPath = path + QStringList{it.key()};
        if (!before.contains(it.key())) {
            set.insert(u"f:"_s + it.key(), setOfValue(it.key(), it.value(), childPath, sub));
            continue;
        }
        if (before.value(it.key()) == it.value())
            continue;
        QJsonObject child = changedValue(it.key(), before.value(it.key()), it.value(), childPath, sub);
        // A changed value whose difference lies only in skipped fields leaves nothing to record.
        const bool scalarChange = !it.value().isObject() && !it.value().isArray();
        if (!child.isEmpty() || scalarChange || it.value().toObject().isEmpty())
            set.insert(u"f:"_s + it.key(), child);
    }
    return set;
}

QJsonObject removedIn(const QJsonObject& before, const QJsonObject& after, const QStringList& path)
{
    QJsonObject set;
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (skipped(path, it.key(), {}) || (path.isEmpty() && it.key() == u"status"_s))
            continue;
        if (!after.contains(it.key())) {
            set.insert(u"f:"_s + it.key(), kLeaf);
            continue;
        }
        const QJsonValue a = after.value(it.key());
        const QJsonValue b = it.value();
        if (a.isObject() && b.isObject()) {
            QJsonObject child = removedIn(b.toObject(), a.toObject(), path + QStringList{it.key()});
            if (!child.isEmpty())
                set.insert(u"f:"_s + it.key(), child);
        } else if (a.isArray() && b.isArray()) {
            const QString mergeKey = listMergeKey(it.key(), b.toArray(), a.toArray());
            if (mergeKey.isEmpty())
                continue;
            QJsonObject child;
            for (const QJsonValue& old : b.toArray()) {
                bool kept = false;
                QJsonObject now;
                for (const QJsonValue& item : a.toArray())
                    if (item.toObject().value(mergeKey) == old.toObject().value(mergeKey)) {
                        kept = true;
                        now = item.toObject();
                    }
                if (!kept) {
                    child.insert(itemKey(old.toObject(), mergeKey), kLeaf);
                } else {
                    QJsonObject inner = removedIn(old.toObject(), now, path + QStringList{it.key(), u"[]"_s});
                    if (!inner.isEmpty())
                        child.insert(itemKey(old.toObject(), mergeKey), inner);
                }
            }
            if (!child.isEmpty())
                set.insert(u"f:"_s + it.key(), child);
        }
    }
    return set;
}

void collectPaths(const QJsonObject& set, const QString& prefix, QStringList& out)
{
    for (auto it = set.begin(); it != set.end(); ++it) {
        const QString& key = it.key();
        if (key == u"."_s)
            continue;
        QString path;
        if (key.startsWith(u"f:"_s)) {
            path = prefix + u'.' + key.mid(2);
        } else if (key.startsWith(u"k:"_s)) {
            const QJsonObject k = QJsonDocument::fromJson(key.mid(2).toUtf8()).object();
            QStringList parts;
            for (auto kv = k.begin(); kv != k.end(); ++kv)
                parts.append(
                    kv.key() + u'=' +
                    QString::fromUtf8(QJsonDocument(QJsonArray{kv.value()}).toJson(QJsonDocument::Compact))
                        .mid(1)
                        .chopped(1));
            path = prefix + u'[' + parts.join(u',') + u']';
        } else {
            path = prefix + u'[' + key + u']';
        }
        const QJsonObject child = it.value().toObject();
        bool hasChildren = false;
        for (auto c = child.begin(); c != child.end(); ++c)
            hasChildren = hasChildren || c.key() != u"."_s;
        if (hasChildren)
            collectPaths(child, path, out);
        else
            out.append(path);
    }
}

} // namespace

QJsonObject fieldSetOf(const QJsonObject& object, const QString& subresource)
{
    return setOfObject(object, {}, subresource);
}

QJsonObject changedFieldSet(const QJsonObject& before, const QJsonObject& after, const QString& subresource)
{
    return changedIn(before, after, {}, subresource);
}

QJsonObject removedFieldSet(const QJsonObject& before, const QJsonObject& after)
{
    return removedIn(before, after, {});
}

QJsonObject uniteFieldSets(const QJsonObject& a, const QJsonObject& b)
{
    QJsonObject result = a;
    for (auto it = b.begin(); it != b.end(); ++it)
        result.insert(it.key(), uniteFieldSets(result.value(it.key()).toObject(), it.value().toObject()));
    return result;
}

QJsonObject subtractFieldSet(const QJsonObject& set, const QJsonObject& removal)
{
    QJsonObject result = set;
    for (auto it = removal.begin(); it != removal.end(); ++it) {
        if (!result.contains(it.key()))
            continue;
        const QJsonObject removeChild = it.value().toObject();
        if (removeChild.isEmpty()) {
            result.remove(it.key());
            continue;
        }
        const QJsonObject current = result.value(it.key()).toObject();
        if (current.isEmpty())
            continue; // we own the node as a whole; removing some children does not take it
        QJsonObject rest = subtractFieldSet(current, removeChild);
        bool onlyDot = true;
        for (auto c = rest.begin(); c != rest.end(); ++c)
            onlyDot = onlyDot && c.key() == u"."_s;
        if (rest.isEmpty() || onlyDot)
            result.remove(it.key());
        else
            result.insert(it.key(), rest);
    }
    return result;
}

QJsonObject intersectFieldSets(const QJsonObject& a, const QJsonObject& b)
{
    QJsonObject result;
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key()))
            continue;
        const QJsonObject x = it.value().toObject();
        const QJsonObject y = b.value(it.key()).toObject();
        if (x.isEmpty() || y.isEmpty()) {
            result.insert(it.key(), x.isEmpty() ? y : x);
            continue;
        }
        QJsonObject inner = intersectFieldSets(x, y);
        bool onlyDot = true;
        for (auto c = inner.begin(); c != inner.end(); ++c)
            onlyDot = onlyDot && c.key() == u"."_s;
        if (!inner.isEmpty() && !onlyDot)
            result.insert(it.key(), inner);
    }
    return result;
}

QStringList fieldSetPaths(const QJsonObject& set)
{
    QStringList out;
    collectPaths(set, QString(), out);
    return out;
}

QJsonArray recordWrite(const QJsonArray& managedFields, const QString& manager, const QString& operation,
                       const QString& apiVersion, const QString& subresource, const QDateTime& time,
                       const QJsonObject& gained, const QJsonObject& taken, const QJsonObject& removed)
{
    QJsonArray result;
    QJsonObject own;
    bool found = false;
    for (const QJsonValue& value : managedFields) {
        QJsonObject entry = value.toObject();
        const bool mine = entry.value(u"manager"_s).toString() == manager &&
                          entry.value(u"operation"_s).toString() == operation &&
                          entry.value(u"subresource"_s).toString() == subresource;
        QJsonObject set = entry.value(u"fieldsV1"_s).toObject();
        if (mine) {
            found = true;
            own = entry;
            continue;
        }
        set = subtractFieldSet(subtractFieldSet(set, taken), removed);
        if (set.isEmpty())
            continue;
        entry.insert(u"fieldsV1"_s, set);
        result.append(entry);
    }
    QJsonObject set = subtractFieldSet(uniteFieldSets(own.value(u"fieldsV1"_s).toObject(), gained), removed);
    if (operation == u"Apply"_s)
        set = gained; // an apply states the manager's whole intent
    if (!set.isEmpty() || (!found && operation == u"Apply"_s)) {
        QJsonObject entry{{u"manager"_s, manager},          {u"operation"_s, operation},
                          {u"apiVersion"_s, apiVersion},    {u"time"_s, time.toUTC().toString(Qt::ISODate)},
                          {u"fieldsType"_s, u"FieldsV1"_s}, {u"fieldsV1"_s, set}};
        if (!subresource.isEmpty())
            entry.insert(u"subresource"_s, subresource);
        // A manager that changed nothing keeps its old time.
        if (found && gained.isEmpty() && operation != u"Apply"_s)
            entry.insert(u"time"_s, own.value(u"time"_s));
        result.append(entry);
    }
    return result;
}

namespace {

QJsonValue removeFromValue(const QJsonValue& value, const QJsonObject& set, const QString& field);

QJsonObject removeFromObject(const QJsonObject& object, const QJsonObject& set)
{
    QJsonObject result = object;
    for (auto it = set.begin(); it != set.end(); ++it) {
        if (!it.key().startsWith(u"f:"_s))
            continue;
        const QString field = it.key().mid(2);
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty() || child.contains(u"."_s))
            result.remove(field);
        else if (result.contains(field))
            result.insert(field, removeFromValue(result.value(field), child, field));
    }
    return result;
}

QJsonValue removeFromValue(const QJsonValue& value, const QJsonObject& set, const QString& field)
{
    if (value.isObject())
        return removeFromObject(value.toObject(), set);
    if (!value.isArray())
        return value;
    const QJsonArray items = value.toArray();
    const QString mergeKey = listMergeKey(field, items);
    if (mergeKey.isEmpty())
        return value;
    QJsonArray result;
    for (const QJsonValue& item : items) {
        const QString key = itemKey(item.toObject(), mergeKey);
        if (!set.contains(key)) {
            result.append(item);
            continue;
        }
        const QJsonObject itemSet = set.value(key).toObject();
        if (itemSet.isEmpty() || itemSet.contains(u"."_s))
            continue;
        result.append(removeFromObject(item.toObject(), itemSet));
    }
    return result;
}

} // namespace

QJsonObject removeFieldSet(const QJsonObject& object, const QJsonObject& set)
{
    return removeFromObject(object, set);
}

} // namespace shiplog::core::demo
