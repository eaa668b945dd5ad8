#include "core/diff/resource_pair.h"

#include "core/manifest/secrets.h"
#include "core/manifest/yaml_writer.h"

#include <algorithm>

namespace shiplog::core::diff {

std::optional<ResourceChange> compareResource(const Placed* before, const Placed* after, bool details)
{
    if (!before && !after)
        return std::nullopt;
    ResourceChange change;
    const manifest::Resource* a = before ? before->resource : nullptr;
    const manifest::Resource* b = after ? after->resource : nullptr;
    change.key = a ? a->key : b->key;
    if (a && b) {
        if (before->path != after->path)
            change.change = ChangeKind::Moved;
        else if (a->digest != b->digest)
            change.change = ChangeKind::Modified;
        else
            return std::nullopt;
    } else {
        change.change = a ? ChangeKind::Removed : ChangeKind::Added;
    }
    if (a) {
        change.oldVersion = a->version;
        change.oldPath = before->path;
        change.oldLine = a->line;
    }
    if (b) {
        change.newVersion = b->version;
        change.newPath = after->path;
        change.newLine = b->line;
    }
    if (!details)
        return change;

    const bool secret = (a && a->isSecret()) || (b && b->isSecret());
    QJsonObject oldObject = a ? a->object : QJsonObject();
    QJsonObject newObject = b ? b->object : QJsonObject();
    if (secret)
        manifest::maskSecretPair(a && a->isSecret() ? &oldObject : nullptr, b && b->isSecret() ? &newObject : nullptr);
    if (a && b && a->digest != b->digest)
        change.fields = diffFields(oldObject, newObject);
    if (a)
        change.oldText = a->isSecret() ? manifest::toYaml(oldObject) : a->text;
    if (b)
        change.newText = b->isSecret() ? manifest::toYaml(newObject) : b->text;
    return change;
}

namespace {

bool keyOrder(const ResourceChange& a, const ResourceChange& b)
{
    return std::tie(a.key.namespaceName, a.key.group, a.key.kind, a.key.name)
        < std::tie(b.key.namespaceName, b.key.group, b.key.kind, b.key.name);
}

}  // namespace

QList<ResourceChange> compareSides(const QHash<manifest::ResourceKey, Placed>& before,
                                   const QHash<manifest::ResourceKey, Placed>& after, bool details)
{
    QList<ResourceChange> changes;
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto was = before.constFind(it.key());
        if (auto change = compareResource(was == before.constEnd() ? nullptr : &*was, &*it, details))
            changes.append(std::move(*change));
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key())) {
            if (auto change = compareResource(&*it, nullptr, details))
                changes.append(std::move(*change));
        }
    }
    std::sort(changes.begin(), changes.end(), keyOrder);
    return changes;
}

}  // namespace shiplog::core::diff
