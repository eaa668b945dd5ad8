#include "core/git/push.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace shiplog::core::git {

namespace {

// What libgit2's callbacks see: one per operation, on the calling thread.
struct CallbackState
{
    CredentialSession* credentials = nullptr;
    const TransferControl* control = nullptr;
    QByteArray sideband;                          // raw server messages
    QList<std::pair<QString, QString>> refStatus; // refname, rejection reason (empty = accepted)
    bool canceled = false;

    bool cancelRequested()
    {
        if (control && control->isCanceled && control->isCanceled())
            canceled = true;
        return canceled;
    }
    void report(const QString& text) const
    {
        if (control && control->progress)
            control->progress(text);
    }
};

int onCredentials(git_credential** out, const char* url, const char* user, unsigned int allowed,
                  void* payload)
{
    auto* s = static_cast<CallbackState*>(payload);
    if (s->cancelRequested())
        return GIT_EUSER;
    return s->credentials->acquire(out, url, user, allowed);
}

int onTransfer(const git_indexer_progress* stats, void* payload)
{
    auto* s = static_cast<CallbackState*>(payload);
    if (s->cancelRequested())
        return -1;
    if (stats->total_objects > 0)
        s->report(QStringLiteral("Receiving objects: %1% (%2/%3)")
                      .arg(stats->received_objects * 100 / stats->total_objects)
                      .arg(stats->received_objects)
                      .arg(stats->total_objects));
    return 0;
}

int onSideband(const char* text, int length, void* payload)
{
    auto* s = static_cast<CallbackState*>(payload);
    s->sideband.append(text, length);
    return s->cancelRequested() ? -1 : 0;
}

int onPushTransfer(unsigned int current, unsigned int total, size_t, void* payload)
{
    auto* s = static_cast<CallbackState*>(payload);
    if (s->cancelRequested())
        return -1;
    if (total > 0)
        s->report(QStringLiteral("Writing objects: %1% (%2/%3)")
                      .arg(current * 100 / total)
                      .arg(current)
                      .arg(total));
    return 0;
}

int onPushUpdate(const char* refname, const char* status, void* payload)
{
    auto* s = static_cast<CallbackState*>(payload);
    s->refStatus.append({QString::fromUtf8(refname), status ? QString::fromUtf8(status) : QString()});
    return 0;
}

git_remote_callbacks callbacksFor(CallbackState& state)
{
    git_remote_callbacks callbacks;
    git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION);
    callbacks.credentials = &onCredentials;
    callbacks.transfer_progress = &onTransfer;
    callbacks.sideband_progress = &onSideband;
    callbacks.push_transfer_progress = &onPushTransfer;
    callbacks.push_update_reference = &onPushUpdate;
    callbacks.payload = &state;
    return callbacks;
}

// The server's messages as lines, without progress counters ("Resolving deltas: 50%").
QStringList serverLines(const QByteArray& raw)
{
    QStringList lines;
    static const QRegularExpression split(QStringLiteral("[\r\n]+"));
    for (QString line : QString::fromUtf8(raw).split(split, Qt::SkipEmptyParts)) {
        line = line.trimmed();
        if (line.isEmpty() || line.contains(QRegularExpression(QStringLiteral("^[A-Za-z ]+: +\\d+% \\("))))
            continue;
        if (!lines.contains(line))
            lines.append(line);
    }
    return lines;
}

Error remoteError(int rc, const QString& what, const CallbackState& state, const QString& url)
{
    if (state.canceled)
        return Error{QStringLiteral("Canceled."), GIT_EUSER};
    if (!state.credentials->failure().isEmpty() && (rc == GIT_EAUTH || rc == GIT_EUSER || rc < 0)) {
        const git_error* e = git_error_last();
        if (rc == GIT_EAUTH || (e && QString::fromUtf8(e->message).contains(QLatin1String("uthentication"))))
            return Error{state.credentials->failure(), GIT_EAUTH};
    }
    Error error = lastError(rc, QStringLiteral("%1 %2").arg(what, url));
    const QStringList lines = serverLines(state.sideband);
    if (!lines.isEmpty())
        error.message += QStringLiteral("\nremote: ") + lines.join(QStringLiteral("\nremote: "));
    return error;
}

struct Connection
{
    RemoteHandle remote;
    CallbackState state;
    git_remote_callbacks callbacks{};
    git_proxy_options proxy{};
};

