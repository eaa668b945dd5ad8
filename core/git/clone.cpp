#include "core/git/clone.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace shiplog::core::git {

namespace {

// What the libgit2 callbacks share with the job: where progress goes and whether to stop.
struct CloneProgress
{
    QPromise<Result<QString>>* promise = nullptr;
    QElapsedTimer sinceReport;
    int lastValue = -1;
    bool credentialsAsked = false;

    void report(int value, const QString& text, bool force = false)
    {
        // Hundreds of thousands of callbacks arrive on a big clone: pass on a few per second.
        if (!force && value == lastValue && sinceReport.isValid() && sinceReport.elapsed() < 100)
            return;
        lastValue = value;
        sinceReport.restart();
        promise->setProgressValueAndText(value, text);
    }
};

QString phaseText(const char* phase, size_t done, size_t total)
{
    const int percent = total ? int(done * 100 / total) : 0;
    return QStringLiteral("%1 %2% (%3/%4)").arg(QLatin1String(phase)).arg(percent).arg(done).arg(total);
}

// Receiving objects fills 0..80, resolving deltas 80..95, checking out files 95..100.
int transferProgress(const git_indexer_progress* stats, void* payload)
{
    auto* progress = static_cast<CloneProgress*>(payload);
    if (progress->promise->isCanceled())
        return GIT_EUSER;
    if (stats->total_objects == 0)
        return 0;
    if (stats->received_objects < stats->total_objects) {
        progress->report(int(80 * stats->received_objects / stats->total_objects),
                         phaseText("Receiving objects", stats->received_objects, stats->total_objects));
    } else if (stats->total_deltas > 0) {
        progress->report(80 + int(15 * stats->indexed_deltas / stats->total_deltas),
                         phaseText("Resolving deltas", stats->indexed_deltas, stats->total_deltas));
    } else {
        progress->report(95, phaseText("Receiving objects", stats->received_objects, stats->total_objects));
    }
    return 0;
}

void checkoutProgress(const char*, size_t completed, size_t total, void* payload)
{
    auto* progress = static_cast<CloneProgress*>(payload);
    if (total > 0)
        progress->report(95 + int(5 * completed / total), phaseText("Checking out files", completed, total));
}

int checkoutNotify(git_checkout_notify_t, const char*, const git_diff_file*, const git_diff_file*,
                   const git_diff_file*, void* payload)
{
    // The only way to stop a checkout half-way: a non-zero answer to a notification.
    return static_cast<CloneProgress*>(payload)->promise->isCanceled() ? GIT_EUSER : 0;
}

int credentials(git_credential**, const char*, const char*, unsigned int, void* payload)
{
    // No credential store yet: remember that the server asked, so the message can say so.
    static_cast<CloneProgress*>(payload)->credentialsAsked = true;
    return GIT_PASSTHROUGH;
}

// A message that says what went wrong in the words of someone who clones repositories.
Error cloneError(int rc, const QString& url, const QString& destination, const CloneProgress& progress)
{
    const Error raw = lastError(rc, QString());
    const QString detail = raw.message;
    const QString lower = detail.toLower();
    if (progress.credentialsAsked || rc == GIT_EAUTH || lower.contains(QLatin1String("authentication")) ||
        lower.contains(QLatin1String("status code: 401")) ||
        lower.contains(QLatin1String("status code: 403")))
        return Error{
            QStringLiteral("'%1' requires authentication; Shiplog cannot sign in for a clone yet. "
                           "Clone it with git (which uses your credential helper) and open the folder.")
                .arg(url),
            rc};
    if (lower.contains(QLatin1String("unsupported url protocol")) ||
        lower.contains(QLatin1String("unknown scheme")) || lower.contains(QLatin1String("malformed url")))
        return Error{QStringLiteral("'%1' is not a URL that Shiplog can clone (use https://, ssh://, git://, "
                                    "file:// or a local path)")
                         .arg(url),
                     rc};
    if (lower.contains(QLatin1String("failed to resolve address")) ||
        lower.contains(QLatin1String("failed to connect")) ||
        lower.contains(QLatin1String("connection refused")) || lower.contains(QLatin1String("timed out")))
        return Error{QStringLiteral("Cannot reach the server of '%1': %2").arg(url, detail), rc};
    if (lower.contains(QLatin1String("could not find repository")) ||
        lower.contains(QLatin1String("not found")) ||
        (lower.contains(QLatin1String("failed to resolve path")) &&
         lower.contains(QLatin1String("no such file"))) ||
        lower.contains(QLatin1String("status code: 404")))
        return Error{QStringLiteral("There is no repository at '%1' (%2)").arg(url, detail), rc};
    return Error{QStringLiteral("Cannot clone '%1' into '%2': %3").arg(url, destination, detail), rc};
}

} // namespace

