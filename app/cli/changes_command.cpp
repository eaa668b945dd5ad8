// shiplog changes: what a commit (or a range A..B) did to each Kubernetes resource.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/change_set.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QCommandLineParser>

namespace shiplog::app {

namespace {

const char synopsis[] = "changes [--repo PATH] [--parent N] [--folder DIR]... [--json] REV|A..B";

int runChanges(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the Kubernetes resources that REV added, removed, modified or moved, against its first\n"
        "parent (a root commit: against the empty tree), or from A to B. Resources are identified by\n"
        "group, kind, namespace and name, whatever files hold them; values compare as `kubectl apply`\n"
        "reads them, so comments and formatting are not changes. Secret values are masked."));
    const QCommandLineOption repoPathOption = repoOption();
    const QCommandLineOption parentOption(
        QStringLiteral("parent"), QStringLiteral("Compare a merge commit with its parent N (default 1)."),
        QStringLiteral("N"));
    const QCommandLineOption folder(
        QStringLiteral("folder"),
        QStringLiteral("Only manifest files under DIR (repeatable; default: every *.yaml/*.yml)."),
        QStringLiteral("DIR"));
    const QCommandLineOption json =
        jsonOption(QStringLiteral("one JSON object: {from, to, resources, errors}"));
    parser.addOptions({repoPathOption, parentOption, folder, json});
    parser.addPositionalArgument(QStringLiteral("REV|A..B"),
                                 QStringLiteral("A commit (default HEAD) or a range."));
    if (const auto done = parseCommandArguments(parser, arguments, "changes", synopsis))
        return *done;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return reportError(QStringLiteral("one revision or range only (got '%1' and '%2')")
                               .arg(positional.at(0), positional.at(1)));
    QString revision = positional.value(0);
    int parent = 1;
    if (parser.isSet(parentOption)) {
        QString error;
        const auto number = parseCount(QStringLiteral("parent"), parser.value(parentOption), error);
        if (!number)
            return reportError(error);
        parent = *number;
    }
    const QString repoPath =
        parser.isSet(repoPathOption) ? parser.value(repoPathOption) : QStringLiteral(".");
    core::diff::ChangeSetOptions options;
    options.folders = parser.values(folder);
    const bool asJson = parser.isSet(json);
    if (revision.isEmpty())
        revision = QStringLiteral("HEAD");
    auto repo = core::git::Repository::open(repoPath);
    if (!repo)
        return reportError(repo.error());
    auto set = core::diff::computeChangeSetOfRevision(*repo, revision, parent, options,
                                                      core::manifest::ParseCache::shared());
    if (!set)
        return reportError(set.error());
    if (asJson) {
        printJsonLine(core::diff::changeSetToJson(*set));
        return ExitOk;
    }
    printChangeSet(*set);
    return ExitOk;
}

const bool registered = registerCommand({"changes", synopsis, &runChanges});

} // namespace

} // namespace shiplog::app
