// `shiplog revert`: revert a commit through a pull request, as the GUI's dialog does, headless.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/forge/branch_name.h"
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
    for (const char* key : {"resources", "resourceErrors"}) // dry runs only
        if (o.contains(QLatin1String(key)))
            parts
                << QStringLiteral("\"%1\":%2").arg(QLatin1String(key), jsonText(o.value(QLatin1String(key))));
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

void printHuman(const RevertOutcome& o)
{
    for (const QString& line : o.remoteMessages)
        err() << "remote: " << printable(line) << '\n';
    out() << printable(o.message, true) << '\n';
    if (o.pullRequest)
        out() << "Pull request: " << o.pullRequest->url << '\n';
    else if (!o.compareUrl.isEmpty() &&
             (o.status == RevertStatus::Pushed || o.status == RevertStatus::DryRun))
        out() << "Open the pull request: " << o.compareUrl << '\n';
    if (o.status == RevertStatus::DryRun) {
        // What the revert would change, per environment as `shiplog changes` lists a commit.
        if (!o.resourcesError.isEmpty())
            out() << "Resources could not be read: " << printable(o.resourcesError) << '\n';
        else if (o.resources.resources.isEmpty() && o.resources.errors.isEmpty())
            out() << "The revert changes no Kubernetes resource.\n";
        else {
            out() << "The revert changes (against " << printable(o.targetBranch) << "): ";
            printChangeSet(o.resources);
        }
    }
    for (const auto& c : o.conflicts) {
        out() << "  conflict: " << printable(c.path);
        if (!c.resources.isEmpty())
            out() << " (" << printable(c.resources.join(QStringLiteral(", "))) << ')';
        out() << '\n';
    }
}

int runRevert(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "revert"))
        return *done;
    const QString repo = QStringLiteral("repo"), mainline = QStringLiteral("mainline"),
                  remote = QStringLiteral("remote"), target = QStringLiteral("target"),
                  branch = QStringLiteral("branch"), forgeOption = QStringLiteral("forge"),
                  forgeApi = QStringLiteral("forge-api"), dryRun = QStringLiteral("dry-run"),
                  json = QStringLiteral("json");
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
    if (parser.isSet(branch))
        if (const auto problem = core::forge::branchNameProblem(request.branchName))
            return reportError(QStringLiteral("--branch: '%1' is not a valid branch name: it %2")
                                   .arg(printable(request.branchName), *problem));
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
        err() << "remote: " << printable(line) << '\n';
    return reportError(outcome.message);
}

const bool registered = registerCommand({"revert", &runRevert});

} // namespace

} // namespace shiplog::app
