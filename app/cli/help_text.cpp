#include "app/cli/help_text.h"

#include <QCommandLineParser>
#include <QStringList>
#include <algorithm>
#include <array>

namespace shiplog::app::help {

namespace {

// Options several commands share, worded the same everywhere.
constexpr Option repo{"repo", "PATH", "The repository (default: the current folder)."};

constexpr std::array changesOptions{
    repo,
    Option{"parent", "N", "Compare a merge commit with its parent N (default 1)."},
    Option{"folder", "DIR", "Only manifest files under DIR (repeatable; default: every *.yaml/*.yml)."},
    Option{"env", "NAME", "Only the environment NAME, as rendered (see shiplog envs)."},
    Option{"json", nullptr, "Print one JSON object: {from, to, resources, errors}."},
};
constexpr std::array changesArguments{Argument{"REV|A..B", "A commit (default HEAD) or a range."}};

constexpr std::array compareEnvsOptions{
    repo,
    Option{"rev", "REV", "The revision to compare at (default HEAD)."},
    Option{"no-blame", nullptr, "Do not look up the commit that last set each differing field (faster)."},
    Option{"json", nullptr, "Print one JSON object: {a, b, resources, releases, errors}."},
};
constexpr std::array compareEnvsArguments{
    Argument{"A", "The first environment (a name from 'shiplog envs', e.g. staging)."},
    Argument{"B", "The second environment (e.g. production)."}};

constexpr std::array demoClusterOptions{
    Option{"repo", "PATH", "Seed the server from the manifests under PATH."},
    Option{"port", "N", "Listen on port N (default: any free port).", "0"},
    Option{"kubeconfig-out", "FILE",
           "Write a kubeconfig for the server to FILE (default: a file in the temporary folder)."},
    Option{"plain-http", nullptr, "Serve plain HTTP instead of HTTPS."},
    Option{"anonymous", nullptr, "Accept requests without a bearer token."},
    Option{"token", "TOKEN", "The bearer token clients must send (default: random)."},
    Option{"deny", "RESOURCE", "Answer 403 Forbidden for RESOURCE (e.g. secrets); may be repeated."},
    Option{"inject-drift", nullptr,
           "After seeding, change the cluster as people do by hand (scale, edit, delete, create, rotate a "
           "Secret)."},
};

constexpr std::array driftOptions{
    repo,
    Option{"rev", "REV", "The revision to compare (default HEAD)."},
    Option{"env", "NAME",
           "Compare only the environment NAME (see shiplog envs): only its resources count as missing or "
           "extra."},
    Option{"kubeconfig", "F", "Only this kubeconfig file (default: KUBECONFIG, else ~/.kube/config)."},
    Option{"context", "C",
           "The kubeconfig context (default: the one .shiplog.yaml binds to --env's environment, else "
           "current-context)."},
    Option{
        "server-side", nullptr,
        "Ask the server to predict each object with a server-side apply dry run (PATCH ?dryRun=All as field "
        "manager shiplog; needs patch permission)."},
    Option{"explain", nullptr,
           "Also list each difference hidden as not drift, with the rule that hid it (server default, "
           "cluster-scoped, autoscaler, controller-owned field, …)."},
    Option{"json", nullptr, "One JSON object: context, revision, summary, resources."},
};

constexpr std::array envsOptions{
    repo,
    Option{"rev", "REV", "The revision to read (default HEAD)."},
    Option{"json", nullptr, "One JSON object: revision, layout, environments."},
};

constexpr std::array logOptions{
    repo,
    Option{"n,max-count", "N", "At most N commits."},
    Option{"author", "A", "Author name or e-mail contains A (any case)."},
    Option{"grep", "TEXT", "The message contains TEXT (any case)."},
    Option{"path", "P", "Changed the file or folder P (compared with the first parent)."},
    Option{"resource", "KIND/NS/NAME",
           "Changed the resource [GROUP/]KIND/NAMESPACE/NAME (- for no namespace), as its timeline lists."},
    Option{"since", "DATE", "Committed at or after DATE (2024-05-01 or 2024-05-01T10:00:00+02:00)."},
    Option{"until", "DATE", "Committed at or before DATE (a whole day counts)."},
    Option{"rev", "REV", "Start from REV: branch, tag, remote branch or id (default HEAD)."},
    Option{"env", "NAME",
           "Changed a file the environment NAME reads (what its kustomizations name, its folders' manifests; "
           "see shiplog envs)."},
    Option{"no-bots", nullptr,
           "Hide bot commits (subject 'chore: regenerated', authors ending in [bot] or -bot)."},
    Option{"json", nullptr, "One JSON object per line: id, parents, author, committer, subject, body."},
};

constexpr std::array revertOptions{
    repo,
    Option{"mainline", "N", "For a merge commit: the parent to keep, 1-based (default 1)."},
    Option{"remote", "NAME", "The remote to fetch from and push to (default origin)."},
    Option{"target", "BRANCH", "The branch to revert on (default: the remote's default branch)."},
    Option{"branch", "NAME", "The new branch's name (default revert-<short id>)."},
    Option{"forge", "github|gitlab|gitea|bitbucket|azure",
           "The forge at the remote's host, when not github.com, gitlab.com, … ."},
    Option{"forge-api", "URL", "The forge's API base URL (e.g. https://ghe.example/api/v3)."},
    Option{"dry-run", nullptr, "Revert and report, but push nothing and open nothing."},
    Option{"json", nullptr,
           "One JSON object: status (created|exists|pushed|conflict|already-reverted|dry-run|error), branch, "
           "commit, "
           "pullRequest {url, number} or null, compareUrl, conflicts [{path, resources}], message."},
};
constexpr std::array revertArguments{
    Argument{"COMMIT", "The commit to revert (id, branch, tag, HEAD~2, …)."}};

constexpr std::array timelineOptions{
    repo,
    Option{"rev", "REV", "Where the history starts (default HEAD)."},
    Option{"folder", "DIR", "Only manifest files under DIR (repeatable)."},
    Option{
        "env", "NAME",
        "The resource as the environment NAME renders it (overlays built, namespaces resolved): the commits "
        "that changed it there."},
    Option{"json", nullptr, "Print one JSON object: {resource, commitsScanned, steps}."},
};
constexpr std::array timelineArguments{Argument{"[GROUP/]KIND/NAMESPACE/NAME", "The resource."}};

constexpr const char* okOrError = "0 done; 2 error (the reason on stderr).";

constexpr std::array commandTable{
    Command{
        "changes",
        "changes [--repo PATH] [--parent N] [--folder DIR]... [--env NAME] [--json] REV|A..B",
        "the Kubernetes resources a commit or a range added, removed, modified or moved",
        "Lists the Kubernetes resources that REV added, removed, modified or moved, against its first\n"
        "parent (a root commit: against the empty tree), or from A to B. Resources are identified by\n"
        "group, kind, namespace and name, whatever files hold them; values compare as `kubectl apply`\n"
        "reads them, so comments and formatting are not changes. Secret values are masked.\n\n"
        "In a repository with environments (see shiplog envs) the resources are those the environments\n"
        "apply, as rendered (kustomize overlays built, namespaces resolved), each with its environment;\n"
        "a change to a base shared by two overlays shows in both. --env NAME keeps one environment.",
        changesOptions,
        changesArguments,
        "One block per resource with its field changes, and the files that do not parse. With --json, one\n"
        "object: {\"from\" (null for a root commit), \"to\", \"resources\": [{\"group\", \"version\", "
        "\"kind\",\n"
        "\"namespace\", \"name\", \"environment\", \"change\" (added|removed|modified|moved), "
        "\"oldPath\",\n\"newPath\", "
        "\"fields\": [{\"path\", \"op\" (added|removed|changed), \"old\", \"new\"}]}], \"errors\": "
        "[{\"path\",\n"
        "\"line\", \"message\"}]}. A Jenkins X promotion (an edit of helmfiles/<ns>/helmfile.yaml) is "
        "listed\n"
        "first (\"Releases: nodedemo 1.0.58 → 1.0.59 in jx-staging\"); with --json the object then has\n"
        "\"releases\": [{\"environment\", \"name\", \"chart\", \"old\", \"new\"}].",
        okOrError,
    },
    Command{
        "compare-envs",
        "compare-envs [--repo PATH] [--rev REV] [--no-blame] [--json] A B",
        "what differs between two environments (staging vs production) at one revision",
        "Renders environments A and B at a revision as their operator would (Jenkins X, Flux, Argo CD,\n"
        "kustomize; see 'shiplog envs') and matches their resources by group, kind and name, with A's\n"
        "namespaces mapped to B's (jx-staging to jx-production). Each resource is only in A, only in B,\n"
        "the same, or differs field by field; for each differing field, the commit that last set it on\n"
        "each side (looked up at most 300 commits deep in the history of the files it came from). Jenkins\n"
        "X helmfile releases and Flux HelmRelease chart versions are compared side by side. Secret values\n"
        "are masked.",
        compareEnvsOptions,
        compareEnvsArguments,
        "A summary line, the releases, then one block per resource that is not the same, with its field\n"
        "differences (A | B) and the commits. A side with a unit that did not render is an error (exit 2);\n"
        "lesser errors of either side are warnings on stderr. With\n"
        "--json, one object: {\"a\", \"b\", \"resources\": [{\"group\", \"kind\", \"name\", "
        "\"namespaceA\",\n"
        "\"namespaceB\", \"status\" (only-a|only-b|same|differs), \"fields\": [{\"path\", \"a\", \"b\", "
        "\"commitA\",\n"
        "\"commitB\", \"appliedByA\", \"appliedByB\"}]}] (appliedBy: the Jenkins X regeneration that "
        "rendered the\n"
        "commit), \"releases\": [{\"name\", \"a\", \"b\"}], \"errors\": [{\"environment\", "
        "\"path\", \"line\",\n"
        "\"message\"}]}.",
        "0 the environments are the same; 1 they differ; 2 error (the reason on stderr).",
    },
    Command{
        "demo-cluster",
        "demo-cluster [--repo PATH] [--port N] [--kubeconfig-out FILE] [--plain-http] [--anonymous] [--token "
        "TOKEN] "
        "[--deny RESOURCE]... [--inject-drift]",
        "a local Kubernetes API server for kubectl and Shiplog, seeded from a repository",
        "Serves a local Kubernetes-API-compatible server on 127.0.0.1 until Ctrl+C, seeded from the\n"
        "manifests of a repository, so that kubectl and Shiplog can be pointed at it.",
        demoClusterOptions,
        {},
        "The server's URL, one line per object it could not store (with the reason), \"Seeded N of M\n"
        "objects; K skipped\", the drift injected and the kubeconfig written (context shiplog-demo), as an\n"
        "`export KUBECONFIG=…` line. Objects in API versions Kubernetes no longer serves (batch/v1beta1,\n"
        "apiextensions.k8s.io/v1beta1, …) are stored converted to the served version.",
        "0 stopped by Ctrl+C or SIGTERM; 2 error.",
    },
    Command{
        "drift",
        "drift [--repo PATH] [--rev REV] [--env NAME] [--kubeconfig F] [--context C] [--server-side] "
        "[--explain] [--json]",
        "the resources git declares at a revision against the live cluster, like kubectl diff",
        "Compares the resources git declares at a revision with the live objects of a cluster.\n"
        "Server defaults, server-owned fields and .shiplog.yaml ignoreDifferences rules are not drift.\n"
        "The kubeconfig is resolved as kubectl resolves it; Secret values are masked.\n\n"
        "Git's side is what the repository's environments apply (see shiplog envs): with --env, one\n"
        "environment, and only its resources count as missing or extra. Without it, the environments\n"
        "together when they run in one cluster (Jenkins X namespaces, a single environment); when they\n"
        "are for different clusters (Flux clusters, kustomize overlays) drift asks for --env. A\n"
        "repository without a detected layout is read whole.",
        driftOptions,
        {},
        "Per resource not in sync: drifted (each field with git's and the live value and the manager\n"
        "that wrote it), missing in cluster, extra in cluster, not readable, API version not served (git\n"
        "uses a version the cluster no longer serves). With --json, one object:\n"
        "{\"context\", \"revision\", \"summary\": {\"inSync\", \"drifted\", \"missing\", \"extra\", "
        "\"unreadable\", \"unserved\"},\n"
        "\"resources\": [{\"group\", \"version\", \"kind\", \"namespace\", \"name\", \"status\"\n"
        "(in-sync|drifted|missing|extra|unreadable|unserved), \"fields\": [{\"path\", \"desired\", \"live\", "
        "\"manager\",\n"
        "\"time\", \"note\"}], \"reason\"}]}; with --explain, resources with hidden differences too, each "
        "with\n"
        "\"hidden\": [{\"path\", \"rule\", \"reason\"}].",
        "0 in sync, 1 drift found (or git uses an API version the cluster no longer serves), 2 error (as\n"
        "kubectl diff).",
    },
    Command{
        "envs",
        "envs [--repo PATH] [--rev REV] [--json]",
        "the environments a repository defines and what each applies",
        "Detects how the repository is applied — Jenkins X (config-root/ per namespace), Flux\n"
        "(Kustomization trees per cluster folder), Argo CD (Applications by destination cluster),\n"
        "kustomize (each kustomization no other includes), environments declared in .shiplog.yaml, or\n"
        "the whole repository — and renders every environment: kustomize units with `kustomize build`\n"
        "(or `kubectl kustomize`) on a temporary export of the revision's files, other units from their\n"
        "manifests, each namespace resolved as the operator resolves it. Helm charts are rendered only\n"
        "with helm on PATH; otherwise the environment says \"not rendered: helm not found\".",
        envsOptions,
        {},
        "Per environment: its layout, cluster, resource count, units (definition file, paths, namespace,\n"
        "resources) and errors. With --json, one object: {\"revision\", \"layout\"\n"
        "(jenkins-x|flux|argocd|kustomize|plain|config), \"environments\": [{\"name\", \"layout\",\n"
        "\"cluster\", \"resources\", \"units\": [{\"name\", \"definition\", \"paths\", \"namespace\",\n"
        "\"resources\"}], \"errors\": [{\"path\", \"line\", \"message\"}]}]}.",
        "0 done (also when an environment has errors: they are in the output); 2 error.",
    },
    Command{
        "log",
        "log [--repo PATH] [-n N] [--author A] [--grep TEXT] [--path P] [--resource KIND/NS/NAME] "
        "[--env NAME] [--since DATE] [--until DATE] [--rev REV] [--no-bots] [--json]",
        "the history of a repository",
        "Lists the history of a repository, newest first, in git log's order.\n"
        "Filters combine: every one given must match.",
        logOptions,
        {},
        "One line per commit: short id, author date, author, subject. With --json, one object per line:\n"
        "{\"id\", \"parents\": [ids], \"author\": {\"name\", \"email\", \"time\"}, \"committer\": {…},\n"
        "\"subject\", \"body\"}.",
        okOrError,
    },
    Command{
        "revert",
        "revert [--repo PATH] COMMIT [--mainline N] [--remote NAME] [--target BRANCH] [--branch NAME] "
        "[--forge github|gitlab|gitea|bitbucket|azure] [--forge-api URL] [--dry-run] [--json]",
        "revert a commit through a pull request, without touching your checkout",
        "Reverts COMMIT through a pull request: fetches the target branch from the remote, reverts the\n"
        "commit onto its tip in memory, pushes the result to a new branch (revert-<short id>, made unique)\n"
        "and opens a pull request, or finds the one already open. Your working tree, index, HEAD and\n"
        "branches are not touched.\n\n"
        "API tokens: GH_TOKEN/GITHUB_TOKEN (github.com), GH_ENTERPRISE_TOKEN (other GitHub hosts),\n"
        "`gh auth token`, GITLAB_TOKEN, GITEA_TOKEN, AZURE_DEVOPS_EXT_PAT. Without one, the branch is "
        "pushed\n"
        "and the forge's prefilled pull-request page is printed. Pushes over HTTPS use the token, then your\n"
        "git credential helpers; over SSH, ssh-agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa.",
        revertOptions,
        revertArguments,
        "What was done and the pull request's address (or the page to open it). With --json, one object:\n"
        "{\"status\", \"branch\", \"commit\", \"pullRequest\": {\"url\", \"number\"} or null, "
        "\"compareUrl\",\n"
        "\"conflicts\": [{\"path\", \"resources\"}], \"message\"}.",
        "0 pull request created or found, or branch pushed (also --dry-run);\n"
        "1 nothing done because the revert conflicts or the commit is already reverted; 2 error.",
    },
    Command{
        "timeline",
        "timeline [--repo PATH] [--rev REV] [--folder DIR]... [--env NAME] [--json] "
        "[GROUP/]KIND/NAMESPACE/NAME",
        "every commit that changed one Kubernetes resource",
        "Lists every commit reachable from REV (default HEAD) that changed the resource, newest first,\n"
        "following it through file moves, renames and multi-document splits, with its field changes.\n"
        "Use `-` as NAMESPACE for cluster-scoped resources: `Namespace/-/jx`, `apps/Deployment/jx/web`.",
        timelineOptions,
        timelineArguments,
        "One block per commit with the resource's change and field changes. With --json, one object:\n"
        "{\"resource\": {\"group\", \"kind\", \"namespace\", \"name\"}, \"commitsScanned\", \"steps\": [a "
        "changes\n"
        "resource object plus \"commit\", \"parents\", \"author\", \"email\", \"date\", \"subject\"]}.",
        okOrError,
    },
};

constexpr std::array guiTable{
    Entry{"shiplog [PATH]", "open the repository at PATH (or the welcome screen)"},
    Entry{"shiplog --demo",
          "open the built-in demo environment and start its local Kubernetes cluster, with drift"},
    Entry{"shiplog --palette dark|light",
          "use Fusion with that palette instead of the system's (also SHIPLOG_PALETTE)"},
    Entry{"shiplog --version", "print the version"},
    Entry{"shiplog --help", "print this help"},
};

constexpr std::array environmentTable{
    Entry{"KUBECONFIG", "the kubeconfig files, merged as kubectl merges them (default ~/.kube/config)"},
    Entry{"GH_TOKEN, GITHUB_TOKEN, GH_ENTERPRISE_TOKEN, GITLAB_TOKEN, GITEA_TOKEN, AZURE_DEVOPS_EXT_PAT",
          "forge API tokens for revert (see shiplog revert --help)"},
    Entry{"SSH_AUTH_SOCK", "the ssh-agent that pushes over SSH use first"},
    Entry{"SHIPLOG_PALETTE", "dark or light: the GUI's palette, as --palette"},
    Entry{"SHIPLOG_PARSE_CACHE_DIR", "where parsed manifests are kept (\"off\": nowhere)"},
    Entry{"SHIPLOG_INDEX_CACHE_DIR", "where the history index is kept (\"off\": nowhere)"},
    Entry{"SHIPLOG_RENDER_CACHE_DIR", "where kustomize's output is kept (\"off\": nowhere)"},
    Entry{"XDG_CACHE_HOME, XDG_CONFIG_HOME", "move the cache and the settings below"},
};

constexpr std::array filesTable{
    Entry{".shiplog.yaml",
          "in the repository: drift's ignoreDifferences rules (Argo CD's shape) and ownershipMarks, "
          "the labels or annotations that make an object in the cluster \"extra\""},
    Entry{"~/.cache/Shiplog/shiplog/parsed",
          "parsed manifests by blob id, so that later timelines and changes are fast; "
          "safe to delete"},
    Entry{"~/.cache/Shiplog/shiplog/index",
          "each commit's resource changes by commit id: the history index of timelines and the "
          "resource filter; safe to delete"},
    Entry{"~/.cache/Shiplog/shiplog/renders",
          "kustomize's output by the content it rendered (no remote bases, no Secret values), so that "
          "environments are not rendered again; safe to delete"},
    Entry{"~/.cache/Shiplog/shiplog/demo", "the demo environment's repository and kubeconfig"},
    Entry{"~/.config/Shiplog/shiplog.conf",
          "the GUI's settings: recent repositories, diff mode, the last kubeconfig "
          "and context"},
    Entry{"~/.kube/config", "the default kubeconfig"},
};

} // namespace

const char* tagline()
{
    return "history, per-resource diffs, live drift and revert-by-pull-request for GitOps environment "
           "repositories";
}

std::span<const Command> commands()
{
    return commandTable;
}

const Command* findCommand(std::string_view name)
{
    const auto it = std::find_if(commandTable.begin(), commandTable.end(),
                                 [&](const Command& c) { return name == c.name; });
    return it == commandTable.end() ? nullptr : &*it;
}

std::span<const Entry> guiUsage()
{
    return guiTable;
}

const char* commonExitStatus()
{
    return "Every command exits 0 on success and 2 on an error, with \"shiplog: error: …\" on stderr; drift "
           "and "
           "revert use 1 as described above.";
}

std::span<const Entry> environment()
{
    return environmentTable;
}

std::span<const Entry> files()
{
    return filesTable;
}

const char* seeAlso()
{
    return "git(1), kubectl(1), gh(1)";
}

QString text(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

void describe(QCommandLineParser& parser, const Command& command)
{
    parser.setApplicationDescription(text(command.description));
    for (const Option& o : command.options) {
        QCommandLineOption option(text(o.names).split(QLatin1Char(',')), text(o.description));
        if (o.valueName)
            option.setValueName(text(o.valueName));
        if (o.defaultValue)
            option.setDefaultValue(text(o.defaultValue));
        parser.addOption(option);
    }
    for (const Argument& a : command.arguments)
        parser.addPositionalArgument(text(a.name), text(a.description), text(a.name));
    parser.addOption(
        {QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
}

QString commandHelp(const Command& command, const QCommandLineParser& parser)
{
    return QStringLiteral("Usage: shiplog %1\n\n%2\nOutput: %3\n\nExit status: %4\n")
        .arg(text(command.synopsis), parser.helpText().section(QLatin1Char('\n'), 1), text(command.output),
             text(command.exitStatus));
}

namespace {

// "  term  text" lines, the text wrapped at 100 columns under itself; a term longer than 32
// characters (the token variables) gets a line of its own.
QString entryTable(std::span<const Entry> entries)
{
    constexpr qsizetype maxTerm = 32;
    constexpr qsizetype lineWidth = 100;
    qsizetype width = 0;
    for (const Entry& e : entries)
        width = std::max(width, std::min(maxTerm, text(e.term).size()));
    const QString indent(2 + width + 2, u' ');
    QString lines;
    for (const Entry& e : entries) {
        const QString term = text(e.term);
        QString line;
        if (term.size() > width) {
            lines += QStringLiteral("  ") + term + u'\n';
            line = indent;
        } else {
            line = (QStringLiteral("  ") + term).leftJustified(indent.size());
        }
        qsizetype wordsOnLine = 0;
        for (const QString& word : text(e.text).split(u' ')) {
            if (wordsOnLine > 0 && line.size() + 1 + word.size() > lineWidth) {
                lines += line + u'\n';
                line = indent;
                wordsOnLine = 0;
            }
            line += (wordsOnLine > 0 ? QStringLiteral(" ") : QString()) + word;
            ++wordsOnLine;
        }
        lines += line + u'\n';
    }
    return lines;
}

} // namespace

QString overviewHelp(const QString& version)
{
    QString help = QStringLiteral("Shiplog %1 — %2.\n\nUsage:\n").arg(version, text(tagline()));
    help += entryTable(guiUsage());
    help += QStringLiteral("\nCommands (headless, print to stdout):\n");
    for (const Command& c : commands())
        help += QStringLiteral("  shiplog %1\n").arg(text(c.synopsis));
    help += QStringLiteral("\nRun 'shiplog COMMAND --help' for a command's options, output and exit status;\n"
                           "'man shiplog' for everything.\n\nEnvironment:\n");
    help += entryTable(environment());
    help += QStringLiteral("\nFiles:\n");
    help += entryTable(files());
    return help;
}

} // namespace shiplog::app::help
