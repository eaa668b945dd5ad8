#include "core/git/detail/history_filter.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"

namespace shiplog::core::git::detail {

HistoryFilter::HistoryFilter(const HistoryQuery& query, git_repository* repository)
    : m_repository(repository), m_text(query.text), m_author(query.author), m_hideBots(query.hideBots),
      m_bots(query.bots)
{
    for (const QString& path : QStringList{query.pathPrefix} + query.paths)
        if (const QByteArray p = normalizedPath(path); !p.isEmpty())
            m_paths.push_back(p);
    if (query.since.isValid()) {
        m_hasSince = true;
        m_since = query.since.toSecsSinceEpoch();
    }
    if (query.until.isValid()) {
        m_hasUntil = true;
        m_until = query.until.toSecsSinceEpoch();
    }
}

QByteArray HistoryFilter::normalizedPath(const QString& path)
{
    QString p = path.trimmed();
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    while (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p == QLatin1String("."))
        p.clear();
    return p.toUtf8();
}

bool HistoryFilter::rejectsByTime(const WalkedCommit& commit) const
{
    const qint64 t = commit.header.commitTime;
    return (m_hasSince && t < m_since) || (m_hasUntil && t > m_until);
}

bool HistoryFilter::matchesText(const CommitInfo& info) const
{
    if (!m_text.isEmpty() && !info.subject.contains(m_text, Qt::CaseInsensitive) &&
        !info.body.contains(m_text, Qt::CaseInsensitive))
        return false;
    if (!m_author.isEmpty()) {
        // git log --author matches the "Name <email>" of the author line.
        const QString ident = info.author.name + QStringLiteral(" <") + info.author.email + QLatin1Char('>');
        if (!ident.contains(m_author, Qt::CaseInsensitive))
            return false;
    }
    if (m_hideBots && m_bots.matches(info))
        return false;
    return true;
}

Result<HistoryFilter::PathEntries> HistoryFilter::entryOf(const WalkedCommit& commit)
{
    if (auto it = m_entries.find(commit.id); it != m_entries.end())
        return it->second;
    git_tree* rawTree = nullptr;
    if (const int rc = git_tree_lookup(&rawTree, m_repository, &commit.header.tree); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read the tree %1 of commit %2")
                              .arg(oidToString(commit.header.tree), oidToString(commit.id))));
    TreeHandle tree(rawTree);
    PathEntries entries;
    for (const QByteArray& path : m_paths) {
        PathEntry entry;
        git_tree_entry* rawEntry = nullptr;
        const int rc = git_tree_entry_bypath(&rawEntry, tree.get(), path.constData());
        TreeEntryHandle owned(rawEntry);
        if (rc == 0) {
            entry.present = true;
            entry.id = *git_tree_entry_id(rawEntry);
            entry.mode = git_tree_entry_filemode(rawEntry);
        } else if (rc != GIT_ENOTFOUND) {
            return std::unexpected(lastError(rc, QStringLiteral("Cannot read '%1' in commit %2")
                                                     .arg(QString::fromUtf8(path), oidToString(commit.id))));
        }
        entries.push_back(entry);
    }
    m_entries.emplace(commit.id, entries);
    return entries;
}

Result<bool> HistoryFilter::touchesPath(const HistoryWalker& walker, const WalkedCommit& commit)
{
    const auto mine = entryOf(commit);
    if (!mine)
        return std::unexpected(mine.error());
    if (commit.grafted || commit.header.parents.isEmpty())
        return std::any_of(mine->cbegin(), mine->cend(), [](const PathEntry& e) { return e.present; });
    const git_oid& firstParent = commit.header.parents.front();
    PathEntries theirs;
    if (auto it = m_entries.find(firstParent); it != m_entries.end()) {
        theirs = it->second;
    } else {
        auto parent = walker.read(firstParent);
        if (!parent)
            return std::unexpected(parent.error());
        auto entry = entryOf(*parent);
        if (!entry)
            return std::unexpected(entry.error());
        theirs = *entry;
    }
    return !(*mine == theirs);
}

} // namespace shiplog::core::git::detail
