#pragma once

#include "core/common/error.h"
#include "core/git/detail/commit_parser.h"
#include "core/git/detail/handles.h"
#include "core/git/objects.h"
#include "core/git/repository.h"

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
        std::memcpy(&h, oid.id, sizeof h); // object ids are already uniformly distributed
        return h;
    }
};
struct OidEqual
{
    bool operator()(const git_oid& a, const git_oid& b) const noexcept
    {
        return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) == 0;
    }
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

// One commit read by the walk: its id, raw object and where its parts are.
struct WalkedCommit
{
    git_oid id{};
    RawObject object;
    CommitHeader header;
    bool grafted = false; // a shallow clone's boundary: its parents are recorded but absent
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
    HistoryWalker(ObjectDatabase odb, OidHashSet shallow)
        : m_odb(std::move(odb)), m_shallow(std::move(shallow))
    {
    }
    void enqueue(WalkedCommit commit);

    ObjectDatabase m_odb;
    OidHashSet m_shallow;
    SeenSet m_seen;
    std::deque<WalkedCommit> m_queue; // sorted by commit time, newest first; ties in arrival order
    std::optional<Error> m_error;
};

} // namespace shiplog::core::git::detail
