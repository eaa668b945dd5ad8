#pragma once

// Change sets read through the repository's environments: each environment rendered at both
// revisions (only those that read a changed file), compared key by key, each change tagged with its
// environment. Core-internal (computeChangeSet calls it when ChangeSetOptions::byEnvironment).
#include "core/diff/change_set.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"

#include <QPromise>
#include <optional>

namespace shiplog::core::diff {

// nullopt: the repository has no detected layout at either revision (read it as files).
Result<std::optional<ChangeSet>> environmentChangeSet(const git::Repository& repo, const QString& from,
                                                      const QString& to, const ChangeSetOptions& options);

struct EnvironmentTimelineOptions
{
    int threads = 0; // 0: one per core, at most 4
    // Where the environment is made of files read as they are at both revisions of a commit (a
    // Jenkins X namespace folder, an Argo CD directory source) with the same units, a commit whose
    // changed manifests mention neither the resource's kind and name nor a CRD cannot change it:
    // skipped without rendering. Off: every commit that touches the environment is rendered (the
    // benchmark's and the tests' reference).
    bool skipCommitsThatCannotChangeIt = true;
};

// Every commit reachable from `revision` that changed the resource `key` as the environment renders
// it (newest first): the commits whose first-parent diff touches what the environment reads at
// `revision`, each compared through environmentChangeSet. Merges are compared with their first parent.
// Progress ("Reading commit i of n") and cancel through `promise` if given. The commits are read on
// several threads, each with its own repository handle.
Result<Timeline> buildEnvironmentTimeline(const git::Repository& repo, const manifest::ResourceKey& key,
                                          const QString& revision, const QString& environment,
                                          QPromise<Result<Timeline>>* promise = nullptr,
                                          const EnvironmentTimelineOptions& options = {});

// The job (jobs::Job<Result<Timeline>>) behind the GUI's timeline and blame of a resource opened in
// an environment: buildEnvironmentTimeline on its own repository.
void loadEnvironmentTimeline(QPromise<Result<Timeline>>& promise, const QString& repositoryPath,
                             const manifest::ResourceKey& key, const QString& revision,
                             const QString& environment);

// Where one resource is applied at `revision`: each environment whose render holds a resource of
// the same group, kind and name (with the namespace as that environment resolves it — staging's
// and production's may differ), in detection order. A job function (opens its own repository);
// an environment that did not render is skipped (its error is the Environments tab's to show).
struct ResourceInEnvironment
{
    QString environment;
    manifest::ResourceKey key; // the resource as that environment renders it
};
Result<QList<ResourceInEnvironment>> loadResourceEnvironments(const QString& repositoryPath,
                                                              const manifest::ResourceKey& key,
                                                              const QString& revision);

} // namespace shiplog::core::diff
