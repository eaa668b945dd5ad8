#include "core/forge/revert_pull_request.h"

#include "core/diff/change_json.h"
#include "core/forge/branch_name.h"
#include "core/forge/redact.h"
#include "core/forge/revert_text.h"
#include "core/git/git_error.h"
#include "core/git/objects.h"
#include "core/git/push.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace shiplog::core::forge {

QString statusName(RevertStatus status)
{
    switch (status) {
    case RevertStatus::Created:
        return QStringLiteral("created");
    case RevertStatus::Exists:
        return QStringLiteral("exists");
    case RevertStatus::Pushed:
        return QStringLiteral("pushed");
    case RevertStatus::Conflict:
        return QStringLiteral("conflict");
    case RevertStatus::AlreadyReverted:
        return QStringLiteral("already-reverted");
    case RevertStatus::DryRun:
        return QStringLiteral("dry-run");
    case RevertStatus::Canceled:
        return QStringLiteral("canceled");
    case RevertStatus::Error:
        break;
    }
    return QStringLiteral("error");
}

QJsonObject toJson(const RevertOutcome& o)
{
    QJsonArray conflicts;
    for (const RevertConflictInfo& c : o.conflicts)
        conflicts.append(QJsonObject{{QStringLiteral("path"), c.path},
                                     {QStringLiteral("resources"), QJsonArray::fromStringList(c.resources)}});
    const QJsonValue pr = o.pullRequest
                              ? QJsonValue(QJsonObject{{QStringLiteral("url"), o.pullRequest->url},
                                                       {QStringLiteral("number"), o.pullRequest->number}})
                              : QJsonValue(QJsonValue::Null);
    const auto orNull = [](const QString& s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    QJsonObject json{{QStringLiteral("status"), statusName(o.status)},
                     {QStringLiteral("branch"), orNull(o.branch)},
                     {QStringLiteral("commit"), orNull(o.commit)},
                     {QStringLiteral("pullRequest"), pr},
                     {QStringLiteral("compareUrl"), orNull(o.compareUrl)},
                     {QStringLiteral("conflicts"), conflicts},
                     {QStringLiteral("message"), o.message}};
    if (o.status == RevertStatus::DryRun) {
        // What the revert would change, per environment where the repository has environments.
        QJsonArray resources;
        for (const diff::ResourceChange& change : o.resources.resources)
            resources.append(diff::resourceChangeToJson(change));
        QJsonArray errors;
        for (const manifest::ParseError& e : o.resources.errors)
            errors.append(diff::parseErrorToJson(e));
        if (!o.resourcesError.isEmpty())
            errors.append(QJsonObject{{QStringLiteral("path"), QString()},
                                      {QStringLiteral("line"), 0},
                                      {QStringLiteral("message"), o.resourcesError}});
        json.insert(QStringLiteral("resources"), resources);
        json.insert(QStringLiteral("resourceErrors"), errors);
    }
    return json;
}

namespace {

constexpr int kMaxBranchSuffix = 50;

// Empty when it cannot be read: these only enrich the pull request's text.
QByteArray blobContent(const git::Repository& repo, const QString& id)
{
    auto oid = git::ObjectId::fromString(id);
    auto content = oid ? git::readBlob(repo, *oid) : Result<QByteArray>();
    return content ? *content : QByteArray();
}

QString commitMessage(const git::Repository& repo, const QString& id)
{
    auto oid = git::ObjectId::fromString(id);
    auto message = oid ? git::commitMessage(repo, *oid) : Result<QString>();
    return message ? *message : QString();
}

QStringList describe(const RevertRequest& request, const git::Repository& repo, const QString& path,
                     const QStringList& blobs)
{
    QStringList resources;
    if (!request.describeResources)
        return resources;
    for (const QString& blob : blobs) {
        if (blob.isEmpty())
            continue;
        for (const QString& r : request.describeResources(path, blobContent(repo, blob)))
            if (!resources.contains(r))
                resources.append(r);
    }
    return resources;
}

// Everything before the push: shared by the preview and the real run.
struct Prepared
{
    std::optional<git::Repository> repo;
    git::RemoteUrls urls;
    ForgeRepo forge;
    std::optional<ApiToken> token;
    git::RemoteHeads heads;
    QString targetBranch;
    QString commitId;
    int parentCount = 1;
    int mainline = 0;
    git::RevertResult revert;
    QStringList candidates; // branch names to try, in order
    QString proposedBranch; // first candidate free on the remote
    QString reuseBranch;    // a candidate that already holds a revert of this commit
    QString title;
    QString body;
    std::vector<RevertConflictInfo> conflicts;
};

struct Context
{
    const RevertRequest& request;
    const ProgressFunction& progress;
    const CancelFunction& isCanceled;
    bool canceled() const { return isCanceled && isCanceled(); }
    void report(int step, const QString& text) const
    {
        if (progress)
            progress(step, text);
    }
    git::TransferControl transfer(int step) const
    {
        return git::TransferControl{isCanceled, [this, step](const QString& text) { report(step, text); }};
    }
};

std::unique_ptr<git::CredentialSession> credentialsFor(const RevertRequest& request, const Prepared& p)
{
    const std::optional<ApiToken> token = p.token;
    const ForgeKind kind = p.forge.kind;
    const QString host = p.forge.remote.host;
    auto lookup = [token, kind, host](const QString& url) -> std::optional<git::HttpsSecret> {
        // The forge token authenticates pushes only to the forge's own host.
        if (!token || QUrl(url).host().toLower() != host)
            return std::nullopt;
        return git::HttpsSecret{tokenUsername(kind), token->value, token->source};
    };
    auto session =
        std::make_unique<git::CredentialSession>(lookup, request.repoPath, request.useCredentialHelpers);
    return session;
}

Result<Prepared> prepare(const Context& ctx, std::unique_ptr<git::CredentialSession>& credentials)
{
    const RevertRequest& request = ctx.request;
    Prepared p;
    auto repo = git::Repository::open(request.repoPath);
    if (!repo)
        return std::unexpected(repo.error());
    p.repo.emplace(std::move(*repo));
    auto urls = git::lookupRemote(*p.repo, request.remote);
    if (!urls)
        return std::unexpected(urls.error());
    p.urls = *urls;
    // A token in the remote URL is the user's secret like any other: never shown, whatever quotes it.
    rememberUrlSecrets(p.urls.pushUrl);
    rememberUrlSecrets(p.urls.fetchUrl);
    if (!request.branchName.isEmpty())
        if (auto problem = branchNameProblem(request.branchName))
            return fail(
                QStringLiteral("'%1' is not a valid branch name: it %2.").arg(request.branchName, *problem));

    const auto parsed = parseRemoteUrl(p.urls.pushUrl);
    RemoteUrl remoteUrl = parsed ? *parsed : RemoteUrl{};
    const ForgeKind kind = request.forge ? *request.forge : detectForge(remoteUrl, request.hostForges);
    p.forge =
        forgeRepo(remoteUrl, kind,
                  request.forgeApi.isEmpty() ? request.hostApis.value(remoteUrl.host) : request.forgeApi);
    if (!request.forgeWeb.isEmpty()) {
        p.forge.webRepo = request.forgeWeb;
        while (p.forge.webRepo.endsWith(QLatin1Char('/')))
            p.forge.webRepo.chop(1);
        // The repository's name on that forge ("owner/repo") is the page's path, not the remote's.
        const QString webPath = QUrl(p.forge.webRepo).path().mid(1);
        if (!webPath.isEmpty())
            p.forge.remote.path = webPath;
    }
    if (kind != ForgeKind::Unknown)
        p.token = findToken(p.forge, request.tokens);
    credentials = credentialsFor(request, p);
    credentials->setCanceledCheck(ctx.isCanceled);

    // The commit: resolved locally when possible; a full id may also arrive with the fetch.
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-fA-F]{40}$"));
    if (auto resolved = p.repo->resolve(request.commit))
        p.commitId = *resolved;
    else if (fullId.match(request.commit).hasMatch())
        p.commitId = request.commit.toLower();
    else
        return std::unexpected(resolved.error());
    const QString shortCommit = git::shortId(p.commitId);
    const QString baseName =
        request.branchName.isEmpty() ? QStringLiteral("revert-") + shortCommit : request.branchName;
    p.candidates << baseName;
    for (int i = 2; i <= kMaxBranchSuffix; ++i)
        p.candidates << QStringLiteral("%1-%2").arg(baseName).arg(i);

    // 1. Fetch the target branch (and earlier revert branches of this commit) without writing refs.
    if (ctx.canceled())
        return fail(QStringLiteral("Canceled."), git::kErrorCanceled);
    ctx.report(0, QStringLiteral("Fetching from %1 (%2)…").arg(p.urls.name, p.urls.fetchUrl));
    QString missingTarget;
    auto choose = [&](const git::RemoteHeads& heads) {
        p.targetBranch = request.targetBranch;
        if (p.targetBranch.isEmpty())
            p.targetBranch = !heads.defaultBranch.isEmpty()                 ? heads.defaultBranch
                             : heads.heads.contains(QStringLiteral("main")) ? QStringLiteral("main")
                                                                            : QStringLiteral("master");
        QStringList wanted;
        if (heads.heads.contains(p.targetBranch))
            wanted << p.targetBranch;
        else
            missingTarget = p.targetBranch;
        for (const QString& c : std::as_const(p.candidates))
            if (heads.heads.contains(c))
                wanted << c;
        return missingTarget.isEmpty() ? wanted : QStringList();
    };
    const git::TransferControl fetchControl = ctx.transfer(0);
    auto heads = git::fetchBranches(*p.repo, p.urls.fetchUrl, choose, *credentials, fetchControl);
    if (!heads)
        return std::unexpected(heads.error());
    p.heads = *heads;
    if (!missingTarget.isEmpty())
        return fail(QStringLiteral("The remote '%1' (%2) has no branch '%3'%4.")
                        .arg(p.urls.name, p.urls.fetchUrl, missingTarget,
                             request.targetBranch.isEmpty() ? QStringLiteral("; choose the target branch")
                                                            : QString()));
    p.revert.baseId = p.heads.heads.value(p.targetBranch);

    // 2. Revert in memory onto the remote tip.
    if (ctx.canceled())
        return fail(QStringLiteral("Canceled."), git::kErrorCanceled);
    auto parents = git::parentCount(*p.repo, p.commitId);
    if (!parents)
        return fail(QStringLiteral("Commit %1 is neither in '%2' nor on %3/%4.")
                        .arg(request.commit, request.repoPath, p.urls.name, p.targetBranch));
    p.parentCount = *parents;
    p.mainline = p.parentCount > 1 ? (request.mainline > 0 ? request.mainline : 1) : request.mainline;
    ctx.report(1, QStringLiteral("Reverting %1 onto %2/%3 (%4)…")
                      .arg(shortCommit, p.urls.name, p.targetBranch, git::shortId(p.revert.baseId)));
    auto revert = git::revertInMemory(*p.repo, p.commitId, p.revert.baseId, p.mainline);
    if (!revert)
        return std::unexpected(revert.error());
    p.revert = std::move(*revert);
    for (const git::RevertConflict& c : p.revert.conflicts)
        p.conflicts.push_back({c.path, c.text, describe(request, *p.repo, c.path, {c.baseBlob})});

    // The branch: the first candidate free on the remote, unless one already carries this revert.
    const QString marker = QStringLiteral("This reverts commit %1").arg(p.commitId);
    for (const QString& c : std::as_const(p.candidates)) {
        if (!p.heads.heads.contains(c)) {
            p.proposedBranch = c;
            break;
        }
        if (commitMessage(*p.repo, p.heads.heads.value(c)).contains(marker)) {
            p.reuseBranch = c;
            break;
        }
    }
    if (p.proposedBranch.isEmpty() && p.reuseBranch.isEmpty())
        return fail(QStringLiteral("Branches %1 to %2 all exist on %3; choose a branch name.")
                        .arg(p.candidates.first(), p.candidates.last(), p.urls.name));

    std::vector<AffectedFile> files;
    for (const git::RevertedChange& c : p.revert.changes)
        files.push_back({c.path, describe(request, *p.repo, c.path, {c.oldBlob, c.newBlob}), c.kind});
    p.title = request.title.isEmpty() ? defaultRevertTitle(p.revert.subject) : request.title;
    p.body = request.body.isEmpty()
                 ? defaultRevertBody(p.revert, files, p.forge, commitMessage(*p.repo, p.commitId))
                 : request.body;
    return p;
}

// The revert's effect per resource (base → after revert; clean reverts only), read through the
// repository's environments as the Changes tab reads a commit: each environment rendered on both
// sides, a base two overlays share listed under both. The reverted tree is no commit yet: the
// environments are detected and rendered on the tree itself.
void readRevertedResources(const Context& ctx, const Prepared& p, diff::ChangeSet& resources, QString& error)
{
    if (p.revert.kind != git::RevertResult::Kind::Clean || p.revert.treeId.isEmpty())
        return;
    ctx.report(1, QStringLiteral("Reading the resources the revert changes…"));
    diff::ChangeSetOptions options;
    options.byEnvironment = true;
    auto set = diff::computeChangeSet(*p.repo, p.revert.baseId, p.revert.treeId, options,
                                      manifest::ParseCache::shared());
    if (set)
        resources = std::move(*set);
    else
        error = set.error().message;
}

RevertOutcome errorOutcome(RevertOutcome outcome, const Error& error)
{
    outcome.status = error.code == git::kErrorCanceled && error.message.startsWith(QLatin1String("Canceled"))
                         ? RevertStatus::Canceled
                         : RevertStatus::Error;
    outcome.message = error.message;
    return outcome;
}

} // namespace

