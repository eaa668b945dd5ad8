#include "core/git/history_walker.h"

#include "core/git/git_error.h"

#include <QFile>

namespace shiplog::core::git::detail {

namespace {

// The commits listed in .git/shallow: a shallow clone has their parents' ids but not the parents.
OidHashSet readShallowBoundary(const Repository& repository)
{
    OidHashSet boundary;
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

RawObject::RawObject(OdbObjectHandle object)
    : m_data(const_cast<void*>(git_odb_object_data(object.get()))), m_size(git_odb_object_size(object.get())), m_object(std::move(object))
{
}

RawObject::~RawObject()
{
    if (m_backend && m_data)
        git_odb_backend_data_free(m_backend, m_data);
}

size_t SeenSet::slotOf(const git_oid& oid) const
{
    const size_t mask = m_slots.size() - 1;
    size_t i = OidHash()(oid) & mask;
    while (!git_oid_is_zero(&m_slots[i]) && !OidEqual()(m_slots[i], oid))
        i = (i + 1) & mask;
    return i;
}

bool SeenSet::contains(const git_oid& oid) const { return !git_oid_is_zero(&m_slots[slotOf(oid)]); }

bool SeenSet::insert(const git_oid& oid)
{
    size_t i = slotOf(oid);
    if (!git_oid_is_zero(&m_slots[i]))
        return false;
    if (2 * (m_count + 1) > m_slots.size()) {  // keep at most half full: probes stay short
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

Result<RawObject> HistoryWalker::readRaw(const git_oid& id) const
{
    // Straight from the backends (packs first): git_odb_read would also hash every object again
    // and keep it in the shared object cache, which together made a full walk half again slower
    // than git log, that does neither. A damaged object still fails to inflate here.
    const size_t backends = git_odb_num_backends(m_odb.get());
    for (size_t i = 0; i < backends; ++i) {
        git_odb_backend* backend = nullptr;
        if (git_odb_get_backend(&backend, m_odb.get(), i) < 0 || !backend->read)
            continue;
        void* data = nullptr;
        size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        const int rc = backend->read(&data, &size, &type, backend, &id);
        if (rc == GIT_ENOTFOUND || rc == GIT_PASSTHROUGH)
            continue;
        RawObject object(data, size, backend);
        if (rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(oidToString(id))));
        if (type != GIT_OBJECT_COMMIT)
            return fail(QStringLiteral("Object %1 is not a commit").arg(oidToString(id)));
        return object;
    }
    // Not in any pack we know: git_odb_read looks for new packs and says why it failed.
    git_odb_object* raw = nullptr;
    const int rc = git_odb_read(&raw, m_odb.get(), &id);
    OdbObjectHandle object(raw);
    if (rc == GIT_ENOTFOUND)
        return fail(QStringLiteral("Commit %1 is missing from the repository's object database").arg(oidToString(id)), rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(oidToString(id))));
    if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT)
        return fail(QStringLiteral("Object %1 is not a commit").arg(oidToString(id)));
    return RawObject(std::move(object));
}

Result<WalkedCommit> HistoryWalker::read(const git_oid& id) const
{
    auto raw = readRaw(id);
    if (!raw)
        return std::unexpected(raw.error());
    WalkedCommit commit;
    commit.id = id;
    commit.object = std::move(*raw);
    if (!parseCommitHeader(commit.object.data(), qsizetype(commit.object.size()), commit.header))
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
                continue;  // inserted only once read, as git marks SEEN after parsing
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
