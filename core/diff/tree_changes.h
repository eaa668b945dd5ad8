#pragma once

// The engine under change sets and timelines: which manifest files differ between two trees, and
// which resource keys those files hold on each side. Core-internal (speaks libgit2).
#include "core/common/error.h"
#include "core/manifest/parse_cache.h"

#include "core/git/handles.h"

#include <git2.h>

#include <QHash>
#include <QList>
#include <QStringList>

namespace shiplog::core::diff {

// One side of one changed manifest file.
struct FileVersion
{
    QString path;
    git_oid id;
};

// The manifest files that differ between two trees, each side sorted by path (as git sorts).
struct ManifestDelta
{
    QList<FileVersion> before;  // files as they were (modified or deleted ones)
    QList<FileVersion> after;   // files as they are (modified or added ones)
    bool isEmpty() const { return before.isEmpty() && after.isEmpty(); }
};

// `folders` limits manifest files to those sub-folders ("" or empty list = the whole tree).
Result<ManifestDelta> manifestDelta(git_repository* repo, git_tree* before, git_tree* after,
                                    const QStringList& folders);

// A resource placed in a file at one revision.
struct Placed
{
    const manifest::Resource* resource = nullptr;
    QString path;
    manifest::ParsedBlobPtr owner;  // keeps `resource` alive
};

// Every resource of `files` by key — first in path order wins; later duplicates and files that do
// not parse are reported in `errors` (when not null) with their paths. Without `details`, resources
// may lack objects and texts (keys, versions, lines and digests only).
QHash<manifest::ResourceKey, Placed> placeResources(git_repository* repo, const QList<FileVersion>& files,
                                                    manifest::ParseCache& cache, QList<manifest::ParseError>* errors,
                                                    bool details = true);
// The same over blobs already read: `blobs[i]` is the parsed content of `files[i]`.
QHash<manifest::ResourceKey, Placed> placeResources(const QList<FileVersion>& files,
                                                    const QList<manifest::ParsedBlobPtr>& blobs,
                                                    QList<manifest::ParseError>* errors);

// The manifest files that commit `commit` changed against its parent number `parent` (0-based; a
// root commit against the empty tree).
Result<ManifestDelta> deltaToParent(git_repository* repo, const git_oid& commit, unsigned parent,
                                    const QStringList& folders);

// Every manifest file of a tree, in path order (for the whole-revision rule on keys defined twice).
Result<QList<FileVersion>> manifestFiles(git_repository* repo, git_tree* tree, const QStringList& folders);

// The tree of a commit (or a tree id itself), or null for "no commit" (the empty tree of a root commit's parent).
Result<git::TreeHandle> treeOfCommit(git_repository* repo, const QString& commitId);

}  // namespace shiplog::core::diff
