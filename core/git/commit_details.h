#pragma once

#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QList>
#include <QString>

namespace shiplog::core::git {

// One commit with the files it changed against its first parent (root: against the empty tree).
struct ChangedFile
{
    enum class Status
    {
        Added,
        Deleted,
        Modified,
        Renamed,
        TypeChanged
    };
    Status status = Status::Modified;
    QString path;    // new path (old path for deletions)
    QString oldPath; // for renames
    int additions = 0;
    int deletions = 0;
    bool binary = false; // no line counts (git's numstat shows "-")
};
struct CommitDetails
{
    CommitInfo commit;
    QList<ChangedFile> files;
};
Result<CommitDetails> loadCommitDetails(const QString& repositoryPath, const QString& commitId);

} // namespace shiplog::core::git
