// kubectl's writes against the local Kubernetes API server (apply, scale, patch, label, edit,
// delete, create, replace, server-side apply), its watch, and its authentication and TLS failures.
#include "core/demo/kube_server.h"
#include "core/demo/kube_tls.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::demo::KubeServer;

namespace {

const char* kManifests = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: 80}]
        env: [{name: MODE, value: prod}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
data: {color: blue}
)";

QJsonObject managedEntry(const QJsonObject& object, const QString& manager)
{
    for (const QJsonValue& entry :
         object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("managedFields")).toArray())
        if (entry.toObject().value(QStringLiteral("manager")).toString() == manager)
            return entry.toObject();
    return {};
}

QStringList managers(const QJsonObject& object)
{
    QStringList names;
    for (const QJsonValue& entry :
         object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("managedFields")).toArray())
        names.append(entry.toObject().value(QStringLiteral("manager")).toString());
    return names;
}

QJsonObject at(const QJsonObject& object, const QStringList& path)
{
    QJsonObject current = object;
    for (const QString& key : path)
        current = current.value(key).toObject();
    return current;
}

QJsonObject firstContainer(const QJsonObject& deployment)
{
    return at(deployment, {"spec", "template", "spec"})
        .value(QStringLiteral("containers"))
        .toArray()
        .first()
        .toObject();
}

} // namespace

class TestKubeServerKubectlWrites : public QObject
{
    Q_OBJECT

    KubeServer m_server;
    QTemporaryDir m_dir;
    QString m_kubeconfig;

    test::ProcessResult kubectl(const QStringList& arguments, const QString& kubeconfig = {},
                                const QProcessEnvironment& extra = {})
    {
        QTemporaryDir cache;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        for (const QString& key : extra.keys())
            env.insert(key, extra.value(key));
        return test::run(QStringLiteral("kubectl"),
                         QStringList{QStringLiteral("--kubeconfig"),
                                     kubeconfig.isEmpty() ? m_kubeconfig : kubeconfig,
                                     QStringLiteral("--cache-dir"), cache.path(),
                                     QStringLiteral("--request-timeout=20s")} +
                             arguments,
                         {}, env, 40000);
    }

    QString namespaceFor(const QString& name)
    {
        auto created =
            m_server.create({{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                             {QStringLiteral("kind"), QStringLiteral("Namespace")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}}});
        return created ? name : QString();
    }

    QString writeFile(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    QJsonObject live(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name)
    {
        return m_server.get(apiVersion, kind, ns, name).value_or(QJsonObject());
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("kubectl is not installed under CI");
            QSKIP("kubectl is not installed");
        }
        core::demo::KubeServerOptions options;
        options.token = QStringLiteral("s3cret-token");
        auto started = m_server.start(options);
        QVERIFY2(started.has_value(), test::why(started).constData());
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        auto written = m_server.writeKubeconfig(m_kubeconfig);
        QVERIFY2(written.has_value(), test::why(written).constData());
    }

    void cleanupTestCase() { m_server.stop(); }

