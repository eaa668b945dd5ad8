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

// The repository folders and files an environment reads (its units' paths; "" = everything).
QStringList readPaths(const Environment& environment);
// Whether a file at `path` is read by the environment (under one of its paths).
bool reads(const Environment& environment, const QString& path);

} // namespace shiplog::core::environment
