#include "core/diff/history_index_work.h"

#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

namespace shiplog::core::diff {

namespace {

// Commits a thread takes at once: about an eighth of each thread's share, between 16 and 256. A
// chunk's first commits scan blob versions that the previous chunk's thread scanned too (a few per
// cent of the blobs at 256); small histories of big commits (argo-cd: 545 commits rewriting 2 MB
// bundles) need the smaller chunks to keep every thread busy to the end.
constexpr qsizetype kMinChunk = 16;
constexpr qsizetype kMaxChunk = 256;
// Threads past the second gain little: they contend for libgit2's pack windows.
constexpr int kMaxThreads = 4;
constexpr qsizetype kLookEvery = 64;
constexpr auto kWaitStep = std::chrono::milliseconds(50);

struct Shared
{
    const QList<git::ObjectId>& commits;
    const QList<qsizetype>& todo;
    const IndexOneCommit& indexOne;
    std::span<IndexedCommit> entries;
    qsizetype chunkSize = kMaxChunk;
    qsizetype chunks = 0;
    int threads = 1;

    std::atomic<qsizetype> nextChunk{0};
    std::atomic<qsizetype> done{0};
    std::atomic<bool> canceled{false};
    // The position of the newest commit that failed: commits older than it are not indexed (it is
    // the answer), newer ones still are (one of them may fail too, and then it is the answer).
    std::atomic<qsizetype> failedAt{std::numeric_limits<qsizetype>::max()};

    std::mutex mutex; // guards what follows
    std::condition_variable changed;
    std::vector<std::pair<qsizetype, qsizetype>> finished; // ranges of `todo` filled, not yet handed over
    std::optional<Error> failure;                          // at failedAt
    int helpersRunning = 0;
};

// Takes chunks until none is left, a cancel, or a failure of a newer commit; `poll` (the calling
// thread's) every kLookEvery commits.
void work(Shared& s, const git::Repository& repo, const std::function<void()>& poll)
{
    BlobScanner scanner({}, s.threads);
    for (;;) {
        const qsizetype chunk = s.nextChunk.fetch_add(1);
        if (chunk >= s.chunks || s.canceled)
            return;
        const qsizetype begin = chunk * s.chunkSize;
        const qsizetype end = std::min(begin + s.chunkSize, s.todo.size());
        qsizetype k = begin;
        for (; k < end && !s.canceled && s.todo[k] < s.failedAt; ++k) {
            if (poll && (k - begin) % kLookEvery == 0)
                poll();
            const qsizetype position = s.todo[k];
            auto entry = s.indexOne(repo, scanner, s.commits[position]);
            if (!entry) {
                std::lock_guard lock(s.mutex);
                if (position < s.failedAt) {
                    s.failedAt = position;
                    s.failure = entry.error();
                }
                break;
            }
            s.entries[size_t(position)] = std::move(*entry);
            s.done.fetch_add(1, std::memory_order_relaxed);
        }
        std::lock_guard lock(s.mutex);
        if (k > begin)
            s.finished.emplace_back(begin, k);
        s.changed.notify_all();
    }
}

} // namespace

Result<void> indexCommits(const git::Repository& repo, const QList<git::ObjectId>& commits,
                          const QList<qsizetype>& todo, const IndexOneCommit& indexOne,
                          std::span<IndexedCommit> entries, const std::function<void(qsizetype)>& indexed,
                          const std::function<bool(qsizetype)>& keepGoing, int threads)
{
    Shared s{commits, todo, indexOne, entries};
    const int wanted = std::clamp(threads > 0 ? threads : QThread::idealThreadCount(), 1, kMaxThreads);
    s.chunkSize = std::clamp<qsizetype>(todo.size() / (qsizetype(wanted) * 8), kMinChunk, kMaxChunk);
    s.chunks = (todo.size() + s.chunkSize - 1) / s.chunkSize;
    s.threads = int(std::min<qsizetype>(wanted, s.chunks));
    // The calling thread hands finished entries over and asks whether to go on.
    const auto handOver = [&s, &indexed, &keepGoing] {
        std::vector<std::pair<qsizetype, qsizetype>> ready;
        {
            std::lock_guard lock(s.mutex);
            ready.swap(s.finished);
        }
        for (const auto& [begin, end] : ready) {
            for (qsizetype k = begin; k < end; ++k)
                indexed(s.todo[k]);
        }
        if (!s.canceled && !keepGoing(s.done.load(std::memory_order_relaxed)))
            s.canceled = true;
    };
    {
        std::vector<std::jthread> helpers;
        s.helpersRunning = std::max(s.threads - 1, 0);
        const QString gitDir = repo.gitDir();
        for (int h = 0; h < s.helpersRunning; ++h) {
            helpers.emplace_back([&s, gitDir] {
                // A helper that cannot open its own handle leaves its share to the others.
                if (auto own = git::Repository::open(gitDir))
                    work(s, *own, {});
                std::lock_guard lock(s.mutex);
                --s.helpersRunning;
                s.changed.notify_all();
            });
        }
        work(s, repo, handOver);
        for (;;) {
            handOver();
            std::unique_lock lock(s.mutex);
            if (s.helpersRunning == 0 && s.finished.empty())
                break;
            s.changed.wait_for(lock, kWaitStep,
                               [&s] { return !s.finished.empty() || s.helpersRunning == 0; });
        }
    } // the helpers are joined here
    if (s.failure)
        return std::unexpected(*s.failure);
    if (s.canceled)
        return fail(QStringLiteral("Cancelled"));
    return {};
}

} // namespace shiplog::core::diff
