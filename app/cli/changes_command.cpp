// shiplog changes: what a commit (or a range A..B) did to each Kubernetes resource.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/cli/resource_output.h"
#include "core/diff/change_json.h"
#include "core/diff/change_set.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::app {

namespace {

const char kUsage[] =
    "Usage: shiplog changes [--repo PATH] [--json] [--parent N] [--folder DIR]... REV|A..B\n"
    "\n"
    "Lists the Kubernetes resources that REV added, removed, modified or moved, against its first\n"
    "parent (a root commit: against the empty tree), or from A to B. Resources are identified by\n"
    "group, kind, namespace and name, whatever files hold them; values compare as `kubectl apply`\n"
    "reads them, so comments and formatting are not changes. Secret values are masked.\n"
    "\n"
    "  --repo PATH    the repository (default: the current folder)\n"
    "  --parent N     compare a merge commit with its parent N (default 1)\n"
    "  --folder DIR   only manifest files under DIR (repeatable; default: every *.yaml/*.yml)\n"
    "  --json         print one JSON object: {from, to, resources, errors}\n";

int runChanges(const QStringList& arguments)
{
    QString repoPath = QStringLiteral(".");
    QString revision;
    bool json = false;
    int parent = 1;
    core::diff::ChangeSetOptions options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            out() << kUsage;
            return ExitOk;
        }
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--repo") || a == QLatin1String("--parent") || a == QLatin1String("--folder")) {
            if (i + 1 >= arguments.size())
                return reportError(QStringLiteral("%1 needs a value (see 'shiplog changes --help')").arg(a));
            const QString value = arguments[++i];
            if (a == QLatin1String("--repo")) {
                repoPath = value;
            } else if (a == QLatin1String("--folder")) {
                options.folders << value;
            } else {
                bool ok = false;
                parent = value.toInt(&ok);
                if (!ok || parent < 1)
                    return reportError(QStringLiteral("--parent needs a number from 1 (got '%1')").arg(value));
            }
        } else if (a.startsWith(QLatin1String("--"))) {
            return reportError(QStringLiteral("unknown option '%1' (see 'shiplog changes --help')").arg(a));
        } else if (revision.isEmpty()) {
            revision = a;
        } else {
            return reportError(QStringLiteral("one revision or range only (got '%1' and '%2')").arg(revision, a));
        }
    }
    if (revision.isEmpty())
        revision = QStringLiteral("HEAD");
    auto repo = core::git::Repository::open(repoPath);
    if (!repo)
        return reportError(repo.error());
    auto set = core::diff::computeChangeSetOfRevision(*repo, revision, parent, options,
                                                      core::manifest::ParseCache::shared());
    if (!set)
        return reportError(set.error());
    if (json) {
        printJsonLine(core::diff::changeSetToJson(*set));
        return ExitOk;
    }
    printChangeSet(*set);
    return ExitOk;
}

const bool registered = registerCommand(
    {"changes", "changes [--repo PATH] [--json] [--parent N] REV|A..B   resources a commit or range changed",
     &runChanges});

}  // namespace

}  // namespace shiplog::app
