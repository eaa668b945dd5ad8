#include "core/diff/history_index.h"

#include "core/diff/commit_walk.h"
#include "core/diff/resource_pair.h"
#include "core/diff/tree_changes.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::core::diff {

namespace {

// Commits per batch: enough blobs for every core, few enough that a batch's parsed blobs stay in
// the memory cache until its change sets are taken.
constexpr qsizetype kBatchCommits = 64;

struct PendingCommit
{
    git_oid id;
    ManifestDelta delta;
};

}  // namespace

Result<HistoryIndex> indexHistory(const git::Repository& repo, const QString& revision,
                                  const ChangeSetOptions& options, manifest::ParseCache& cache,
                                  const IndexHooks& hooks)
{
    git_repository* raw = repo.raw();
    auto commits = reachableCommits(raw, revision);
    if (!commits)
        return std::unexpected(commits.error());
    const qsizetype total = commits->size();
    HistoryIndex index;
    index.commits.reserve(total);
    for (qsizetype start = 0; start < total; start += kBatchCommits) {
        if (hooks.canceled && hooks.canceled())
            return fail(QStringLiteral("Cancelled"));
        if (hooks.progress)
            hooks.progress(int(start), int(total));
        const qsizetype end = qMin(total, start + kBatchCommits);
        std::vector<PendingCommit> pending;
        pending.reserve(size_t(end - start));
        QList<git_oid> ids;
        for (qsizetype i = start; i < end; ++i) {
            auto delta = deltaToParent(raw, commits->at(i), 0, options.folders);
            if (!delta)
                return std::unexpected(delta.error());
            for (const FileVersion& file : std::as_const(delta->before))
                ids.append(file.id);
            for (const FileVersion& file : std::as_const(delta->after))
                ids.append(file.id);
            pending.push_back(PendingCommit{commits->at(i), std::move(*delta)});
        }
        const QList<manifest::ParsedBlobPtr> blobs = cache.getMany(raw, ids, manifest::ParseCache::Need::Keys);
        qsizetype next = 0;
        for (const PendingCommit& p : pending) {
            const qsizetype before = p.delta.before.size();
            const qsizetype after = p.delta.after.size();
            QList<manifest::ParseError> errors;
            const auto old = placeResources(p.delta.before, blobs.mid(next, before), nullptr);
            const auto now = placeResources(p.delta.after, blobs.mid(next + before, after), &errors);
            next += before + after;
            index.commits.append(IndexedCommit{git::oidToString(p.id), compareSides(old, now, false),
                                               int(errors.size())});
        }
    }
    if (hooks.progress)
        hooks.progress(int(total), int(total));
    return index;
}

}  // namespace shiplog::core::diff
