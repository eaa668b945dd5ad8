#include "core/git/commit_details.h"

#include "core/git/detail/commit_parser.h"
#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/detail/rename_metric.h"
#include "core/git/git_error.h"
#include "core/git/repository.h"

namespace shiplog::core::git {

namespace {

Result<CommitInfo> readCommitInfo(git_repository* repo, const git_oid& id)
{
    git_odb* rawOdb = nullptr;
    if (const int rc = git_repository_odb(&rawOdb, repo); rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot open the object database")));
    OdbHandle odb(rawOdb);
    git_odb_object* rawObject = nullptr;
    const int rc = git_odb_read(&rawObject, odb.get(), &id);
    OdbObjectHandle object(rawObject);
    if (rc == GIT_ENOTFOUND)
        return fail(QStringLiteral("Commit %1 is not in the repository").arg(oidToString(id)), rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(oidToString(id))));
    detail::CommitHeader header;
    if (git_odb_object_type(rawObject) != GIT_OBJECT_COMMIT ||
        !detail::parseCommitHeader(static_cast<const char*>(git_odb_object_data(rawObject)),
                                   qsizetype(git_odb_object_size(rawObject)), header))
        return fail(QStringLiteral("Object %1 is not a readable commit").arg(oidToString(id)));
    return detail::toCommitInfo(id, header);
}

ChangedFile::Status statusOf(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
        return ChangedFile::Status::Added;
    case GIT_DELTA_DELETED:
        return ChangedFile::Status::Deleted;
    case GIT_DELTA_RENAMED:
        return ChangedFile::Status::Renamed;
    case GIT_DELTA_TYPECHANGE:
        return ChangedFile::Status::TypeChanged;
    default:
        return ChangedFile::Status::Modified;
    }
}

// Lines added and removed between the old and the new blob of a type change.
Result<std::pair<int, int>> typeChangeLines(git_repository* repo, const git_diff_delta& delta)
{
    git_blob* rawOld = nullptr;
    git_blob* rawNew = nullptr;
    const int orc = git_blob_lookup(&rawOld, repo, &delta.old_file.id);
    BlobHandle oldBlob(rawOld);
    const int nrc = git_blob_lookup(&rawNew, repo, &delta.new_file.id);
    BlobHandle newBlob(rawNew);
    if (orc < 0 || nrc < 0)
        return std::unexpected(
            lastError(orc < 0 ? orc : nrc,
                      QStringLiteral("Cannot read '%1'").arg(QString::fromUtf8(delta.new_file.path))));
    git_patch* rawPatch = nullptr;
    if (const int rc = git_patch_from_blobs(&rawPatch, oldBlob.get(), delta.old_file.path, newBlob.get(),
                                            delta.new_file.path, nullptr);
        rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot compare '%1'").arg(QString::fromUtf8(delta.new_file.path))));
    PatchHandle patch(rawPatch);
    size_t additions = 0;
    size_t deletions = 0;
    git_patch_line_stats(nullptr, &additions, &deletions, rawPatch);
    return std::pair<int, int>(int(additions), int(deletions));
}

} // namespace

Result<CommitDetails> loadCommitDetails(const QString& repositoryPath, const QString& commitId)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    git_repository* repo = repository->raw();
    const auto resolved = repository->resolve(commitId);
    if (!resolved)
        return std::unexpected(resolved.error());
    const git_oid id = *oidFromString(*resolved);

    CommitDetails details;
    auto info = readCommitInfo(repo, id);
    if (!info)
        return std::unexpected(info.error());
    details.commit = std::move(*info);

    git_commit* rawCommit = nullptr;
    if (const int rc = git_commit_lookup(&rawCommit, repo, &id); rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(*resolved)));
    CommitHandle commit(rawCommit);
    git_tree* rawTree = nullptr;
    if (const int rc = git_commit_tree(&rawTree, rawCommit); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read the tree of commit %1").arg(*resolved)));
    TreeHandle tree(rawTree);

    // Against the first parent; a root commit (or a shallow boundary, whose parent is absent)
    // against the empty tree, so that every file shows as added.
    TreeHandle parentTree;
    if (git_commit_parentcount(rawCommit) > 0) {
        const git_oid* parentId = git_commit_parent_id(rawCommit, 0);
        git_commit* rawParent = nullptr;
        const int rc = git_commit_lookup(&rawParent, repo, parentId);
        CommitHandle parent(rawParent);
        if (rc == 0) {
            git_tree* rawParentTree = nullptr;
            if (const int trc = git_commit_tree(&rawParentTree, rawParent); trc < 0)
                return std::unexpected(lastError(
                    trc, QStringLiteral("Cannot read the tree of commit %1").arg(oidToString(*parentId))));
            parentTree.reset(rawParentTree);
        } else if (!repository->isShallow()) {
            return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1, the parent of %2")
                                                     .arg(oidToString(*parentId), *resolved)));
        }
    }

    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
    git_diff* rawDiff = nullptr;
    if (const int rc = git_diff_tree_to_tree(&rawDiff, repo, parentTree.get(), tree.get(), &options); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot compare commit %1 with its parent").arg(*resolved)));
    DiffHandle diff(rawDiff);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES; // as `git show -M`: 50% similar, scored as git scores
    find.metric = const_cast<git_diff_similarity_metric*>(detail::gitRenameMetric());
    if (const int rc = git_diff_find_similar(rawDiff, &find); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot detect renames in commit %1").arg(*resolved)));

    const size_t count = git_diff_num_deltas(rawDiff);
    details.files.reserve(qsizetype(count));
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(rawDiff, i);
        ChangedFile file;
        file.status = statusOf(delta->status);
        file.path = QString::fromUtf8(delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                                         : delta->new_file.path);
        if (delta->status == GIT_DELTA_RENAMED)
            file.oldPath = QString::fromUtf8(delta->old_file.path);
        git_patch* rawPatch = nullptr;
        if (const int rc = git_patch_from_diff(&rawPatch, rawDiff, i); rc < 0)
            return std::unexpected(
                lastError(rc, QStringLiteral("Cannot compare '%1' in commit %2").arg(file.path, *resolved)));
        PatchHandle patch(rawPatch);
        const git_diff_delta* patched = git_patch_get_delta(rawPatch);
        if (patched->flags & GIT_DIFF_FLAG_BINARY) {
            file.binary = true;
        } else if (delta->status == GIT_DELTA_TYPECHANGE) {
            // libgit2 gives a type change (file <-> symlink) no lines; git counts the contents.
            const auto counts = typeChangeLines(repo, *delta);
            if (!counts)
                return std::unexpected(counts.error());
            std::tie(file.additions, file.deletions) = *counts;
        } else {
            size_t additions = 0;
            size_t deletions = 0;
            git_patch_line_stats(nullptr, &additions, &deletions, rawPatch);
            file.additions = int(additions);
            file.deletions = int(deletions);
        }
        details.files.append(std::move(file));
    }
    return details;
}

} // namespace shiplog::core::git
