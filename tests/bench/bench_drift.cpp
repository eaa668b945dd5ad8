// Drift of 5,000 live objects over loopback, end to end: `shiplog drift --json` as a process
// (kubeconfig → read the revision's manifests from git → discovery → paged lists over TLS → Secret
// values → normalize → compare → JSON), against the anchor `kubectl get <type> -A -o json` for each
// of the same types on the same server in the same run (one kubectl process per type, fresh
// discovery cache each, as a script would). Both sides are measured per child process with wait4:
// wall time, CPU time and peak RSS. The server runs in this process on its own thread.
// Usage: bench_drift [OBJECTS=5000] [RUNS=3]
#include "core/demo/kube_server.h"
#include "tests/support/cpu_time.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace shiplog;

namespace {

QJsonObject meta(const QString& ns, const QString& name)
{
    return QJsonObject{
        {"name", name},
        {"namespace", ns},
        {"labels", QJsonObject{{"app", name}, {"gitops.jenkins-x.io/pipeline", "namespaces"}}}};
}

QJsonObject configMap(const QString& ns, int i)
{
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "ConfigMap"},
        {"metadata", meta(ns, QStringLiteral("cm-%1").arg(i))},
        {"data",
         QJsonObject{{"index", QString::number(i)}, {"mode", "fast"}, {"payload", QString(200, u'x')}}}};
}

QJsonObject deployment(const QString& ns, int i)
{
    const QString name = QStringLiteral("app-%1").arg(i);
    const QJsonObject labels{{"app", name}};
    const QJsonObject container{
        {"name", "main"},
        {"image", QStringLiteral("registry.example/app:%1").arg(i)},
        {"ports", QJsonArray{QJsonObject{{"containerPort", 8080}}}},
        {"env", QJsonArray{QJsonObject{{"name", "MODE"}, {"value", "prod"}}}},
        {"resources", QJsonObject{{"limits", QJsonObject{{"cpu", "500m"}, {"memory", "256Mi"}}}}}};
    const QJsonObject podSpec{{"containers", QJsonArray{container}}};
    const QJsonObject spec{
        {"replicas", 2},
        {"selector", QJsonObject{{"matchLabels", labels}}},
        {"template", QJsonObject{{"metadata", QJsonObject{{"labels", labels}}}, {"spec", podSpec}}}};
    return QJsonObject{
        {"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", meta(ns, name)}, {"spec", spec}};
}

QJsonObject service(const QString& ns, int i)
{
    const QJsonObject spec{
        {"selector", QJsonObject{{"app", QStringLiteral("app-%1").arg(i)}}},
        {"ports", QJsonArray{QJsonObject{{"name", "http"}, {"port", 80}, {"targetPort", 8080}}}}};
    return QJsonObject{{"apiVersion", "v1"},
                       {"kind", "Service"},
                       {"metadata", meta(ns, QStringLiteral("svc-%1").arg(i))},
                       {"spec", spec}};
}

QJsonObject secret(const QString& ns, int i)
{
    return QJsonObject{
        {"apiVersion", "v1"},
        {"kind", "Secret"},
        {"metadata", meta(ns, QStringLiteral("secret-%1").arg(i))},
        {"type", "Opaque"},
        {"data", QJsonObject{{"password",
                              QString::fromLatin1(QByteArray("pw-" + QByteArray::number(i)).toBase64())}}}};
}

struct ChildRun
{
    int exitCode = -1;
    double wallMs = 0;
    double cpuMs = 0;
    long peakRssKb = 0;
};

