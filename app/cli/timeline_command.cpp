// shiplog timeline: every commit that changed one Kubernetes resource, following it across files.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::app {

namespace {

const char kUsage[] =
    "Usage: shiplog timeline [--repo PATH] [--rev REV] [--folder DIR]... [--json] [GROUP/]KIND/NAMESPACE/NAME\n"
    "\n"
    "Lists every commit reachable from REV (default HEAD) that changed the resource, newest first,\n"
    "following it through file moves, renames and multi-document splits, with its field changes.\n"
    "Use `-` as NAMESPACE for cluster-scoped resources: `Namespace/-/jx`, `apps/Deployment/jx/web`.\n"
    "\n"
    "  --repo PATH    the repository (default: the current folder)\n"
    "  --rev REV      where the history starts (default HEAD)\n"
    "  --folder DIR   only manifest files under DIR (repeatable)\n"
    "  --json         print one JSON object: {resource, commitsScanned, steps}\n";

int runTimeline(const QStringList& arguments)
{
    QString repoPath = QStringLiteral(".");
    QString revision = QStringLiteral("HEAD");
    QString resource;
    bool json = false;
    core::diff::ChangeSetOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out() << kUsage;
            return ExitOk;
        }
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--repo") || a == QLatin1String("--rev") || a == QLatin1String("--folder")) {
            if (i + 1 >= arguments.size())
                return reportError(QStringLiteral("%1 needs a value (see 'shiplog timeline --help')").arg(a));
            const QString value = arguments[++i];
            if (a == QLatin1String("--repo"))
                repoPath = value;
            else if (a == QLatin1String("--rev"))
                revision = value;
            else
                options.folders << value;
        } else if (a.startsWith(QLatin1String("--"))) {
            return reportError(QStringLiteral("unknown option '%1' (see 'shiplog timeline --help')").arg(a));
        } else if (resource.isEmpty()) {
            resource = a;
        } else {
            return reportError(QStringLiteral("one resource only (got '%1' and '%2')").arg(resource, a));
        }
    }
    if (resource.isEmpty())
        return reportError(QStringLiteral("name a resource as [GROUP/]KIND/NAMESPACE/NAME (see 'shiplog timeline --help')"));
    const auto key = core::manifest::ResourceKey::fromArgument(resource);
    if (!key)
        return reportError(QStringLiteral("'%1' is not [GROUP/]KIND/NAMESPACE/NAME (use - for no namespace, "
                                          "e.g. apps/Deployment/jx/web or Namespace/-/jx)").arg(resource));
    auto repo = core::git::Repository::open(repoPath);
    if (!repo)
        return reportError(repo.error());
    auto timeline = core::diff::buildTimeline(*repo, *key, revision, options, core::manifest::ParseCache::shared());
    if (!timeline)
        return reportError(timeline.error());
    if (json)
        printJsonLine(core::diff::timelineToJson(*timeline));
    else
        printTimeline(*timeline);
    return ExitOk;
}

const bool registered = registerCommand(
    {"timeline", "timeline [--repo PATH] [--json] KIND/NAMESPACE/NAME   every commit that changed a resource",
     &runTimeline});

}  // namespace

}  // namespace shiplog::app
