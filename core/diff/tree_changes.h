#pragma once

// The engine under change sets and timelines: which manifest files differ between two trees
// (core/git's tree walk, limited to manifest files), and which resource keys those files hold on
// each side.
#include "core/common/error.h"
#include "core/diff/duplicate_definitions.h"
#include "core/git/object_id.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/parse_cache.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace shiplog::core::diff {

using git::FileVersion;
using ManifestDelta = git::TreeDelta;

// The tree walk's filter for manifest files (.yaml, .yml, and the other names manifests take),
// within `folders` ("" or empty list = the whole tree).
git::FileFilter manifestFilter(const QStringList& folders);

// The manifest files that differ between two trees (a null id: the empty tree).
Result<ManifestDelta> manifestDelta(const git::Repository& repo, const git::ObjectId& before,
                                    const git::ObjectId& after, const QStringList& folders);

// A resource placed in a file at one revision.
struct Placed
{
    const manifest::Resource* resource = nullptr;
    QString path;
    manifest::ParsedBlobPtr owner; // keeps `resource` alive
};

// The files of one side whose resources are not known: an error is never a change. At the new
// revision, a file that contributed nothing because of an error did not remove what it held (the
// operator cannot apply it either); at the old revision, a file whose content was never examined
// (unreadable object, over the size limit, LFS pointer) did not hold nothing.
struct FailedFiles
{
    QSet<QString> failed;     // every file with a whole-file error
    QSet<QString> unexamined; // those whose content was never examined (ParseError::contentUnknown)
};

// Every resource of `files` by key — first in path order wins; later duplicates and files that do
// not parse are reported in `errors` (when not null) with their paths, and the failed files in
// `failed` (when not null). Without `details`, resources may lack objects and texts (keys,
// versions, lines and digests only).
QHash<manifest::ResourceKey, Placed>
placeResources(const git::Repository& repo, const QList<FileVersion>& files, manifest::ParseCache& cache,
               QList<manifest::ParseError>* errors, bool details = true, FailedFiles* failed = nullptr);
// The same over blobs already read: `blobs[i]` is the parsed content of `files[i]`. With
// `duplicates`, the later definitions of a key go there instead of into `errors`.
QHash<manifest::ResourceKey, Placed> placeResources(const QList<FileVersion>& files,
                                                    const QList<manifest::ParsedBlobPtr>& blobs,
                                                    QList<manifest::ParseError>* errors,
                                                    FailedFiles* failed = nullptr,
                                                    QList<DuplicateDefinition>* duplicates = nullptr);

// The manifest files that commit `commit` changed against its parent number `parent` (0-based; a
// root commit against the empty tree).
Result<ManifestDelta> deltaToParent(const git::Repository& repo, const git::ObjectId& commit, unsigned parent,
                                    const QStringList& folders);

// Every manifest file of a tree, in path order (for the whole-revision rule on keys defined twice).
Result<QList<FileVersion>> manifestFiles(const git::Repository& repo, const git::ObjectId& tree,
                                         const QStringList& folders);

} // namespace shiplog::core::diff