void cloneRepository(QPromise<Result<QString>>& promise, QString url, QString destination)
{
    ensureLibgit2();
    url = url.trimmed();
    if (url.isEmpty()) {
        promise.addResult(fail(QStringLiteral("No URL to clone from")));
        return;
    }
    if (destination.isEmpty()) {
        promise.addResult(fail(QStringLiteral("No destination folder for the clone of '%1'").arg(url)));
        return;
    }
    const QString target = QDir::cleanPath(QFileInfo(destination).absoluteFilePath());
    const QFileInfo info(target);
    const bool existed = info.exists();
    if (existed && !info.isDir()) {
        promise.addResult(
            fail(QStringLiteral("Cannot clone into '%1': a file of that name exists").arg(target)));
        return;
    }
    if (existed &&
        !QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        promise.addResult(
            fail(QStringLiteral("Cannot clone into '%1': the folder exists and is not empty").arg(target)));
        return;
    }

    promise.setProgressRange(0, 100);
    CloneProgress progress;
    progress.promise = &promise;
    progress.report(0, QStringLiteral("Connecting to %1").arg(url), true);

    git_clone_options options = GIT_CLONE_OPTIONS_INIT;
    options.fetch_opts.callbacks.transfer_progress = &transferProgress;
    options.fetch_opts.callbacks.credentials = &credentials;
    options.fetch_opts.callbacks.payload = &progress;
    options.fetch_opts.proxy_opts.type = GIT_PROXY_AUTO;
    options.checkout_opts.progress_cb = &checkoutProgress;
    options.checkout_opts.progress_payload = &progress;
    options.checkout_opts.notify_flags = GIT_CHECKOUT_NOTIFY_UPDATED;
    options.checkout_opts.notify_cb = &checkoutNotify;
    options.checkout_opts.notify_payload = &progress;

    git_repository* raw = nullptr;
    const int rc = git_clone(&raw, url.toUtf8().constData(), QFile::encodeName(target).constData(), &options);
    RepositoryHandle repository(raw);
    if (rc == 0) {
        const char* workdir = git_repository_workdir(raw);
        progress.report(100, QStringLiteral("Cloned into %1").arg(target), true);
        promise.addResult(QDir::cleanPath(workdir ? QFile::decodeName(workdir) : target));
        return;
    }
    const Error error = promise.isCanceled()
                            ? Error{QStringLiteral("The clone of '%1' was cancelled").arg(url), rc}
                            : cloneError(rc, url, target, progress);
    repository.reset();
    // Leave nothing half-made: remove what the clone created (an empty folder the user chose stays).
    if (existed) {
        QDir dir(target);
        for (const QFileInfo& entry :
             dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
            if (entry.isDir() && !entry.isSymLink())
                QDir(entry.absoluteFilePath()).removeRecursively();
            else
                QFile::remove(entry.absoluteFilePath());
        }
    } else {
        QDir(target).removeRecursively();
    }
    promise.addResult(std::unexpected(error));
}

} // namespace shiplog::core::git
