#pragma once

#include "core/common/error.h"
#include "core/diff/change_set.h"
#include "core/diff/history_index.h"
#include "core/git/commit_info.h"

#include <QPromise>
#include <optional>

namespace shiplog::core::diff {

// One commit that changed the resource, with what it did (paths, masked field changes, texts).
struct TimelineStep
{
    git::CommitInfo commit;
    ResourceChange change; // against the commit's first parent (root: the empty tree)
};

// A file the timeline could not read at one commit: there the timeline may lack a step.
struct TimelineError
{
    QString commit; // full id
    manifest::ParseError error;
};

// Every commit that changed one resource, newest first, following it by identity through file
// moves, renames and multi-document splits.
struct Timeline
{
    manifest::ResourceKey key;
    QList<TimelineStep> steps;
    int commitsScanned = 0;
    // Newest first: the errors of the files the resource lived in, at the commits that changed
    // them, and of every file whose content could not be examined (unreadable, over the size
    // limit, LFS pointer) — which may hold the resource. At most kMaxErrors, then `moreErrors`.
    QList<TimelineError> errors;
    int moreErrors = 0;
    // A shallow clone: the boundary commits where the history stops (HistoryIndex::shallowBoundary).
    QStringList shallowBoundary;
    static constexpr int kMaxErrors = 100;
};

// Walks every commit reachable from `revision`. A merge commit is listed only when the resource
// differs from every parent (as `git log` lists a merge for a path). One parse per distinct blob
// (the shared cache), one tree diff per commit; progress and cancel through `promise` if given.
Result<Timeline> buildTimeline(const git::Repository& repo, const manifest::ResourceKey& key,
                               const QString& revision, const ChangeSetOptions& options,
                               manifest::ParseCache& cache, QPromise<Result<Timeline>>* promise = nullptr);

// The job (jobs::Job<Result<Timeline>>): opens its own repository; uses the shared parse cache.
void loadTimeline(QPromise<Result<Timeline>>& promise, const QString& repositoryPath,
                  const manifest::ResourceKey& key, const QString& revision, const ChangeSetOptions& options);

// The commits that changed one resource, newest first: a timeline's commits, by the same rules,
// without field diffs or texts (for the history's resource filter and `shiplog log --resource`).
Result<QStringList> resourceCommits(const git::Repository& repo, const manifest::ResourceKey& key,
                                    const QString& revision, const ChangeSetOptions& options,
                                    manifest::ParseCache& cache,
                                    QPromise<Result<QStringList>>* promise = nullptr);

// resourceCommits with the same commits in git log's default order, which the history index knows
// once it is kept on disk (ordered): `shiplog log --resource` then reads only those commits.
// The index is read turned around by key (resource_postings.h: built once per tip and kept beside
// the index's entries), and each candidate is decided from the files that can hold the resource.
struct ResourceCommits
{
    QStringList ids;      // newest first, as the timeline lists them
    QStringList logOrder; // when `ordered`: the same commits in git log's order
    bool ordered = false; // false for a shallow clone (then walk the history with `ids` as a filter)
};
Result<ResourceCommits> findResourceCommits(const git::Repository& repo, const manifest::ResourceKey& key,
                                            const QString& revision, const ChangeSetOptions& options,
                                            manifest::ParseCache& cache, const IndexHooks& hooks = {});

// The job (jobs::Job<Result<QStringList>>): opens its own repository; uses the shared parse cache.
Result<QStringList> loadResourceCommits(const QString& repositoryPath, const manifest::ResourceKey& key,
                                        const QString& revision, const ChangeSetOptions& options);

// Every resource the history of `revision` mentions, in argument form (ResourceKey::toArgument),
// sorted: what the history's resource field completes. A job function (opens its own repository).
Result<QStringList> loadIndexedResources(const QString& repositoryPath, const QString& revision,
                                         const ChangeSetOptions& options);

// Which commit last set a field: the newest step that added the resource or changed the field, a
// field inside it or a field around it (`spec.template` replaced counts for
// `spec.template.spec.containers[name=web].image`). nullopt when no step touched it.
struct FieldBlame
{
    QString path;
    TimelineStep step;
    std::optional<FieldChange> fieldChange; // the change of that step that covers the path (none for "added")
};
std::optional<FieldBlame> blameField(const Timeline& timeline, const QString& path);

} // namespace shiplog::core::diff
