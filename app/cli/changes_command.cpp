// shiplog changes: what a commit (or a range A..B) did to each Kubernetes resource.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/release_output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/change_set.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QCommandLineParser>

namespace shiplog::app {

namespace {

int runChanges(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "changes"))
        return *done;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return reportError(QStringLiteral("one revision or range only (got '%1' and '%2')")
                               .arg(positional.at(0), positional.at(1)));
    if (positional.size() == 1 && positional.first().trimmed().isEmpty())
        return reportError(QStringLiteral(
            "the revision is empty: name a commit (HEAD, a branch, a tag, an id) or a range A..B"));
    QString revision = positional.value(0);
    int parent = 1;
    if (parser.isSet(QStringLiteral("parent"))) {
        QString error;
        const auto number =
            parseCount(QStringLiteral("parent"), parser.value(QStringLiteral("parent")), error);
        if (!number)
            return reportError(error);
        parent = *number;
    }
    const QString repoPath =
        parser.isSet(QStringLiteral("repo")) ? parser.value(QStringLiteral("repo")) : QStringLiteral(".");
    core::diff::ChangeSetOptions options;
    options.folders = parser.values(QStringLiteral("folder"));
    options.byEnvironment = true;
    options.environment = parser.value(QStringLiteral("env"));
    if (parser.isSet(QStringLiteral("env")) && options.environment.trimmed().isEmpty())
        return reportError(QStringLiteral("--env is empty: name an environment (see shiplog envs)"));
    if (!options.environment.isEmpty() && !options.folders.isEmpty())
        return reportError(
            QStringLiteral("--env and --folder do not go together: an environment names its folders"));
    const bool asJson = parser.isSet(QStringLiteral("json"));
    if (revision.isEmpty())
        revision = QStringLiteral("HEAD");
    auto repo = core::git::Repository::open(repoPath);
    if (!repo)
        return reportError(repo.error());
    auto set = core::diff::computeChangeSetOfRevision(*repo, revision, parent, options,
                                                      core::manifest::ParseCache::shared());
    if (!set)
        return reportError(set.error());
    // Jenkins X promotions edit helmfiles, not resources: their version changes are listed too.
    // A helmfile that does not parse is one more file that could not be read, not a failed command.
    auto releases = core::environment::releaseChangesOfRevision(*repo, revision, parent);
    if (!releases)
        set->errors.append({releases.error().message.section(u':', 0, 0), 0, releases.error().message});
    else if (!options.environment.isEmpty()) // --env: that environment's releases only
        releases->removeIf([&](const auto& r) { return r.environment != options.environment; });
    if (asJson) {
        QJsonObject json = core::diff::changeSetToJson(*set);
        if (releases && !releases->isEmpty())
            json.insert(QStringLiteral("releases"), releaseChangesJson(*releases));
        printJsonLine(json);
        return ExitOk;
    }
    if (releases)
        printReleaseChanges(*releases);
    printChangeSet(*set);
    return ExitOk;
}

const bool registered = registerCommand({"changes", &runChanges});

} // namespace

} // namespace shiplog::app
