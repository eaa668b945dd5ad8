#pragma once

// Which commits changed what one environment reads: `shiplog log --env` and the History tab's
// environment box. The path filter (readPaths) finds the candidates as fast as `git log -- PATHS`;
// this test then keeps a commit only when a file it changed is read by the environment
// (environment::reads) as detected at the commit or at its first parent — so a file in an overlay
// folder that no kustomization names does not list a commit, and a commit that changes a
// kustomization so that its closure changes does.
#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QString>
#include <functional>

namespace shiplog::core::environment {

using CommitTest = std::function<Result<bool>(const git::CommitInfo& commit)>;

// For git::HistoryQuery::accept. Opens its own repository at the first commit it is asked about (on
// the walking thread) and detects the environment at `revision` (empty = HEAD): an environment
// that is not there is the error Environments::unknown. Environments read only as folders
// (Jenkins X namespaces, Flux paths without kustomization.yaml, Argo CD directories) are tested as
// detected at `revision`; those with kustomize units are detected again at each candidate and its
// parent (cached by tree), since their closures change with history.
CommitTest environmentCommitTest(const QString& repositoryPath, const QString& revision,
                                 const QString& environment);

} // namespace shiplog::core::environment
