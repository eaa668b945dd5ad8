#include "core/diff/history_index.h"

#include "core/diff/resource_pair.h"
#include "core/diff/tree_changes.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/parse_cache.h"

#include <optional>
#include <utility>
#include <vector>

namespace shiplog::core::diff {

namespace {

// Commits per batch: enough blobs for every core, few enough that a batch's parsed blobs stay in
// the memory cache until its change sets are taken. Where commits carry big files (argo-cd's 2 MB
// install bundles, five per commit), batches shrink so that the blobs read and waiting for the
// parse threads stay near kBatchBytes (two batches are in flight); the first batch is small, and
// batches at most double.
constexpr qsizetype kBatchCommits = 64;
constexpr qint64 kBatchBytes = 16LL * 1024 * 1024;

struct PendingBatch
{
    std::vector<std::pair<git::ObjectId, std::optional<ManifestDelta>>> commits; // none: shallow boundary
    std::shared_ptr<manifest::ParseCache::Batch> blobs;                          // being parsed
};

} // namespace

Result<HistoryIndex> indexHistory(const git::Repository& repo, const QString& revision,
                                  const ChangeSetOptions& options, manifest::ParseCache& cache,
                                  const IndexHooks& hooks)
{
    auto commits = git::reachableCommits(repo, revision);
    if (!commits)
        return std::unexpected(commits.error());
    const qsizetype total = commits->size();
    HistoryIndex index;
    const QStringList boundary = repo.shallowBoundary();
    index.commits.reserve(total);
    // Batch k+1's trees are compared and its blobs read while the parse threads work on batch k.
    qsizetype batchCommits = 8; // a first look at how big this history's commits are
    const auto begin = [&](qsizetype start) -> Result<PendingBatch> {
        PendingBatch batch;
        const qsizetype end = qMin(total, start + batchCommits);
        QList<git::ObjectId> ids;
        for (qsizetype i = start; i < end; ++i) {
            if (!boundary.isEmpty() && boundary.contains(commits->at(i).toString())) {
                batch.commits.emplace_back(commits->at(i), std::nullopt);
                continue;
            }
            auto delta = deltaToParent(repo, commits->at(i), 0, options.folders);
            if (!delta)
                return std::unexpected(delta.error());
            for (const FileVersion& file : std::as_const(delta->before))
                ids.append(file.id);
            for (const FileVersion& file : std::as_const(delta->after))
                ids.append(file.id);
            batch.commits.emplace_back(commits->at(i), std::move(*delta));
        }
        batch.blobs = cache.startMany(repo, ids, manifest::ParseCache::Need::Keys);
        // The next batch's size from what this one read.
        const qint64 bytes = manifest::ParseCache::bytesRead(batch.blobs);
        const qint64 commitsRead = qMax<qint64>(1, end - start);
        const qint64 fits = bytes > 0 ? kBatchBytes * commitsRead / bytes : kBatchCommits;
        batchCommits = qBound<qsizetype>(1, qsizetype(qMin<qint64>(fits, 2 * commitsRead)), kBatchCommits);
        return batch;
    };
    std::optional<PendingBatch> current;
    qsizetype start = 0;
    while (start < total) {
        if (hooks.canceled && hooks.canceled())
            return fail(QStringLiteral("Cancelled"));
        if (hooks.progress)
            hooks.progress(int(start), int(total));
        if (!current) {
            auto first = begin(start);
            if (!first)
                return std::unexpected(first.error());
            current = std::move(*first);
        }
        const qsizetype nextStart = start + qsizetype(current->commits.size());
        std::optional<PendingBatch> next;
        if (nextStart < total) {
            auto upcoming = begin(nextStart);
            if (!upcoming)
                return std::unexpected(upcoming.error());
            next = std::move(*upcoming);
        }
        const QList<manifest::ParsedBlobPtr> blobs = cache.finishMany(repo, current->blobs);
        qsizetype offset = 0;
        for (const auto& [id, maybeDelta] : current->commits) {
            if (!maybeDelta) {
                index.shallowBoundary.append(id.toString());
                index.commits.append(IndexedCommit{id.toString(), {}, {}});
                continue;
            }
            const ManifestDelta& delta = *maybeDelta;
            const qsizetype before = delta.before.size();
            const qsizetype after = delta.after.size();
            QList<manifest::ParseError> errors;
            QList<manifest::ParseError> oldErrors;
            FailedFiles failedBefore;
            FailedFiles failedAfter;
            const auto old =
                placeResources(delta.before, blobs.mid(offset, before), &oldErrors, &failedBefore);
            const auto now =
                placeResources(delta.after, blobs.mid(offset + before, after), &errors, &failedAfter);
            offset += before + after;
            addUnexaminedBefore(oldErrors, failedAfter, &errors);
            index.commits.append(IndexedCommit{
                id.toString(), compareSides(old, now, false, failedBefore, failedAfter), std::move(errors)});
        }
        current = std::move(next);
        start = nextStart;
    }
    if (hooks.progress)
        hooks.progress(int(total), int(total));
    return index;
}

} // namespace shiplog::core::diff