QStringList describeManifestResources(const QString& path, const QByteArray& content)
{
    QStringList names;
    if (!manifest::isManifestPath(path))
        return names;
    for (const manifest::Resource& r : manifest::parseManifest(content).resources)
        names << r.key.displayName();
    return names;
}

namespace {

Result<RevertPreview> previewUnscrubbed(const RevertRequest& request, const ProgressFunction& progress,
                                        const CancelFunction& isCanceled)
{
    const Context ctx{request, progress, isCanceled};
    std::unique_ptr<git::CredentialSession> credentials;
    auto p = prepare(ctx, credentials);
    if (credentials)
        credentials->finish(p.has_value());
    if (!p)
        return std::unexpected(p.error());
    RevertPreview preview;
    preview.revertedId = p->commitId;
    preview.subject = p->revert.subject;
    preview.parentCount = p->parentCount;
    preview.mainline = p->mainline;
    preview.remote = p->urls.name;
    preview.remoteUrl = p->urls.pushUrl;
    preview.targetBranch = p->targetBranch;
    preview.baseId = p->revert.baseId;
    preview.proposedBranch = p->reuseBranch.isEmpty() ? p->proposedBranch : p->reuseBranch;
    preview.title = p->title;
    preview.body = p->body;
    preview.forge = p->forge.kind;
    preview.hasApiToken = p->token.has_value();
    preview.kind = p->revert.kind;
    preview.changes = p->revert.changes;
    preview.conflicts = p->conflicts;
    readRevertedResources(ctx, *p, preview.resources, preview.resourcesError);
    ctx.report(4, QStringLiteral("Preview ready."));
    return preview;
}

RevertOutcome revertUnscrubbed(const RevertRequest& request, const ProgressFunction& progress,
                               const CancelFunction& isCanceled)
{
    const Context ctx{request, progress, isCanceled};
    std::unique_ptr<git::CredentialSession> credentials;
    RevertOutcome outcome;
    auto prepared = prepare(ctx, credentials);
    if (!prepared) {
        if (credentials)
            credentials->finish(false);
        return errorOutcome(outcome, prepared.error());
    }
    Prepared& p = *prepared;
    outcome.revertedId = p.commitId;
    outcome.targetBranch = p.targetBranch;
    outcome.baseId = p.revert.baseId;
    outcome.title = p.title;
    outcome.body = p.body;
    outcome.conflicts = p.conflicts;
    const QString shortCommit = git::shortId(p.commitId);
    const QString where =
        QStringLiteral("%1/%2 (%3)").arg(p.urls.name, p.targetBranch, git::shortId(p.revert.baseId));

    if (p.revert.kind == git::RevertResult::Kind::Conflict) {
        credentials->finish(true);
        QStringList paths;
        for (const auto& c : p.conflicts)
            paths << c.path;
        outcome.status = RevertStatus::Conflict;
        outcome.message =
            QStringLiteral("Reverting %1 onto %2 conflicts in %3: %4. Nothing was pushed.")
                .arg(shortCommit, where,
                     p.conflicts.size() == 1 ? QStringLiteral("1 file")
                                             : QStringLiteral("%1 files").arg(p.conflicts.size()),
                     paths.join(QStringLiteral(", ")));
        return outcome;
    }
    if (p.revert.kind == git::RevertResult::Kind::AlreadyReverted) {
        credentials->finish(true);
        outcome.status = RevertStatus::AlreadyReverted;
        outcome.message = QStringLiteral("Commit %1 is already reverted on %2: reverting it again changes "
                                         "nothing. Nothing was pushed.")
                              .arg(shortCommit, where);
        return outcome;
    }

    auto draftFor = [&](const QString& branch) {
        return PullRequestDraft{p.title, p.body, branch, p.targetBranch};
    };
    if (!p.reuseBranch.isEmpty()) {
        // An earlier run pushed this revert already: open (or find) its pull request, push nothing.
        outcome.branch = p.reuseBranch;
        outcome.commit = p.heads.heads.value(p.reuseBranch);
    } else {
        auto commit = git::commitRevert(*p.repo, p.revert);
        if (!commit) {
            credentials->finish(true);
            return errorOutcome(outcome, commit.error());
        }
        outcome.commit = *commit;
        outcome.branch = p.proposedBranch;
    }
    outcome.compareUrl = browserPullRequestUrl(p.forge, draftFor(outcome.branch));

    if (request.dryRun) {
        credentials->finish(true);
        readRevertedResources(ctx, p, outcome.resources, outcome.resourcesError);
        outcome.status = RevertStatus::DryRun;
        outcome.message =
            p.reuseBranch.isEmpty()
                ? QStringLiteral("Dry run: would push %1 as branch %2 to %3 and open a pull request into %4. "
                                 "Nothing was pushed.")
                      .arg(git::shortId(outcome.commit), outcome.branch, p.urls.name, p.targetBranch)
                : QStringLiteral("Dry run: branch %1 on %2 already holds this revert; would open (or find) "
                                 "its pull request into %3.")
                      .arg(outcome.branch, p.urls.name, p.targetBranch);
        return outcome;
    }

    // 3. Push to a new branch (the name is checked again against what the push remote advertises).
    if (p.reuseBranch.isEmpty()) {
        if (ctx.canceled()) {
            credentials->finish(true);
            return errorOutcome(outcome,
                                Error{QStringLiteral("Canceled; nothing was pushed."), git::kErrorCanceled});
        }
        ctx.report(2, QStringLiteral("Pushing %1 to %2…").arg(outcome.branch, p.urls.name));
        const QStringList candidates = p.candidates.mid(p.candidates.indexOf(outcome.branch));
        auto choose = [&](const git::RemoteHeads& heads) -> Result<QString> {
            for (const QString& c : candidates)
                if (!heads.heads.contains(c))
                    return c;
            return fail(QStringLiteral("Branches %1 to %2 all exist on %3; choose a branch name.")
                            .arg(candidates.first(), candidates.last(), p.urls.name));
        };
        const git::TransferControl pushControl = ctx.transfer(2);
        auto pushed =
            git::pushCommit(*p.repo, p.urls.pushUrl, outcome.commit, choose, *credentials, pushControl);
        credentials->finish(pushed.has_value() || pushed.error().code != git::kErrorAuthentication);
        if (!pushed) {
            if (pushed.error().code == git::kErrorCanceled && ctx.canceled())
                return errorOutcome(
                    outcome, Error{QStringLiteral("Canceled; nothing was pushed."), git::kErrorCanceled});
            Error e = pushed.error();
            e.message =
                QStringLiteral("The push of %1 to %2 failed: %3").arg(outcome.branch, p.urls.name, e.message);
            return errorOutcome(outcome, e);
        }
        outcome.branch = pushed->branch;
        outcome.remoteMessages = pushed->remoteMessages;
        outcome.compareUrl = browserPullRequestUrl(p.forge, draftFor(outcome.branch));
    } else {
        credentials->finish(true);
    }

    // 4. Open (or find) the pull request.
    const QString pushedText =
        p.reuseBranch.isEmpty()
            ? QStringLiteral("Pushed %1 to %2").arg(outcome.branch, p.urls.name)
            : QStringLiteral("Branch %1 on %2 already holds this revert").arg(outcome.branch, p.urls.name);
    if (p.forge.kind == ForgeKind::Unknown) {
        outcome.status = RevertStatus::Pushed;
        outcome.message =
            QStringLiteral("%1. Shiplog does not know which forge serves '%2'; open a pull request from %3 "
                           "into %4 there "
                           "(or name the forge with --forge or the per-host setting).")
                .arg(pushedText, p.forge.remote.host.isEmpty() ? p.urls.pushUrl : p.forge.remote.host,
                     outcome.branch, p.targetBranch);
        return outcome;
    }
    if (!p.token) {
        outcome.status = RevertStatus::Pushed;
        outcome.message =
            QStringLiteral("%1. No %2 API token for %3 (sign in, or set one of the token variables): open %4 "
                           "to create the pull request.")
                .arg(pushedText, displayName(p.forge.kind), p.forge.remote.host, outcome.compareUrl);
        return outcome;
    }
    if (ctx.canceled())
        return errorOutcome(outcome,
                            Error{pushedText + QStringLiteral("; canceled before opening the pull request."),
                                  git::kErrorCanceled});
    ctx.report(3, QStringLiteral("Opening the pull request on %1…").arg(displayName(p.forge.kind)));
    forge::HttpSession http(isCanceled);
    auto client = makeForgeClient(p.forge, p.token->value, p.token->source, http, request.forgeOptions);
    auto pr = openPullRequest(*client, draftFor(outcome.branch));
    if (!pr) {
        outcome.status = RevertStatus::Error;
        outcome.message =
            QStringLiteral("%1, but the pull request could not be opened: %2 Open %3 to create it.")
                .arg(pushedText, pr.error().message, outcome.compareUrl);
        return outcome;
    }
    outcome.pullRequest = *pr;
    outcome.status = pr->existed ? RevertStatus::Exists : RevertStatus::Created;
    outcome.message =
        pr->existed ? QStringLiteral("%1; its pull request is already open: %2").arg(pushedText, pr->url)
                    : QStringLiteral("%1 and opened %2").arg(pushedText, pr->url);
    ctx.report(4, outcome.message);
    return outcome;
}

// Progress texts quote fetch URLs and remote messages: scrubbed like everything else.
ProgressFunction scrubbedProgress(const ProgressFunction& progress)
{
    if (!progress)
        return {};
    return [progress](int step, const QString& text) { progress(step, scrubSecrets(text)); };
}

} // namespace

