// shiplog timeline: every commit that changed one Kubernetes resource, following it across files.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QCommandLineParser>

namespace shiplog::app {

namespace {

const char synopsis[] =
    "timeline [--repo PATH] [--rev REV] [--folder DIR]... [--json] [GROUP/]KIND/NAMESPACE/NAME";

int runTimeline(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists every commit reachable from REV (default HEAD) that changed the resource, newest first,\n"
        "following it through file moves, renames and multi-document splits, with its field changes.\n"
        "Use `-` as NAMESPACE for cluster-scoped resources: `Namespace/-/jx`, `apps/Deployment/jx/web`."));
    const QCommandLineOption repoPathOption = repoOption();
    const QCommandLineOption rev(QStringLiteral("rev"),
                                 QStringLiteral("Where the history starts (default HEAD)."),
                                 QStringLiteral("REV"));
    const QCommandLineOption folder(QStringLiteral("folder"),
                                    QStringLiteral("Only manifest files under DIR (repeatable)."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption json =
        jsonOption(QStringLiteral("one JSON object: {resource, commitsScanned, steps}"));
    parser.addOptions({repoPathOption, rev, folder, json});
    parser.addPositionalArgument(QStringLiteral("[GROUP/]KIND/NAMESPACE/NAME"),
                                 QStringLiteral("The resource."));
    if (const auto done = parseCommandArguments(parser, arguments, "timeline", synopsis))
        return *done;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return reportError(
            QStringLiteral("one resource only (got '%1' and '%2')").arg(positional.at(0), positional.at(1)));
    const QString resource = positional.value(0);
    const QString repoPath =
        parser.isSet(repoPathOption) ? parser.value(repoPathOption) : QStringLiteral(".");
    const QString revision = parser.isSet(rev) ? parser.value(rev) : QStringLiteral("HEAD");
    core::diff::ChangeSetOptions options;
    options.folders = parser.values(folder);
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
    auto timeline =
        core::diff::buildTimeline(*repo, *key, revision, options, core::manifest::ParseCache::shared());
    if (!timeline)
        return reportError(timeline.error());
    if (parser.isSet(json))
        printJsonLine(core::diff::timelineToJson(*timeline));
    else
        printTimeline(*timeline);
    return ExitOk;
}

const bool registered = registerCommand({"timeline", synopsis, &runTimeline});

} // namespace

} // namespace shiplog::app
