#include "core/git/detail/history_walker.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

#include <QFile>

namespace shiplog::core::git::detail {

namespace {

// The commits listed in .git/shallow: a shallow clone has their parents' ids but not the parents.
OidHashSet readShallowBoundary(const Repository& repository)
{
    OidHashSet boundary;
    for (const QString& id : repository.shallowBoundary()) {
        git_oid oid;
        if (git_oid_fromstr(&oid, id.toLatin1().constData()) == 0)
            boundary.insert(oid);
    }
    return boundary;
}

} // namespace

Result<HistoryWalker> HistoryWalker::start(const Repository& repository, const git_oid& tip)
{
    auto odb = ObjectDatabase::open(repository);
    if (!odb)
        return std::unexpected(odb.error());
    HistoryWalker walker(std::move(*odb), readShallowBoundary(repository));
    auto first = walker.read(tip);
    if (!first)
        return std::unexpected(first.error());
    walker.m_seen.insert(tip);
    walker.m_queue.push_back(std::move(*first));
    return walker;
}

size_t SeenSet::slotOf(const git_oid& oid) const
{
    const size_t mask = m_slots.size() - 1;
    size_t i = OidHash()(oid) & mask;
    while (!git_oid_is_zero(&m_slots[i]) && !OidEqual()(m_slots[i], oid))
        i = (i + 1) & mask;
    return i;
}

bool SeenSet::contains(const git_oid& oid) const
{
    return !git_oid_is_zero(&m_slots[slotOf(oid)]);
}

bool SeenSet::insert(const git_oid& oid)
{
    size_t i = slotOf(oid);
    if (!git_oid_is_zero(&m_slots[i]))
        return false;
    if (2 * (m_count + 1) > m_slots.size()) { // keep at most half full: probes stay short
        std::vector<git_oid> old(m_slots.size() * 2);
        old.swap(m_slots);
        for (const git_oid& id : old) {
            if (!git_oid_is_zero(&id))
                m_slots[slotOf(id)] = id;
        }
        i = slotOf(oid);
    }
    m_slots[i] = oid;
    ++m_count;
    return true;
}

Result<WalkedCommit> HistoryWalker::read(const git_oid& id) const
{
    // Past libgit2's object cache and its hashing, which together made a full walk half again
    // slower than git log, that does neither.
    auto raw = readRawObject(m_odb, fromGit(id), QStringLiteral("commit"));
    if (!raw)
        return std::unexpected(raw.error());
    if (raw->type() != ObjectType::Commit)
        return fail(QStringLiteral("Object %1 is not a commit").arg(oidToString(id)));
    WalkedCommit commit;
    commit.id = id;
    commit.object = std::move(*raw);
    if (!parseCommitHeader(commit.object.data(), qsizetype(commit.object.size()), commit.header))
        return fail(
            QStringLiteral("Commit %1 is corrupt: it has no tree or no committer").arg(oidToString(id)));
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
                continue; // inserted only once read, as git marks SEEN after parsing
            auto read = this->read(parent);
            if (!read) {
                m_error = Error{read.error().message +
                                    QStringLiteral(" (a parent of %1)").arg(oidToString(commit.id)),
                                read.error().code};
                break;
            }
            m_seen.insert(parent);
            enqueue(std::move(*read));
        }
    }
    return std::optional<WalkedCommit>(std::move(commit));
}

} // namespace shiplog::core::git::detail
