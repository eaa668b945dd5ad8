#include "ui/drift/drift_revision.h"

#include "core/git/history.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace shiplog::ui {

using core::git::RefLabel;

QString appliedRevision(const QList<RefLabel>& refs, const QString& remoteHead)
{
    auto has = [&](const QString& fullName) {
        return std::any_of(refs.cbegin(), refs.cend(), [&](const RefLabel& r) { return r.fullName == fullName; });
    };
    const QStringList candidates = {remoteHead, QStringLiteral("refs/remotes/origin/main"), QStringLiteral("refs/remotes/origin/master"),
                                    QStringLiteral("refs/heads/main"), QStringLiteral("refs/heads/master")};
    for (const QString& candidate : candidates)
        if (!candidate.isEmpty() && has(candidate))
            return candidate;
    return QStringLiteral("HEAD");
}

QString readRemoteHead(const QString& repositoryPath)
{
    // The git directory: <work tree>/.git (a folder, or a file "gitdir: …" for linked work trees
    // and submodules), or the repository itself when bare.
    QString gitDir = repositoryPath + QStringLiteral("/.git");
    const QFileInfo info(gitDir);
    if (info.isFile()) {
        QFile file(gitDir);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("gitdir:")))
            return {};
        gitDir = QDir(repositoryPath).absoluteFilePath(line.mid(7).trimmed());
        // A linked work tree keeps shared refs in its common directory.
        QFile common(gitDir + QStringLiteral("/commondir"));
        if (common.open(QIODevice::ReadOnly))
            gitDir = QDir(gitDir).absoluteFilePath(QString::fromUtf8(common.readAll()).trimmed());
    } else if (!info.isDir()) {
        gitDir = repositoryPath;
    }
    QFile head(gitDir + QStringLiteral("/refs/remotes/origin/HEAD"));
    if (!head.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(head.readAll()).trimmed();
    return text.startsWith(QLatin1String("ref:")) ? text.mid(4).trimmed() : QString();
}

void loadDriftRevisions(QPromise<core::Result<DriftRevisions>>& promise, const QString& repositoryPath)
{
    auto refs = core::git::listRefs(repositoryPath);
    if (!refs) {
        promise.addResult(std::unexpected(refs.error()));
        return;
    }
    DriftRevisions result;
    result.refs = *refs;
    result.defaultRevision = appliedRevision(*refs, readRemoteHead(repositoryPath));
    promise.addResult(result);
}

}  // namespace shiplog::ui
