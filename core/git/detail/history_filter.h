#pragma once

#include "core/git/detail/history_walker.h"
#include "core/git/history.h"

#include <unordered_map>
#include <vector>

namespace shiplog::core::git::detail {

// The filters of a HistoryQuery, cheapest first. The path filter is git's pathspec on a folder or
// file ("config-root" matches config-root and everything under config-root/, not config-rootX):
// a commit matches when the entry at that path differs from its first parent's (or exists, for a
// root commit or a shallow boundary). For ordinary commits that is exactly `git log -- PATH`; a merge
// is compared with its first parent only, i.e. it shows when it brought changes to PATH into the
// branch — git log's history simplification instead hides merges and can prune a side's commits.
class HistoryFilter
{
public:
    HistoryFilter(const HistoryQuery& query, git_repository* repository);

    bool rejectsByTime(const WalkedCommit& commit) const; // before building the CommitInfo
    bool matchesText(const CommitInfo& info) const;       // message, author and bot rules
    bool hasPathFilter() const { return !m_paths.empty(); }
    Result<bool> touchesPath(const HistoryWalker& walker, const WalkedCommit& commit);

    static QByteArray normalizedPath(const QString& path);

private:
    // The entry at the filtered path in a commit's tree: its id and mode, or absent.
    struct PathEntry
    {
        bool present = false;
        git_oid id{};
        git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
        bool operator==(const PathEntry& other) const
        {
            return present == other.present &&
                   (!present || (mode == other.mode && git_oid_equal(&id, &other.id)));
        }
    };
    using PathEntries = std::vector<PathEntry>; // one per filtered path
    Result<PathEntries> entryOf(const WalkedCommit& commit);

    git_repository* m_repository;
    qint64 m_since = 0;
    qint64 m_until = 0;
    bool m_hasSince = false;
    bool m_hasUntil = false;
    QString m_text;
    QString m_author;
    bool m_hideBots = false;
    BotRules m_bots;
    std::vector<QByteArray> m_paths;
    std::unordered_map<git_oid, PathEntries, OidHash, OidEqual> m_entries; // by commit id
};

} // namespace shiplog::core::git::detail
