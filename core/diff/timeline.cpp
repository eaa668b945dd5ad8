#include "core/diff/timeline.h"

#include "core/diff/commit_walk.h"
#include "core/diff/resource_pair.h"
#include "core/diff/tree_changes.h"
#include "core/git/git_error.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::core::diff {

namespace {

bool holdsKey(git_repository* repo, const QList<FileVersion>& files, const manifest::ResourceKey& key,
              manifest::ParseCache& cache)
{
    QList<git_oid> ids;
    for (const FileVersion& file : files)
        ids.append(file.id);
    for (const manifest::ParsedBlobPtr& blob : cache.getMany(repo, ids, manifest::ParseCache::Need::Keys)) {
        for (const manifest::Resource& r : blob->resources) {
            if (r.key == key)
                return true;
        }
    }
    return false;
}

// The change of `key` from `parentTree` to `tree`, or nullopt when it did not change.
Result<std::optional<ResourceChange>> changeOfKey(git_repository* repo, git_tree* parentTree, git_tree* tree,
                                                  const manifest::ResourceKey& key, const ChangeSetOptions& options,
                                                  manifest::ParseCache& cache, bool details)
{
    auto delta = manifestDelta(repo, parentTree, tree, options.folders);
    if (!delta)
        return std::unexpected(delta.error());
    if (!holdsKey(repo, delta->before, key, cache) && !holdsKey(repo, delta->after, key, cache))
        return std::optional<ResourceChange>();
    const auto old = placeResources(repo, delta->before, cache, nullptr, details);
    const auto now = placeResources(repo, delta->after, cache, nullptr, details);
    const auto a = old.constFind(key);
    const auto b = now.constFind(key);
    return compareResource(a == old.constEnd() ? nullptr : &*a, b == now.constEnd() ? nullptr : &*b, details);
}

Result<git::TreeHandle> treeOf(git_repository* repo, const git_oid& id)
{
    return treeOfCommit(repo, git::oidToString(id));
}

bool covers(const QString& changed, const QString& path)
{
    if (changed == path)
        return true;
    auto isPrefix = [](const QString& outer, const QString& inner) {
        return inner.size() > outer.size() && inner.startsWith(outer)
            && (inner[outer.size()] == QLatin1Char('.') || inner[outer.size()] == QLatin1Char('['));
    };
    return isPrefix(changed, path) || isPrefix(path, changed);
}

}  // namespace

Result<Timeline> buildTimeline(const git::Repository& repo, const manifest::ResourceKey& key, const QString& revision,
                               const ChangeSetOptions& options, manifest::ParseCache& cache,
                               QPromise<Result<Timeline>>* promise)
{
    git_repository* raw = repo.raw();
    auto commits = reachableCommits(raw, revision);
    if (!commits)
        return std::unexpected(commits.error());
    Timeline timeline;
    timeline.key = key;
    if (promise)
        promise->setProgressRange(0, int(commits->size()));
    for (const git_oid& id : std::as_const(*commits)) {
        if (promise) {
            if (promise->isCanceled())
                return fail(QStringLiteral("Cancelled"));
            if (timeline.commitsScanned % 64 == 0)
                promise->setProgressValueAndText(timeline.commitsScanned,
                                                 QStringLiteral("Reading commit %1 of %2")
                                                     .arg(timeline.commitsScanned + 1).arg(commits->size()));
        }
        ++timeline.commitsScanned;
        git_commit* rawCommit = nullptr;
        const int rc = git_commit_lookup(&rawCommit, raw, &id);
        git::CommitHandle commit(rawCommit);
        if (rc < 0)
            return std::unexpected(git::lastError(rc, QStringLiteral("Cannot read commit %1")
                                                          .arg(git::shortId(git::oidToString(id)))));
        auto tree = treeOf(raw, id);
        if (!tree)
            return std::unexpected(tree.error());
        const unsigned parents = git_commit_parentcount(commit.get());
        git::TreeHandle firstParentTree;
        if (parents > 0) {
            auto t = treeOf(raw, *git_commit_parent_id(commit.get(), 0));
            if (!t)
                return std::unexpected(t.error());
            firstParentTree = std::move(*t);
        }
        auto change = changeOfKey(raw, firstParentTree.get(), tree->get(), key, options, cache, true);
        if (!change)
            return std::unexpected(change.error());
        if (!*change)
            continue;
        bool sameAsAParent = false;
        for (unsigned p = 1; p < parents && !sameAsAParent; ++p) {
            auto t = treeOf(raw, *git_commit_parent_id(commit.get(), p));
            if (!t)
                return std::unexpected(t.error());
            auto other = changeOfKey(raw, t->get(), tree->get(), key, options, cache, false);
            if (!other)
                return std::unexpected(other.error());
            sameAsAParent = !other->has_value();
        }
        if (sameAsAParent)
            continue;
        timeline.steps.append(TimelineStep{commitInfoOf(commit.get()), std::move(**change)});
    }
    return timeline;
}

void loadTimeline(QPromise<Result<Timeline>>& promise, const QString& repositoryPath, const manifest::ResourceKey& key,
                  const QString& revision, const ChangeSetOptions& options)
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

}  // namespace shiplog::core::diff
