#pragma once

#include "core/common/error.h"
#include "core/git/commit_parser.h"
#include "core/git/handles.h"
#include "core/git/repository.h"

#include <git2/sys/odb_backend.h>

#include <cstring>
#include <deque>
#include <optional>
#include <unordered_set>
#include <vector>

namespace shiplog::core::git::detail {

struct OidHash
{
    size_t operator()(const git_oid& oid) const noexcept
    {
        size_t h;
        static_assert(sizeof h <= GIT_OID_RAWSZ);
        std::memcpy(&h, oid.id, sizeof h);  // object ids are already uniformly distributed
        return h;
    }
};
struct OidEqual
{
    bool operator()(const git_oid& a, const git_oid& b) const noexcept { return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) == 0; }
};
using OidHashSet = std::unordered_set<git_oid, OidHash, OidEqual>;

// The commits a walk has met: open addressing in one array, since a node-based set's allocation
// per commit showed in the profile of a 100,000-commit walk. The all-zero id marks a free slot.
class SeenSet
{
public:
    // True when `oid` was not in the set yet (and is now).
    bool insert(const git_oid& oid);
    bool contains(const git_oid& oid) const;

private:
    size_t slotOf(const git_oid& oid) const;
    std::vector<git_oid> m_slots = std::vector<git_oid>(1024);
    size_t m_count = 0;
};

// The bytes of one object, read past libgit2's object cache (see HistoryWalker::read).
class RawObject
{
public:
    RawObject() = default;
    RawObject(void* data, size_t size, git_odb_backend* backend) : m_data(data), m_size(size), m_backend(backend) {}
    explicit RawObject(OdbObjectHandle object);
    RawObject(RawObject&& other) noexcept { swap(other); }
    RawObject& operator=(RawObject&& other) noexcept { swap(other); return *this; }
    RawObject(const RawObject&) = delete;
    RawObject& operator=(const RawObject&) = delete;
    ~RawObject();

    const char* data() const { return static_cast<const char*>(m_data); }
    size_t size() const { return m_size; }

private:
    void swap(RawObject& other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_backend, other.m_backend);
        std::swap(m_object, other.m_object);
    }
    void* m_data = nullptr;
    size_t m_size = 0;
    git_odb_backend* m_backend = nullptr;  // owner of m_data when read from a backend
    OdbObjectHandle m_object;              // owner when read through git_odb_read
};

// One commit read by the walk: its id, raw object and where its parts are.
struct WalkedCommit
{
    git_oid id{};
    RawObject object;
    CommitHeader header;
    bool grafted = false;  // a shallow clone's boundary: its parents are recorded but absent
};

// Commits reachable from one tip in `git log`'s default order: newest committer time first, a
// commit's parents queued behind every queued commit at least as recent (first parent first), and
// each commit once — git's own revision walk (commit_list_insert_by_date), so that equal times and
// merges come out exactly as git log prints them. libgit2's GIT_SORT_TIME orders ties differently
// and reads the whole history before it yields the first commit.
// Honours a shallow clone's boundary (.git/shallow), where libgit2 1.5 would fail on the absent parents.
class HistoryWalker
{
public:
    static Result<HistoryWalker> start(const Repository& repository, const git_oid& tip);

    // The next commit, or nullopt when the walk is over. A commit whose parent cannot be read is
    // still returned; the failure comes with the following call (what came before stays valid).
    Result<std::optional<WalkedCommit>> next();

    // Reads one commit object (for the path filter's look at a parent's tree).
    Result<WalkedCommit> read(const git_oid& id) const;

private:
    HistoryWalker(OdbHandle odb, OidHashSet shallow) : m_odb(std::move(odb)), m_shallow(std::move(shallow)) {}
    void enqueue(WalkedCommit commit);
    Result<RawObject> readRaw(const git_oid& id) const;

    OdbHandle m_odb;
    OidHashSet m_shallow;
    SeenSet m_seen;
    std::deque<WalkedCommit> m_queue;  // sorted by commit time, newest first; ties in arrival order
    std::optional<Error> m_error;
};

}  // namespace shiplog::core::git::detail
