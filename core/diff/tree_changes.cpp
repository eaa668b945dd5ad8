#include "core/diff/tree_changes.h"

#include "core/git/git_error.h"
#include "core/git/handles.h"
#include "core/git/repository.h"
#include "core/manifest/manifest_parser.h"

namespace shiplog::core::diff {

namespace {

bool isRegularFile(uint16_t mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

bool inFolders(const QString& path, const QStringList& folders)
{
    if (folders.isEmpty())
        return true;
    for (const QString& folder : folders) {
        if (folder.isEmpty() || folder == QLatin1String("."))
            return true;
        const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
        if (path.startsWith(prefix))
            return true;
    }
    return false;
}

}  // namespace

Result<ManifestDelta> manifestDelta(git_repository* repo, git_tree* before, git_tree* after, const QStringList& folders)
{
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_NORMAL | GIT_DIFF_SKIP_BINARY_CHECK;
    options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;
    // Pathspecs keep git from descending into folders outside the chosen ones.
    QList<QByteArray> specs;
    for (const QString& folder : folders) {
        if (!folder.isEmpty() && folder != QLatin1String("."))
            specs.append((folder.endsWith(QLatin1Char('/')) ? folder.chopped(1) : folder).toUtf8());
    }
    std::vector<char*> specPointers;
    for (QByteArray& s : specs)
        specPointers.push_back(s.data());
    if (!specPointers.empty()) {
        options.pathspec.strings = specPointers.data();
        options.pathspec.count = specPointers.size();
    }
    git_diff* raw = nullptr;
    const int rc = git_diff_tree_to_tree(&raw, repo, before, after, &options);
    git::DiffHandle diff(raw);
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot compare the two revisions")));

    ManifestDelta delta;
    const size_t n = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < n; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        const QString oldPath = QString::fromUtf8(d->old_file.path);
        const QString newPath = QString::fromUtf8(d->new_file.path);
        if (d->status != GIT_DELTA_ADDED && isRegularFile(d->old_file.mode) && manifest::isManifestPath(oldPath)
            && inFolders(oldPath, folders))
            delta.before.append(FileVersion{oldPath, d->old_file.id});
        if (d->status != GIT_DELTA_DELETED && isRegularFile(d->new_file.mode) && manifest::isManifestPath(newPath)
            && inFolders(newPath, folders))
            delta.after.append(FileVersion{newPath, d->new_file.id});
    }
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
