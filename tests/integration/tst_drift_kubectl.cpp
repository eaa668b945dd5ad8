// Drift end to end through `shiplog drift`: manifests committed to a scratch repository, applied
// with the REAL kubectl to the local API server (TLS + token), then changed with the real kubectl
// (scale, patch, label, edit via a KUBE_EDITOR script, delete, create). Every change must be found
// at the right path with the right managedFields manager (0 false negatives) and nothing else —
// objects the server defaulted without a real change stay in sync (0 false positives). A 403 type
// is unreadable while the rest works; the CLI's exit codes follow kubectl diff (0/1/2).
#include "core/demo/kube_server.h"
#include "core/drift/desired_state.h"
#include "core/drift/drift_session.h"
#include "core/kube/kubeconfig.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using namespace shiplog::core::drift;

namespace {

const char* kOwner = "gitops.jenkins-x.io/pipeline: namespaces";

// Objects the server fills with defaults (Deployment strategy, PodSpec, probes, volumes, Service
// clusterIP/nodePort/targetPort, CronJob policies): none of that is drift.
QByteArray manifests()
{
    return QByteArray(R"(apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {OWNER}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web, OWNER}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: '1', memory: 1Gi}, requests: {cpu: 500m}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels: {app: api, OWNER}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: registry.example/api:latest
        readinessProbe: {httpGet: {port: 8080}}
        env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        volumeMounts: [{name: cfg, mountPath: /etc/api}]
      volumes: [{name: cfg, configMap: {name: settings}}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels: {OWNER}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  labels: {OWNER}
spec:
  type: NodePort
  selector: {app: api}
  ports: [{name: http, port: 8080}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels: {OWNER}
data:
  mode: fast
  colour: blue
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
  labels: {OWNER}
stringData:
  password: hunter2
)")
        .replace("OWNER", kOwner);
}
constexpr int kObjects = 7;

QJsonArray resourcesOf(const QJsonObject& report)
{
    return report.value(u"resources").toArray();
}

QJsonObject resource(const QJsonObject& report, const QString& kind, const QString& name)
{
    for (const QJsonValue& r : resourcesOf(report))
        if (r[u"kind"] == kind && r[u"name"] == name)
            return r.toObject();
    return {};
}

QJsonObject field(const QJsonObject& report, const QString& kind, const QString& name, const QString& path)
{
    for (const QJsonValue& f : resource(report, kind, name).value(u"fields").toArray())
        if (f[u"path"] == path)
            return f.toObject();
    return {};
}

} // namespace

class TestDriftKubectl : public QObject
{
    Q_OBJECT

    core::demo::KubeServer m_server;
    QTemporaryDir m_dir;
    QString m_kubeconfig;
    std::unique_ptr<test::ScratchRepo> m_repo;

    test::ProcessResult kubectl(const QStringList& arguments, const QProcessEnvironment& extra = {})
    {
        QTemporaryDir cache;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        for (const QString& key : extra.keys())
            env.insert(key, extra.value(key));
        return test::run(
            QStringLiteral("kubectl"),
            QStringList{"--kubeconfig", m_kubeconfig, "--cache-dir", cache.path(), "--request-timeout=20s"} +
                arguments,
            {}, env, 60000);
    }

    // `shiplog drift --json` against the test cluster; fails the test unless it printed one JSON object.
    QJsonObject drift(int expectedExit, const QStringList& extra = {})
    {
        const auto r = test::runShiplog(
            QStringList{"drift", "--repo", m_repo->path(), "--kubeconfig", m_kubeconfig, "--json"} + extra);
        if (r.exitCode != expectedExit)
            qWarning("shiplog drift exited %d (expected %d): %s", r.exitCode, expectedExit,
                     r.err.constData());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject() || r.exitCode != expectedExit)
            return {{"failed", QString::fromUtf8(r.out + r.err)}};
        return doc.object();
    }

    void writeFile(const QString& path, const QByteArray& content, bool executable = false)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        if (executable)
            file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    }

private slots:
    void initTestCase()
    {
        auto endpoint = m_server.start();
        QVERIFY2(endpoint.has_value(), test::why(endpoint));
        m_kubeconfig = m_dir.filePath("kubeconfig");
        auto written = m_server.writeKubeconfig(m_kubeconfig, "drift-test", "shop");
        QVERIFY2(written.has_value(), test::why(written));
        m_repo = std::make_unique<test::ScratchRepo>();
        m_repo->write("config-root/shop.yaml", manifests());
        m_repo->commit("shop: web, api, services, settings, creds");
        const auto applied = kubectl({"apply", "-f", m_repo->filePath("config-root/shop.yaml")});
        QVERIFY2(applied.exitCode == 0, applied.err.constData());
    }

