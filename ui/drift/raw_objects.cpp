#include "ui/drift/raw_objects.h"

#include <QJsonArray>

#include <optional>

namespace shiplog::ui {

namespace {

struct Segment
{
    QString key;       // map key
    QString listKey;   // keyed list item: field name …
    QString keyValue;  // … and its value as text
    int index = -1;    // unkeyed list item
    bool isItem() const { return key.isNull(); }
};

std::optional<QList<Segment>> parsePath(const QString& path)
{
    QList<Segment> segments;
    int i = 0;
    const int n = int(path.size());
    while (i < n) {
        if (path.at(i) == u'.') {
            ++i;
            continue;
        }
        if (path.at(i) == u'[') {
            if (i + 1 < n && path.at(i + 1) == u'"') {
                const int end = int(path.indexOf(QStringLiteral("\"]"), i + 2));
                if (end < 0)
                    return std::nullopt;
                Segment s;
                s.key = path.mid(i + 2, end - i - 2);
                segments.append(s);
                i = end + 2;
                continue;
            }
            const int end = int(path.indexOf(u']', i + 1));
            if (end < 0)
                return std::nullopt;
            const QString inside = path.mid(i + 1, end - i - 1);
            Segment s;
            const int eq = int(inside.indexOf(u'='));
            if (eq > 0) {
                s.listKey = inside.left(eq);
                s.keyValue = inside.mid(eq + 1);
            } else {
                bool ok = false;
                s.index = inside.toInt(&ok);
                if (!ok)
                    return std::nullopt;
            }
            segments.append(s);
            i = end + 1;
            continue;
        }
        int end = i;
        while (end < n && path.at(end) != u'.' && path.at(end) != u'[')
            ++end;
        Segment s;
        s.key = path.mid(i, end - i);
        segments.append(s);
        i = end;
    }
    return segments;
}

QString scalarText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QStringLiteral("null");
}

bool absent(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined();
}

// Returns the changed node, or nullopt when the path cannot be followed.
std::optional<QJsonValue> apply(const QJsonValue& node, const QList<Segment>& path, int at, const QJsonValue& value)
{
    const Segment& s = path.at(at);
    const bool last = at == path.size() - 1;
    if (!s.isItem()) {
        if (!node.isObject() && !absent(node))
            return std::nullopt;
        QJsonObject object = node.toObject();
        if (last) {
            if (absent(value))
                object.remove(s.key);
            else
                object.insert(s.key, value);
            return object;
        }
        if (absent(value) && !object.contains(s.key))
            return object;  // nothing to remove
        auto child = apply(object.value(s.key), path, at + 1, value);
        if (!child)
            return std::nullopt;
        object.insert(s.key, *child);
        return object;
    }
    if (!node.isArray())
        return std::nullopt;
    QJsonArray array = node.toArray();
    int position = -1;
    if (!s.listKey.isEmpty()) {
        for (int i = 0; i < array.size(); ++i)
            if (scalarText(array.at(i).toObject().value(s.listKey)) == s.keyValue)
                position = i;
    } else if (s.index >= 0 && s.index < array.size()) {
        position = s.index;
    }
    if (position < 0)
        return std::nullopt;
    if (last) {
        if (absent(value))
            array.removeAt(position);
        else
            array.replace(position, value);
        return array;
    }
    auto child = apply(array.at(position), path, at + 1, value);
    if (!child)
        return std::nullopt;
    array.replace(position, *child);
    return array;
}

// Drops null, {} and [] (and maps left empty by that): the comparison treats them as absent, so
// the normalized diff must not show them as lines.
QJsonValue pruned(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            const QJsonValue child = pruned(it.value());
            if (!absent(child))
                out.insert(it.key(), child);
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(out);
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray()) {
            const QJsonValue child = pruned(item);
            out.append(absent(child) ? QJsonValue(QJsonObject()) : child);  // keep positions
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(out);
    }
    return value;
}

QJsonObject prunedObject(const QJsonObject& object)
{
    return pruned(object).toObject();
}

}  // namespace

QJsonObject withFieldValue(const QJsonObject& root, const QString& path, const QJsonValue& value)
{
    const auto segments = parsePath(path);
    if (!segments || segments->isEmpty())
        return root;
    const auto changed = apply(root, *segments, 0, value);
    return changed && changed->isObject() ? changed->toObject() : root;
}

DisplayPair displayObjects(const core::drift::ResourceDrift& resource, bool raw)
{
    using Reason = core::drift::HiddenDifference::Reason;
    DisplayPair pair{resource.desired, resource.live};
    // The comparison strips apiVersion with the volatile fields; a manifest reads better with it.
    const QString apiVersion = resource.group.isEmpty() ? resource.version : resource.group + u'/' + resource.version;
    for (QJsonObject* side : {&pair.desired, &pair.live})
        if (!side->isEmpty() && !side->contains(u"apiVersion") && !resource.version.isEmpty())
            side->insert(QStringLiteral("apiVersion"), apiVersion);
    const bool haveBoth = !pair.desired.isEmpty() && !pair.live.isEmpty();
    if (!haveBoth)
        return pair;  // missing or extra: one side is all there is
    for (const core::drift::HiddenDifference& h : resource.hidden) {
        if (raw) {
            // Ignore rules took their fields out of the compared live object: put them back.
            if (h.reason == Reason::Rule)
                pair.live = withFieldValue(pair.live, h.path, h.live);
        } else if (h.reason == Reason::Rule) {
            pair.desired = withFieldValue(pair.desired, h.path, QJsonValue::Null);
            pair.live = withFieldValue(pair.live, h.path, QJsonValue::Null);
        } else {
            pair.live = withFieldValue(pair.live, h.path, h.desired);
        }
    }
    if (!raw) {
        pair.desired = prunedObject(pair.desired);
        pair.live = prunedObject(pair.live);
    }
    return pair;
}

}  // namespace shiplog::ui
