#pragma once

#include "core/common/error.h"
#include "core/git/bot_rules.h"
#include "core/git/commit_info.h"
// Not needed here: kept until the UI includes commit_details.h itself (it found CommitDetails here).
#include "core/git/commit_details.h"

#include <QDateTime>
#include <QPromise>
#include <QSet>
#include <QStringList>
#include <functional>
#include <optional>

namespace shiplog::core::git {

// What to list: a starting revision and optional filters (all filters must match).
struct HistoryQuery
{
    QString revision = QStringLiteral("HEAD"); // branch, tag, remote branch, id
    QString text;                              // case-insensitive, in subject or body
    QString author;                            // case-insensitive, in author name or email
    QString pathPrefix;                        // commits that changed this file or folder (vs first parent)
    QStringList paths; // or any of these (an environment's folders: shiplog log --env)
    QDateTime since;   // committer time ≥ since, as git log --since (invalid = no bound)
    QDateTime until;   // committer time ≤ until, as git log --until
    bool hideBots = false;
    BotRules bots;
    // When set, only these commits (full ids): a filter decided elsewhere, such as the commits that
    // changed one resource (core/diff's resourceCommits).
    std::optional<QSet<QString>> commits;
    // When set, the walk reads only these commits (full ids), in this order, which must be the order
    // the whole walk would list them in (core/diff's findResourceCommits gives a resource's commits
    // so): a filter that knows its few commits and their order skips reading the rest of the
    // history. The other filters still apply.
    std::optional<QStringList> ordered;
    // A last test, after all the others (on the walking thread; it may read the repository itself):
    // the commits that changed what an environment reads (core/environment's environmentCommitTest).
    // An error stops the walk with it.
    std::function<Result<bool>(const CommitInfo&)> accept;
    int limit = -1; // at most this many commits (-1 = all)
};

// A slice of history in `git log` order (reverse chronological by commit time, like git log's
// default), delivered by the history job as it walks.
struct HistoryPage
{
    QList<CommitInfo> commits;
    bool last = false; // no more pages follow
    bool failed = false;
    Error error; // when failed: why (the pages before it stay valid)
};

// The history job (run with jobs::Job<HistoryPage>): opens its own repository at `repositoryPath`,
// walks `query`, and adds pages to `promise` — a small first page so that the first rows show at
// once, then larger ones. Stops early when the promise is cancelled.
void loadHistory(QPromise<HistoryPage>& promise, const QString& repositoryPath, const HistoryQuery& query);

// The same walk without a job, for headless use (`shiplog log`): calls `visit` with each matching
// commit in order until it returns false or the history ends. Fails when the repository cannot be
// opened, has no commits, the revision is unknown, or an object cannot be read (after visiting the
// commits before it). `stop` (optional) is asked between commits, matching or not.
Result<void> walkHistory(const QString& repositoryPath, const HistoryQuery& query,
                         const std::function<bool(CommitInfo&&)>& visit,
                         const std::function<bool()>& stop = {});

} // namespace shiplog::core::git
