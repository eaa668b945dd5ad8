#pragma once

// Change sets read through the repository's environments: each environment rendered at both
// revisions (only those that read a changed file), compared key by key, each change tagged with its
// environment. Core-internal (computeChangeSet calls it when ChangeSetOptions::byEnvironment).
#include "core/diff/change_set.h"
#include "core/git/repository.h"

#include <optional>

namespace shiplog::core::diff {

// nullopt: the repository has no detected layout at either revision (read it as files).
Result<std::optional<ChangeSet>> environmentChangeSet(const git::Repository& repo, const QString& from,
                                                      const QString& to, const ChangeSetOptions& options);

} // namespace shiplog::core::diff
