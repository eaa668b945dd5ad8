// The generated Jenkins X-shaped repository that bench_changes and tst_gui_stall share (one copy).
#include "tests/support/gitops_repository.h"

#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QList>
#include <cstdio>

namespace shiplog::test {

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

} // namespace

QString generatedGitOpsRepository(int commits)
{
    const QString final = benchCacheDir() + QStringLiteral("/gitops-%1.git").arg(commits);
    if (run(QStringLiteral("git"),
            {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
             QStringLiteral("refs/heads/main")},
            final)
            .exitCode == 0)
        return final;
    QDir(final).removeRecursively();
    const QString path = final + QStringLiteral(".tmp-%1").arg(QCoreApplication::applicationPid());
    QDir(path).removeRecursively();
    run(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                                QStringLiteral("-b"), QStringLiteral("main"), path});
    std::fprintf(stderr, "generating a %d-commit GitOps repository in %s ...\n", commits, qPrintable(final));
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
    const auto result = run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")},
                            path, ScratchRepo::gitEnvironment(), 1200000, stream);
    if (result.exitCode != 0) {
        std::fprintf(stderr, "fast-import failed: %s\n", result.err.constData());
        QDir(path).removeRecursively();
        return {};
    }
    run(QStringLiteral("git"),
        {QStringLiteral("repack"), QStringLiteral("-a"), QStringLiteral("-d"), QStringLiteral("-q")}, path,
        ScratchRepo::gitEnvironment(), 1200000);
    // Another process may have made it meanwhile: then its copy stays and this one goes.
    if (!QDir().rename(path, final)) {
        QDir(path).removeRecursively();
        if (!QFileInfo::exists(final + QStringLiteral("/HEAD")))
            return {};
    }
    return final;
}

bool appendPromotions(const QString& repository, int count)
{
    const auto listed = run(QStringLiteral("git"),
                            {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("--name-only"),
                             QStringLiteral("refs/heads/main"), QStringLiteral("config-root/namespaces")},
                            repository);
    QList<QByteArray> deployments;
    for (const QByteArray& line : listed.out.split('\n')) {
        if (line.endsWith("-deployment.yaml"))
            deployments.append(line);
    }
    if (listed.exitCode != 0 || deployments.isEmpty())
        return false;
    QByteArray stream;
    qint64 time = 2000000000;
    const QByteArray bot = "jenkins-x-bot <jenkins-x@googlegroups.com>";
    for (int i = 0; i < count; ++i) {
        // config-root/namespaces/<namespace>/<folder>/<app>-deployment.yaml
        const QByteArray& path = deployments[(i * 37) % deployments.size()];
        const QList<QByteArray> parts = path.split('/');
        const QByteArray ns = parts.value(2);
        const QByteArray app = parts.value(4).chopped(int(qstrlen("-deployment.yaml")));
        const QByteArray content = deploymentYaml(ns, app, 1, 900000 + i);
        const QByteArray subject =
            "chore: promote " + app + " to version 1.1." + QByteArray::number(900000 + i);
        const QByteArray sig = bot + " " + QByteArray::number(time += 600) + " +0000";
        stream += "commit refs/heads/main\nauthor " + sig + "\ncommitter " + sig + "\ndata " +
                  QByteArray::number(subject.size()) + "\n" + subject + "\n";
        if (i == 0)
            stream += "from refs/heads/main^0\n";
        stream += "M 100644 inline " + path + "\ndata " + QByteArray::number(content.size()) + "\n" +
                  content + "\n";
    }
    return run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, repository,
               ScratchRepo::gitEnvironment(), 600000, stream)
               .exitCode == 0;
}

} // namespace shiplog::test
