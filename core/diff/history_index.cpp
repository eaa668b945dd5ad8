#include "core/diff/history_index.h"

#include "core/common/recent_memo.h"
#include "core/common/string_pool.h"
#include "core/diff/chunked_work.h"
#include "core/diff/history_index_scan.h"
#include "core/diff/history_index_store.h"
#include "core/diff/resource_pair.h"
#include "core/diff/tree_changes.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/parse_cache.h"

#include <QCborArray>
#include <QCborValue>
#include <QSet>
#include <algorithm>
#include <span>

namespace shiplog::core::diff {

namespace {

// Commits between two looks at cancel and progress.
constexpr qsizetype kBatchCommits = 64;
// New entries are written in batches, the first after kFirstFlush, each later one when as many are
// pending as were written before: a write rewrites whole shard files, so batches that grow with the
// store keep the writing linear in the history's length (fixed batches of 16,384 rewrote
// 100,000 commits' entries four times over, 15 % of that index's time).
constexpr qsizetype kFirstFlush = 16384;

QList<manifest::ParsedBlobPtr> blobsOf(const QList<ScannedBlob>& scanned, qsizetype from, qsizetype count)
{
    QList<manifest::ParsedBlobPtr> blobs;
    blobs.reserve(count);
    for (qsizetype i = from; i < from + count; ++i)
        blobs.append(scanned[i].blob);
    return blobs;
}

bool isTextDigest(const QByteArray& digest)
{
    return digest.startsWith(kTextDigestTag);
}

struct Placements
{
    QHash<manifest::ResourceKey, Placed> old;
    QHash<manifest::ResourceKey, Placed> now;
};

// A commit's settled entry from its files' blobs (`before`/`after`: the parsed or scanned content of
// delta.before/after), with the rules for files that fail (FailedFiles); `placed` keeps the
// placements for the caller.
IndexedCommit entryOf(const QString& id, const ManifestDelta& delta,
                      const QList<manifest::ParsedBlobPtr>& before,
                      const QList<manifest::ParsedBlobPtr>& after,
                      std::optional<Placements>* placed = nullptr)
{
    QList<manifest::ParseError> errors;
    QList<manifest::ParseError> oldErrors;
    QList<DuplicateDefinition> duplicates;
    QList<DuplicateDefinition> oldDuplicates; // the old revision's business, as its other errors
    FailedFiles failedBefore;
    FailedFiles failedAfter;
    Placements p{placeResources(delta.before, before, &oldErrors, &failedBefore, &oldDuplicates),
                 placeResources(delta.after, after, &errors, &failedAfter, &duplicates)};
    addUnexaminedBefore(oldErrors, failedAfter, &errors);
    IndexedCommit entry{
        id, compareSides(p.old, p.now, false, failedBefore, failedAfter), std::move(errors), false, {}, {}};
    QList<IndexedCommit::Definition> defined;
    // Where the new versions define keys beyond what the changes say (a second definition, a key
    // that did not change): a file can define a key at later revisions without being changed again.
    // Only what the file's old version at the same path did not define: the definitions are read as
    // their union over the history (homes), and the old version's were listed by an older commit —
    // an install bundle of 300 resources rewritten in every commit lists them once, not every time.
    QSet<std::pair<manifest::ResourceKey, QString>> known;
    for (const ResourceChange& change : std::as_const(entry.changes))
        known.insert({change.key, change.newPath});
    for (qsizetype i = 0; i < delta.before.size(); ++i) {
        for (const manifest::Resource& r : before[i]->resources)
            known.insert({r.key, delta.before[i].path});
    }
    for (qsizetype i = 0; i < delta.after.size(); ++i) {
        for (const manifest::Resource& r : after[i]->resources) {
            const std::pair<manifest::ResourceKey, QString> at{r.key, delta.after[i].path};
            if (!known.contains(at)) {
                known.insert(at);
                defined.append(IndexedCommit::Definition{r.key, delta.after[i].path});
            }
        }
    }
    entry.definitions = encodeDefinitions(defined);
    entry.duplicates = encodeDuplicates(duplicates);
    if (placed)
        *placed = std::move(p);
    return entry;
}

// One commit's entry from its files' scanned blobs.
IndexedCommit indexCommit(const git::ObjectId& id, const ManifestDelta& delta,
                          const QList<ScannedBlob>& scanned)
{
    const qsizetype before = delta.before.size();
    const qsizetype after = delta.after.size();
    std::optional<Placements> placed;
    IndexedCommit commit =
        entryOf(id.toString(), delta, blobsOf(scanned, 0, before), blobsOf(scanned, before, after), &placed);
    // A listed modification between two texts (or a text and values) may be no change of values.
    for (const ResourceChange& change : std::as_const(commit.changes)) {
        if (change.change != ChangeKind::Modified)
            continue;
        const auto a = placed->old.constFind(change.key);
        const auto b = placed->now.constFind(change.key);
        if (isTextDigest(a->resource->digest) || isTextDigest(b->resource->digest)) {
            commit.presumed = true;
            break;
        }
    }
    // A file whose text no parser read may not parse: then its resources go (or come back) with
    // it — on either side. Its other keys are unsettled.
    QSet<manifest::ResourceKey> listed;
    for (const ResourceChange& change : std::as_const(commit.changes))
        listed.insert(change.key);
    for (qsizetype i = 0; i < before + after; ++i) {
        if (!scanned[i].unparsed)
            continue;
        commit.presumed = true;
        for (const manifest::Resource& r : scanned[i].blob->resources) {
            if (!listed.contains(r.key)) {
                listed.insert(r.key);
                commit.unsettled.append(r.key);
            }
        }
    }
    std::sort(commit.unsettled.begin(), commit.unsettled.end());
    return commit;
}

void intern(manifest::ResourceKey& key, StringPool& pool)
{
    pool.intern(key.group);
    pool.intern(key.kind);
    pool.intern(key.namespaceName);
    pool.intern(key.name);
}

// An index holds the same kinds, names, versions and paths in thousands of entries: one copy each
// (100,000 commits read from disk: 166 → … MB of heap).
void intern(IndexedCommit& commit, StringPool& pool)
{
    for (ResourceChange& change : commit.changes) {
        intern(change.key, pool);
        pool.intern(change.oldVersion);
        pool.intern(change.newVersion);
        pool.intern(change.oldPath);
        pool.intern(change.newPath);
    }
    for (manifest::ParseError& error : commit.errors) {
        pool.intern(error.path);
        pool.intern(error.message);
    }
    for (manifest::ResourceKey& key : commit.unsettled)
        intern(key, pool);
}

} // namespace

std::optional<QList<IndexedCommit::Definition>> definitionsOf(const IndexedCommit& commit)
{
    if (commit.definitions.isEmpty())
        return QList<IndexedCommit::Definition>();
    // [path, count, group, kind, namespace, name, … (count keys), path, count, …]
    QCborParserError error;
    const QCborArray flat = QCborValue::fromCbor(commit.definitions, &error).toArray();
    if (error.error != QCborError::NoError)
        return std::nullopt;
    QList<IndexedCommit::Definition> defined;
    for (qsizetype i = 0; i < flat.size();) {
        if (i + 2 > flat.size() || !flat.at(i).isString() || !flat.at(i + 1).isInteger())
            return std::nullopt;
        const QString path = flat.at(i).toString();
        const qint64 count = flat.at(i + 1).toInteger();
        i += 2;
        if (count < 0 || count > (flat.size() - i) / 4)
            return std::nullopt;
        for (qint64 k = 0; k < count; ++k, i += 4) {
            for (qsizetype f = i; f < i + 4; ++f) {
                if (!flat.at(f).isString())
                    return std::nullopt;
            }
            defined.append(IndexedCommit::Definition{
                manifest::ResourceKey{flat.at(i).toString(), flat.at(i + 1).toString(),
                                      flat.at(i + 2).toString(), flat.at(i + 3).toString()},
                path});
        }
    }
    return defined;
}

std::optional<QList<DuplicateDefinition>> duplicatesOf(const IndexedCommit& commit)
{
    return decodeDuplicates(commit.duplicates);
}

bool forEachHome(const IndexedCommit& commit,
                 const std::function<void(const manifest::ResourceKey&, const QString&)>& home)
{
    for (const ResourceChange& change : commit.changes) {
        if (!change.oldPath.isEmpty())
            home(change.key, change.oldPath);
        if (!change.newPath.isEmpty())
            home(change.key, change.newPath);
    }
    const auto defined = definitionsOf(commit);
    if (!defined)
        return false;
    for (const IndexedCommit::Definition& d : *defined)
        home(d.key, d.path);
    return true;
}

QByteArray encodeDefinitions(const QList<IndexedCommit::Definition>& defined)
{
    if (defined.isEmpty())
        return {};
    QList<QString> paths; // in order of first appearance
    QHash<QString, QList<const manifest::ResourceKey*>> keys;
    for (const IndexedCommit::Definition& d : defined) {
        auto& at = keys[d.path];
        if (at.isEmpty())
            paths.append(d.path);
        at.append(&d.key);
    }
    QCborArray flat;
    for (const QString& path : std::as_const(paths)) {
        const auto& at = keys[path];
        flat.append(path);
        flat.append(qint64(at.size()));
        for (const manifest::ResourceKey* key : at) {
            flat.append(key->group);
            flat.append(key->kind);
            flat.append(key->namespaceName);
            flat.append(key->name);
        }
    }
    return QCborValue(flat).toCbor();
}

bool mayChange(const IndexedCommit& commit, const manifest::ResourceKey& key)
{
    return std::any_of(commit.changes.begin(), commit.changes.end(),
                       [&key](const ResourceChange& change) { return change.key == key; }) ||
           std::binary_search(commit.unsettled.begin(), commit.unsettled.end(), key);
}

Result<HistoryIndex> indexHistory(const git::Repository& repo, const QString& revision,
                                  const ChangeSetOptions& options, manifest::ParseCache& cache,
                                  const IndexHooks& hooks)
{
    Q_UNUSED(cache);
    auto commits = git::reachableCommits(repo, revision);
    if (!commits)
        return std::unexpected(commits.error());
    const qsizetype total = commits->size();
    const QStringList boundary = repo.shallowBoundary();
    HistoryIndex index;
    index.commits.resize(total);
    // Filled in place, on several threads (each its own positions): no second copy of the index.
    const std::span<IndexedCommit> entries(index.commits.data(), size_t(total));
    QList<qsizetype> unindexed; // positions of the commits not on disk, newest first
    StringPool strings;
    QStringList shallowBoundary;
    for (qsizetype i = 0; i < total; ++i) {
        if (i % kBatchCommits == 0) {
            if (hooks.canceled && hooks.canceled())
                return fail(QStringLiteral("Cancelled"));
            if (hooks.progress)
                hooks.progress(int(i - unindexed.size()), int(total));
        }
        if (hooks.store) {
            if (auto stored = hooks.store->find(commits->at(i), options.folders, &strings)) {
                entries[size_t(i)] = std::move(*stored); // its strings already from the pool
                continue;
            }
        }
        // A shallow clone's boundary: its parent is not here, so what it changed is unknown (and it
        // is not stored: a deeper fetch may bring the parent).
        if (!boundary.isEmpty() && boundary.contains(commits->at(i).toString())) {
            shallowBoundary.append(commits->at(i).toString());
            entries[size_t(i)] = IndexedCommit{commits->at(i).toString(), {}, {}, false, {}, {}};
            continue;
        }
        unindexed.append(i);
    }
    const QStringList folders = options.folders;
    // Each thread scans with its own scanner, which keeps its share of the memory bound.
    const auto workerFor = [&folders, &unindexed, &entries, &commits](int threads) -> ItemWork {
        auto scanner = std::make_shared<BlobScanner>(manifest::ParseOptions{}, threads);
        return [&folders, &unindexed, &entries, &commits, scanner](const git::Repository& own,
                                                                   qsizetype k) -> Result<void> {
            const qsizetype position = unindexed[k];
            const git::ObjectId& id = commits->at(position);
            auto delta = deltaToParent(own, id, 0, folders);
            if (!delta)
                return std::unexpected(delta.error());
            QList<git::ObjectId> ids;
            ids.reserve(delta->before.size() + delta->after.size());
            for (const FileVersion& file : std::as_const(delta->before))
                ids.append(file.id);
            for (const FileVersion& file : std::as_const(delta->after))
                ids.append(file.id);
            auto scanned = scanner->scanMany(own, ids);
            if (!scanned)
                return std::unexpected(scanned.error());
            entries[size_t(position)] = indexCommit(id, *delta, *scanned);
            return {};
        };
    };
    qsizetype flushAt = kFirstFlush;
    qsizetype written = 0;
    const qsizetype known = total - unindexed.size();
    auto indexed = runInChunks(
        repo, unindexed.size(), workerFor,
        [&](qsizetype k) {
            const qsizetype position = unindexed[k];
            intern(entries[size_t(position)], strings);
            if (!hooks.store)
                return;
            hooks.store->add(commits->at(position), options.folders, entries[size_t(position)]);
            if (const qsizetype pending = hooks.store->pendingCount(); pending >= flushAt) {
                hooks.store->flush();
                hooks.store->release(); // written: the store need not keep them (nor the file's others)
                written += pending;
                flushAt = written;
            }
        },
        [&](qsizetype done) {
            if (hooks.progress)
                hooks.progress(int(known + done), int(total));
            return !(hooks.canceled && hooks.canceled());
        },
        hooks.threads);
    if (hooks.store) {
        hooks.store->flush(); // what was indexed before a failure or cancel is kept
        hooks.store->release();
    }
    if (!indexed)
        return std::unexpected(indexed.error());
    if (hooks.progress)
        hooks.progress(int(total), int(total));
    index.shallowBoundary = std::move(shallowBoundary);
    return index;
}

Result<std::shared_ptr<const HistoryIndex>>
sharedIndexHistory(const git::Repository& repo, const QString& revision, const ChangeSetOptions& options,
                   manifest::ParseCache& cache, const IndexHooks& hooks)
{
    auto tip = repo.resolve(revision);
    if (!tip)
        return std::unexpected(tip.error());
    const QString key =
        repo.path() + QLatin1Char('\n') + *tip + QLatin1Char('\n') + options.folders.join(QLatin1Char('\n'));
    static RecentMemo<QString, HistoryIndex, 2> recent;
    if (auto found = recent.find(key))
        return found;
    IndexHooks withStore = hooks;
    if (!withStore.store)
        withStore.store = IndexStore::shared();
    auto index = indexHistory(repo, revision, options, cache, withStore);
    if (!index)
        return std::unexpected(index.error());
    auto shared = std::make_shared<const HistoryIndex>(std::move(*index));
    recent.insert(key, shared);
    return shared;
}

QList<manifest::ResourceKey> indexedKeys(const HistoryIndex& index)
{
    QSet<manifest::ResourceKey> keys;
    for (const IndexedCommit& commit : index.commits) {
        for (const ResourceChange& change : commit.changes)
            keys.insert(change.key);
        for (const manifest::ResourceKey& key : commit.unsettled)
            keys.insert(key);
    }
    QList<manifest::ResourceKey> sorted(keys.begin(), keys.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

Result<manifest::ResourceKey> resolveOmittedGroup(const manifest::ResourceKey& key,
                                                  const QList<manifest::ResourceKey>& known)
{
    if (!key.group.isEmpty() || known.contains(key))
        return key;
    QList<manifest::ResourceKey> matches;
    for (const manifest::ResourceKey& candidate : known) {
        if (candidate.kind == key.kind && candidate.namespaceName == key.namespaceName &&
            candidate.name == key.name)
            matches.append(candidate);
    }
    if (matches.isEmpty())
        return key;
    if (matches.size() == 1)
        return matches.front();
    QStringList named;
    for (const manifest::ResourceKey& match : std::as_const(matches))
        named.append(match.toArgument());
    return std::unexpected(Error{QStringLiteral("'%1' names a kind that this history has in %2 API groups: "
                                                "name the group (%3)")
                                     .arg(key.toArgument())
                                     .arg(matches.size())
                                     .arg(named.join(QStringLiteral(", ")))});
}

Result<IndexedCommit> settleIndexedCommit(const git::Repository& repo, const IndexedCommit& commit,
                                          const ChangeSetOptions& options, manifest::ParseCache& cache)
{
    if (!commit.presumed)
        return commit;
    auto id = git::ObjectId::fromString(commit.id);
    if (!id)
        return std::unexpected(id.error());
    auto delta = deltaToParent(repo, *id, 0, options.folders);
    if (!delta)
        return std::unexpected(delta.error());
    const auto blobsOfFiles = [&repo, &cache](const QList<FileVersion>& files) {
        QList<git::ObjectId> ids;
        for (const FileVersion& file : files)
            ids.append(file.id);
        return cache.getMany(repo, ids, manifest::ParseCache::Need::Keys);
    };
    return entryOf(commit.id, *delta, blobsOfFiles(delta->before), blobsOfFiles(delta->after));
}

} // namespace shiplog::core::diff
