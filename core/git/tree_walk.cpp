#include "core/git/tree_walk.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cstring>
#include <vector>

namespace shiplog::core::git {

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
    const unsigned char endA =
        lengthA > lengthB ? nameA[lengthB] : (git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0);
    const unsigned char endB =
        lengthB > lengthA ? nameB[lengthA] : (git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0);
    return int(endA) - int(endB);
}

// The files that differ between two trees, the way `git diff-tree -r` finds them: both
// trees walked in entry order, descending only into subtrees whose ids differ. (libgit2's
// git_diff_tree_to_tree visits every entry of both trees: 30,000 commits of a 600-file
// environment repository cost it ~8x what git log --name-status takes.)
class TreeWalk
{
public:
    TreeWalk(git_repository* repo, const FileFilter& filter, TreeDelta& delta)
        : m_repo(repo), m_wanted(filter.wanted), m_delta(delta)
    {
        for (const QString& folder : filter.folders) {
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

    bool isListed(const git_tree_entry* entry, const QByteArray& path) const
    {
        const git_filemode_t mode = git_tree_entry_filemode(entry);
        return (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
               (!m_wanted || m_wanted(path));
    }

    // An entry only on one side: a file, or every file under a folder.
    int side(const git_tree_entry* entry, const QByteArray& prefix, QList<FileVersion>& files)
    {
        const QByteArray path = prefix + git_tree_entry_name(entry);
        const bool isTree = git_tree_entry_type(entry) == GIT_OBJECT_TREE;
        if (!wanted(path, isTree))
            return 0;
        if (!isTree) {
            if (isListed(entry, path))
                files.append(
                    FileVersion{QString::fromUtf8(path), detail::fromGit(*git_tree_entry_id(entry))});
            return 0;
        }
        git_tree* raw = nullptr;
        const int rc = git_tree_lookup(&raw, m_repo, git_tree_entry_id(entry));
        TreeHandle tree(raw);
        if (rc < 0)
            return rc;
        const bool before = &files == &m_delta.before;
        return compare(before ? tree.get() : nullptr, before ? nullptr : tree.get(), path + '/');
    }

    int both(const git_tree_entry* a, const git_tree_entry* b, const QByteArray& prefix)
    {
        if (git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)))
            return 0; // same content (a mode change alone changes no resource)
        const QByteArray path = prefix + git_tree_entry_name(a);
        const bool isTree = git_tree_entry_type(a) == GIT_OBJECT_TREE;
        if (!wanted(path, isTree))
            return 0;
        if (!isTree) {
            if (isListed(a, path))
                m_delta.before.append(
                    FileVersion{QString::fromUtf8(path), detail::fromGit(*git_tree_entry_id(a))});
            if (isListed(b, path))
                m_delta.after.append(
                    FileVersion{QString::fromUtf8(path), detail::fromGit(*git_tree_entry_id(b))});
            return 0;
        }
        git_tree* rawA = nullptr;
        int rc = git_tree_lookup(&rawA, m_repo, git_tree_entry_id(a));
        TreeHandle treeA(rawA);
        if (rc < 0)
            return rc;
        git_tree* rawB = nullptr;
        rc = git_tree_lookup(&rawB, m_repo, git_tree_entry_id(b));
        TreeHandle treeB(rawB);
        if (rc < 0)
            return rc;
        return compare(treeA.get(), treeB.get(), path + '/');
    }

    git_repository* m_repo;
    const std::function<bool(const QByteArray&)>& m_wanted;
    TreeDelta& m_delta;
    QList<QByteArray> m_folders; // empty: the whole tree
};

Result<TreeHandle> lookupTree(const Repository& repo, const ObjectId& id)
{
    if (id.isNull())
        return TreeHandle();
    git_tree* raw = nullptr;
    const int rc = git_tree_lookup(&raw, repo.raw(), detail::toGit(id));
    TreeHandle tree(raw);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read tree %1").arg(shortId(id.toString()))));
    return tree;
}

Result<TreeDelta> compareTrees(const Repository& repo, const git_tree* before, const git_tree* after,
                               const FileFilter& filter)
{
    TreeDelta delta;
    TreeWalk walk(repo.raw(), filter, delta);
    if (const int rc = walk.compare(before, after, QByteArray()); rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot compare the two revisions")));
    return delta;
}

} // namespace

Result<TreeDelta> treeDelta(const Repository& repo, const ObjectId& before, const ObjectId& after,
                            const FileFilter& filter)
{
    auto beforeTree = lookupTree(repo, before);
    if (!beforeTree)
        return std::unexpected(beforeTree.error());
    auto afterTree = lookupTree(repo, after);
    if (!afterTree)
        return std::unexpected(afterTree.error());
    return compareTrees(repo, beforeTree->get(), afterTree->get(), filter);
}

Result<std::optional<ObjectId>> fileAt(const Repository& repo, const ObjectId& tree, const QString& path)
{
    auto root = lookupTree(repo, tree);
    if (!root)
        return std::unexpected(root.error());
    if (!root->get())
        return std::optional<ObjectId>();
    git_tree_entry* raw = nullptr;
    const int rc = git_tree_entry_bypath(&raw, root->get(), path.toUtf8().constData());
    TreeEntryHandle entry(raw);
    if (rc == GIT_ENOTFOUND)
        return std::optional<ObjectId>();
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read '%1' in tree %2").arg(path, shortId(tree.toString()))));
    const git_filemode_t mode = git_tree_entry_filemode(entry.get());
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
        return std::optional<ObjectId>();
    return std::optional<ObjectId>(detail::fromGit(*git_tree_entry_id(entry.get())));
}

Result<QList<FileVersion>> filesOfTree(const Repository& repo, const ObjectId& tree, const FileFilter& filter)
{
    // The same walk against an empty tree: every file is "added", in git's order.
    auto delta = treeDelta(repo, ObjectId(), tree, filter);
    if (!delta)
        return std::unexpected(delta.error());
    return std::move(delta->after);
}

Result<TreeDelta> deltaToParent(const Repository& repository, const ObjectId& commitId, unsigned parent,
                                const FileFilter& filter)
{
    git_repository* repo = repository.raw();
    const auto cannotRead = [&commitId](int rc) {
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read commit %1").arg(shortId(commitId.toString()))));
    };
    git_commit* rawCommit = nullptr;
    int rc = git_commit_lookup(&rawCommit, repo, detail::toGit(commitId));
    CommitHandle commit(rawCommit);
    if (rc < 0)
        return cannotRead(rc);
    git_tree* rawTree = nullptr;
    rc = git_commit_tree(&rawTree, commit.get());
    TreeHandle tree(rawTree);
    if (rc < 0)
        return cannotRead(rc);
    TreeHandle parentTree;
    if (parent < git_commit_parentcount(commit.get())) {
        git_commit* rawParent = nullptr;
        rc = git_commit_parent(&rawParent, commit.get(), parent);
        CommitHandle parentCommit(rawParent);
        if (rc < 0)
            return cannotRead(rc);
        git_tree* rawParentTree = nullptr;
        rc = git_commit_tree(&rawParentTree, parentCommit.get());
        parentTree = TreeHandle(rawParentTree);
        if (rc < 0)
            return cannotRead(rc);
    }
    return compareTrees(repository, parentTree.get(), tree.get(), filter);
}

namespace {

// libgit2 1.5's revwalk knows no shallow clone: it fails at the first parent that is not there. The
// same order (children before parents, newer first) over the commits above the boundary.
Result<QList<ObjectId>> shallowReachableCommits(const Repository& repository, const git_oid& start)
{
    const QStringList boundaryIds = repository.shallowBoundary();
    const QSet<QString> boundary(boundaryIds.begin(), boundaryIds.end());
    struct Node
    {
        qint64 time = 0;
        QList<QString> parents;
        int children = 0; // not yet emitted
    };
    QHash<QString, Node> nodes;
    QList<QString> pending{oidToString(start)};
    while (!pending.isEmpty()) {
        const QString id = pending.takeLast();
        if (nodes.contains(id))
            continue;
        auto oid = ObjectId::fromString(id);
        if (!oid)
            return std::unexpected(oid.error());
        git_commit* raw = nullptr;
        const int rc = git_commit_lookup(&raw, repository.raw(), detail::toGit(*oid));
        CommitHandle commit(raw);
        if (rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(shortId(id))));
        Node node;
        node.time = git_commit_time(commit.get());
        if (!boundary.contains(id)) {
            for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
                node.parents.append(oidToString(*git_commit_parent_id(commit.get(), i)));
        }
        pending.append(node.parents);
        nodes.insert(id, std::move(node));
    }
    for (const Node& node : std::as_const(nodes)) {
        for (const QString& parent : node.parents)
            ++nodes[parent].children;
    }
    // Kahn's order, the newest ready commit first.
    const auto newer = [&nodes](const QString& a, const QString& b) { return nodes[a].time < nodes[b].time; };
    std::vector<QString> ready{oidToString(start)};
    QList<ObjectId> ids;
    while (!ready.empty()) {
        std::pop_heap(ready.begin(), ready.end(), newer);
        const QString id = ready.back();
        ready.pop_back();
        ids.append(*ObjectId::fromString(id));
        for (const QString& parent : nodes[id].parents) {
            if (--nodes[parent].children == 0) {
                ready.push_back(parent);
                std::push_heap(ready.begin(), ready.end(), newer);
            }
        }
    }
    return ids;
}

} // namespace

Result<QList<ObjectId>> reachableCommits(const Repository& repository, const QString& revision)
{
    git_repository* repo = repository.raw();
    git_revwalk* raw = nullptr;
    int rc = git_revwalk_new(&raw, repo);
    RevwalkHandle walk(raw);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot walk the history")));
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_object* rawObject = nullptr;
    rc = git_revparse_single(&rawObject, repo, revision.toUtf8().constData());
    ObjectHandle object(rawObject);
    if (rc < 0)
        return fail(QStringLiteral("Unknown revision '%1'").arg(revision), rc);
    git_object* peeled = nullptr;
    rc = git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT);
    ObjectHandle commit(peeled);
    if (rc < 0)
        return fail(QStringLiteral("'%1' does not name a commit").arg(revision), rc);
    if (repository.isShallow())
        return shallowReachableCommits(repository, *git_object_id(commit.get()));
    rc = git_revwalk_push(walk.get(), git_object_id(commit.get()));
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot walk the history of '%1'").arg(revision)));
    QList<ObjectId> ids;
    git_oid id;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0)
        ids.append(detail::fromGit(id));
    if (rc != GIT_ITEROVER)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot walk the history of '%1'").arg(revision)));
    return ids;
}

} // namespace shiplog::core::git
