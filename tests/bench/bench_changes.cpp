// Change sets over whole real histories, against `git log --name-status` on the same repository in
// the same run. Prints, per repository: the whole-history resource index (indexHistory: every
// commit's key-level change set, as timelines build it) cold — empty memory and disk caches — and
// again as a second opening sees it (new process state, the on-disk cache the first run filled),
// each with its ratio to git log; the median/p90/max change-set time per commit with field diffs
// and texts (cold parse cache, as the Changes tab sees a first opening); peak memory. Wall and CPU
// time (user+sys, all threads; git's from its child usage): on a shared machine the wall time is
// mostly waiting for a core.
// Repositories: the kube-prometheus and argo-cd-manifests fixtures (big generated manifests and CRDs),
// jx3-eagle (Jenkins X's own), and a generated Jenkins X-shaped repository of the size the goal names
// (30,000 commits, ~27,000 distinct YAML blobs; per-commit times skipped there: BENCH_DETAILS=1).
// Usage: bench_changes [NAME...] (fixture names or gitops-N; default: all four)
#include "core/diff/change_set.h"
#include "core/diff/history_index.h"
#include "core/diff/history_index_store.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace shiplog;

namespace {

QByteArray deploymentYaml(const QByteArray& ns, const QByteArray& app, int version, int image)
{
    const QByteArray v = QByteArray::number(version);
    const QByteArray chart = app + "-0." + v;
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + app + "\n  namespace: " + ns +
           "\n  labels:\n    app.kubernetes.io/name: " + app + "\n    app.kubernetes.io/instance: " + app +
           "\n    app.kubernetes.io/managed-by: Helm\n    helm.sh/chart: " + chart +
           "\n    gitops.jenkins-x.io/pipeline: namespaces\n  annotations:\n    meta.helm.sh/release-name: " +
           app + "\n    meta.helm.sh/release-namespace: " + ns +
           "\n    wave.pusher.com/update-on-config-change: 'true'\n"
           "spec:\n  replicas: " +
           QByteArray::number(1 + image % 3) +
           "\n  revisionHistoryLimit: 5\n  selector:\n    matchLabels:\n"
           "      app.kubernetes.io/name: " +
           app + "\n      app.kubernetes.io/instance: " + app +
           "\n  strategy:\n"
           "    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 0\n  "
           "template:\n"
           "    metadata:\n      labels:\n        app.kubernetes.io/name: " +
           app + "\n        app.kubernetes.io/instance: " + app +
           "\n      annotations:\n        prometheus.io/scrape: \"true\"\n        prometheus.io/port: "
           "\"8080\"\n    spec:\n"
           "      serviceAccountName: " +
           app +
           "\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 65532\n"
           "        fsGroup: 65532\n      containers:\n      - name: " +
           app + "\n        image: ghcr.io/example/" + app + ":1." + v + "." + QByteArray::number(image) +
           "\n        imagePullPolicy: IfNotPresent\n        args:\n        - --port=8080\n"
           "        - --log-level=info\n        env:\n        - name: GIT_SHA\n          value: " +
           QByteArray::number(image * 2654435761u, 16) +
           "\n        - name: POD_NAMESPACE\n          valueFrom:\n            fieldRef:\n              "
           "fieldPath: metadata.namespace\n"
           "        - name: JX_ENVIRONMENT\n          value: " +
           ns + "\n        envFrom:\n        - configMapRef:\n            name: " + app +
           "-config\n        ports:\n        - name: http\n          containerPort: 8080\n          "
           "protocol: TCP\n"
           "        livenessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n "
           "         initialDelaySeconds: 10\n"
           "          periodSeconds: 10\n        readinessProbe:\n          httpGet:\n            path: "
           "/readyz\n            port: http\n"
           "          periodSeconds: 5\n        resources:\n          limits:\n            cpu: 500m\n       "
           "     memory: 512Mi\n"
           "          requests:\n            cpu: 100m\n            memory: 128Mi\n        volumeMounts:\n   "
           "     - name: tmp\n"
           "          mountPath: /tmp\n      volumes:\n      - name: tmp\n        emptyDir: {}\n";
}

QByteArray simpleYaml(const QByteArray& kind, const QByteArray& ns, const QByteArray& app, int version,
                      int value)
{
    const QByteArray head =
        "apiVersion: " +
        QByteArray(kind == "Role" || kind == "RoleBinding" ? "rbac.authorization.k8s.io/v1" : "v1") +
        "\nkind: " + kind + "\nmetadata:\n  name: " + app + (kind == "ConfigMap" ? "-config" : "") +
        "\n  namespace: " + ns + "\n  labels:\n    app.kubernetes.io/name: " + app +
        "\n    helm.sh/chart: " + app + "-0." + QByteArray::number(version) +
        "\n    gitops.jenkins-x.io/pipeline: namespaces\n";
    if (kind == "Service")
        return head +
               "spec:\n  type: ClusterIP\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n"
               "  selector:\n    app.kubernetes.io/name: " +
               app + "\n";
    if (kind == "ConfigMap")
        return head + "data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"search,export\"\n  CACHE_TTL: \"" +
               QByteArray::number(value) + "\"\n  UPSTREAM_URL: http://" + app + "-upstream." + ns +
               ".svc.cluster.local:8080\n";
    if (kind == "ServiceAccount")
        return head;
    if (kind == "Role")
        return head + "rules:\n- apiGroups: [\"\"]\n  resources: [configmaps, secrets]\n  verbs: [get, list, "
                      "watch]\n";
    return head + "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: " + app +
           "\nsubjects:\n- kind: ServiceAccount\n  name: " + app + "\n  namespace: " + ns + "\n";
}

// A Jenkins X-shaped environment repository of the size the index goal names (~30,000 commits,
// ~27,000 distinct YAML blobs): config-root/namespaces/<ns>/<app>/<app>-<kind>.yaml, one rendered
// resource per file, ~2 KB each; mostly bot promotions that bump one image, some ConfigMap edits,
// chart upgrades that regenerate an app, new apps, renames, commits that touch no manifest, and a
// merged pull request every 100 commits. Written by git fast-import, cached under the temp folder.
QString generatedGitOpsRepository(int commits)
{
    const QString path = test::benchCacheDir() + QStringLiteral("/gitops-%1.git").arg(commits);
    if (test::run(QStringLiteral("git"),
                  {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                   QStringLiteral("refs/heads/main")},
                  path)
            .exitCode == 0)
        return path;
    QDir(path).removeRecursively();
    test::run(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                                      QStringLiteral("-b"), QStringLiteral("main"), path});
    std::fprintf(stderr, "generating a %d-commit GitOps repository in %s ...\n", commits, qPrintable(path));
    const QList<QByteArray> kinds = {"Deployment",     "Service", "ConfigMap",
                                     "ServiceAccount", "Role",    "RoleBinding"};
    struct App
    {
        QByteArray ns, name;
        QByteArray dir = name; // the app's folder; a rename changes it
        int version = 1;
        bool live = true;
        QByteArray folder() const { return "config-root/namespaces/" + ns + "/" + dir + "/"; }
    };
    QList<App> apps;
    const QList<QByteArray> namespaces = {"jx",           "jx-staging", "jx-production",   "tekton-pipelines",
                                          "nginx",        "monitoring", "cert-manager",    "secret-infra",
                                          "kuberhealthy", "vault",      "jx-git-operator", "lighthouse"};
    for (int i = 0; i < 96; ++i)
        apps.append(App{namespaces[i % namespaces.size()], "app-" + QByteArray::number(i),
                        "app-" + QByteArray::number(i)});
    QByteArray stream;
    stream.reserve(256 << 20);
    qint64 time = 1600000000;
    int mark = 0;
    int counter = 0;
    int mainMark = 0;
    auto file = [&stream](const QByteArray& filePath, const QByteArray& content) {
        stream += "M 100644 inline " + filePath + "\ndata " + QByteArray::number(content.size()) + "\n" +
                  content + "\n";
    };
    auto appFiles = [&](const App& app) {
        for (const QByteArray& kind : kinds) {
            const QByteArray content = kind == "Deployment"
                                           ? deploymentYaml(app.ns, app.name, app.version, ++counter)
                                           : simpleYaml(kind, app.ns, app.name, app.version, ++counter);
            file(app.folder() + app.name + "-" + kind.toLower() + ".yaml", content);
        }
    };
    auto begin = [&](const QByteArray& ref, const QByteArray& who, const QByteArray& subject, int from,
                     int merge) {
        ++mark;
        time += 600 + (mark * 7919) % 3000;
        const QByteArray sig = who + " " + QByteArray::number(time) + " +0000";
        stream += "commit " + ref + "\nmark :" + QByteArray::number(mark) + "\nauthor " + sig +
                  "\ncommitter " + sig + "\n";
        stream += "data " + QByteArray::number(subject.size()) + "\n" + subject + "\n";
        if (from)
            stream += "from :" + QByteArray::number(from) + "\n";
        if (merge)
            stream += "merge :" + QByteArray::number(merge) + "\n";
        return mark;
    };
    const QByteArray bot = "jenkins-x-bot <jenkins-x@googlegroups.com>";
    const QByteArray people[] = {"Ada Lovelace <ada@example.com>", "Kenji Sato <kenji@example.jp>",
                                 "Priya Raman <priya@example.in>"};
    mainMark = begin("refs/heads/main", people[0], "chore: initial environment", 0, 0);
    for (const App& app : std::as_const(apps))
        appFiles(app);
    file("README.md", "# environment\n");
    int made = 1;
    while (made < commits) {
        const int r = made % 100;
        App& app = apps[(made * 37) % apps.size()];
        if (r == 49 && made + 2 <= commits) { // a pull request: one commit on a branch, merged
            const int topic = begin("refs/heads/pr", people[made % 3], "fix: tune " + app.name, mainMark, 0);
            file(app.folder() + app.name + "-configmap.yaml",
                 simpleYaml("ConfigMap", app.ns, app.name, app.version, ++counter));
            mainMark = begin("refs/heads/main", people[made % 3],
                             "Merge pull request #" + QByteArray::number(made) + " from pr", mainMark, topic);
            made += 2;
            continue;
        }
        if (!app.live && r != 97) {
            app.live = true; // the app comes back with its next commit
            mainMark = begin("refs/heads/main", bot, "chore: add " + app.name, mainMark, 0);
            appFiles(app);
        } else if (r < 60) {
            mainMark = begin("refs/heads/main", bot,
                             "chore: promote " + app.name + " to version 1." +
                                 QByteArray::number(app.version) + "." + QByteArray::number(counter + 1),
                             mainMark, 0);
            file(app.folder() + app.name + "-deployment.yaml",
                 deploymentYaml(app.ns, app.name, app.version, ++counter));
        } else if (r < 70) {
            mainMark = begin("refs/heads/main", people[made % 3], "fix: configure " + app.name, mainMark, 0);
            file(app.folder() + app.name + "-configmap.yaml",
                 simpleYaml("ConfigMap", app.ns, app.name, app.version, ++counter));
        } else if (r < 72) {
            ++app.version;
            mainMark = begin("refs/heads/main", bot,
                             "chore: upgrade chart " + app.name + " to 0." + QByteArray::number(app.version),
                             mainMark, 0);
            appFiles(app);
        } else if (r == 97) {
            app.live = false;
            mainMark = begin("refs/heads/main", people[made % 3], "chore: remove " + app.name, mainMark, 0);
            stream += "D " + app.folder().chopped(1) + "\n";
        } else if (r == 98) { // the app's folder renamed: every resource moves, none changes
            mainMark = begin("refs/heads/main", people[made % 3],
                             "refactor: move " + app.name + " to its own folder", mainMark, 0);
            const QByteArray from = app.folder().chopped(1);
            app.dir = app.name + "-" + QByteArray::number(made);
            stream += "R " + from + " " + app.folder().chopped(1) + "\n";
        } else { // pipeline and docs changes: no manifest
            mainMark = begin("refs/heads/main", people[made % 3],
                             "docs: update runbook " + QByteArray::number(made), mainMark, 0);
            file("docs/runbook-" + QByteArray::number(made % 40) + ".md",
                 "step " + QByteArray::number(made) + "\n");
        }
        ++made;
    }
    const auto result =
        test::run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, path,
                  test::ScratchRepo::gitEnvironment(), 1200000, stream);
    if (result.exitCode != 0) {
        std::fprintf(stderr, "fast-import failed: %s\n", result.err.constData());
        return {};
    }
    test::run(QStringLiteral("git"),
              {QStringLiteral("repack"), QStringLiteral("-a"), QStringLiteral("-d"), QStringLiteral("-q")},
              path, test::ScratchRepo::gitEnvironment(), 1200000);
    return path;
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

