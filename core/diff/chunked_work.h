#pragma once

// Work over a history's commits, on several threads. Core-internal (the history index, the
// environment timeline).
#include "core/common/error.h"
#include "core/git/repository.h"

#include <QList>
#include <functional>

namespace shiplog::core::diff {

// Does one item (an index into the caller's list) with the thread's own repository handle and
// whatever state the thread's worker holds; an error stops the items after it (below).
using ItemWork = std::function<Result<void>(const git::Repository&, qsizetype item)>;

// Runs items 0 … count-1 in chunks of consecutive items on the calling thread (with `repo`) and on up
// to threads - 1 more (0: one per core, at most 4; fewer when there are fewer chunks), each with its
// own repository handle (libgit2 handles are never shared). `workerFor(threads)` makes each thread's
// worker, told how many threads run (to share a memory bound). Chunks are about an eighth of each
// thread's share, between 16 and 256 items: consecutive commits share most blob versions, and small
// histories of big commits need small chunks to keep every thread busy to the end.
//
// On the calling thread only: `finished(item)` for every item done, as its chunk ends;
// `keepGoing(done)` between its own items once 20 ms have passed, and every 50 ms while it waits
// for the helpers, with the number of items done so far — false cancels. Items done before a cancel
// or a failure are still handed to `finished`. A failure is the
// lowest item's that fails, whichever thread met one first: items after it are not run, items before
// it still are (so the answer is the one a loop in order would give).
Result<void> runInChunks(const git::Repository& repo, qsizetype count,
                         const std::function<ItemWork(int threads)>& workerFor,
                         const std::function<void(qsizetype)>& finished,
                         const std::function<bool(qsizetype)>& keepGoing, int threads = 0);

} // namespace shiplog::core::diff
