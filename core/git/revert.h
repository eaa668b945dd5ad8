#pragma once

#include "core/common/error.h"
#include "core/git/repository.h"

#include <QString>
#include <vector>

namespace shiplog::core::git {

// A file the revert could not merge, with the text git would leave in the working tree.
struct RevertConflict
{
    QString path;
    QString text;     // with <<<<<<< / ======= / >>>>>>> markers (empty for binary or delete/modify)
    QString baseBlob; // the file on the target branch ("ours"), empty when absent there
};

// One file the revert changes relative to the target branch's tip.
struct RevertedChange
{
    enum class Kind
    {
        Added,
        Deleted,
        Modified
    };
    Kind kind = Kind::Modified;
    QString path;
    QString oldBlob; // on the target branch, empty when added
    QString newBlob; // after the revert, empty when deleted
};

struct RevertResult
{
    enum class Kind
    {
        Clean,
        Conflict,
        AlreadyReverted
    };
    Kind kind = Kind::Clean;
    QString revertedId;       // the commit being reverted
    QString baseId;           // the commit the revert applies onto (the remote branch tip)
    QString mainlineParentId; // for a merge commit: the parent whose side is kept
    QString subject;          // of the reverted commit
    QString treeId;           // the resulting tree (Clean and AlreadyReverted)
    QString message;          // git's wording, see revertMessage
    std::vector<RevertConflict> conflicts;
    std::vector<RevertedChange> changes;
};

// git's message for a revert: `Revert "<subject>"\n\nThis reverts commit <id>.\n`, and for a merge
// commit `This reverts commit <id>, reversing\nchanges made to <mainline parent>.\n`.
QString revertMessage(const QString& subject, const QString& id, const QString& mainlineParentId = {});

// Reverts `commitId` onto `baseId` in memory (git_revert_commit): no working tree, index, HEAD or
// reference is touched; only objects are added. `mainline` is 1-based for merge commits, 0 otherwise.
Result<RevertResult> revertInMemory(const Repository& repo, const QString& commitId, const QString& baseId,
                                    int mainline);

// Writes the revert commit (parent: the base) signed by the user's user.name/user.email, without
// updating any reference; returns its id.
Result<QString> commitRevert(const Repository& repo, const RevertResult& revert);

// Number of parents of a commit, or an error naming it.
Result<int> parentCount(const Repository& repo, const QString& commitId);

} // namespace shiplog::core::git
