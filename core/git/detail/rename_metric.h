#pragma once

#include <git2.h>

namespace shiplog::core::git::detail {

// Rename detection that scores like git's own (diffcore-delta.c): files are cut into chunks at
// each newline or every 64 bytes, and the score is the share of the larger file's bytes found in
// both. libgit2's default metric (hashsig) judges differently, so that a release file renamed with
// half its lines changed was a rename for libgit2 and an add + delete for `git show -M`.
const git_diff_similarity_metric* gitRenameMetric();

} // namespace shiplog::core::git::detail
