#include "core/diff/resource_pair.h"

#include "core/manifest/parse_cache.h"
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
        manifest::maskSecretPair(a && a->isSecret() ? &oldObject : nullptr,
                                 b && b->isSecret() ? &newObject : nullptr);
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
    return std::tie(a.key.namespaceName, a.key.group, a.key.kind, a.key.name) <
           std::tie(b.key.namespaceName, b.key.group, b.key.kind, b.key.name);
}

} // namespace

QList<ResourceChange> compareSides(const QHash<manifest::ResourceKey, Placed>& before,
                                   const QHash<manifest::ResourceKey, Placed>& after, bool details,
                                   const FailedFiles& failedBefore, const FailedFiles& failedAfter)
{
    QList<ResourceChange> changes;
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto was = before.constFind(it.key());
        if (was == before.constEnd() && failedBefore.unexamined.contains(it->path))
            continue;
        if (auto change = compareResource(was == before.constEnd() ? nullptr : &*was, &*it, details))
            changes.append(std::move(*change));
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()) && !failedAfter.failed.contains(it->path)) {
            if (auto change = compareResource(&*it, nullptr, details))
                changes.append(std::move(*change));
        }
    }
    std::sort(changes.begin(), changes.end(), keyOrder);
    return changes;
}

void addUnexaminedBefore(const QList<manifest::ParseError>& oldErrors, const FailedFiles& failedAfter,
                         QList<manifest::ParseError>* errors)
{
    for (const manifest::ParseError& error : oldErrors) {
        if (!error.contentUnknown || failedAfter.failed.contains(error.path))
            continue;
        errors->append(manifest::ParseError{
            error.path, error.line,
            QStringLiteral("at the previous revision: %1; what this change did to the file is unknown")
                .arg(error.message),
            true});
    }
}

bool pathBefore(const QString& a, const QString& b)
{
    return a.toUtf8() < b.toUtf8();
}

QHash<manifest::ResourceKey, Placed> firstDefinitions(const QList<FileVersion>& files,
                                                      const QList<manifest::ParsedBlobPtr>& blobs,
                                                      const QSet<manifest::ResourceKey>& wanted)
{
    QHash<manifest::ResourceKey, Placed> first;
    for (qsizetype i = 0; i < files.size(); ++i) {
        for (const manifest::Resource& r : blobs[i]->resources) {
            if (!wanted.contains(r.key))
                continue;
            const auto it = first.constFind(r.key);
            if (it == first.constEnd() || pathBefore(files[i].path, it->path))
                first.insert(r.key, Placed{&r, files[i].path, blobs[i]});
        }
    }
    return first;
}

QList<manifest::ResourceKey> applyUnchangedDefinitions(QHash<manifest::ResourceKey, Placed>& before,
                                                       QHash<manifest::ResourceKey, Placed>& after,
                                                       const QHash<manifest::ResourceKey, Placed>& unchanged,
                                                       QList<manifest::ParseError>* errors)
{
    QList<manifest::ResourceKey> oneSided;
    for (auto u = unchanged.begin(); u != unchanged.end(); ++u) {
        const manifest::ResourceKey& key = u.key();
        const auto b = before.constFind(key);
        const auto a = after.constFind(key);
        const bool winsBefore = b == before.constEnd() || pathBefore(u->path, b->path);
        const bool winsAfter = a == after.constEnd() || pathBefore(u->path, a->path);
        if (errors && a != after.constEnd()) {
            const Placed& winner = winsAfter ? *u : *a;
            const Placed& loser = winsAfter ? *a : *u;
            errors->append(toParseError(DuplicateDefinition{key, loser.path, loser.resource->line,
                                                            winner.path, winner.resource->line}));
        }
        if (winsBefore && winsAfter) {
            before.remove(key);
            after.remove(key);
            continue;
        }
        if (winsBefore)
            before.insert(key, *u);
        if (winsAfter)
            after.insert(key, *u);
        if (winsBefore || winsAfter)
            oneSided.append(key);
    }
    return oneSided;
}

// A key defined twice at one revision: the first definition in path order counts, in all the
// revision's files — so the files this change did not touch are read too (as summaries: cached,
// and kept on disk), and where one of them defines a key of the change first, it decides.
Result<void> applyUntouchedFiles(const git::Repository& repo, const git::ObjectId& tree,
                                 const ManifestDelta& delta, QHash<manifest::ResourceKey, Placed>& old,
                                 QHash<manifest::ResourceKey, Placed>& now, const ChangeSetOptions& options,
                                 manifest::ParseCache& cache, QList<manifest::ParseError>* errors,
                                 const QSet<QString>* onlyPaths)
{
    QSet<manifest::ResourceKey> wanted;
    for (auto it = old.keyBegin(); it != old.keyEnd(); ++it)
        wanted.insert(*it);
    for (auto it = now.keyBegin(); it != now.keyEnd(); ++it)
        wanted.insert(*it);
    if (wanted.isEmpty() || tree.isNull())
        return {};
    auto files = manifestFiles(repo, tree, options.folders);
    if (!files)
        return std::unexpected(files.error());
    QSet<QString> touched;
    for (const FileVersion& file : delta.after)
        touched.insert(file.path);
    QList<FileVersion> untouched;
    QList<git::ObjectId> ids;
    for (const FileVersion& file : std::as_const(*files)) {
        if (!touched.contains(file.path) && (!onlyPaths || onlyPaths->contains(file.path))) {
            untouched.append(file);
            ids.append(file.id);
        }
    }
    if (untouched.isEmpty())
        return {};
    const auto blobs = cache.getMany(repo, ids, manifest::ParseCache::Need::Keys);
    const auto first = firstDefinitions(untouched, blobs, wanted);
    const QList<manifest::ResourceKey> oneSided = applyUnchangedDefinitions(old, now, first, errors);
    if (!options.details)
        return {};
    // An untouched file decides the key on one side only: its values are compared, so read them.
    for (const manifest::ResourceKey& key : oneSided) {
        const Placed& decided = first[key];
        const auto file = std::find_if(untouched.cbegin(), untouched.cend(),
                                       [&decided](const FileVersion& f) { return f.path == decided.path; });
        const manifest::ParsedBlobPtr blob = cache.get(repo, file->id);
        for (const manifest::Resource& r : blob->resources) {
            if (r.key != key)
                continue;
            const Placed detailed{&r, decided.path, blob};
            for (auto* side : {&old, &now}) {
                const auto it = side->find(key);
                if (it != side->end() && it->path == decided.path)
                    *it = detailed;
            }
            break;
        }
    }
    return {};
}

} // namespace shiplog::core::diff
