#include "core/diff/chunked_work.h"

#include <QThread>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace shiplog::core::diff {

namespace {

// A chunk's first items read blob versions that the previous chunk's thread read too: a few per
// cent of them at 256.
constexpr qsizetype kMinChunk = 16;
constexpr qsizetype kMaxChunk = 256;
// Threads past the second gain little: they contend for libgit2's pack windows.
constexpr int kMaxThreads = 4;
// How often the calling thread hands over and asks whether to go on: by time, since an item may
// take 0.1 ms (a commit of the index) or 100 ms (a commit rendered through its environment).
constexpr auto kLookEvery = std::chrono::milliseconds(20);
constexpr auto kWaitStep = std::chrono::milliseconds(50);

struct Shared
{
    qsizetype count = 0;
    qsizetype chunkSize = kMaxChunk;
    qsizetype chunks = 0;
    int threads = 1;

    std::atomic<qsizetype> nextChunk{0};
    std::atomic<qsizetype> done{0};
    std::atomic<bool> canceled{false};
    // The lowest item that failed: items after it are not run (it is the answer), items before it
    // still are (one of them may fail too, and then it is the answer).
    std::atomic<qsizetype> failedAt{std::numeric_limits<qsizetype>::max()};

    std::mutex mutex; // guards what follows
    std::condition_variable changed;
    std::vector<std::pair<qsizetype, qsizetype>> finished; // ranges done, not yet handed over
    std::optional<Error> failure;                          // at failedAt
    int helpersRunning = 0;
};

// Takes chunks until none is left, a cancel, or a failure of a lower item; `poll` (the calling
// thread's) before its first item and then every kLookEvery.
void work(Shared& s, const git::Repository& repo, const ItemWork& item, const std::function<void()>& poll)
{
    auto lastPoll = std::chrono::steady_clock::time_point();
    for (;;) {
        const qsizetype chunk = s.nextChunk.fetch_add(1);
        if (chunk >= s.chunks || s.canceled)
            return;
        const qsizetype begin = chunk * s.chunkSize;
        const qsizetype end = std::min(begin + s.chunkSize, s.count);
        qsizetype k = begin;
        for (; k < end && !s.canceled && k < s.failedAt; ++k) {
            if (poll) {
                if (const auto now = std::chrono::steady_clock::now(); now - lastPoll >= kLookEvery) {
                    lastPoll = now;
                    poll();
                }
            }
            if (auto ok = item(repo, k); !ok) {
                std::lock_guard lock(s.mutex);
                if (k < s.failedAt) {
                    s.failedAt = k;
                    s.failure = ok.error();
                }
                break;
            }
            s.done.fetch_add(1, std::memory_order_relaxed);
        }
        std::lock_guard lock(s.mutex);
        if (k > begin)
            s.finished.emplace_back(begin, k);
        s.changed.notify_all();
    }
}

} // namespace

Result<void> runInChunks(const git::Repository& repo, qsizetype count,
                         const std::function<ItemWork(int threads)>& workerFor,
                         const std::function<void(qsizetype)>& finished,
                         const std::function<bool(qsizetype)>& keepGoing, int threads)
{
    Shared s;
    s.count = count;
    const int wanted = std::clamp(threads > 0 ? threads : QThread::idealThreadCount(), 1, kMaxThreads);
    s.chunkSize = std::clamp<qsizetype>(count / (qsizetype(wanted) * 8), kMinChunk, kMaxChunk);
    s.chunks = (count + s.chunkSize - 1) / s.chunkSize;
    s.threads = int(std::min<qsizetype>(wanted, s.chunks));
    // The calling thread hands finished items over and asks whether to go on.
    const auto handOver = [&s, &finished, &keepGoing] {
        std::vector<std::pair<qsizetype, qsizetype>> ready;
        {
            std::lock_guard lock(s.mutex);
            ready.swap(s.finished);
        }
        for (const auto& [begin, end] : ready) {
            for (qsizetype k = begin; k < end; ++k)
                finished(k);
        }
        if (!s.canceled && !keepGoing(s.done.load(std::memory_order_relaxed)))
            s.canceled = true;
    };
    {
        std::vector<std::jthread> helpers;
        s.helpersRunning = std::max(s.threads - 1, 0);
        const QString gitDir = repo.gitDir();
        for (int h = 0; h < s.helpersRunning; ++h) {
            // Made here, on the calling thread: `workerFor` need not be thread-safe.
            helpers.emplace_back([&s, gitDir, item = workerFor(s.threads)] {
                // A helper that cannot open its own handle leaves its share to the others.
                if (auto own = git::Repository::open(gitDir))
                    work(s, *own, item, {});
                std::lock_guard lock(s.mutex);
                --s.helpersRunning;
                s.changed.notify_all();
            });
        }
        work(s, repo, workerFor(s.threads), handOver);
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