double cpuMs(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

struct Pass
{
    std::vector<double> perCommitMs;
    std::vector<double> perCommitCpuMs; // all threads of the process
    double totalMs = 0;
    double cpuMs = 0;
    qint64 resources = 0;
    qint64 errors = 0;
    qint64 diskHits = 0;
};

// Each commit's change set on its own, as the Changes tab computes it (memory cache only).
Pass runPass(const core::git::Repository& repo, const QList<QString>& commits, bool details)
{
    core::manifest::ParseCache cache;
    core::diff::ChangeSetOptions options;
    options.details = details;
    Pass pass;
    const double cpuStart = cpuMs(RUSAGE_SELF);
    QElapsedTimer total;
    total.start();
    for (const QString& id : commits) {
        QElapsedTimer one;
        const double cpuBefore = cpuMs(RUSAGE_SELF);
        one.start();
        auto set = core::diff::computeChangeSetOfRevision(repo, id, 1, options, cache);
        pass.perCommitMs.push_back(double(one.nsecsElapsed()) / 1e6);
        pass.perCommitCpuMs.push_back(cpuMs(RUSAGE_SELF) - cpuBefore);
        if (!set) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(id), qPrintable(set.error().message));
            continue;
        }
        pass.resources += set->resources.size();
        pass.errors += set->errors.size();
    }
    pass.totalMs = double(total.nsecsElapsed()) / 1e6;
    pass.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
    const auto stats = cache.stats();
    pass.diskHits = stats.diskHits;
    std::fprintf(stderr,
                 "    (parse cache: %lld blob hits, %lld blob misses, %lld disk hits; slices: %lld hits, "
                 "%lld misses)\n",
                 qlonglong(stats.hits), qlonglong(stats.misses), qlonglong(stats.diskHits),
                 qlonglong(stats.documents.hits), qlonglong(stats.documents.misses));
    return pass;
}

