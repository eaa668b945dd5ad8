#pragma once

#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::git {

// The branches, remote branches and tags of a repository, for the ref chooser and row labels:
// HEAD first (also when detached), then local branches, remote branches and tags (peeled to the
// commit), each sorted by name. Symbolic remote refs (origin/HEAD) are left out.
Result<QList<RefLabel>> listRefs(const QString& repositoryPath);

// The full name refs/remotes/<remote>/HEAD points to ("refs/remotes/origin/main"), as `git clone`
// and `git remote set-head` write it; empty when the remote has none. Read through libgit2, so
// linked work trees (whose shared refs live in the common directory) answer like their main one.
Result<QString> remoteHead(const QString& repositoryPath, const QString& remote = QStringLiteral("origin"));

// The revision an operator applies by default: the remote's default branch (`remoteHead`), else
// origin/main, origin/master, main, master — the first one `refs` has — else "HEAD".
QString appliedRevision(const QList<RefLabel>& refs, const QString& remoteHead);

// "main" for "refs/heads/main", "origin/main" for "refs/remotes/origin/main", "v1" for
// "refs/tags/v1"; anything else (HEAD, an id, a short name) unchanged.
QString shortRefName(const QString& revision);

// The refs of a repository read once, with what the views derive from them.
struct RepositoryRefs
{
    QList<RefLabel> labels;  // listRefs
    QString remoteHead;      // remoteHead("origin"); empty when there is none
    QString appliedRevision; // appliedRevision(labels, remoteHead): a full ref name or "HEAD"

    // The branch names on the remotes, without the remote's name ("main" for origin/main), each
    // once, in listRefs order.
    QStringList remoteBranches() const;
    // The first local branch (short name) whose tip is HEAD's commit; empty when none is.
    QString branchAtHead() const;
    bool operator==(const RepositoryRefs&) const = default;
};

// listRefs + remoteHead + appliedRevision on one repository handle. Fails as listRefs does.
Result<RepositoryRefs> loadRepositoryRefs(const QString& repositoryPath);

} // namespace shiplog::core::git
