#pragma once

// Change sets read through the repository's environments: each environment rendered at both
// revisions (only those that read a changed file), compared key by key, each change tagged with its
// environment. Core-internal (computeChangeSet calls it when ChangeSetOptions::byEnvironment).
#include "core/diff/change_set.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"

#include <optional>

namespace shiplog::core::diff {

// nullopt: the repository has no detected layout at either revision (read it as files).
Result<std::optional<ChangeSet>> environmentChangeSet(const git::Repository& repo, const QString& from,
                                                      const QString& to, const ChangeSetOptions& options);

// Every commit reachable from `revision` that changed the resource `key` as the environment renders
// it (newest first): the commits whose first-parent diff touches what the environment reads at
// `revision`, each compared through environmentChangeSet. Merges are compared with their first parent.
Result<Timeline> buildEnvironmentTimeline(const git::Repository& repo, const manifest::ResourceKey& key,
                                          const QString& revision, const QString& environment);

} // namespace shiplog::core::diff