struct IndexRun
{
    double wallMs = 0;
    double cpuMs = 0;
    qint64 commits = 0;
    qint64 changes = 0;
    qint64 parsed = 0;
    qint64 diskHits = 0;
};

IndexRun runIndex(const core::git::Repository& repo, const QString& diskCache)
{
    core::manifest::ParseCache cache;
    cache.setDiskCache(diskCache);
    IndexRun run;
    const double cpuStart = cpuMs(RUSAGE_SELF);
    QElapsedTimer timer;
    timer.start();
    // The persisted index beside the parse cache's folder: the cold run writes it, the second
    // opening reads it (a new store instance, as a new process would).
    core::diff::IndexStore store(diskCache + QStringLiteral("/index"));
    core::diff::IndexHooks hooks;
    hooks.store = &store;
    auto index = core::diff::indexHistory(repo, QStringLiteral("HEAD"), {}, cache, hooks);
    cache.flushDiskCache(); // part of the cost: what the second opening reads
    run.wallMs = double(timer.nsecsElapsed()) / 1e6;
    run.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
    if (!index) {
        std::fprintf(stderr, "index: %s\n", qPrintable(index.error().message));
        return run;
    }
    run.commits = index->commits.size();
    for (const core::diff::IndexedCommit& commit : std::as_const(index->commits))
        run.changes += commit.changes.size();
    const auto stats = cache.stats();
    run.parsed = stats.misses;
    run.diskHits = stats.diskHits + store.hits();
    std::fprintf(stderr, "    (parse cache: %lld blobs, %lld MB; slices: %lld, %lld MB; peak RSS %ld MB)\n",
                 qlonglong(stats.entries), qlonglong(stats.bytes >> 20), qlonglong(stats.documents.entries),
                 qlonglong(stats.documents.bytes >> 20), peakRssMb());
    return run;
}

