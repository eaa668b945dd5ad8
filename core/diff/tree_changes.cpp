#include "core/diff/tree_changes.h"

#include "core/git/git_error.h"
#include "core/git/handles.h"
#include "core/git/repository.h"
#include "core/manifest/manifest_parser.h"

#include <cstring>

namespace shiplog::core::diff {

namespace {

// Git's order of tree entries: by name, a tree's name compared as if it ended in '/'.
int compareEntries(const git_tree_entry* a, const git_tree_entry* b)
{
    const char* nameA = git_tree_entry_name(a);
    const char* nameB = git_tree_entry_name(b);
    const size_t lengthA = strlen(nameA);
    const size_t lengthB = strlen(nameB);
    const int common = memcmp(nameA, nameB, qMin(lengthA, lengthB));
    if (common != 0)
        return common;
    const unsigned char endA = lengthA > lengthB ? nameA[lengthB] : (git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0);
    const unsigned char endB = lengthB > lengthA ? nameB[lengthA] : (git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0);
    return int(endA) - int(endB);
}

// The manifest files that differ between two trees, the way `git diff-tree -r` finds them: both
// trees walked in entry order, descending only into subtrees whose ids differ. (libgit2's
// git_diff_tree_to_tree visits every entry of both trees: 30,000 commits of a 600-file
// environment repository cost it ~8x what git log --name-status takes.)
class TreeWalk
{
public:
    TreeWalk(git_repository* repo, const QStringList& folders, ManifestDelta& delta)
        : m_repo(repo), m_delta(delta)
    {
        for (const QString& folder : folders) {
            if (folder.isEmpty() || folder == QLatin1String(".")) {
                m_folders.clear();
                return;
            }
            m_folders.append((folder.endsWith(QLatin1Char('/')) ? folder.chopped(1) : folder).toUtf8());
        }
    }

    int compare(const git_tree* before, const git_tree* after, const QByteArray& prefix)
    {
        const size_t countBefore = before ? git_tree_entrycount(before) : 0;
        const size_t countAfter = after ? git_tree_entrycount(after) : 0;
        size_t i = 0;
        size_t j = 0;
        while (i < countBefore || j < countAfter) {
            const git_tree_entry* a = i < countBefore ? git_tree_entry_byindex(before, i) : nullptr;
            const git_tree_entry* b = j < countAfter ? git_tree_entry_byindex(after, j) : nullptr;
            const int order = !a ? 1 : !b ? -1 : compareEntries(a, b);
            int rc = 0;
            if (order < 0) {
                rc = side(a, prefix, m_delta.before);
                ++i;
            } else if (order > 0) {
                rc = side(b, prefix, m_delta.after);
                ++j;
            } else {
                rc = both(a, b, prefix);
                ++i;
                ++j;
            }
            if (rc < 0)
                return rc;
        }
        return 0;
    }

private:
    // Inside one of the folders, or a folder on the way to one.
    bool wanted(const QByteArray& path, bool isTree) const
    {
        if (m_folders.isEmpty())
            return true;
        for (const QByteArray& folder : m_folders) {
            if (path.startsWith(folder) && (path.size() == folder.size() || path[folder.size()] == '/'))
                return true;
            if (isTree && folder.startsWith(path) && folder[path.size()] == '/')
                return true;
        }
        return false;
    }

    static bool isManifestFile(const git_tree_entry* entry, const QByteArray& path)
    {
        const git_filemode_t mode = git_tree_entry_filemode(entry);
        return (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE)
            && (path.endsWith(".yaml") || path.endsWith(".yml") || manifest::isManifestPath(QString::fromUtf8(path)));
    }

    // An entry only on one side: a file, or every file under a folder.
    int side(const git_tree_entry* entry, const QByteArray& prefix, QList<FileVersion>& files)
    {
        const QByteArray path = prefix + git_tree_entry_name(entry);
        const bool isTree = git_tree_entry_type(entry) == GIT_OBJECT_TREE;
        if (!wanted(path, isTree))
            return 0;
        if (!isTree) {
            if (isManifestFile(entry, path))
                files.append(FileVersion{QString::fromUtf8(path), *git_tree_entry_id(entry)});
            return 0;
        }
        git_tree* raw = nullptr;
        const int rc = git_tree_lookup(&raw, m_repo, git_tree_entry_id(entry));
        git::TreeHandle tree(raw);
        if (rc < 0)
            return rc;
        const bool before = &files == &m_delta.before;
        return compare(before ? tree.get() : nullptr, before ? nullptr : tree.get(), path + '/');
    }

    int both(const git_tree_entry* a, const git_tree_entry* b, const QByteArray& prefix)
    {
        if (git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)))
            return 0;  // same content (a mode change alone changes no resource)
        const QByteArray path = prefix + git_tree_entry_name(a);
        const bool isTree = git_tree_entry_type(a) == GIT_OBJECT_TREE;
        if (!wanted(path, isTree))
            return 0;
        if (!isTree) {
            if (isManifestFile(a, path))
                m_delta.before.append(FileVersion{QString::fromUtf8(path), *git_tree_entry_id(a)});
            if (isManifestFile(b, path))
                m_delta.after.append(FileVersion{QString::fromUtf8(path), *git_tree_entry_id(b)});
            return 0;
        }
        git_tree* rawA = nullptr;
        int rc = git_tree_lookup(&rawA, m_repo, git_tree_entry_id(a));
        git::TreeHandle treeA(rawA);
        if (rc < 0)
            return rc;
        git_tree* rawB = nullptr;
        rc = git_tree_lookup(&rawB, m_repo, git_tree_entry_id(b));
        git::TreeHandle treeB(rawB);
        if (rc < 0)
            return rc;
        return compare(treeA.get(), treeB.get(), path + '/');
    }

