#include "ui/drift/raw_objects.h"

#include "core/drift/field_path.h"

#include <QJsonArray>
#include <optional>

namespace shiplog::ui {

namespace {

using core::drift::FieldPath;
using core::drift::scalarText;

bool absent(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined();
}

// Returns the changed node, or nullopt when the path cannot be followed.
std::optional<QJsonValue> apply(const QJsonValue& node, const FieldPath& path, qsizetype at,
                                const QJsonValue& value)
{
    const core::drift::PathSegment& s = path.at(at);
    const bool last = at == path.size() - 1;
    if (!s.isListItem()) {
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
            return object; // nothing to remove
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
            if (scalarText(array.at(i).toObject().value(s.listKey)) == scalarText(s.keyValue))
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
            out.append(absent(child) ? QJsonValue(QJsonObject()) : child); // keep positions
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(out);
    }
    return value;
}

QJsonObject prunedObject(const QJsonObject& object)
{
    return pruned(object).toObject();
}

} // namespace

QJsonObject withFieldValue(const QJsonObject& root, const QString& path, const QJsonValue& value)
{
    const auto segments = core::drift::parsePath(path);
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
    const QString apiVersion =
        resource.group.isEmpty() ? resource.version : resource.group + u'/' + resource.version;
    for (QJsonObject* side : {&pair.desired, &pair.live})
        if (!side->isEmpty() && !side->contains(u"apiVersion") && !resource.version.isEmpty())
            side->insert(QStringLiteral("apiVersion"), apiVersion);
    const bool haveBoth = !pair.desired.isEmpty() && !pair.live.isEmpty();
    if (!haveBoth)
        return pair; // missing or extra: one side is all there is
    auto value = [](const QJsonValue& v) { return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v; };
    for (const core::drift::HiddenDifference& h : resource.hidden) {
        // Taken out of the compared objects before comparing: Raw puts them back, Normalized leaves
        // them out.
        const bool takenOut = h.reason == Reason::ClusterScoped || h.reason == Reason::NullInGit ||
                              h.reason == Reason::AutoscalerOwned ||
                              (h.reason == Reason::ControllerOwned &&
                               (h.path == u"status" || h.path == u"metadata.finalizers"));
        if (takenOut) {
            if (raw && (h.reason == Reason::ClusterScoped || h.reason == Reason::AutoscalerOwned))
                pair.desired = withFieldValue(pair.desired, h.path, value(h.desired));
            if (raw && h.reason != Reason::ClusterScoped && h.reason != Reason::NullInGit)
                pair.live = withFieldValue(pair.live, h.path, value(h.live));
        } else if (raw) {
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

} // namespace shiplog::ui
