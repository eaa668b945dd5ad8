// `shiplog revert`: revert a commit through a pull request, as the GUI's dialog does, headless.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/forge/revert_pull_request.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <unistd.h>

namespace shiplog::app {

namespace {

using core::forge::RevertOutcome;
using core::forge::RevertStatus;

// Assembled by hand so that the keys keep the documented order.
QString jsonLine(const RevertOutcome& outcome)
{
    const QJsonObject o = core::forge::toJson(outcome);
    QStringList parts;
    for (const char* key :
         {"status", "branch", "commit", "pullRequest", "compareUrl", "conflicts", "message"}) {
        QJsonValue v = o.value(QLatin1String(key));
        QString text;
        if (v.isObject()) { // pullRequest: url before number
            const QJsonObject pr = v.toObject();
            text = QStringLiteral("{\"url\":%1,\"number\":%2}")
                       .arg(jsonText(pr.value(QStringLiteral("url"))),
                            jsonText(pr.value(QStringLiteral("number"))));
        } else if (v.isArray()) { // conflicts: path before resources
            QStringList items;
            for (const QJsonValue c : v.toArray())
                items << QStringLiteral("{\"path\":%1,\"resources\":%2}")
                             .arg(jsonText(c.toObject().value(QStringLiteral("path"))),
                                  jsonText(c.toObject().value(QStringLiteral("resources"))));
            text = QLatin1Char('[') + items.join(QLatin1Char(',')) + QLatin1Char(']');
        } else {
            text = jsonText(v);
        }
        parts << QStringLiteral("\"%1\":%2").arg(QLatin1String(key), text);
    }
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

void printHuman(const RevertOutcome& o)
{
    for (const QString& line : o.remoteMessages)
        err() << "remote: " << line << '\n';
    out() << o.message << '\n';
    if (o.pullRequest)
        out() << "Pull request: " << o.pullRequest->url << '\n';
    else if (!o.compareUrl.isEmpty() &&
             (o.status == RevertStatus::Pushed || o.status == RevertStatus::DryRun))
        out() << "Open the pull request: " << o.compareUrl << '\n';
    for (const auto& c : o.conflicts) {
        out() << "  conflict: " << c.path;
        if (!c.resources.isEmpty())
            out() << " (" << c.resources.join(QStringLiteral(", ")) << ')';
        out() << '\n';
    }
}

const char synopsis[] =
    "revert [--repo PATH] COMMIT [--mainline N] [--remote NAME] [--target BRANCH] [--branch NAME] "
    "[--forge github|gitlab|gitea|bitbucket|azure] [--forge-api URL] [--dry-run] [--json]";

int runRevert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reverts COMMIT through a pull request: fetches the target branch from the remote, reverts the\n"
        "commit onto its tip in memory, pushes the result to a new branch (revert-<short id>, made unique)\n"
        "and opens a pull request, or finds the one already open. Your working tree, index, HEAD and\n"
        "branches are not touched.\n\n"
        "API tokens: GH_TOKEN/GITHUB_TOKEN (github.com), GH_ENTERPRISE_TOKEN (other GitHub hosts),\n"
        "`gh auth token`, GITLAB_TOKEN, GITEA_TOKEN, AZURE_DEVOPS_EXT_PAT. Without one, the branch is "
        "pushed\n"
        "and the forge's prefilled pull-request page is printed. Pushes over HTTPS use the token, then your\n"
        "git credential helpers; over SSH, ssh-agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa.\n\n"
        "Exit status: 0 pull request created or found, or branch pushed (also --dry-run);\n"
        "1 nothing done because the revert conflicts or the commit is already reverted; 2 error."));
    const QCommandLineOption repo = repoOption();
    const QCommandLineOption mainline(
        QStringLiteral("mainline"),
        QStringLiteral("For a merge commit: the parent to keep, 1-based (default 1)."), QStringLiteral("N"));
    const QCommandLineOption remote(QStringLiteral("remote"),
                                    QStringLiteral("The remote to fetch from and push to (default origin)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption target(
        QStringLiteral("target"),
        QStringLiteral("The branch to revert on (default: the remote's default branch)."),
        QStringLiteral("BRANCH"));
    const QCommandLineOption branch(QStringLiteral("branch"),
                                    QStringLiteral("The new branch's name (default revert-<short id>)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption forgeOption(
        QStringLiteral("forge"),
        QStringLiteral("The forge at the remote's host, when not github.com, gitlab.com, … ."),
        QStringLiteral("github|gitlab|gitea|bitbucket|azure"));
    const QCommandLineOption forgeApi(
        QStringLiteral("forge-api"),
        QStringLiteral("The forge's API base URL (e.g. https://ghe.example/api/v3)."), QStringLiteral("URL"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Revert and report, but push nothing and open nothing."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral(
            "One JSON object: status (created|exists|pushed|conflict|already-reverted|dry-run|error), "
            "branch, commit, pullRequest {url, number} or null, compareUrl, conflicts [{path, resources}], "
            "message."));
    parser.addOptions({repo, mainline, remote, target, branch, forgeOption, forgeApi, dryRun, json});
    parser.addPositionalArgument(QStringLiteral("COMMIT"),
                                 QStringLiteral("The commit to revert (id, branch, tag, HEAD~2, …)."));

    if (const auto done = parseCommandArguments(parser, arguments, "revert", synopsis))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return reportError(QStringLiteral("name the commit to revert (shiplog revert COMMIT)"));
    if (positional.size() > 1)
        return reportError(
            QStringLiteral("unexpected argument '%1': revert one commit at a time").arg(positional.at(1)));

    core::forge::RevertRequest request;
    request.repoPath = parser.isSet(repo) ? parser.value(repo) : QDir::currentPath();
    request.commit = positional.front();
    if (parser.isSet(mainline)) {
        bool ok = false;
        request.mainline = parser.value(mainline).toInt(&ok);
        if (!ok || request.mainline < 1)
            return reportError(QStringLiteral("--mainline needs a parent number (1, 2, …), not '%1'")
                                   .arg(parser.value(mainline)));
    }
    request.remote = parser.value(remote);
    request.targetBranch = parser.value(target);
    request.branchName = parser.value(branch);
    if (parser.isSet(forgeOption)) {
        request.forge = core::forge::forgeFromName(parser.value(forgeOption));
        if (!request.forge)
            return reportError(
                QStringLiteral("--forge: '%1' is not one of github, gitlab, gitea, bitbucket, azure")
                    .arg(parser.value(forgeOption)));
    }
    request.forgeApi = parser.value(forgeApi);
    request.dryRun = parser.isSet(dryRun);

    const bool asJson = parser.isSet(json);
    const bool showProgress = !asJson && isatty(STDERR_FILENO);
    int lastStep = -1;
    const RevertOutcome outcome =
        core::forge::revertViaPullRequest(request, [&](int step, const QString& text) {
            if (showProgress && step != lastStep && step < 4) {
                err() << text << Qt::endl;
                lastStep = step;
            }
        });

    if (asJson)
        out() << jsonLine(outcome) << '\n';
    switch (outcome.status) {
    case RevertStatus::Created:
    case RevertStatus::Exists:
    case RevertStatus::Pushed:
    case RevertStatus::DryRun:
        if (!asJson)
            printHuman(outcome);
        return ExitOk;
    case RevertStatus::Conflict:
    case RevertStatus::AlreadyReverted:
        if (!asJson)
            printHuman(outcome);
        return ExitDifferences;
    case RevertStatus::Error:
    case RevertStatus::Canceled:
        break;
    }
    for (const QString& line : outcome.remoteMessages)
        err() << "remote: " << line << '\n';
    return reportError(outcome.message);
}

const bool registered = registerCommand({"revert", synopsis, &runRevert});

} // namespace

} // namespace shiplog::app