// Everything a revert reports passes the scrubber: git's and the forge's messages may quote the
// remote URL with its credentials, or an Authorization header.
RevertOutcome revertViaPullRequest(const RevertRequest& request, const ProgressFunction& progress,
                                   const CancelFunction& isCanceled)
{
    RevertOutcome outcome = revertUnscrubbed(request, scrubbedProgress(progress), isCanceled);
    outcome.message = scrubSecrets(outcome.message);
    for (QString& line : outcome.remoteMessages)
        line = scrubSecrets(line);
    outcome.compareUrl = scrubSecrets(outcome.compareUrl);
    outcome.title = scrubSecrets(outcome.title);
    outcome.body = scrubSecrets(outcome.body);
    outcome.resourcesError = scrubSecrets(outcome.resourcesError);
    if (outcome.pullRequest)
        outcome.pullRequest->url = scrubSecrets(outcome.pullRequest->url);
    return outcome;
}

Result<RevertPreview> previewRevert(const RevertRequest& request, const ProgressFunction& progress,
                                    const CancelFunction& isCanceled)
{
    auto preview = previewUnscrubbed(request, scrubbedProgress(progress), isCanceled);
    if (!preview)
        return fail(scrubSecrets(preview.error().message), preview.error().code);
    preview->remoteUrl = redactUrl(preview->remoteUrl);
    preview->title = scrubSecrets(preview->title);
    preview->body = scrubSecrets(preview->body);
    preview->resourcesError = scrubSecrets(preview->resourcesError);
    return preview;
}

