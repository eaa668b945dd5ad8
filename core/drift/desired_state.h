#pragma once

// What git declares at a revision, for drift: every resource of the tree (parsed through the shared
// blob cache), the ignore rules and ownership marks of its `.shiplog.yaml`.
#include "core/common/error.h"
#include "core/drift/drift_worker.h"

#include <QString>
#include <QStringList>

namespace shiplog::core::drift {

// Opens its own repository (call from a job or the CLI, not the GUI thread). `revision` defaults
// to HEAD; `folders` limits the manifests to sub-folders (empty = the whole tree).
Result<DesiredState> loadDesiredState(const QString& repositoryPath, const QString& revision = {},
                                      const QStringList& folders = {});

// The settings part of `.shiplog.yaml` that drift uses (exposed for tests).
Result<DesiredState> parseRepositorySettings(const QByteArray& yaml, DesiredState state = {});

} // namespace shiplog::core::drift
