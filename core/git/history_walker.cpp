#include "core/git/history_walker.h"

#include "core/git/git_error.h"

#include <QFile>

namespace shiplog::core::git::detail {

namespace {

// The commits listed in .git/shallow: a shallow clone has their parents' ids but not the parents.
OidSet readShallowBoundary(const Repository& repository)
{
    OidSet boundary;
    QFile file(repository.gitDir() + QStringLiteral("/shallow"));
    if (!file.open(QIODevice::ReadOnly))
        return boundary;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        git_oid oid;
        if (line.size() == GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.constData(), GIT_OID_HEXSZ) == 0)
            boundary.insert(oid);
    }
    return boundary;
}

}  // namespace

Result<HistoryWalker> HistoryWalker::start(const Repository& repository, const git_oid& tip)
{
    git_odb* rawOdb = nullptr;
    if (const int rc = git_repository_odb(&rawOdb, repository.raw()); rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot open the object database of '%1'").arg(repository.path())));
    HistoryWalker walker(OdbHandle(rawOdb), readShallowBoundary(repository));
    auto first = walker.read(tip);
    if (!first)
        return std::unexpected(first.error());
    walker.m_seen.insert(tip);
    walker.m_queue.push_back(std::move(*first));
    return walker;
}

Result<WalkedCommit> HistoryWalker::read(const git_oid& id) const
{
    WalkedCommit commit;
    commit.id = id;
    git_odb_object* raw = nullptr;
    const int rc = git_odb_read(&raw, m_odb.get(), &id);
    commit.object.reset(raw);
    if (rc == GIT_ENOTFOUND)
        return fail(QStringLiteral("Commit %1 is missing from the repository's object database").arg(oidToString(id)), rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(oidToString(id))));
    if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT)
        return fail(QStringLiteral("Object %1 is not a commit").arg(oidToString(id)));
    const auto* data = static_cast<const char*>(git_odb_object_data(raw));
    if (!parseCommitHeader(data, qsizetype(git_odb_object_size(raw)), commit.header))
        return fail(QStringLiteral("Commit %1 is corrupt: it has no tree or no committer").arg(oidToString(id)));
    commit.grafted = m_shallow.contains(id);
    return commit;
}

void HistoryWalker::enqueue(WalkedCommit commit)
{
    // Behind every queued commit at least as recent: git's commit_list_insert_by_date. Parents are
    // nearly always among the newest queued, so the search from the front stays short.
    auto it = m_queue.begin();
    while (it != m_queue.end() && it->header.commitTime >= commit.header.commitTime)
        ++it;
    m_queue.insert(it, std::move(commit));
}

Result<std::optional<WalkedCommit>> HistoryWalker::next()
{
    if (m_error) {
        Error error = std::move(*m_error);
        m_error.reset();
        m_queue.clear();
        return std::unexpected(std::move(error));
    }
    if (m_queue.empty())
        return std::optional<WalkedCommit>();
    WalkedCommit commit = std::move(m_queue.front());
    m_queue.pop_front();
    if (!commit.grafted) {
        for (const git_oid& parent : commit.header.parents) {
            if (m_seen.contains(parent))
                continue;
            auto read = this->read(parent);
            if (!read) {
                m_error = Error{read.error().message + QStringLiteral(" (a parent of %1)").arg(oidToString(commit.id)),
                                read.error().code};
                break;
            }
            m_seen.insert(parent);
            enqueue(std::move(*read));
        }
    }
    return std::optional<WalkedCommit>(std::move(commit));
}

}  // namespace shiplog::core::git::detail
