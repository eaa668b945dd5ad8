#pragma once

// The history index's commits, indexed on several threads. Core-internal (history_index.cpp).
#include "core/common/error.h"
#include "core/diff/history_index.h"
#include "core/diff/history_index_scan.h"
#include "core/git/object_id.h"
#include "core/git/repository.h"

#include <QList>
#include <functional>
#include <span>
#include <vector>

namespace shiplog::core::diff {

// One commit's entry, read through the thread's own repository handle and scanner.
using IndexOneCommit =
    std::function<Result<IndexedCommit>(const git::Repository&, BlobScanner&, const git::ObjectId&)>;

// Fills entries[p] with indexOne(commits[p]) for every position p of `todo` (ascending). Runs chunks of
// consecutive commits on the calling thread (with `repo`) and on up to threads - 1 more (0: one per
// core, at most 4; fewer when there are fewer chunks), each with
// its own repository handle and scanner (libgit2 handles are never shared): consecutive commits
// share most blob versions, so a scanner meets each about once.
//
// On the calling thread only: `indexed(p)` for every entry filled, as its chunk finishes (the store
// is written there); `keepGoing(done)` at least every 64 commits and 50 ms, with the number of entries
// filled so far — false cancels. Entries filled before a cancel or a failure are still handed to
// `indexed`. A failure is the newest commit's that fails, whichever thread met one first.
Result<void> indexCommits(const git::Repository& repo, const QList<git::ObjectId>& commits,
                          const QList<qsizetype>& todo, const IndexOneCommit& indexOne,
                          std::span<IndexedCommit> entries, const std::function<void(qsizetype)>& indexed,
                          const std::function<bool(qsizetype)>& keepGoing, int threads = 0);

} // namespace shiplog::core::diff