    void applyCreatesThenConfigures()
    {
        const QString ns = namespaceFor(QStringLiteral("apply"));
        const QString file = writeFile(QStringLiteral("apply.yaml"), kManifests);
        auto r = kubectl({QStringLiteral("apply"), QStringLiteral("-n"), ns, QStringLiteral("-f"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("deployment.apps/web created") &&
                     r.out.contains("configmap/web-config created"),
                 r.out.constData());
        const QJsonObject web =
            live(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns, QStringLiteral("web"));
        const QString lastApplied =
            at(web, {"metadata", "annotations"})
                .value(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"))
                .toString();
        QVERIFY2(lastApplied.contains(QStringLiteral("\"image\":\"nginx:1.25\"")), qPrintable(lastApplied));
        QCOMPARE(managers(web), QStringList{QStringLiteral("kubectl-client-side-apply")});
        QCOMPARE(at(web, {"metadata"}).value(QStringLiteral("generation")).toInt(), 1);

        r = kubectl({QStringLiteral("apply"), QStringLiteral("-n"), ns, QStringLiteral("-f"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("deployment.apps/web unchanged") &&
                     r.out.contains("configmap/web-config unchanged"),
                 r.out.constData());

        writeFile(QStringLiteral("apply.yaml"), QByteArray(kManifests).replace("nginx:1.25", "nginx:1.27"));
        r = kubectl({QStringLiteral("apply"), QStringLiteral("-n"), ns, QStringLiteral("-f"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("deployment.apps/web configured"), r.out.constData());
        const QJsonObject updated =
            live(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns, QStringLiteral("web"));
        QCOMPARE(firstContainer(updated).value(QStringLiteral("image")).toString(),
                 QStringLiteral("nginx:1.27"));
        QCOMPARE(at(updated, {"metadata"}).value(QStringLiteral("generation")).toInt(), 2);
    }

    void scaleRecordsTheManager()
    {
        const QString ns = namespaceFor(QStringLiteral("scale"));
        auto r = kubectl({QStringLiteral("apply"), QStringLiteral("-n"), ns, QStringLiteral("-f"),
                          writeFile(QStringLiteral("scale.yaml"), kManifests)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = kubectl({QStringLiteral("scale"), QStringLiteral("-n"), ns, QStringLiteral("deploy/web"),
                     QStringLiteral("--replicas=5")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("deployment.apps/web scaled"), r.out.constData());
        r = kubectl({QStringLiteral("get"), QStringLiteral("-n"), ns, QStringLiteral("deploy/web"),
                     QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("--show-managed-fields")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject web = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(at(web, {"spec"}).value(QStringLiteral("replicas")).toInt(), 5);
        QCOMPARE(at(web, {"status"}).value(QStringLiteral("readyReplicas")).toInt(), 5);
        const QJsonObject entry = managedEntry(web, QStringLiteral("kubectl"));
        QCOMPARE(entry.value(QStringLiteral("subresource")).toString(), QStringLiteral("scale"));
        QCOMPARE(entry.value(QStringLiteral("operation")).toString(), QStringLiteral("Update"));
        QVERIFY(at(entry, {"fieldsV1", "f:spec"}).contains(QStringLiteral("f:replicas")));
        QVERIFY(!entry.value(QStringLiteral("time")).toString().isEmpty());
    }

    void patchLabelEditReplace()
    {
        const QString ns = namespaceFor(QStringLiteral("patch"));
        auto r = kubectl({QStringLiteral("apply"), QStringLiteral("-n"), ns, QStringLiteral("-f"),
                          writeFile(QStringLiteral("patch.yaml"), kManifests)});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // Strategic merge: the container is matched by name, its ports and env stay.
        r = kubectl(
            {QStringLiteral("patch"), QStringLiteral("-n"), ns, QStringLiteral("deploy"),
             QStringLiteral("web"), QStringLiteral("-p"),
             QStringLiteral(
                 R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}})")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject web =
            live(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns, QStringLiteral("web"));
        QCOMPARE(firstContainer(web).value(QStringLiteral("image")).toString(), QStringLiteral("nginx:1.26"));
        QCOMPARE(firstContainer(web).value(QStringLiteral("ports")).toArray().size(), 1);
        QCOMPARE(firstContainer(web).value(QStringLiteral("env")).toArray().size(), 1);
        QVERIFY2(managers(web).contains(QStringLiteral("kubectl-patch")),
                 qPrintable(managers(web).join(u',')));

        r = kubectl({QStringLiteral("patch"), QStringLiteral("-n"), ns, QStringLiteral("cm"),
                     QStringLiteral("web-config"), QStringLiteral("--type=json"), QStringLiteral("-p"),
                     QStringLiteral(R"([{"op":"add","path":"/data/size","value":"L"}])")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = kubectl({QStringLiteral("patch"), QStringLiteral("-n"), ns, QStringLiteral("cm"),
                     QStringLiteral("web-config"), QStringLiteral("--type=merge"), QStringLiteral("-p"),
                     QStringLiteral(R"({"data":{"shape":"round"}})")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = kubectl({QStringLiteral("label"), QStringLiteral("-n"), ns, QStringLiteral("cm"),
                     QStringLiteral("web-config"), QStringLiteral("team=blue")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("configmap/web-config labeled"), r.out.constData());

        QProcessEnvironment editor;
        editor.insert(QStringLiteral("KUBE_EDITOR"), QStringLiteral("sed -i s/blue/green/"));
        r = kubectl({QStringLiteral("edit"), QStringLiteral("-n"), ns, QStringLiteral("cm"),
                     QStringLiteral("web-config")},
                    {}, editor);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("configmap/web-config edited"), r.out.constData());

        const QJsonObject cm =
            live(QStringLiteral("v1"), QStringLiteral("ConfigMap"), ns, QStringLiteral("web-config"));
        const QJsonObject data = cm.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("color")).toString(), QStringLiteral("green"));
        QCOMPARE(data.value(QStringLiteral("size")).toString(), QStringLiteral("L"));
        QCOMPARE(data.value(QStringLiteral("shape")).toString(), QStringLiteral("round"));
        QCOMPARE(at(cm, {"metadata", "labels"}).value(QStringLiteral("team")).toString(),
                 QStringLiteral("green"));
        const QStringList who = managers(cm);
        QVERIFY2(who.contains(QStringLiteral("kubectl-label")) ||
                     who.contains(QStringLiteral("kubectl-edit")),
                 qPrintable(who.join(u',')));
        // The edit changed data.color: kubectl-edit owns it now, not the applier.
        QVERIFY(at(managedEntry(cm, QStringLiteral("kubectl-edit")), {"fieldsV1", "f:data"})
                    .contains(QStringLiteral("f:color")));
        QVERIFY(!at(managedEntry(cm, QStringLiteral("kubectl-client-side-apply")), {"fieldsV1", "f:data"})
                     .contains(QStringLiteral("f:color")));

        // A replace with a stale resourceVersion is a conflict.
        QJsonObject stale = cm;
        QJsonObject meta = stale.value(QStringLiteral("metadata")).toObject();
        meta.insert(QStringLiteral("resourceVersion"), QStringLiteral("1"));
        stale.insert(QStringLiteral("metadata"), meta);
        r = kubectl({QStringLiteral("replace"), QStringLiteral("-f"),
                     writeFile(QStringLiteral("stale.json"), QJsonDocument(stale).toJson())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(
                "Operation cannot be fulfilled on configmaps \"web-config\": the object has been modified"),
            r.err.constData());
    }

    void createAndDelete()
    {
        const QString ns = namespaceFor(QStringLiteral("create"));
        auto r = kubectl({QStringLiteral("create"), QStringLiteral("configmap"), QStringLiteral("made"),
                          QStringLiteral("-n"), ns, QStringLiteral("--from-literal=a=b")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("configmap/made created"), r.out.constData());
        const QJsonObject made =
            live(QStringLiteral("v1"), QStringLiteral("ConfigMap"), ns, QStringLiteral("made"));
        QCOMPARE(made.value(QStringLiteral("data")).toObject().value(QStringLiteral("a")).toString(),
                 QStringLiteral("b"));
        QCOMPARE(managers(made), QStringList{QStringLiteral("kubectl-create")});

        r = kubectl({QStringLiteral("create"), QStringLiteral("secret"), QStringLiteral("generic"),
                     QStringLiteral("creds"), QStringLiteral("-n"), ns,
                     QStringLiteral("--from-literal=password=hunter2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject secret =
            live(QStringLiteral("v1"), QStringLiteral("Secret"), ns, QStringLiteral("creds"));
        QCOMPARE(secret.value(QStringLiteral("type")).toString(), QStringLiteral("Opaque"));
        QCOMPARE(secret.value(QStringLiteral("data")).toObject().value(QStringLiteral("password")).toString(),
                 QString::fromLatin1(QByteArray("hunter2").toBase64()));

        r = kubectl({QStringLiteral("create"), QStringLiteral("configmap"), QStringLiteral("made"),
                     QStringLiteral("-n"), ns});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("error: failed to create configmap: configmaps \"made\" already exists"),
                 r.err.constData());

        r = kubectl({QStringLiteral("delete"), QStringLiteral("-n"), ns, QStringLiteral("cm"),
                     QStringLiteral("made")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("configmap \"made\" deleted"), r.out.constData());
        QVERIFY(!m_server.get(QStringLiteral("v1"), QStringLiteral("ConfigMap"), ns, QStringLiteral("made")));
    }

    void serverSideApply()
    {
        const QString ns = namespaceFor(QStringLiteral("ssa"));
        const QString file = writeFile(QStringLiteral("ssa.yaml"), kManifests);
        auto r = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("-n"), ns,
                          QStringLiteral("-f"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("deployment.apps/web serverside-applied"), r.out.constData());
        QJsonObject web =
            live(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns, QStringLiteral("web"));
        QCOMPARE(managedEntry(web, QStringLiteral("kubectl")).value(QStringLiteral("operation")).toString(),
                 QStringLiteral("Apply"));

        auto scaled = m_server.scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns,
                                     QStringLiteral("web"), 4);
        QVERIFY2(scaled.has_value(), test::why(scaled).constData());
        // The manifest now sets replicas, which kubectl-scale owns: a conflict unless forced.
        const QString withReplicas = writeFile(
            QStringLiteral("ssa2.yaml"),
            QByteArray(kManifests).replace("spec:\n  selector", "spec:\n  replicas: 2\n  selector"));
        r = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"), QStringLiteral("-n"), ns,
                     QStringLiteral("-f"), withReplicas});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(
                "conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas"),
            r.err.constData());
        r = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                     QStringLiteral("--dry-run=server"), QStringLiteral("--force-conflicts"),
                     QStringLiteral("-n"), ns, QStringLiteral("-f"), withReplicas, QStringLiteral("-o"),
                     QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"replicas\": 2"), r.out.constData());
        web = live(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), ns, QStringLiteral("web"));
        QCOMPARE(at(web, {"spec"}).value(QStringLiteral("replicas")).toInt(), 4); // dry run changed nothing
    }

    void watchSeesEveryChange()
    {
        const QString ns = namespaceFor(QStringLiteral("watch"));
        QVERIFY(m_server.create({{"apiVersion", "v1"},
                                 {"kind", "ConfigMap"},
                                 {"metadata", QJsonObject{{"name", "first"}, {"namespace", ns}}}}));
        QTemporaryDir cache;
        QProcess watch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        watch.setProcessEnvironment(env);
        watch.start(QStringLiteral("kubectl"),
                    {QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                     cache.path(), QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"), ns,
                     QStringLiteral("-w"), QStringLiteral("--output-watch-events"), QStringLiteral("-o"),
                     QStringLiteral("jsonpath={.type} {.object.metadata.name}{\"\\n\"}")});
        QVERIFY(watch.waitForStarted(10000));
        QByteArray seen;
        auto waitFor = [&](const QByteArray& line, int ms) {
            QElapsedTimer timer;
            timer.start();
            while (!seen.contains(line) && timer.elapsed() < ms) {
                watch.waitForReadyRead(50);
                seen += watch.readAllStandardOutput();
            }
            return seen.contains(line);
        };
        QVERIFY2(waitFor("ADDED first", 20000), seen.constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.watchCount() > 0, 5000);

        QElapsedTimer latency;
        latency.start();
        QVERIFY(m_server.create({{"apiVersion", "v1"},
                                 {"kind", "ConfigMap"},
                                 {"metadata", QJsonObject{{"name", "second"}, {"namespace", ns}}}}));
        QVERIFY2(waitFor("ADDED second", 10000), seen.constData());
        QVERIFY(m_server.mergePatch(QStringLiteral("v1"), QStringLiteral("ConfigMap"), ns,
                                    QStringLiteral("first"), {{"data", QJsonObject{{"k", "v"}}}}));
        QVERIFY2(waitFor("MODIFIED first", 10000), seen.constData());
        QVERIFY(
            m_server.remove(QStringLiteral("v1"), QStringLiteral("ConfigMap"), ns, QStringLiteral("second")));
        QVERIFY2(waitFor("DELETED second", 10000), seen.constData());
        qInfo("kubectl get -w saw three writes in %lld ms",
              qlonglong(latency.elapsed())); // speed: benchmarks, not asserts
        watch.kill();
        watch.waitForFinished(5000);
    }

    void wrongTokenIsUnauthorized()
    {
        QByteArray config = m_server.kubeconfig();
        config.replace("token: s3cret-token", "token: wrong-token");
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("ns")},
                               writeFile(QStringLiteral("bad-token"), config));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(
                "error: You must be logged in to the server (the server has asked for the client to provide "
                "credentials)"),
            r.err.constData());
    }

    void deniedTypeIsForbidden()
    {
        const QString ns = namespaceFor(QStringLiteral("deny"));
        QVERIFY(m_server.denyResource(QStringLiteral("secrets")));
        auto r = kubectl({QStringLiteral("get"), QStringLiteral("secrets"), QStringLiteral("-n"), ns});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(
                     "Error from server (Forbidden): secrets is forbidden: User \"shiplog-demo\" cannot list "
                     "resource \"secrets\" in API group \"\" in the namespace \"deny\""),
                 r.err.constData());
        r = kubectl({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"), ns});
        QVERIFY2(r.exitCode == 0, r.err.constData()); // the rest still works
        QVERIFY(m_server.denyResource(QStringLiteral("secrets"), false));
        r = kubectl({QStringLiteral("get"), QStringLiteral("secrets"), QStringLiteral("-n"), ns});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void wrongCaIsRefused()
    {
        QTemporaryDir other;
        auto material = core::demo::generateTlsMaterial(other.path(), QStringLiteral("someone-else"));
        QVERIFY2(material.has_value(), test::why(material).constData());
        QByteArray config = m_server.kubeconfig();
        config.replace(m_server.endpoint().caPem.toBase64(), material->caPem.toBase64());
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("ns")},
                               writeFile(QStringLiteral("bad-ca"), config));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("certificate signed by unknown authority") ||
                     r.err.contains("failed to verify certificate"),
                 r.err.constData());
    }

    void plainHttpWithoutToken()
    {
        KubeServer plain;
        core::demo::KubeServerOptions options;
        options.tls = false;
        options.anonymous = true;
        auto started = plain.start(options);
        QVERIFY2(started.has_value(), test::why(started).constData());
        QVERIFY(started->url.startsWith(QStringLiteral("http://127.0.0.1:")));
        const QString config = m_dir.filePath(QStringLiteral("plain"));
        QVERIFY(plain.writeKubeconfig(config));
        const auto r = kubectl(
            {QStringLiteral("get"), QStringLiteral("ns"), QStringLiteral("-o"), QStringLiteral("name")},
            config);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("namespace/default\n") && r.out.contains("namespace/kube-system\n"),
                 r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestKubeServerKubectlWrites)
#include "tst_kube_server_kubectl_writes.moc"
