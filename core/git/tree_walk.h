#pragma once

// Which files differ between two trees, and every commit reachable from a revision: the engine
// under change sets, timelines and history indexes (core/diff), in plain values.
#include "core/common/error.h"
#include "core/git/object_id.h"
#include "core/git/repository.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <functional>
#include <optional>

namespace shiplog::core::git {

// One side of one changed file.
struct FileVersion
{
    QString path;
    ObjectId id; // the blob
};

// The files that differ between two trees, each side sorted by path (as git sorts).
struct TreeDelta
{
    QList<FileVersion> before; // files as they were (modified or deleted ones)
    QList<FileVersion> after;  // files as they are (modified or added ones)
    bool isEmpty() const { return before.isEmpty() && after.isEmpty(); }
};

// Which files a walk lists: `folders` limits it to those sub-folders ("" or empty list = the whole
// tree); `wanted` is asked for each regular file's path (UTF-8, from the root).
struct FileFilter
{
    QStringList folders;
    std::function<bool(const QByteArray& path)> wanted; // empty: every file
};

// The files that differ between the trees `before` and `after` (a null id: the empty tree).
Result<TreeDelta> treeDelta(const Repository& repo, const ObjectId& before, const ObjectId& after,
                            const FileFilter& filter);

// The files that commit `commit` changed against its parent number `parent` (0-based; a root
// commit against the empty tree).
Result<TreeDelta> deltaToParent(const Repository& repo, const ObjectId& commit, unsigned parent,
                                const FileFilter& filter);

// Every file of a tree, in path order.
Result<QList<FileVersion>> filesOfTree(const Repository& repo, const ObjectId& tree,
                                       const FileFilter& filter);

// The blob of the file at `path` ("a/b.yaml") in `tree`, as filesOfTree lists files (a regular
// file, executable or not); nullopt when there is none there (absent, a folder, a link, a submodule).
Result<std::optional<ObjectId>> fileAt(const Repository& repo, const ObjectId& tree, const QString& path);

// Every commit reachable from `revision`, newest first (git log --topo-order).
Result<QList<ObjectId>> reachableCommits(const Repository& repo, const QString& revision);

} // namespace shiplog::core::git
