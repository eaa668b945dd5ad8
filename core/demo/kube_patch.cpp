#include "core/demo/kube_patch.h"

#include <QHash>
#include <QSet>

namespace shiplog::core::demo {

namespace {

bool itemsHave(const QJsonArray& items, QLatin1String field)
{
    for (const QJsonValue& item : items)
        if (item.toObject().contains(field))
            return true;
    return false;
}

} // namespace

QString listMergeKey(const QString& field, const QJsonArray& items, const QJsonArray& otherItems)
{
    static const QSet<QString> byName{QStringLiteral("containers"),
                                      QStringLiteral("initContainers"),
                                      QStringLiteral("ephemeralContainers"),
                                      QStringLiteral("volumes"),
                                      QStringLiteral("env"),
                                      QStringLiteral("imagePullSecrets"),
                                      QStringLiteral("resourceClaims"),
                                      QStringLiteral("schedulingGates")};
    if (byName.contains(field))
        return QStringLiteral("name");
    if (field == QLatin1String("volumeMounts"))
        return QStringLiteral("mountPath");
    if (field == QLatin1String("volumeDevices"))
        return QStringLiteral("devicePath");
    if (field == QLatin1String("hostAliases"))
        return QStringLiteral("ip");
    if (field == QLatin1String("ownerReferences"))
        return QStringLiteral("uid");
    if (field == QLatin1String("conditions"))
        return QStringLiteral("type");
    if (field == QLatin1String("ports")) {
        if (itemsHave(items, QLatin1String("containerPort")) ||
            itemsHave(otherItems, QLatin1String("containerPort")))
            return QStringLiteral("containerPort");
        if (itemsHave(items, QLatin1String("port")) || itemsHave(otherItems, QLatin1String("port")))
            return QStringLiteral("port");
    }
    return {};
}

QJsonValue applyMergePatch(const QJsonValue& target, const QJsonValue& patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), applyMergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

// ---- JSON patch ----

namespace {

Result<QStringList> parsePointer(const QString& pointer)
{
    if (pointer.isEmpty())
        return QStringList();
    if (!pointer.startsWith(u'/'))
        return fail(QStringLiteral("the JSON pointer \"%1\" does not start with \"/\"").arg(pointer));
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString& token : tokens)
        token = token.replace(QLatin1String("~1"), QLatin1String("/"))
                    .replace(QLatin1String("~0"), QLatin1String("~"));
    return tokens;
}

Result<QJsonValue> valueAt(const QJsonValue& doc, const QStringList& path)
{
    QJsonValue current = doc;
    for (const QString& token : path) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(token))
                return fail(QStringLiteral("the path element \"%1\" does not exist").arg(token));
            current = object.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= current.toArray().size())
                return fail(QStringLiteral("the array index \"%1\" is out of range").arg(token));
            current = current.toArray().at(index);
        } else {
            return fail(QStringLiteral("the path element \"%1\" is not in an object or array").arg(token));
        }
    }
    return current;
}

enum class Op
{
    Add,
    Remove,
    Replace
};

Result<QJsonValue> modifyAt(const QJsonValue& doc, const QStringList& path, int depth, Op op,
                            const QJsonValue& value)
{
    if (depth == path.size()) {
        if (op == Op::Remove)
            return fail(QStringLiteral("cannot remove the whole document"));
        return value;
    }
    const QString& token = path.at(depth);
    const bool last = depth + 1 == path.size();
    if (doc.isObject()) {
        QJsonObject object = doc.toObject();
        if (last) {
            if (op != Op::Add && !object.contains(token))
                return fail(QStringLiteral("the path \"/%1\" does not exist").arg(path.join(u'/')));
            if (op == Op::Remove)
                object.remove(token);
            else
                object.insert(token, value);
            return object;
        }
        if (!object.contains(token))
            return fail(
                QStringLiteral("the path \"/%1\" does not exist").arg(path.mid(0, depth + 1).join(u'/')));
        auto child = modifyAt(object.value(token), path, depth + 1, op, value);
        if (!child)
            return child;
        object.insert(token, *child);
        return object;
    }
    if (doc.isArray()) {
        QJsonArray array = doc.toArray();
        bool ok = false;
        int index = token == QLatin1String("-") ? int(array.size()) : token.toInt(&ok);
        if (token == QLatin1String("-"))
            ok = true;
        const int limit = (last && op == Op::Add) ? int(array.size()) : int(array.size()) - 1;
        if (!ok || index < 0 || index > limit)
            return fail(QStringLiteral("the array index \"%1\" is out of range").arg(token));
        if (last) {
            if (op == Op::Add)
                array.insert(index, value);
            else if (op == Op::Remove)
                array.removeAt(index);
            else
                array.replace(index, value);
            return array;
        }
        auto child = modifyAt(array.at(index), path, depth + 1, op, value);
        if (!child)
            return child;
        array.replace(index, *child);
        return array;
    }
    return fail(QStringLiteral("the path \"/%1\" does not exist").arg(path.mid(0, depth + 1).join(u'/')));
}

} // namespace

