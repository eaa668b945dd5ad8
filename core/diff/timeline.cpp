#include "core/diff/timeline.h"

#include "core/diff/history_index.h"
#include "core/diff/history_index_store.h"
#include "core/diff/resource_pair.h"
#include "core/diff/resource_postings.h"
#include "core/diff/tree_changes.h"
#include "core/git/git_error.h"
#include "core/git/history.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/parse_cache.h"

#include <QLocale>
#include <QSet>
#include <algorithm>

namespace shiplog::core::diff {

namespace {

// The change of `key` made by `commit` against its parent number `parent` (with the whole-revision
// rule for keys defined twice, as computeChangeSet applies it), or nullopt when it did not change.
// `homes`, when known: every path where the history defines the key — the only untouched files that
// can decide it under that rule.
Result<std::optional<ResourceChange>> changeOfKey(const git::Repository& repo, const git::CommitInfo& commit,
                                                  unsigned parent, const manifest::ResourceKey& key,
                                                  const ChangeSetOptions& options,
                                                  manifest::ParseCache& cache, bool details,
                                                  const QSet<QString>* homes)
{
    auto tree = git::treeOf(repo, commit.id);
    if (!tree)
        return std::unexpected(tree.error());
    auto parentTree = parent < unsigned(commit.parents.size()) ? git::treeOf(repo, commit.parents.at(parent))
                                                               : Result<git::ObjectId>(git::ObjectId());
    if (!parentTree)
        return std::unexpected(parentTree.error());
    auto delta = manifestDelta(repo, *parentTree, *tree, options.folders);
    if (!delta)
        return std::unexpected(delta.error());
    FailedFiles failedBefore;
    FailedFiles failedAfter;
    auto old = placeResources(repo, delta->before, cache, nullptr, details, &failedBefore);
    auto now = placeResources(repo, delta->after, cache, nullptr, details, &failedAfter);
    ChangeSetOptions withDetails = options;
    withDetails.details = details;
    if (auto resolved =
            applyUntouchedFiles(repo, *tree, *delta, old, now, withDetails, cache, nullptr, homes);
        !resolved)
        return std::unexpected(resolved.error());
    const auto a = old.constFind(key);
    const auto b = now.constFind(key);
    if (a == old.constEnd() && b != now.constEnd() && failedBefore.unexamined.contains(b->path))
        return std::optional<ResourceChange>(); // its old content is unknown: not "added"
    if (a != old.constEnd() && b == now.constEnd() && failedAfter.failed.contains(a->path))
        return std::optional<ResourceChange>(); // its file failed: not "removed"
    return compareResource(a == old.constEnd() ? nullptr : &*a, b == now.constEnd() ? nullptr : &*b, details);
}

// The errors a timeline of `key` carries (Timeline::errors): the index knows which paths held the
// key and which files of each commit failed, and where the key was defined twice. Other keys'
// second definitions are not this resource's business (on argo-cd they were 30,000 errors in
// every timeline).
void collectErrors(const HistoryIndex& index, const manifest::ResourceKey& key, Timeline& timeline)
{
    const auto add = [&timeline](const QString& commit, const manifest::ParseError& error) {
        if (timeline.errors.size() < Timeline::kMaxErrors)
            timeline.errors.append(TimelineError{commit, error});
        else
            ++timeline.moreErrors;
    };
    QSet<QString> paths;
    for (const IndexedCommit& commit : index.commits) {
        for (const ResourceChange& change : commit.changes) {
            if (change.key == key) {
                paths.insert(change.oldPath);
                paths.insert(change.newPath);
            }
        }
    }
    paths.remove(QString());
    for (const IndexedCommit& commit : index.commits) {
        for (const manifest::ParseError& error : commit.errors) {
            if (error.contentUnknown || paths.contains(error.path))
                add(commit.id, error);
        }
        if (commit.duplicates.isEmpty())
            continue;
        const auto duplicates = duplicatesOf(commit);
        if (!duplicates) {
            add(commit.id, manifest::ParseError{{},
                                                0,
                                                QStringLiteral("the history index's list of keys this commit "
                                                               "defines twice does not decode (a damaged "
                                                               "cache?); they are not shown")});
            continue;
        }
        for (const DuplicateDefinition& duplicate : *duplicates) {
            if (duplicate.key == key)
                add(commit.id, toParseError(duplicate));
        }
    }
}

bool covers(const QString& changed, const QString& path)
{
    if (changed == path)
        return true;
    auto isPrefix = [](const QString& outer, const QString& inner) {
        return inner.size() > outer.size() && inner.startsWith(outer) &&
               (inner[outer.size()] == QLatin1Char('.') || inner[outer.size()] == QLatin1Char('['));
    };
    return isPrefix(changed, path) || isPrefix(path, changed);
}

} // namespace

namespace {

template <typename T> IndexHooks hooksOf(QPromise<T>* promise)
{
    IndexHooks hooks;
    if (promise) {
        hooks.canceled = [promise] { return promise->isCanceled(); };
        hooks.progress = [promise](int done, int total) {
            promise->setProgressRange(0, total);
            promise->setProgressValueAndText(
                done, QStringLiteral("Reading commit %1 of %2")
                          .arg(QLocale().toString(qMin(done + 1, total)), QLocale().toString(total)));
        };
    }
    return hooks;
}

// The timeline of `key`, with field diffs and texts when `details`.
Result<Timeline> walkTimeline(const git::Repository& repo, const manifest::ResourceKey& named,
                              const QString& revision, const ChangeSetOptions& options,
                              manifest::ParseCache& cache, const IndexHooks& hooks, bool details)
{
    // First which commits may have changed the key (the key-level index, kept for the next
    // question about this history), then each of those for certain — with the whole-revision rule
    // for keys defined twice, which can only take a change away from a commit the index lists.
    auto index = sharedIndexHistory(repo, revision, options, cache, hooks);
    if (!index)
        return std::unexpected(index.error());
    const auto resolved = named.group.isEmpty() ? resolveOmittedGroup(named, indexedKeys(**index))
                                                : Result<manifest::ResourceKey>(named);
    if (!resolved)
        return std::unexpected(resolved.error());
    const manifest::ResourceKey& key = *resolved;
    Timeline timeline;
    timeline.key = key;
    timeline.commitsScanned = int((*index)->commits.size());
    collectErrors(**index, key, timeline);
    timeline.shallowBoundary = (*index)->shallowBoundary;
    // Where the history defines the key: a candidate is then decided without reading the revision's
    // every other file (on 30,000 commits of 600 files, the first timeline parsed 17,000 documents
    // for that). Unknown above a shallow boundary, whose first revision's files were never listed.
    std::optional<QSet<QString>> homes;
    if (timeline.shallowBoundary.isEmpty()) {
        homes.emplace();
        for (const IndexedCommit& indexed : std::as_const((*index)->commits)) {
            const bool decoded =
                forEachHome(indexed, [&key, &homes](const manifest::ResourceKey& at, const QString& path) {
                    if (at == key)
                        homes->insert(path);
                });
            if (!decoded) {
                homes.reset();
                break;
            }
        }
    }
    const QSet<QString>* onlyHomes = homes ? &*homes : nullptr;
    for (const IndexedCommit& indexed : std::as_const((*index)->commits)) {
        if (!mayChange(indexed, key))
            continue;
        if (hooks.canceled && hooks.canceled())
            return fail(QStringLiteral("Cancelled"));
        auto id = git::ObjectId::fromString(indexed.id);
        if (!id)
            return std::unexpected(id.error());
        auto commit = git::readCommit(repo, *id);
        if (!commit)
            return std::unexpected(commit.error());
        auto change = changeOfKey(repo, *commit, 0, key, options, cache, details, onlyHomes);
        if (!change)
            return std::unexpected(change.error());
        if (!*change)
            continue;
        // A merge is listed only when the resource differs from every parent, as git log lists a
        // merge for a path.
        bool sameAsAParent = false;
        const unsigned parents = unsigned(commit->parents.size());
        for (unsigned p = 1; p < parents && !sameAsAParent; ++p) {
            auto other = changeOfKey(repo, *commit, p, key, options, cache, false, onlyHomes);
            if (!other)
                return std::unexpected(other.error());
            sameAsAParent = !other->has_value();
        }
        if (sameAsAParent)
            continue;
        timeline.steps.append(TimelineStep{std::move(*commit), std::move(**change)});
    }
    return timeline;
}

} // namespace

namespace {

// changeOfKey without details, reading only the files that can hold `key`: those at its homes (every
// path where some revision of the history defines it). The changed files elsewhere do not define
// it on either side, so they neither place it nor fail it; the untouched files that can decide it
// under the whole-revision rule are the homes the change did not touch. Same answer, a few blobs
// instead of the revision's every file.
Result<bool> changesKey(const git::Repository& repo, const git::ObjectId& tree,
                        const git::ObjectId& parentTree, const manifest::ResourceKey& key,
                        const QStringList& homes, const ChangeSetOptions& options,
                        manifest::ParseCache& cache)
{
    auto delta = manifestDelta(repo, parentTree, tree, options.folders);
    if (!delta)
        return std::unexpected(delta.error());
    const auto atHomes = [&homes](const QList<FileVersion>& files) {
        QList<FileVersion> kept;
        for (const FileVersion& file : files) {
            if (std::binary_search(homes.cbegin(), homes.cend(), file.path))
                kept.append(file);
        }
        return kept;
    };
    const QList<FileVersion> before = atHomes(delta->before);
    const QList<FileVersion> after = atHomes(delta->after);
    FailedFiles failedBefore;
    FailedFiles failedAfter;
    auto old = placeResources(repo, before, cache, nullptr, false, &failedBefore);
    auto now = placeResources(repo, after, cache, nullptr, false, &failedAfter);
    if (old.contains(key) || now.contains(key)) {
        QList<FileVersion> untouched;
        for (const QString& home : homes) {
            if (std::any_of(after.cbegin(), after.cend(),
                            [&home](const FileVersion& f) { return f.path == home; }))
                continue;
            auto blob = git::fileAt(repo, tree, home);
            if (!blob)
                return std::unexpected(blob.error());
            if (*blob)
                untouched.append(FileVersion{home, **blob});
        }
        if (!untouched.isEmpty()) {
            QList<git::ObjectId> ids;
            for (const FileVersion& file : std::as_const(untouched))
                ids.append(file.id);
            const auto blobs = cache.getMany(repo, ids, manifest::ParseCache::Need::Keys);
            applyUnchangedDefinitions(old, now, firstDefinitions(untouched, blobs, {key}), nullptr);
        }
    }
    const auto a = old.constFind(key);
    const auto b = now.constFind(key);
    if (a == old.constEnd() && b != now.constEnd() && failedBefore.unexamined.contains(b->path))
        return false;
    if (a != old.constEnd() && b == now.constEnd() && failedAfter.failed.contains(a->path))
        return false;
    return compareResource(a == old.constEnd() ? nullptr : &*a, b == now.constEnd() ? nullptr : &*b, false)
        .has_value();
}

// A commit's tree and each parent's; a root commit has one, the empty tree (it changed everything
// it holds against nothing).
struct CommitTrees
{
    git::ObjectId tree;
    QList<git::ObjectId> parents;
};

Result<CommitTrees> treesOf(const git::Repository& repo, const git::ObjectId& id)
{
    auto commit = git::readCommit(repo, id);
    if (!commit)
        return std::unexpected(commit.error());
    auto tree = git::treeOf(repo, commit->id);
    if (!tree)
        return std::unexpected(tree.error());
    CommitTrees trees{*tree, {}};
    for (const QString& parent : std::as_const(commit->parents)) {
        auto parentTree = git::treeOf(repo, parent);
        if (!parentTree)
            return std::unexpected(parentTree.error());
        trees.parents.append(*parentTree);
    }
    if (trees.parents.isEmpty())
        trees.parents.append(git::ObjectId());
    return trees;
}

// Whether the timeline of `key` lists `id`: it changed the key against its first parent (a root
// commit: against nothing) and, a merge, against every other parent too, as git log lists a merge
// for a path.
Result<bool> listsCommit(const git::Repository& repo, const git::ObjectId& id,
                         const manifest::ResourceKey& key, const QStringList& homes,
                         const ChangeSetOptions& options, manifest::ParseCache& cache)
{
    auto trees = treesOf(repo, id);
    if (!trees)
        return std::unexpected(trees.error());
    for (const git::ObjectId& parentTree : std::as_const(trees->parents)) {
        auto differs = changesKey(repo, trees->tree, parentTree, key, homes, options, cache);
        if (!differs)
            return std::unexpected(differs.error());
        if (!*differs)
            return false;
    }
    return true;
}

// Reads the blobs the undecided candidates need (their changed files at the key's homes, on every
// parent's side) through `cache` in one batch, so that the parse threads parse them together
// instead of one or two per candidate.
Result<void> readBlobsAtHomes(const git::Repository& repo, const ResourcePostings& index,
                              const KeyPostings& posting, const QHash<git::ObjectId, bool>& decided,
                              const ChangeSetOptions& options, manifest::ParseCache& cache)
{
    QList<git::ObjectId> ids;
    QSet<git::ObjectId> seen;
    for (const quint32 i : posting.commits) {
        if (decided.contains(index.commits[i]))
            continue;
        auto trees = treesOf(repo, index.commits[i]);
        if (!trees)
            return std::unexpected(trees.error());
        for (const git::ObjectId& parentTree : std::as_const(trees->parents)) {
            auto delta = manifestDelta(repo, parentTree, trees->tree, options.folders);
            if (!delta)
                return std::unexpected(delta.error());
            for (const auto* side : {&delta->before, &delta->after}) {
                for (const FileVersion& file : *side) {
                    if (std::binary_search(posting.homes.cbegin(), posting.homes.cend(), file.path) &&
                        !seen.contains(file.id)) {
                        seen.insert(file.id);
                        ids.append(file.id);
                    }
                }
            }
        }
    }
    // In batches: a resource of a multi-megabyte file has thousands of versions, not all in memory at once.
    constexpr qsizetype kBatch = 64;
    for (qsizetype from = 0; from < ids.size(); from += kBatch)
        cache.getMany(repo, ids.mid(from, kBatch), manifest::ParseCache::Need::Keys);
    return {};
}

// The index turned around for `tip`: from the store, or built from the index (and stored). nullopt
// when the history has a shallow boundary (the files of its first commits are unknown) or git
// log's walk lists other commits than the index.
Result<std::optional<ResourcePostings>> postingsOf(const git::Repository& repo, const git::ObjectId& tip,
                                                   const ChangeSetOptions& options,
                                                   manifest::ParseCache& cache, const IndexHooks& hooks)
{
    IndexStore* store = hooks.store ? hooks.store : IndexStore::shared();
    if (store) {
        if (auto found = store->findPostings(tip, options.folders))
            return found;
    }
    IndexHooks withStore = hooks;
    withStore.store = store;
    auto index = sharedIndexHistory(repo, tip.toString(), options, cache, withStore);
    if (!index)
        return std::unexpected(index.error());
    if (!(*index)->shallowBoundary.isEmpty())
        return std::optional<ResourcePostings>();
    // git log's order of the same commits, which `shiplog log` prints (the walk the history list pages).
    QList<git::ObjectId> logOrder;
    logOrder.reserve((*index)->commits.size());
    git::HistoryQuery all;
    all.revision = tip.toString();
    std::optional<Error> bad;
    auto walked = git::walkHistory(
        repo.path(), all,
        [&](git::CommitInfo&& commit) {
            auto id = git::ObjectId::fromString(commit.id);
            if (!id) {
                bad = id.error();
                return false;
            }
            logOrder.append(*id);
            return true;
        },
        [&hooks] { return hooks.canceled && hooks.canceled(); });
    if (!walked)
        return std::unexpected(walked.error());
    if (bad)
        return std::unexpected(*bad);
    if (hooks.canceled && hooks.canceled())
        return fail(QStringLiteral("Cancelled"));
    auto built = buildPostings(**index, tip, options.folders, logOrder);
    if (!built)
        return std::optional<ResourcePostings>(); // the walk met other commits (grafts?) or an entry
                                                  // did not decode: decide as the timeline
    if (store)
        store->addPostings(*built);
    return built;
}

} // namespace

Result<ResourceCommits> findResourceCommits(const git::Repository& repo, const manifest::ResourceKey& named,
                                            const QString& revision, const ChangeSetOptions& options,
                                            manifest::ParseCache& cache, const IndexHooks& hooks)
{
    auto resolvedTip = repo.resolve(revision);
    if (!resolvedTip)
        return std::unexpected(resolvedTip.error());
    auto tip = git::ObjectId::fromString(*resolvedTip);
    if (!tip)
        return std::unexpected(tip.error());
    auto postings = postingsOf(repo, *tip, options, cache, hooks);
    if (!postings)
        return std::unexpected(postings.error());
    ResourceCommits found;
    if (!*postings) {
        // A shallow clone: each candidate with the whole revision, as the timeline decides it.
        auto timeline = walkTimeline(repo, named, revision, options, cache, hooks, false);
        if (!timeline)
            return std::unexpected(timeline.error());
        for (const TimelineStep& step : std::as_const(timeline->steps))
            found.ids.append(step.commit.id);
        return found;
    }
    const ResourcePostings& index = **postings;
    const auto resolved = named.group.isEmpty() ? resolveOmittedGroup(named, index.allKeys())
                                                : Result<manifest::ResourceKey>(named);
    if (!resolved)
        return std::unexpected(resolved.error());
    found.ordered = true;
    const KeyPostings* posting = index.find(*resolved);
    if (!posting)
        return found; // a resource this history never had
    // Commits decided before (for any tip: a commit's answer never changes) are not decided again.
    IndexStore* store = hooks.store ? hooks.store : IndexStore::shared();
    QHash<git::ObjectId, bool> decided =
        store ? store->findDecisions(*resolved, options.folders) : QHash<git::ObjectId, bool>();
    const qsizetype known = decided.size();
    if (auto read = readBlobsAtHomes(repo, index, *posting, decided, options, cache); !read)
        return std::unexpected(read.error());
    QList<std::pair<quint32, QString>> byLogOrder;
    for (const quint32 i : posting->commits) {
        if (hooks.canceled && hooks.canceled())
            return fail(QStringLiteral("Cancelled"));
        const git::ObjectId& id = index.commits[i];
        auto listed = decided.constFind(id);
        if (listed == decided.constEnd()) {
            auto changed = listsCommit(repo, id, *resolved, posting->homes, options, cache);
            if (!changed)
                return std::unexpected(changed.error());
            listed = decided.insert(id, *changed);
        }
        if (!*listed)
            continue;
        const QString hex = id.toString();
        found.ids.append(hex);
        byLogOrder.append({index.logPosition[i], hex});
    }
    if (store && decided.size() > known)
        store->addDecisions(*resolved, options.folders, decided);
    std::sort(byLogOrder.begin(), byLogOrder.end());
    for (const auto& [position, id] : std::as_const(byLogOrder))
        found.logOrder.append(id);
    return found;
}

Result<Timeline> buildTimeline(const git::Repository& repo, const manifest::ResourceKey& key,
                               const QString& revision, const ChangeSetOptions& options,
                               manifest::ParseCache& cache, QPromise<Result<Timeline>>* promise)
{
    return walkTimeline(repo, key, revision, options, cache, hooksOf(promise), true);
}

Result<QStringList> resourceCommits(const git::Repository& repo, const manifest::ResourceKey& key,
                                    const QString& revision, const ChangeSetOptions& options,
                                    manifest::ParseCache& cache, QPromise<Result<QStringList>>* promise)
{
    auto found = findResourceCommits(repo, key, revision, options, cache, hooksOf(promise));
    if (!found)
        return std::unexpected(found.error());
    return found->ids;
}

Result<QStringList> loadResourceCommits(const QString& repositoryPath, const manifest::ResourceKey& key,
                                        const QString& revision, const ChangeSetOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    return resourceCommits(*repo, key, revision, options, manifest::ParseCache::shared());
}

Result<QStringList> loadIndexedResources(const QString& repositoryPath, const QString& revision,
                                         const ChangeSetOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto index = sharedIndexHistory(*repo, revision, options, manifest::ParseCache::shared());
    if (!index)
        return std::unexpected(index.error());
    QStringList arguments;
    for (const manifest::ResourceKey& key : indexedKeys(**index))
        arguments.append(key.toArgument());
    return arguments;
}

void loadTimeline(QPromise<Result<Timeline>>& promise, const QString& repositoryPath,
                  const manifest::ResourceKey& key, const QString& revision, const ChangeSetOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        promise.addResult(std::unexpected(repo.error()));
        return;
    }
    auto timeline = buildTimeline(*repo, key, revision, options, manifest::ParseCache::shared(), &promise);
    if (!promise.isCanceled())
        promise.addResult(std::move(timeline));
}

std::optional<FieldBlame> blameField(const Timeline& timeline, const QString& path)
{
    for (const TimelineStep& step : timeline.steps) {
        if (step.change.change == ChangeKind::Added)
            return FieldBlame{path, step, std::nullopt};
        if (step.change.change == ChangeKind::Removed)
            continue;
        for (const FieldChange& field : step.change.fields) {
            if (covers(field.path, path))
                return FieldBlame{path, step, field};
        }
    }
    return std::nullopt;
}

} // namespace shiplog::core::diff