Result<RemoteHeads> connect(Connection& c, const Repository& repo, const QString& url,
                            git_direction direction, CredentialSession& credentials,
                            const TransferControl& control)
{
    git_remote* raw = nullptr;
    int rc = git_remote_create_anonymous(&raw, repo.raw(), url.toUtf8().constData());
    c.remote.reset(raw);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Invalid remote URL '%1'").arg(url)));
    c.state.credentials = &credentials;
    c.state.control = &control;
    c.callbacks = callbacksFor(c.state);
    git_proxy_options_init(&c.proxy, GIT_PROXY_OPTIONS_VERSION);
    c.proxy.type = GIT_PROXY_AUTO; // http.proxy, https_proxy, as git does
    rc = git_remote_connect(c.remote.get(), direction, &c.callbacks, &c.proxy, nullptr);
    if (rc < 0)
        return std::unexpected(remoteError(rc, QStringLiteral("Cannot connect to"), c.state, url));
    credentials.connectionSucceeded();

    const git_remote_head** heads = nullptr;
    size_t count = 0;
    rc = git_remote_ls(&heads, &count, c.remote.get());
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot list the branches of %1").arg(url)));
    RemoteHeads result;
    for (size_t i = 0; i < count; ++i) {
        const QString name = QString::fromUtf8(heads[i]->name);
        if (name.startsWith(QLatin1String("refs/heads/")))
            result.heads.insert(name.mid(11), oidToString(heads[i]->oid));
    }
    BufGuard head;
    if (git_remote_default_branch(&head.buf, c.remote.get()) == 0) {
        const QString ref = QString::fromUtf8(head.buf.ptr, qsizetype(head.buf.size));
        if (ref.startsWith(QLatin1String("refs/heads/")))
            result.defaultBranch = ref.mid(11);
    }
    return result;
}

} // namespace

Result<RemoteUrls> lookupRemote(const Repository& repo, const QString& requested)
{
    QString name = requested;
    if (name.isEmpty()) {
        git_strarray names{};
        if (git_remote_list(&names, repo.raw()) == 0) {
            QStringList all;
            for (size_t i = 0; i < names.count; ++i)
                all << QString::fromUtf8(names.strings[i]);
            git_strarray_dispose(&names);
            if (all.contains(QStringLiteral("origin")))
                name = QStringLiteral("origin");
            else if (all.size() == 1)
                name = all.first();
            else if (all.isEmpty())
                return fail(QStringLiteral("The repository '%1' has no remote to push to; add one with 'git "
                                           "remote add origin URL'.")
                                .arg(repo.path()));
            else
                return fail(QStringLiteral("The repository '%1' has several remotes (%2) and none is called "
                                           "origin; say which one to use.")
                                .arg(repo.path(), all.join(QStringLiteral(", "))));
        }
    }
    git_remote* raw = nullptr;
    const int rc = git_remote_lookup(&raw, repo.raw(), name.toUtf8().constData());
    RemoteHandle remote(raw);
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
        return fail(QStringLiteral("The repository '%1' has no remote named '%2'.").arg(repo.path(), name),
                    rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read remote '%1'").arg(name)));
    RemoteUrls urls;
    urls.name = name;
    urls.fetchUrl = QString::fromUtf8(git_remote_url(remote.get()) ? git_remote_url(remote.get()) : "");
    const char* push = git_remote_pushurl(remote.get());
    urls.pushUrl = push ? QString::fromUtf8(push) : urls.fetchUrl;
    if (urls.fetchUrl.isEmpty())
        return fail(QStringLiteral("The remote '%1' has no URL.").arg(name));
    return urls;
}

Result<RemoteHeads> fetchBranches(const Repository& repo, const QString& url,
                                  const std::function<QStringList(const RemoteHeads&)>& choose,
                                  CredentialSession& credentials, const TransferControl& control)
{
    Connection c;
    auto heads = connect(c, repo, url, GIT_DIRECTION_FETCH, credentials, control);
    if (!heads)
        return heads;
    QList<QByteArray> specs;
    for (const QString& branch : choose(*heads))
        specs.append(
            QStringLiteral("refs/heads/%1").arg(branch).toUtf8()); // no destination: no ref is updated
    if (specs.isEmpty())
        return heads;
    std::vector<char*> pointers;
    for (QByteArray& s : specs)
        pointers.push_back(s.data());
    git_strarray refspecs{pointers.data(), pointers.size()};
    git_fetch_options options;
    git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
    options.callbacks = c.callbacks;
    options.proxy_opts = c.proxy;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    options.prune = GIT_FETCH_NO_PRUNE;
    const int rc = git_remote_download(c.remote.get(), &refspecs, &options);
    git_remote_disconnect(c.remote.get());
    if (rc < 0)
        return std::unexpected(remoteError(rc, QStringLiteral("Cannot fetch from"), c.state, url));
    return heads;
}

namespace {

// A remote on this machine: a path or a file:// URL (not scp-like "host:path", not "scheme://").
bool isLocalUrl(const QString& url)
{
    if (url.startsWith(QLatin1String("file://")))
        return true;
    if (url.contains(QLatin1String("://")))
        return false;
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    const qsizetype slash = url.indexOf(QLatin1Char('/'));
    return colon < 0 || (slash >= 0 && slash < colon);
}

// libgit2's local transport writes into the other repository itself and runs none of its hooks
// (pre-receive, update, post-receive): a push there must be what `git push` does, so it is `git
// push`. From the user's repository (the commit is in its object database), to a URL: no
// remote-tracking reference of the user's repository changes.
Result<PushReport> pushLocally(const Repository& repo, const QString& url, const QString& commitId,
                               const QString& branch, const TransferControl& control)
{
    QProcess git;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    environment.insert(QStringLiteral("GIT_DIR"), repo.gitDir());
    git.setProcessEnvironment(environment);
    git.setWorkingDirectory(repo.gitDir());
    // No '+': never forced; an existing branch is rejected.
    git.start(QStringLiteral("git"),
              {QStringLiteral("push"), QStringLiteral("--porcelain"), QStringLiteral("--"), url,
               commitId + QStringLiteral(":refs/heads/") + branch});
    if (!git.waitForStarted(10000))
        return fail(
            QStringLiteral("Cannot push to %1: git could not be started (%2); pushing to a repository on "
                           "this machine runs `git push`, so that its hooks run")
                .arg(url, git.errorString()));
    while (!git.waitForFinished(100)) {
        if (control.isCanceled && control.isCanceled()) {
            git.kill();
            git.waitForFinished(5000);
            return fail(QStringLiteral("Canceled."));
        }
    }
    const QString errorText = QString::fromUtf8(git.readAllStandardError());
    const QString porcelain = QString::fromUtf8(git.readAllStandardOutput());
    QStringList remote;
    for (const QString& line : errorText.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("remote: ")))
            remote.append(line.mid(8).trimmed());
    }
    remote = serverLines(remote.join(QLatin1Char('\n')).toUtf8());
    PushReport report{branch, remote};
    if (git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0)
        return report;
    // The porcelain line of the reference: "!\t<src>:<dst>\t[remote rejected] (pre-receive hook declined)".
    QString reason;
    for (const QString& line : porcelain.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('!')))
            reason = line.section(QLatin1Char('\t'), 2).trimmed();
    }
    if (reason.isEmpty()) {
        const QStringList lines = errorText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        reason = lines.isEmpty() ? QStringLiteral("git push failed") : lines.constLast().trimmed();
    }
    QString message = QStringLiteral("%1 rejected the push of refs/heads/%2: %3.").arg(url, branch, reason);
    if (!remote.isEmpty())
        message += QStringLiteral("\nremote: ") + remote.join(QStringLiteral("\nremote: "));
    return fail(message);
}

} // namespace