// fork/exec + wait4: the child's own CPU time and peak RSS; stdout/stderr to /dev/null.
ChildRun runChild(const QStringList& command)
{
    std::vector<QByteArray> storage;
    for (const QString& part : command)
        storage.push_back(part.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& part : storage)
        argv.push_back(part.data());
    argv.push_back(nullptr);
    QElapsedTimer clock;
    clock.start();
    const pid_t pid = fork();
    if (pid == 0) {
        if (std::freopen("/dev/null", "w", stdout) == nullptr ||
            std::freopen("/dev/null", "w", stderr) == nullptr)
            _exit(126);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    ChildRun run;
    int status = 0;
    rusage usage{};
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
        return run;
    run.wallMs = double(clock.nsecsElapsed()) / 1e6;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.cpuMs = test::cpuMs(usage);
    run.peakRssKb = usage.ru_maxrss;
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 3;
    core::demo::KubeServer server;
    auto endpoint = server.start();
    if (!endpoint) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(endpoint.error().message));
        return 2;
    }
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath("kubeconfig");
    if (!server.writeKubeconfig(kubeconfig, "bench")) {
        std::fprintf(stderr, "cannot write the kubeconfig\n");
        return 2;
    }

    // `total` objects over 10 namespaces: 45% ConfigMaps, 25% Deployments, 25% Services, 5% Secrets,
    // committed to git one file per namespace and kind, and created in the server as kubectl apply would.
    test::ScratchRepo repo;
    QHash<QString, QByteArray> files;
    for (int n = 0; n < 10; ++n) {
        const QJsonObject ns{{"apiVersion", "v1"},
                             {"kind", "Namespace"},
                             {"metadata", QJsonObject{{"name", QStringLiteral("team-%1").arg(n)}}}};
        if (!server.create(ns)) {
            std::fprintf(stderr, "cannot create namespace team-%d\n", n);
            return 2;
        }
    }
    for (int i = 0; i < total; ++i) {
        const QString ns = QStringLiteral("team-%1").arg(i % 10);
        const int bucket = i % 20;
        const QJsonObject object = bucket < 9    ? configMap(ns, i)
                                   : bucket < 14 ? deployment(ns, i)
                                   : bucket < 19 ? service(ns, i)
                                                 : secret(ns, i);
        auto created = server.create(object, QStringLiteral("kubectl-client-side-apply"));
        if (!created) {
            std::fprintf(stderr, "create failed: %s\n", qPrintable(created.error().message));
            return 2;
        }
        QByteArray& file = files[QStringLiteral("config-root/namespaces/%1/%2.yaml")
                                     .arg(ns, object.value("kind").toString().toLower())];
        file += "---\n" + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n"; // JSON is YAML
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        repo.write(it.key(), it.value());
    repo.commit(QStringLiteral("%1 objects").arg(total));
    // One real change to find.
    if (!server.scale("apps/v1", "Deployment", "team-0", "app-10", 5)) {
        std::fprintf(stderr, "scale failed\n");
        return 2;
    }

    const QString shiplog = QStringLiteral(SHIPLOG_BINARY);
    std::vector<double> oursWall, oursCpu, anchorWall, anchorCpu;
    long oursRss = 0;
    long anchorRss = 0;
    for (int run = 0; run < runs; ++run) {
        const ChildRun ours =
            runChild({shiplog, "drift", "--repo", repo.path(), "--kubeconfig", kubeconfig, "--json"});
        if (ours.exitCode != 1) { // 1: the one scaled Deployment
            std::fprintf(stderr, "shiplog drift exited %d (expected 1: one drifted Deployment)\n",
                         ours.exitCode);
            return 2;
        }
        oursWall.push_back(ours.wallMs);
        oursCpu.push_back(ours.cpuMs);
        oursRss = std::max(oursRss, ours.peakRssKb);

        double wall = 0, cpu = 0;
        for (const QString& type : {QStringLiteral("configmaps"), QStringLiteral("deployments.apps"),
                                    QStringLiteral("services"), QStringLiteral("secrets")}) {
            QTemporaryDir cache;
            const ChildRun k = runChild({"kubectl", "--kubeconfig", kubeconfig, "--cache-dir", cache.path(),
                                         "get", type, "-A", "-o", "json"});
            if (k.exitCode != 0) {
                std::fprintf(stderr, "kubectl get %s exited %d\n", qPrintable(type), k.exitCode);
                return 2;
            }
            wall += k.wallMs;
            cpu += k.cpuMs;
            anchorRss = std::max(anchorRss, k.peakRssKb);
        }
        anchorWall.push_back(wall);
        anchorCpu.push_back(cpu);
    }
    const double w = median(oursWall), aw = median(anchorWall), c = median(oursCpu), ac = median(anchorCpu);
    std::printf("objects: %d live over https loopback (4 types, 10 namespaces), %d runs, medians\n", total,
                runs);
    std::printf("%-44s %10s %10s %14s\n", "", "wall ms", "cpu ms", "peak RSS MiB");
    std::printf("%-44s %10.0f %10.0f %14.1f\n", "shiplog drift --json (one process)", w, c,
                double(oursRss) / 1024.0);
    std::printf("%-44s %10.0f %10.0f %14.1f\n", "kubectl get <type> -A -o json (x4 processes)", aw, ac,
                double(anchorRss) / 1024.0);
    std::printf("ratio shiplog/kubectl: wall %.2fx, cpu %.2fx (goal <= 1.5x)\n", w / aw, c / ac);
    return 0;
}
