#pragma once

// The same entry points as environment.h on a repository the caller already opened (change sets,
// drift), every environment at once, and what an environment reads (the history filter).
#include "core/environment/environment.h"
#include "core/git/repository.h"

namespace shiplog::core::environment {

Result<Environments> detectEnvironments(const git::Repository& repo, const QString& revision);
Result<RenderedEnvironment> renderEnvironment(const git::Repository& repo, const QString& revision,
                                              const QString& environmentName);
// Every environment of the revision, rendered (in detection order).
Result<QList<RenderedEnvironment>> renderEnvironments(const git::Repository& repo, const QString& revision);
Result<QList<RenderedEnvironment>> renderEnvironments(const QString& repositoryPath, const QString& revision);

// The repository folders and files an environment reads, as prefixes (its units' paths and what they
// also read; "" = everything): a superset of `reads`, for path filters.
QStringList readPaths(const Environment& environment);
// Whether a change to the file at `path` can change what the environment applies: exactly the
// files its kustomizations read (Unit::reads), the manifests under its other folders (Argo CD
// include/exclude and directory.recurse applied), and Unit::alsoReads. A file in an overlay folder
// that no kustomization names is not read.
bool reads(const Environment& environment, const QString& path);

} // namespace shiplog::core::environment
