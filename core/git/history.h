#pragma once

#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QDateTime>
#include <QPromise>

namespace shiplog::core::git {

// Commits that tools write, hidden by "Hide bot commits". Users can edit both lists (QSettings).
struct BotRules
{
    QStringList subjectPrefixes{QStringLiteral("chore: regenerated")};
    QStringList authorSuffixes{QStringLiteral("[bot]"), QStringLiteral("-bot")};
    bool matches(const CommitInfo& commit) const;
};

// What to list: a starting revision and optional filters (all filters must match).
struct HistoryQuery
{
    QString revision = QStringLiteral("HEAD");  // branch, tag, remote branch, id
    QString text;                               // case-insensitive, in subject or body
    QString author;                             // case-insensitive, in author name or email
    QString pathPrefix;                         // commits that changed a path under this prefix
    QDateTime since;                            // author time ≥ since (invalid = no bound)
    QDateTime until;                            // author time ≤ until
    bool hideBots = false;
    BotRules bots;
    int limit = -1;                             // at most this many commits (-1 = all)
};

// A slice of history in `git log` order (reverse chronological by commit time, like git log's
// default), delivered by the history job as it walks.
struct HistoryPage
{
    QList<CommitInfo> commits;
    bool last = false;  // no more pages follow
    bool failed = false;
    Error error;        // when failed: why (the pages before it stay valid)
};

// The history job (run with jobs::Job<HistoryPage>): opens its own repository at `repositoryPath`,
// walks `query`, and adds pages to `promise` — a small first page so that the first rows show at
// once, then larger ones. Stops early when the promise is cancelled.
void loadHistory(QPromise<HistoryPage>& promise, const QString& repositoryPath, const HistoryQuery& query);

// The branches, remote branches and tags of a repository, for the ref chooser and row labels.
Result<QList<RefLabel>> listRefs(const QString& repositoryPath);

// One commit with the files it changed against its first parent (root: against the empty tree).
struct ChangedFile
{
    enum class Status { Added, Deleted, Modified, Renamed, TypeChanged };
    Status status = Status::Modified;
    QString path;     // new path (old path for deletions)
    QString oldPath;  // for renames
    int additions = 0;
    int deletions = 0;
};
struct CommitDetails
{
    CommitInfo commit;
    QList<ChangedFile> files;
};
Result<CommitDetails> loadCommitDetails(const QString& repositoryPath, const QString& commitId);

}  // namespace shiplog::core::git
