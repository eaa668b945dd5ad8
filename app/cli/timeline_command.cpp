// shiplog timeline: every commit that changed one Kubernetes resource, following it across files.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/environment_changes.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QCommandLineParser>

namespace shiplog::app {

namespace {

int runTimeline(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "timeline"))
        return *done;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return reportError(
            QStringLiteral("one resource only (got '%1' and '%2')").arg(positional.at(0), positional.at(1)));
    const QString resource = positional.value(0);
    const QString repoPath =
        parser.isSet(QStringLiteral("repo")) ? parser.value(QStringLiteral("repo")) : QStringLiteral(".");
    const QString revision =
        parser.isSet(QStringLiteral("rev")) ? parser.value(QStringLiteral("rev")) : QStringLiteral("HEAD");
    if (revision.trimmed().isEmpty())
        return reportError(
            QStringLiteral("--rev is empty: name a revision (HEAD, a branch, a tag, a commit id)"));
    core::diff::ChangeSetOptions options;
    options.folders = parser.values(QStringLiteral("folder"));
    if (resource.isEmpty())
        return reportError(
            QStringLiteral("name a resource as [GROUP/]KIND/NAMESPACE/NAME (see 'shiplog timeline --help')"));
    const auto key = core::manifest::ResourceKey::fromArgument(resource);
    if (!key)
        return reportError(QStringLiteral("'%1' is not [GROUP/]KIND/NAMESPACE/NAME (use - for no namespace, "
                                          "e.g. apps/Deployment/jx/web or Namespace/-/jx)")
                               .arg(resource));
    auto repo = core::git::Repository::open(repoPath);
    if (!repo)
        return reportError(repo.error());
    if (parser.isSet(QStringLiteral("env"))) {
        // The resource as the environment renders it (kustomize overlays built, namespaces resolved).
        if (!options.folders.isEmpty())
            return reportError(
                QStringLiteral("--env and --folder do not go together: an environment names its folders"));
        auto timeline =
            core::diff::buildEnvironmentTimeline(*repo, *key, revision, parser.value(QStringLiteral("env")));
        if (!timeline)
            return reportError(timeline.error());
        if (parser.isSet(QStringLiteral("json")))
            printJsonLine(core::diff::timelineToJson(*timeline));
        else
            printTimeline(*timeline);
        return ExitOk;
    }
    auto timeline =
        core::diff::buildTimeline(*repo, *key, revision, options, core::manifest::ParseCache::shared());
    if (!timeline)
        return reportError(timeline.error());
    if (parser.isSet(QStringLiteral("json")))
        printJsonLine(core::diff::timelineToJson(*timeline));
    else
        printTimeline(*timeline);
    return ExitOk;
}

const bool registered = registerCommand({"timeline", &runTimeline});

} // namespace

} // namespace shiplog::app
