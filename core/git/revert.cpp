#include "core/git/revert.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

namespace shiplog::core::git {

namespace {

using IndexConflictIteratorHandle =
    std::unique_ptr<git_index_conflict_iterator, Free<git_index_conflict_iterator_free>>;

Result<CommitHandle> lookupCommit(const Repository& repo, const QString& id)
{
    auto oid = oidFromString(id);
    if (!oid)
        return std::unexpected(oid.error());
    git_commit* raw = nullptr;
    const int rc = git_commit_lookup(&raw, repo.raw(), &*oid);
    CommitHandle commit(raw);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read commit %1").arg(shortId(id))));
    return commit;
}

QString conflictText(git_repository* repo, const git_index_entry* ancestor, const git_index_entry* ours,
                     const git_index_entry* theirs, const QString& revertedShort)
{
    if (!ours || !theirs)
        return {}; // deleted on one side: no text to merge
    git_merge_file_options options;
    git_merge_file_options_init(&options, GIT_MERGE_FILE_OPTIONS_VERSION);
    // The labels git revert writes: HEAD and "parent of <id> (<subject>)"; keep them short.
    const QByteArray theirLabel = QStringLiteral("parent of %1").arg(revertedShort).toUtf8();
    options.our_label = "HEAD";
    options.their_label = theirLabel.constData();
    git_merge_file_result result{};
    if (git_merge_file_from_index(&result, repo, ancestor, ours, theirs, &options) < 0)
        return {};
    QString text = result.ptr ? QString::fromUtf8(result.ptr, qsizetype(result.len)) : QString();
    git_merge_file_result_free(&result);
    return text;
}

} // namespace

QString revertMessage(const QString& subject, const QString& id, const QString& mainlineParentId)
{
    QString message = QStringLiteral("Revert \"%1\"\n\nThis reverts commit %2").arg(subject, id);
    if (!mainlineParentId.isEmpty())
        message += QStringLiteral(", reversing\nchanges made to %1").arg(mainlineParentId);
    return message + QStringLiteral(".\n");
}

Result<int> parentCount(const Repository& repo, const QString& commitId)
{
    auto commit = lookupCommit(repo, commitId);
    if (!commit)
        return std::unexpected(commit.error());
    return int(git_commit_parentcount(commit->get()));
}

Result<RevertResult> revertInMemory(const Repository& repo, const QString& commitId, const QString& baseId,
                                    int mainline)
{
    auto commit = lookupCommit(repo, commitId);
    if (!commit)
        return std::unexpected(commit.error());
    auto base = lookupCommit(repo, baseId);
    if (!base)
        return std::unexpected(base.error());
    const unsigned parents = git_commit_parentcount(commit->get());
    if (parents == 0)
        return fail(
            QStringLiteral("Commit %1 is the first commit of the history; it has nothing to revert to.")
                .arg(shortId(commitId)));
    if (parents > 1 && (mainline < 1 || unsigned(mainline) > parents))
        return fail(
            QStringLiteral("Commit %1 is a merge of %2 parents: choose the mainline parent (1 to %2).")
                .arg(shortId(commitId))
                .arg(parents));
    if (parents == 1 && mainline > 1)
        return fail(QStringLiteral("Commit %1 is not a merge; mainline %2 does not apply.")
                        .arg(shortId(commitId))
                        .arg(mainline));

    RevertResult result;
    result.revertedId = commitId;
    result.baseId = baseId;
    result.subject = QString::fromUtf8(git_commit_summary(commit->get()));
    if (parents > 1)
        result.mainlineParentId = oidToString(*git_commit_parent_id(commit->get(), unsigned(mainline - 1)));
    result.message = revertMessage(result.subject, commitId, result.mainlineParentId);

    git_merge_options options;
    git_merge_options_init(&options, GIT_MERGE_OPTIONS_VERSION);
    git_index* rawIndex = nullptr;
    int rc = git_revert_commit(&rawIndex, repo.raw(), commit->get(), base->get(),
                               parents > 1 ? unsigned(mainline) : 0u, &options);
    IndexHandle index(rawIndex);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot revert %1").arg(shortId(commitId))));

    if (git_index_has_conflicts(index.get())) {
        result.kind = RevertResult::Kind::Conflict;
        git_index_conflict_iterator* rawIt = nullptr;
        rc = git_index_conflict_iterator_new(&rawIt, index.get());
        IndexConflictIteratorHandle it(rawIt);
        if (rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot list the conflicts")));
        const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
        while (git_index_conflict_next(&ancestor, &ours, &theirs, it.get()) == 0) {
            const git_index_entry* any = ours ? ours : theirs ? theirs : ancestor;
            RevertConflict conflict;
            conflict.path = QString::fromUtf8(any->path);
            conflict.text = conflictText(repo.raw(), ancestor, ours, theirs, shortId(commitId));
            if (ours)
                conflict.baseBlob = oidToString(ours->id);
            result.conflicts.push_back(std::move(conflict));
        }
        return result;
    }

    git_oid treeOid;
    rc = git_index_write_tree_to(&treeOid, index.get(), repo.raw());
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot write the reverted tree")));
    result.treeId = oidToString(treeOid);
    const git_oid* baseTree = git_commit_tree_id(base->get());
    if (git_oid_equal(&treeOid, baseTree)) {
        result.kind = RevertResult::Kind::AlreadyReverted;
        return result;
    }

    // What the revert changes on the target branch, file by file (for the per-resource preview).
    git_tree *rawOld = nullptr, *rawNew = nullptr;
    if ((rc = git_tree_lookup(&rawOld, repo.raw(), baseTree)) < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read the base tree")));
    TreeHandle oldTree(rawOld);
    if ((rc = git_tree_lookup(&rawNew, repo.raw(), &treeOid)) < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read the reverted tree")));
    TreeHandle newTree(rawNew);
    git_diff_options diffOptions;
    git_diff_options_init(&diffOptions, GIT_DIFF_OPTIONS_VERSION);
    git_diff* rawDiff = nullptr;
    if ((rc = git_diff_tree_to_tree(&rawDiff, repo.raw(), oldTree.get(), newTree.get(), &diffOptions)) < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot compare the trees")));
    DiffHandle diff(rawDiff);
    for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        RevertedChange change;
        change.kind = d->status == GIT_DELTA_ADDED     ? RevertedChange::Kind::Added
                      : d->status == GIT_DELTA_DELETED ? RevertedChange::Kind::Deleted
                                                       : RevertedChange::Kind::Modified;
        change.path = QString::fromUtf8(d->new_file.path ? d->new_file.path : d->old_file.path);
        if (change.kind != RevertedChange::Kind::Added)
            change.oldBlob = oidToString(d->old_file.id);
        if (change.kind != RevertedChange::Kind::Deleted)
            change.newBlob = oidToString(d->new_file.id);
        result.changes.push_back(std::move(change));
    }
    return result;
}

Result<QString> commitRevert(const Repository& repo, const RevertResult& revert)
{
    auto base = lookupCommit(repo, revert.baseId);
    if (!base)
        return std::unexpected(base.error());
    auto treeOid = oidFromString(revert.treeId);
    if (!treeOid)
        return std::unexpected(treeOid.error());
    git_tree* rawTree = nullptr;
    int rc = git_tree_lookup(&rawTree, repo.raw(), &*treeOid);
    TreeHandle tree(rawTree);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read the reverted tree")));
    git_signature* rawSig = nullptr;
    rc = git_signature_default(&rawSig, repo.raw());
    SignatureHandle signature(rawSig);
    if (rc == GIT_ENOTFOUND || !signature)
        return fail(
            QStringLiteral("Cannot sign the revert commit: no git identity (user.name and user.email) is set "
                           "for '%1'. Run 'git config --global user.name \"Your Name\"' and "
                           "'git config --global user.email you@example.com' (without --global: for this "
                           "repository only).")
                .arg(repo.path()),
            rc);
    if (rc < 0) // e.g. an empty user.name
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot sign the revert commit with your git identity; check "
                                         "'git config user.name' and 'git config user.email' in '%1'")
                              .arg(repo.path())));
    git_oid id;
    const QByteArray message = revert.message.toUtf8();
    // The _v form: git_commit_create's parents argument changed type in libgit2 1.8.0/1.8.1.
    rc = git_commit_create_v(&id, repo.raw(), nullptr, signature.get(), signature.get(), nullptr,
                             message.constData(), tree.get(), 1, base->get());
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot write the revert commit")));
    return oidToString(id);
}

} // namespace shiplog::core::git
