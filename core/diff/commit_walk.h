#pragma once

// Small libgit2 helpers for whole-history work in core/diff. Core-internal.
#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <git2.h>

#include <QStringList>

namespace shiplog::core::diff {

// The plain values of one commit (names and message decoded as UTF-8).
git::CommitInfo commitInfoOf(const git_commit* commit);

// Every commit reachable from `revision`, newest first (git log --topo-order).
Result<QList<git_oid>> reachableCommits(git_repository* repo, const QString& revision);

}  // namespace shiplog::core::diff