    void appliedObjectsAreInSync()
    {
        const QJsonObject report = drift(0);
        QVERIFY2(!report.contains("failed"), qPrintable(report.value("failed").toString()));
        QCOMPARE(report.value("context").toString(), QStringLiteral("drift-test"));
        QCOMPARE(report.value("revision").toString(),
                 QString::fromUtf8(m_repo->git({"rev-parse", "HEAD"}).trimmed()));
        const QJsonObject summary = report.value("summary").toObject();
        QCOMPARE(summary.value("inSync").toInt(), kObjects);
        for (const char* key : {"drifted", "missing", "extra", "unreadable"})
            QCOMPARE(summary.value(key).toInt(), 0);
        QVERIFY2(resourcesOf(report).isEmpty(),
                 QJsonDocument(report).toJson().constData()); // in-sync resources omitted

        // Server-side mode (approach 1: the server's dry-run apply predicts each object): in sync too.
        const QJsonObject serverSide = drift(0, {"--server-side"});
        QVERIFY2(!serverSide.contains("failed"), qPrintable(serverSide.value("failed").toString()));
        QCOMPARE(serverSide.value("summary").toObject().value("inSync").toInt(), kObjects);

        const auto human =
            test::runShiplog({"drift", "--repo", m_repo->path(), "--kubeconfig", m_kubeconfig});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("All 7 resources in sync"), human.out.constData());
    }

    void everyKubectlChangeIsFound()
    {
        auto ok = [this](const QStringList& arguments, const QProcessEnvironment& env = {}) {
            const auto r = kubectl(arguments, env);
            if (r.exitCode != 0)
                qWarning("kubectl %s: %s", qPrintable(arguments.join(u' ')), r.err.constData());
            return r.exitCode == 0;
        };
        QVERIFY(ok({"scale", "-n", "shop", "deploy/web", "--replicas=5"}));
        QVERIFY(
            ok({"scale", "-n", "shop", "deploy/api", "--replicas=3"})); // git leaves replicas to the default
        QVERIFY(
            ok({"patch", "-n", "shop", "deploy", "web", "--type", "strategic", "-p",
                R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}})"}));
        QVERIFY(ok({"label", "-n", "shop", "cm", "settings", "team=payments"}));
        const QString editor = m_dir.filePath("editor.sh");
        writeFile(editor, "#!/bin/sh\nsed -i 's/colour: blue/colour: green/' \"$1\"\n", true);
        QProcessEnvironment editing;
        editing.insert("KUBE_EDITOR", editor);
        QVERIFY(ok({"edit", "-n", "shop", "cm", "settings"}, editing));
        QVERIFY(ok({"delete", "-n", "shop", "service", "web"}));
        const QString stray = m_dir.filePath("stray.yaml");
        writeFile(
            stray,
            QByteArray(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n  namespace: shop\n  labels: {") +
                kOwner + "}\ndata: {a: b}\n");
        QVERIFY(ok({"create", "-f", stray}));
        QVERIFY(ok({"create", "-n", "shop", "configmap", "unmarked", "--from-literal=a=b"}));
        QVERIFY(ok(
            {"patch", "-n", "shop", "secret", "creds", "-p", R"({"stringData":{"password":"swordfish"}})"}));

        const QJsonObject report = drift(1);
        QVERIFY2(!report.contains("failed"), qPrintable(report.value("failed").toString()));
        const QByteArray all = QJsonDocument(report).toJson(QJsonDocument::Compact);
        const struct
        {
            const char* kind;
            const char* name;
            const char* path;
            const char* manager;
        } expected[] = {
            // kubectl 1.32's scale sends no fieldManager: the server records "kubectl" (its user
            // agent) with subresource "scale"; the other commands name themselves.
            {"Deployment", "web", "spec.replicas", "kubectl"},
            {"Deployment", "api", "spec.replicas", "kubectl"},
            {"Deployment", "web", "spec.template.spec.containers[name=web].image", "kubectl-patch"},
            {"ConfigMap", "settings", "metadata.labels.team", "kubectl-label"},
            {"ConfigMap", "settings", "data.colour", "kubectl-edit"},
            {"Secret", "creds", "data.password", "kubectl-patch"},
        };
        for (const auto& e : expected) {
            const QJsonObject f = field(report, e.kind, e.name, e.path);
            QVERIFY2(!f.isEmpty(),
                     qPrintable(QStringLiteral("%1 %2 %3 not found in %4").arg(e.kind, e.name, e.path, all)));
            QCOMPARE(f.value("manager").toString(), QString::fromLatin1(e.manager));
            QVERIFY2(QDateTime::fromString(f.value("time").toString(), Qt::ISODate).isValid(),
                     qPrintable(f.value("time").toString()));
            QCOMPARE(resource(report, e.kind, e.name).value("status").toString(), QStringLiteral("drifted"));
        }
        QCOMPARE(field(report, "Deployment", "web", "spec.replicas").value("desired").toInt(), 2);
        QCOMPARE(field(report, "Deployment", "web", "spec.replicas").value("live").toInt(), 5);
        QCOMPARE(field(report, "Deployment", "api", "spec.replicas").value("live").toInt(), 3);
        QCOMPARE(field(report, "Deployment", "web", "spec.template.spec.containers[name=web].image")
                     .value("live")
                     .toString(),
                 QStringLiteral("nginx:1.26"));
        QCOMPARE(field(report, "ConfigMap", "settings", "data.colour").value("live").toString(),
                 QStringLiteral("green"));
        // Nothing else: exactly those fields.
        QCOMPARE(resource(report, "Deployment", "web").value("fields").toArray().size(), 2);
        QCOMPARE(resource(report, "Deployment", "api").value("fields").toArray().size(), 1);
        QCOMPARE(resource(report, "ConfigMap", "settings").value("fields").toArray().size(), 2);
        QCOMPARE(resource(report, "Secret", "creds").value("fields").toArray().size(), 1);
        QCOMPARE(resource(report, "Service", "web").value("status").toString(), QStringLiteral("missing"));
        QCOMPARE(resource(report, "ConfigMap", "stray").value("status").toString(), QStringLiteral("extra"));
        QVERIFY2(resource(report, "ConfigMap", "stray")
                     .value("reason")
                     .toString()
                     .contains("gitops.jenkins-x.io/pipeline"),
                 qPrintable(resource(report, "ConfigMap", "stray").value("reason").toString()));
        QVERIFY2(resource(report, "ConfigMap", "unmarked").isEmpty(), all.constData()); // not ours: not extra
        QVERIFY(resource(report, "Service", "api").isEmpty()); // untouched: in sync, omitted
        const QJsonObject summary = report.value("summary").toObject();
        QCOMPARE(summary.value("drifted").toInt(), 4);
        QCOMPARE(summary.value("missing").toInt(), 1);
        QCOMPARE(summary.value("extra").toInt(), 1);
        QCOMPARE(summary.value("inSync").toInt(),
                 2); // Namespace and Service api: nothing drifted by accident
        QCOMPARE(resourcesOf(report).size(), 6);

        // Secret values: masked, changed masks differ, plain and base64 values never printed.
        const QJsonObject password = field(report, "Secret", "creds", "data.password");
        QVERIFY(password.value("desired").toString().startsWith("++++"));
        QVERIFY(password.value("live").toString().startsWith("++++"));
        QVERIFY(password.value("desired") != password.value("live"));
        for (const char* secret : {"hunter2", "aHVudGVyMg", "swordfish", "c3dvcmRmaXNo"})
            QVERIFY2(!all.contains(secret), secret);

        // Server-side mode says what applying git (server-side, as field manager shiplog) would change:
        // the same changes to fields git sets; fields only people added (api's replicas, which git
        // leaves to the default, and the extra label) would stay, so they are not drift there.
        const QJsonObject serverSide = drift(1, {"--server-side"});
        QVERIFY2(!serverSide.contains("failed"), qPrintable(serverSide.value("failed").toString()));
        QCOMPARE(serverSide.value("summary").toObject().value("drifted").toInt(), 3);
        QCOMPARE(serverSide.value("summary").toObject().value("inSync").toInt(), 3);
        QCOMPARE(resource(serverSide, "Deployment", "api"), QJsonObject());
        for (const auto& e : expected)
            if (QByteArray(e.name) != "api" && QByteArray(e.path) != "metadata.labels.team")
                QVERIFY2(!field(serverSide, e.kind, e.name, e.path).isEmpty(),
                         qPrintable(QStringLiteral("server-side: %1 %2 %3 not found in %4")
                                        .arg(e.kind, e.name, e.path,
                                             QString::fromUtf8(
                                                 QJsonDocument(serverSide).toJson(QJsonDocument::Compact)))));

        // The human form names resources the way kubectl does and says who changed what.
        const auto human =
            test::runShiplog({"drift", "--repo", m_repo->path(), "--kubeconfig", m_kubeconfig});
        QCOMPARE(human.exitCode, 1);
        for (const char* text :
             {"deployment.apps/web", "spec.replicas", "2 -> 5", "kubectl scale", "kubectl-patch",
              "service/web", "missing in cluster", "configmap/stray", "extra in cluster"})
            QVERIFY2(
                human.out.contains(text),
                qPrintable(QStringLiteral("\"%1\" not in:\n%2").arg(text, QString::fromUtf8(human.out))));
        for (const char* secret : {"hunter2", "aHVudGVyMg", "swordfish", "c3dvcmRmaXNo"})
            QVERIFY2(!human.out.contains(secret) && !human.err.contains(secret), secret);
    }

    void forbiddenTypeIsUnreadableOthersWork()
    {
        QVERIFY(m_server.denyResource("secrets").has_value());
        const QJsonObject report = drift(1);
        QVERIFY(m_server.denyResource("secrets", false).has_value());
        QVERIFY2(!report.contains("failed"), qPrintable(report.value("failed").toString()));
        const QJsonObject creds = resource(report, "Secret", "creds");
        QCOMPARE(creds.value("status").toString(), QStringLiteral("unreadable"));
        QVERIFY2(creds.value("reason").toString().contains("secrets"),
                 qPrintable(creds.value("reason").toString()));
        QCOMPARE(report.value("summary").toObject().value("unreadable").toInt(), 1);
        QCOMPARE(resource(report, "Deployment", "web").value("status").toString(), QStringLiteral("drifted"));
    }

    void errorsExitTwo()
    {
        const auto context = test::runShiplog(
            {"drift", "--repo", m_repo->path(), "--kubeconfig", m_kubeconfig, "--context", "nope"});
        QCOMPARE(context.exitCode, 2);
        QVERIFY2(context.err.startsWith("shiplog: error: ") && context.err.contains("nope"),
                 context.err.constData());
        const auto revision = test::runShiplog(
            {"drift", "--repo", m_repo->path(), "--kubeconfig", m_kubeconfig, "--rev", "no-such-branch"});
        QCOMPARE(revision.exitCode, 2);
        QVERIFY2(revision.err.startsWith("shiplog: error: ") && revision.err.contains("no-such-branch"),
                 revision.err.constData());
        const auto missing =
            test::runShiplog({"drift", "--repo", m_repo->path(), "--kubeconfig", m_dir.filePath("absent")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.startsWith("shiplog: error: "), missing.err.constData());
        const auto help = test::runShiplog({"drift", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--kubeconfig") && help.out.contains("--json"));
    }

    void watchFollowsKubectl()
    {
        auto desired = loadDesiredState(m_repo->path());
        QVERIFY2(desired.has_value(), test::why(desired));
        QCOMPARE(desired->objects.size(), kObjects);
        auto config = core::kube::loadKubeconfig(m_kubeconfig);
        QVERIFY2(config.has_value(), test::why(config));
        auto connection = core::kube::resolveContext(*config);
        QVERIFY2(connection.has_value(), test::why(connection));

        DriftSession session;
        QSignalSpy reports(&session, &DriftSession::reportReady);
        session.setDesired(*desired);
        session.connectTo(*connection);
        QVERIFY(reports.wait(20000));
        auto replicas = [&reports]() {
            const auto report = reports.last().first().value<DriftReport>();
            for (const ResourceDrift& r : report.resources)
                if (r.kind == u"Deployment" && r.name == u"web")
                    for (const FieldDrift& f : r.fields)
                        if (f.path == u"spec.replicas")
                            return f.live.toInt();
            return 2;
        };
        QCOMPARE(replicas(), 5);
        QVERIFY(kubectl({"scale", "-n", "shop", "deploy/web", "--replicas=7"}).exitCode == 0);
        QTRY_COMPARE_WITH_TIMEOUT(replicas(), 7, 10000);
        QVERIFY(kubectl({"scale", "-n", "shop", "deploy/web", "--replicas=2"}).exitCode == 0);
        QTRY_COMPARE_WITH_TIMEOUT(replicas(), 2, 10000);
    }
};

QTEST_GUILESS_MAIN(TestDriftKubectl)
#include "tst_drift_kubectl.moc"