Result<PushReport> pushCommit(const Repository& repo, const QString& url, const QString& commitId,
                              const std::function<Result<QString>(const RemoteHeads&)>& chooseBranch,
                              CredentialSession& credentials, const TransferControl& control)
{
    auto oid = oidFromString(commitId);
    if (!oid)
        return std::unexpected(oid.error());
    Connection c;
    auto heads = connect(c, repo, url, GIT_DIRECTION_PUSH, credentials, control);
    if (!heads)
        return std::unexpected(heads.error());
    auto branch = chooseBranch(*heads);
    if (!branch)
        return std::unexpected(branch.error());
    if (isLocalUrl(url)) {
        git_remote_disconnect(c.remote.get());
        return pushLocally(repo, url, commitId, *branch, control);
    }

    // libgit2 1.5 cannot push a bare object id ("no such reference", fixed in 1.6.1): push from a
    // private reference that exists only for the duration of the push.
    const QString privateRef = QStringLiteral("refs/shiplog/revert/") + commitId;
    git_reference* rawRef = nullptr;
    int rc = git_reference_create(&rawRef, repo.raw(), privateRef.toUtf8().constData(), &*oid, 1,
                                  "shiplog: revert push");
    ReferenceHandle ref(rawRef);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot create %1").arg(privateRef)));
    struct Cleanup
    {
        git_reference* ref;
        ~Cleanup() { git_reference_delete(ref); }
    } cleanup{ref.get()};

    QByteArray spec = (privateRef + QStringLiteral(":refs/heads/") + *branch).toUtf8(); // no '+': never force
    char* specs[] = {spec.data()};
    git_strarray refspecs{specs, 1};
    git_push_options options;
    git_push_options_init(&options, GIT_PUSH_OPTIONS_VERSION);
    options.callbacks = c.callbacks;
    options.proxy_opts = c.proxy;
    rc = git_remote_upload(c.remote.get(), &refspecs, &options);
    git_remote_disconnect(c.remote.get());
    if (rc < 0)
        return std::unexpected(remoteError(rc, QStringLiteral("Cannot push to"), c.state, url));

    // A rejected push returns 0: the verdict per reference comes only through the callback.
    PushReport report;
    report.branch = *branch;
    report.remoteMessages = serverLines(c.state.sideband);
    bool accepted = false;
    for (const auto& [refname, status] : c.state.refStatus) {
        if (!status.isEmpty()) {
            QString message = QStringLiteral("%1 rejected the push of %2: %3.").arg(url, refname, status);
            if (!report.remoteMessages.isEmpty())
                message +=
                    QStringLiteral("\nremote: ") + report.remoteMessages.join(QStringLiteral("\nremote: "));
            return fail(message);
        }
        accepted = accepted || refname == QStringLiteral("refs/heads/") + *branch;
    }
    if (!accepted)
        return fail(QStringLiteral("%1 did not confirm the push of refs/heads/%2.").arg(url, *branch));
    return report;
}

} // namespace shiplog::core::git