Result<QJsonValue> applyJsonPatch(const QJsonValue& target, const QJsonArray& operations)
{
    QJsonValue doc = target;
    for (const QJsonValue& entry : operations) {
        const QJsonObject operation = entry.toObject();
        const QString op = operation.value(QLatin1String("op")).toString();
        auto path = parsePointer(operation.value(QLatin1String("path")).toString());
        if (!path)
            return std::unexpected(path.error());
        Result<QJsonValue> next = doc;
        if (op == QLatin1String("add")) {
            next = modifyAt(doc, *path, 0, Op::Add, operation.value(QLatin1String("value")));
        } else if (op == QLatin1String("remove")) {
            next = modifyAt(doc, *path, 0, Op::Remove, {});
        } else if (op == QLatin1String("replace")) {
            next = modifyAt(doc, *path, 0, Op::Replace, operation.value(QLatin1String("value")));
        } else if (op == QLatin1String("move") || op == QLatin1String("copy")) {
            auto from = parsePointer(operation.value(QLatin1String("from")).toString());
            if (!from)
                return std::unexpected(from.error());
            auto value = valueAt(doc, *from);
            if (!value)
                return std::unexpected(value.error());
            QJsonValue base = doc;
            if (op == QLatin1String("move")) {
                auto removed = modifyAt(doc, *from, 0, Op::Remove, {});
                if (!removed)
                    return removed;
                base = *removed;
            }
            next = modifyAt(base, *path, 0, Op::Add, *value);
        } else if (op == QLatin1String("test")) {
            auto value = valueAt(doc, *path);
            if (!value)
                return std::unexpected(value.error());
            if (*value != operation.value(QLatin1String("value")))
                return fail(QStringLiteral("the test operation on \"%1\" failed")
                                .arg(operation.value(QLatin1String("path")).toString()));
        } else {
            return fail(QStringLiteral("the JSON patch operation \"%1\" is not supported").arg(op));
        }
        if (!next)
            return next;
        doc = *next;
    }
    return doc;
}

// ---- strategic merge patch ----

namespace {

QJsonValue stripDirectives(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject result;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!it.key().startsWith(u'$'))
                result.insert(it.key(), stripDirectives(it.value()));
        return result;
    }
    if (value.isArray()) {
        QJsonArray result;
        for (const QJsonValue& item : value.toArray())
            if (!(item.isObject() &&
                  item.toObject().value(QLatin1String("$patch")).toString() == QLatin1String("delete")))
                result.append(stripDirectives(item));
        return result;
    }
    return value;
}

QJsonValue mergeKeyValue(const QJsonValue& item, const QString& key)
{
    return item.toObject().value(key);
}