namespace {
// Maps the 5 stages onto a progress range whose value only grows, so every text update shows.
struct PromiseProgress
{
    int last = 0;
    int sub = 0;
    int step = 0;
    template <typename T> void operator()(QPromise<T>& promise, int s, const QString& text)
    {
        sub = s == step ? std::min(sub + 1, 99) : 0;
        step = s;
        last = std::max(last + 1, s * 100 + sub);
        promise.setProgressValueAndText(last, text);
    }
};
} // namespace

void revertViaPullRequestJob(QPromise<RevertOutcome>& promise, RevertRequest request)
{
    promise.setProgressRange(0, 500);
    PromiseProgress mapper;
    RevertOutcome outcome = revertViaPullRequest(
        request, [&](int step, const QString& text) { mapper(promise, step, text); },
        [&] { return promise.isCanceled(); });
    promise.addResult(std::move(outcome));
}

void previewRevertJob(QPromise<Result<RevertPreview>>& promise, RevertRequest request)
{
    promise.setProgressRange(0, 500);
    PromiseProgress mapper;
    auto preview = previewRevert(
        request, [&](int step, const QString& text) { mapper(promise, step, text); },
        [&] { return promise.isCanceled(); });
    promise.addResult(std::move(preview));
}

} // namespace shiplog::core::forge