bool bench(const QString& name)
{
    QTemporaryDir dir;
    QString path;
    if (name.startsWith(QLatin1String("gitops-"))) {
        path = generatedGitOpsRepository(name.mid(7).toInt());
    } else {
        path = dir.filePath(name);
        if (!test::cloneFixture(name, path, true))
            path.clear();
    }
    if (path.isEmpty()) {
        std::printf("%s: not available\n", qPrintable(name));
        return false;
    }
    auto repo = core::git::Repository::open(path);
    if (!repo)
        return false;

    // Anchor: git's own walk with the changed files of every commit.
    QElapsedTimer gitTimer;
    const double gitCpuStart = cpuMs(RUSAGE_CHILDREN);
    gitTimer.start();
    const test::ProcessResult log = test::run(QStringLiteral("git"),
                                              {QStringLiteral("log"), QStringLiteral("--name-status"),
                                               QStringLiteral("--format=%H"), QStringLiteral("HEAD")},
                                              path, test::ScratchRepo::gitEnvironment(), 600000);
    const double gitMs = double(gitTimer.nsecsElapsed()) / 1e6;
    const double gitCpu = cpuMs(RUSAGE_CHILDREN) - gitCpuStart;
    if (log.exitCode != 0)
        return false;

    QTemporaryDir diskCache;
    std::fprintf(stderr, "    (before the index: peak RSS %ld MB)\n", peakRssMb());
    const IndexRun cold = runIndex(*repo, diskCache.path());
    const IndexRun again = runIndex(*repo, diskCache.path());
    std::printf("%s: %lld commits, %lld blob parses (the index parses only what the identity scanner "
                "leaves undecided)\n",
                qPrintable(name), qlonglong(cold.commits), qlonglong(cold.parsed));
    std::printf("  git log --name-status: wall %.0f ms, CPU %.0f ms\n", gitMs, gitCpu);
    std::printf(
        "  whole-history resource index, cold: wall %.0f ms (ratio %.1fx), CPU %.0f ms (ratio %.1fx), "
        "%lld resource changes\n",
        cold.wallMs, cold.wallMs / qMax(1.0, gitMs), cold.cpuMs, cold.cpuMs / qMax(1.0, gitCpu),
        qlonglong(cold.changes));
    std::printf(
        "  same index, second opening (on-disk index and cache: %lld hits, %lld parsed): wall %.0f ms "
        "(ratio %.1fx), "
        "CPU %.0f ms (ratio %.1fx), %lld resource changes\n",
        qlonglong(again.diskHits), qlonglong(again.parsed), again.wallMs, again.wallMs / qMax(1.0, gitMs),
        again.cpuMs, again.cpuMs / qMax(1.0, gitCpu), qlonglong(again.changes));
    std::fflush(stdout);

    const bool details =
        !name.startsWith(QLatin1String("gitops-")) || qEnvironmentVariableIsSet("BENCH_DETAILS");
    if (details && !qEnvironmentVariableIsSet("BENCH_INDEX_ONLY")) {
        auto oids = core::git::reachableCommits(*repo, QStringLiteral("HEAD"));
        if (!oids)
            return false;
        QList<QString> commits;
        for (const core::git::ObjectId& id : *oids)
            commits.append(id.toString());
        std::reverse(commits.begin(), commits.end()); // oldest first, as a reader scrolls back
        const Pass detailed = runPass(*repo, commits, true);
        std::printf("  change set with field diffs and texts, cold cache: wall median %.2f ms, p90 %.2f ms, "
                    "max %.1f ms; "
                    "CPU median %.2f ms, p90 %.2f ms, max %.1f ms per commit (%lld resource changes, %lld "
                    "file errors)\n",
                    percentile(detailed.perCommitMs, 0.5), percentile(detailed.perCommitMs, 0.9),
                    percentile(detailed.perCommitMs, 1.0), percentile(detailed.perCommitCpuMs, 0.5),
                    percentile(detailed.perCommitCpuMs, 0.9), percentile(detailed.perCommitCpuMs, 1.0),
                    qlonglong(detailed.resources), qlonglong(detailed.errors));
    }
    std::printf("  peak RSS so far: %ld MB\n", peakRssMb());
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList fixtures = app.arguments().mid(1);
    if (fixtures.isEmpty())
        fixtures = {QStringLiteral("gitops-30000"), QStringLiteral("jx3-eagle"),
                    QStringLiteral("kube-prometheus"), QStringLiteral("argo-cd-manifests")};
    bool ok = true;
    for (const QString& name : fixtures)
        ok = bench(name) && ok;
    std::printf("peak RSS: %ld MB\n", peakRssMb());
    return ok ? 0 : 1;
}