QJsonArray mergeList(const QJsonArray& original, const QJsonArray& patch, const QString& key)
{
    QJsonArray result = original;
    for (const QJsonValue& item : patch) {
        const QJsonObject patchItem = item.toObject();
        const QString directive = patchItem.value(QLatin1String("$patch")).toString();
        if (directive == QLatin1String("replace")) {
            // The list is replaced by the patch's other items.
            QJsonArray replaced;
            for (const QJsonValue& other : patch)
                if (other.toObject().value(QLatin1String("$patch")).toString().isEmpty())
                    replaced.append(stripDirectives(other));
            return replaced;
        }
        const QJsonValue keyValue = mergeKeyValue(item, key);
        int found = -1;
        for (int i = 0; i < result.size(); ++i)
            if (!keyValue.isUndefined() && mergeKeyValue(result.at(i), key) == keyValue) {
                found = i;
                break;
            }
        if (directive == QLatin1String("delete")) {
            if (found >= 0)
                result.removeAt(found);
            continue;
        }
        if (found >= 0)
            result.replace(found, applyStrategicMergePatch(result.at(found).toObject(), patchItem));
        else
            result.append(stripDirectives(item));
    }
    return result;
}

QJsonArray reorder(const QJsonArray& items, const QJsonArray& order, const QString& key)
{
    QJsonArray result;
    QList<bool> used(items.size(), false);
    for (const QJsonValue& wanted : order) {
        for (int i = 0; i < items.size(); ++i) {
            if (used[i])
                continue;
            const QJsonValue itemKey = key.isEmpty() ? items.at(i) : mergeKeyValue(items.at(i), key);
            const QJsonValue wantedKey = key.isEmpty() ? wanted : mergeKeyValue(wanted, key);
            if (itemKey == wantedKey) {
                used[i] = true;
                result.append(items.at(i));
                break;
            }
        }
    }
    for (int i = 0; i < items.size(); ++i)
        if (!used[i])
            result.append(items.at(i));
    return result;
}

} // namespace

QJsonObject applyStrategicMergePatch(const QJsonObject& target, const QJsonObject& patch)
{
    if (patch.value(QLatin1String("$patch")).toString() == QLatin1String("replace"))
        return stripDirectives(patch).toObject();
    QJsonObject result = target;
    QHash<QString, QJsonArray> orders;
    QHash<QString, QJsonArray> deletions;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString& key = it.key();
        if (key.startsWith(QLatin1String("$setElementOrder/"))) {
            orders.insert(key.mid(17), it.value().toArray());
            continue;
        }
        if (key.startsWith(QLatin1String("$deleteFromPrimitiveList/"))) {
            deletions.insert(key.mid(25), it.value().toArray());
            continue;
        }
        if (key.startsWith(u'$'))
            continue;
        const QJsonValue value = it.value();
        if (value.isNull()) {
            result.remove(key);
        } else if (value.isObject()) {
            const QJsonObject child = value.toObject();
            if (child.value(QLatin1String("$patch")).toString() == QLatin1String("delete"))
                result.remove(key);
            else
                result.insert(key, applyStrategicMergePatch(result.value(key).toObject(), child));
        } else if (value.isArray()) {
            const QJsonArray items = value.toArray();
            const QJsonArray existing = result.value(key).toArray();
            const QString mergeKey = listMergeKey(key, items, existing);
            if (mergeKey.isEmpty())
                result.insert(key, stripDirectives(items));
            else
                result.insert(key, mergeList(existing, items, mergeKey));
        } else {
            result.insert(key, value);
        }
    }
    for (auto it = deletions.begin(); it != deletions.end(); ++it) {
        QJsonArray kept;
        for (const QJsonValue& v : result.value(it.key()).toArray())
            if (!it.value().contains(v))
                kept.append(v);
        result.insert(it.key(), kept);
    }
    for (auto it = orders.begin(); it != orders.end(); ++it) {
        const QJsonArray items = result.value(it.key()).toArray();
        result.insert(it.key(), reorder(items, it.value(), listMergeKey(it.key(), items, it.value())));
    }
    if (patch.contains(QLatin1String("$retainKeys"))) {
        QSet<QString> keep;
        for (const QJsonValue& k : patch.value(QLatin1String("$retainKeys")).toArray())
            keep.insert(k.toString());
        for (const QString& k : result.keys())
            if (!keep.contains(k))
                result.remove(k);
    }
    return result;
}

} // namespace shiplog::core::demo
