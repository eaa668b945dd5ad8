#pragma once

// Writes a whole history given as plain values into new repositories (the demo's generator uses it).
#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <map>
#include <utility>
#include <vector>

namespace shiplog::core::git {

struct CommitToWrite
{
    QString label;       // unique within the history; parents refer to it
    QStringList parents; // labels, first parent first
    Person author;
    Person committer;
    QString message; // without trailing newline
    QString reverts; // label of the commit this one reverts ("This reverts commit <id>." is added)
    std::map<QString, QByteArray> files; // the complete file set: path → content
};

struct HistoryToWrite
{
    std::vector<CommitToWrite> commits;                // parents always come before children
    std::vector<std::pair<QString, QString>> branches; // branch name → label of its tip
};

// Writes `history` into a new repository at `workTree` (branch master checked out) and pushes its
// branches to a new bare repository at `originPath`; like a fresh clone, only master stays a local
// branch (its upstream origin/master, origin/HEAD set). The work tree's "origin" remote is then
// set to `originUrl` (where the bare repository will be once moved). The work tree gets its own
// user.name/user.email.
Result<void> writeRepositories(const HistoryToWrite& history, const QString& workTree,
                               const QString& originPath, const QString& originUrl, const QString& userName,
                               const QString& userEmail);

} // namespace shiplog::core::git