    git_repository* m_repo;
    ManifestDelta& m_delta;
    QList<QByteArray> m_folders;  // empty: the whole tree
};

}  // namespace

Result<QList<FileVersion>> manifestFiles(git_repository* repo, git_tree* tree, const QStringList& folders)
{
    // The same walk against an empty tree: every file is "added", in git's order.
    auto delta = manifestDelta(repo, nullptr, tree, folders);
    if (!delta)
        return std::unexpected(delta.error());
    return std::move(delta->after);
}

Result<ManifestDelta> manifestDelta(git_repository* repo, git_tree* before, git_tree* after, const QStringList& folders)
{
    ManifestDelta delta;
    TreeWalk walk(repo, folders, delta);
    if (const int rc = walk.compare(before, after, QByteArray()); rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot compare the two revisions")));
    return delta;
}

QHash<manifest::ResourceKey, Placed> placeResources(git_repository* repo, const QList<FileVersion>& files,
                                                    manifest::ParseCache& cache, QList<manifest::ParseError>* errors,
                                                    bool details)
{
    QList<git_oid> ids;
    for (const FileVersion& file : files)
        ids.append(file.id);
    return placeResources(
        files, cache.getMany(repo, ids, details ? manifest::ParseCache::Need::Details : manifest::ParseCache::Need::Keys),
        errors);
}

QHash<manifest::ResourceKey, Placed> placeResources(const QList<FileVersion>& files,
                                                    const QList<manifest::ParsedBlobPtr>& blobs,
                                                    QList<manifest::ParseError>* errors)
{
    QHash<manifest::ResourceKey, Placed> placed;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const FileVersion& file = files[i];
        const manifest::ParsedBlobPtr& blob = blobs[i];
        if (blob->error) {
            if (errors)
                errors->append(manifest::ParseError{file.path, blob->error->line, blob->error->message});
            continue;
        }
        for (const manifest::Resource& r : blob->resources) {
            const auto it = placed.constFind(r.key);
            if (it != placed.constEnd()) {
                if (errors) {
                    errors->append(manifest::ParseError{
                        file.path, r.line,
                        QStringLiteral("%1 is already defined in %2 (line %3); this definition is ignored")
                            .arg(r.key.displayName(), it->path)
                            .arg(it->resource->line)});
                }
                continue;
            }
            placed.insert(r.key, Placed{&r, file.path, blob});
        }
    }
    return placed;
}

Result<ManifestDelta> deltaToParent(git_repository* repo, const git_oid& commitId, unsigned parent,
                                    const QStringList& folders)
{
    const auto cannotRead = [&commitId](int rc) {
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot read commit %1")
                                                      .arg(git::shortId(git::oidToString(commitId)))));
    };
    git_commit* rawCommit = nullptr;
    int rc = git_commit_lookup(&rawCommit, repo, &commitId);
    git::CommitHandle commit(rawCommit);
    if (rc < 0)
        return cannotRead(rc);
    git_tree* rawTree = nullptr;
    rc = git_commit_tree(&rawTree, commit.get());
    git::TreeHandle tree(rawTree);
    if (rc < 0)
        return cannotRead(rc);
    git::TreeHandle parentTree;
    if (parent < git_commit_parentcount(commit.get())) {
        git_commit* rawParent = nullptr;
        rc = git_commit_parent(&rawParent, commit.get(), parent);
        git::CommitHandle parentCommit(rawParent);
        if (rc < 0)
            return cannotRead(rc);
        git_tree* rawParentTree = nullptr;
        rc = git_commit_tree(&rawParentTree, parentCommit.get());
        parentTree = git::TreeHandle(rawParentTree);
        if (rc < 0)
            return cannotRead(rc);
    }
    return manifestDelta(repo, parentTree.get(), tree.get(), folders);
}

Result<git::TreeHandle> treeOfCommit(git_repository* repo, const QString& commitId)
{
    if (commitId.isEmpty())
        return git::TreeHandle();
    auto oid = git::oidFromString(commitId);
    if (!oid)
        return std::unexpected(oid.error());
    // A commit, or a tree that no commit holds yet (the revert preview's in-memory result).
    git_object* rawObject = nullptr;
    int rc = git_object_lookup(&rawObject, repo, &*oid, GIT_OBJECT_ANY);
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot read commit %1").arg(git::shortId(commitId))));
    git_object* rawTree = nullptr;
    rc = git_object_peel(&rawTree, rawObject, GIT_OBJECT_TREE);
    git_object_free(rawObject);
    git::TreeHandle tree(reinterpret_cast<git_tree*>(rawTree));
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot read the tree of %1").arg(git::shortId(commitId))));
    return tree;
}

}  // namespace shiplog::core::diff
