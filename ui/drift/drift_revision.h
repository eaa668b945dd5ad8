#pragma once

#include "core/common/error.h"
#include "core/git/commit_info.h"

#include <QList>
#include <QPromise>
#include <QString>

namespace shiplog::ui {

// The refs of a repository and the revision the drift view compares by default: the tip of the
// branch the operator applies — the remote's default branch (origin/HEAD), else origin/main,
// origin/master, main, master, else HEAD.
struct DriftRevisions
{
    QList<core::git::RefLabel> refs;
    QString defaultRevision;  // full ref name ("refs/remotes/origin/main") or "HEAD"
};

// `remoteHead`: what refs/remotes/origin/HEAD points to ("refs/remotes/origin/main"), may be empty.
QString appliedRevision(const QList<core::git::RefLabel>& refs, const QString& remoteHead);

// The symbolic target of refs/remotes/origin/HEAD as `git clone` writes it, read from the git
// directory (symbolic refs are never packed); empty when there is none.
QString readRemoteHead(const QString& repositoryPath);

// The job: listRefs + readRemoteHead + appliedRevision.
void loadDriftRevisions(QPromise<core::Result<DriftRevisions>>& promise, const QString& repositoryPath);

}  // namespace shiplog::ui
