#pragma once

// Revert a commit through a pull request, as one background job: fetch the target branch, revert
// in memory onto its tip, commit, push a new branch, open (or find) the pull request. The user's
// working tree, index, HEAD, branches and remote-tracking refs are never touched.
#include "core/common/error.h"
#include "core/diff/change_set.h"
#include "core/forge/forge_client.h"
#include "core/forge/tokens.h"
#include "core/git/revert.h"

#include <QHash>
#include <QJsonObject>
#include <QPromise>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

namespace shiplog::core::forge {

// Names the Kubernetes resources in a file ("Deployment/prod/web"); empty when it cannot tell.
using ResourceDescriber = std::function<QStringList(const QString& path, const QByteArray& content)>;

struct RevertRequest
{
    QString repoPath;
    QString commit;       // any revision expression the repository resolves, or a full id on the remote
    int mainline = 0;     // merge commits: 1-based parent to keep (0 = 1); must stay 0 for other commits
    QString remote;       // empty: origin, or the only remote
    QString targetBranch; // empty: the remote's default branch (its HEAD), else main/master
    QString branchName;   // empty: revert-<short id>, made unique on the remote (-2, -3, …)
    QString title;        // empty: Revert "<subject>"
    QString body;         // empty: git's sentence, the affected files/resources, links
    std::optional<ForgeKind> forge;       // empty: detected from the remote URL
    QHash<QString, ForgeKind> hostForges; // per-host setting for self-hosted forges
    QString forgeApi;                     // replaces the forge's API base URL (GitHub Enterprise, tests)
    QHash<QString, QString> hostApis;     // per-host API base URLs (used when forgeApi is empty)
    QString forgeWeb;    // replaces the repository's web page URL (links in the body; the demo)
    bool dryRun = false; // revert and commit (an object only), but neither push nor open
    TokenSources tokens;
    bool useCredentialHelpers = true; // `git credential fill` for HTTPS pushes
    ForgeOptions forgeOptions;
    ResourceDescriber describeResources; // optional
};

enum class RevertStatus
{
    Created,
    Exists,
    Pushed,
    Conflict,
    AlreadyReverted,
    DryRun,
    Error,
    Canceled
};
QString statusName(RevertStatus status); // "created", "exists", "pushed", "conflict", "already-reverted",
                                         // "dry-run", "error", "canceled"

struct RevertConflictInfo
{
    QString path;
    QString text; // with conflict markers
    QStringList resources;
};

struct RevertOutcome
{
    RevertStatus status = RevertStatus::Error;
    QString branch; // the branch pushed (or that would be)
    QString commit; // the revert commit's id
    std::optional<PullRequest> pullRequest;
    QString compareUrl; // the forge's prefilled "new pull request" page
    std::vector<RevertConflictInfo> conflicts;
    QString message; // one or more sentences for the user
    // Context for the UI.
    QString revertedId;
    QString targetBranch;
    QString baseId;
    QString title;
    QString body;
    QStringList remoteMessages; // what the server printed during the push
    // Dry runs only: the revert's effect per resource, per environment where the repository has
    // environments (as RevertPreview::resources), and why it is missing when it could not be read.
    diff::ChangeSet resources;
    QString resourcesError;
};

// The CLI's JSON: {"status","branch","commit","pullRequest":{"url","number"}|null,"compareUrl",
// "conflicts":[{"path","resources"}],"message"}; a dry run adds "resources" (as `changes --json`,
// each with its "environment" where the repository has environments) and "resourceErrors".
QJsonObject toJson(const RevertOutcome& outcome);

// What the revert would do, for the dialog before anything is pushed.
struct RevertPreview
{
    QString revertedId;
    QString subject;
    int parentCount = 1;
    int mainline = 0;
    QString remote;
    QString remoteUrl;
    QString targetBranch;
    QString baseId;         // the remote tip the revert applies onto (fetched now)
    QString proposedBranch; // unique on the remote
    QString title;
    QString body;
    ForgeKind forge = ForgeKind::Unknown;
    bool hasApiToken = false; // false: the push is followed by the browser form (compareUrl)
    git::RevertResult::Kind kind = git::RevertResult::Kind::Clean;
    std::vector<git::RevertedChange> changes; // per file, base → after revert (blob ids for diffs)
    std::vector<RevertConflictInfo> conflicts;
    // The revert's effect per Kubernetes resource (base → after revert; Clean only), with details
    // for the diff views; in a repository with environments, per environment as rendered (each
    // change's `environment`; a base two overlays share shows under both, as in the Changes tab).
    // resourcesError says why it is missing when the manifests could not be read or rendered.
    diff::ChangeSet resources;
    QString resourcesError;
};

// Names the resources a manifest file holds ("apps/Deployment jx-staging/web"), for RevertRequest.
QStringList describeManifestResources(const QString& path, const QByteArray& content);

using ProgressFunction = std::function<void(int step, const QString& text)>; // step 0..4
using CancelFunction = std::function<bool()>;

// Synchronous forms (the CLI; the jobs below wrap them). Steps: 0 fetch, 1 revert, 2 push, 3 open PR, 4 done.
RevertOutcome revertViaPullRequest(const RevertRequest& request, const ProgressFunction& progress = {},
                                   const CancelFunction& isCanceled = {});
Result<RevertPreview> previewRevert(const RevertRequest& request, const ProgressFunction& progress = {},
                                    const CancelFunction& isCanceled = {});

// The jobs (core/jobs/job.h, Job::start), named apart from the synchronous forms: progress range 0..4 with a
// text per stage; cancel between stages and inside transfers.
void revertViaPullRequestJob(QPromise<RevertOutcome>& promise, RevertRequest request);
void previewRevertJob(QPromise<Result<RevertPreview>>& promise, RevertRequest request);

} // namespace shiplog::core::forge
