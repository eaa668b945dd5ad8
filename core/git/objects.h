#pragma once

// Reading objects: raw bytes straight from the object database, blobs, commits, trees. Each call
// works on the caller's own Repository (one per thread).
#include "core/common/error.h"
#include "core/git/commit_info.h"
#include "core/git/object_id.h"
#include "core/git/repository.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

struct git_odb;
struct git_odb_backend;
struct git_odb_object;

namespace shiplog::core::git {

enum class ObjectType
{
    Commit,
    Tree,
    Blob,
    Tag,
    Other
};

// The bytes of one object as stored (inflated, no header), read past libgit2's object cache.
// Move-only; frees its bytes when destroyed.
class RawObject
{
public:
    RawObject() = default;
    RawObject(RawObject&& other) noexcept { swap(other); }
    RawObject& operator=(RawObject&& other) noexcept
    {
        swap(other);
        return *this;
    }
    RawObject(const RawObject&) = delete;
    RawObject& operator=(const RawObject&) = delete;
    ~RawObject();

    const char* data() const { return static_cast<const char*>(m_data); }
    size_t size() const { return m_size; }
    ObjectType type() const { return m_type; }

    // For core/git's readers: bytes a backend allocated, or an object git_odb_read returned.
    static RawObject fromBackend(void* data, size_t size, ObjectType type, git_odb_backend* backend);
    static RawObject fromOdbObject(git_odb_object* object);

private:
    void swap(RawObject& other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_type, other.m_type);
        std::swap(m_backend, other.m_backend);
        std::swap(m_object, other.m_object);
    }
    void* m_data = nullptr;
    size_t m_size = 0;
    ObjectType m_type = ObjectType::Other;
    git_odb_backend* m_backend = nullptr; // owner of m_data when read from a backend
    git_odb_object* m_object = nullptr;   // owner when read through git_odb_read
};

// A repository's object database, opened once for many reads on one thread.
class ObjectDatabase
{
public:
    static Result<ObjectDatabase> open(const Repository& repo);
    git_odb* raw() const { return m_odb.get(); }

private:
    struct Free
    {
        void operator()(git_odb* odb) const noexcept;
    };
    explicit ObjectDatabase(git_odb* odb) : m_odb(odb) {}
    std::unique_ptr<git_odb, Free> m_odb;
};

// One object's bytes and type straight from the database's backends (packs first): libgit2's
// ordinary reads would hash every object again and keep it in the shared object cache — the
// biggest cost of a whole-history walk and of reading new multi-megabyte blobs. An object no known
// pack holds is looked up the ordinary way (new packs), which also says why it failed. `noun` names
// the object in messages ("Cannot read commit <id>: …", "Commit <id> is missing from …").
Result<RawObject> readRawObject(const ObjectDatabase& odb, const ObjectId& id,
                                const QString& noun = QStringLiteral("object"));

// The content of blob `id`.
Result<QByteArray> readBlob(const Repository& repo, const ObjectId& id);

// The content of the file at `path` ("a/b.yaml") in the tree of `treeish` (a commit or tree id), or
// nullopt when there is no file there; an error when it cannot be read.
Result<std::optional<QByteArray>> readBlobAtPath(const Repository& repo, const ObjectId& treeish,
                                                 const QString& path);

// A commit's plain values (names and message decoded as UTF-8).
Result<CommitInfo> readCommit(const Repository& repo, const ObjectId& id);

// The full message of a commit, as written.
Result<QString> commitMessage(const Repository& repo, const ObjectId& id);

// The tree of a commit (or a tree id itself: the revert preview's in-memory result that no commit
// holds yet). An empty id is the empty tree ("no commit": a root commit's parent), a null ObjectId.
Result<ObjectId> treeOf(const Repository& repo, const QString& commitOrTreeId);

// Whether commit `ancestor` is reachable from commit `descendant` (a commit is its own ancestor),
// as `git merge-base --is-ancestor` answers.
Result<bool> isAncestor(const Repository& repo, const ObjectId& ancestor, const ObjectId& descendant);

} // namespace shiplog::core::git
