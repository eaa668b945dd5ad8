#pragma once

#include "core/common/error.h"
#include "core/git/credentials.h"
#include "core/git/repository.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <functional>

namespace shiplog::core::git {

// Progress and cancellation for a network operation; both optional. Cancel is polled inside
// libgit2's transfer callbacks, so a large fetch stops promptly.
struct TransferControl
{
    std::function<bool()> isCanceled;
    std::function<void(const QString&)> progress;
};

// The branches a remote advertises.
struct RemoteHeads
{
    QHash<QString, QString> heads; // "main" → full id
    QString defaultBranch;         // what the remote's HEAD points to ("main"), empty when not advertised
};

// The fetch and push URLs of a configured remote (url.insteadOf / pushInsteadOf applied).
struct RemoteUrls
{
    QString name;
    QString fetchUrl;
    QString pushUrl;
};
// `name` empty: "origin", else the only remote.
Result<RemoteUrls> lookupRemote(const Repository& repo, const QString& name);

// Lists the remote's branches, lets `choose` pick which to download, and downloads their objects.
// No reference of the repository is written: not the remote-tracking branches, not FETCH_HEAD.
Result<RemoteHeads> fetchBranches(const Repository& repo, const QString& url,
                                  const std::function<QStringList(const RemoteHeads&)>& choose,
                                  CredentialSession& credentials, const TransferControl& control);

struct PushReport
{
    QString branch;             // the branch created on the remote
    QStringList remoteMessages; // what the server printed ("remote: …" lines), for the user
};

// Pushes commit `commitId` to a new branch on the remote at `url` (never forcing). `chooseBranch`
// gets the remote's current branches and returns the name to create (or an error). libgit2 1.5
// pushes only from a reference, so a private refs/shiplog/revert/<id> is made and removed again.
// A rejection (hook, protected branch) is an Error carrying the server's messages. A remote on this
// machine (a path, file://) is pushed to with `git push`, as libgit2's local transport runs no hooks.
Result<PushReport> pushCommit(const Repository& repo, const QString& url, const QString& commitId,
                              const std::function<Result<QString>(const RemoteHeads&)>& chooseBranch,
                              CredentialSession& credentials, const TransferControl& control);

} // namespace shiplog::core::git
