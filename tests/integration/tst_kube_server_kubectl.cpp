// The local Kubernetes API server against the real kubectl: what kubectl prints and what the server
// stores after kubectl's writes. Each kubectl run gets its own discovery cache (--cache-dir).
#include "core/demo/kube_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::demo::KubeServer;

namespace {

QJsonObject configMap(const QString& ns, const QString& name, const QJsonObject& labels = {},
                      const QJsonObject& data = {{QStringLiteral("key"), QStringLiteral("value")}})
{
    QJsonObject meta{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}};
    if (!labels.isEmpty())
        meta.insert(QStringLiteral("labels"), labels);
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"), meta},
            {QStringLiteral("data"), data}};
}

QJsonObject nsObject(const QString& name)
{
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Namespace")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}}};
}

QJsonObject deployment(const QString& ns, const QString& name,
                       const QString& image = QStringLiteral("nginx:1.25"))
{
    const QJsonObject labels{{QStringLiteral("app"), name}};
    const QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("web")},
        {QStringLiteral("image"), image},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 80}}}}};
    return {{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
            {QStringLiteral("kind"), QStringLiteral("Deployment")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name},
                                                     {QStringLiteral("namespace"), ns},
                                                     {QStringLiteral("labels"), labels}}},
            {QStringLiteral("spec"),
             QJsonObject{
                 {QStringLiteral("selector"), QJsonObject{{QStringLiteral("matchLabels"), labels}}},
                 {QStringLiteral("template"),
                  QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), labels}}},
                              {QStringLiteral("spec"),
                               QJsonObject{{QStringLiteral("containers"), QJsonArray{container}}}}}}}}};
}

QJsonObject pod(const QString& ns, const QString& name)
{
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Pod")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("containers"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")},
                                                 {QStringLiteral("image"), QStringLiteral("busybox")}}}}}}};
}

QStringList itemNames(const QByteArray& json)
{
    QStringList names;
    for (const QJsonValue& item :
         QJsonDocument::fromJson(json).object().value(QStringLiteral("items")).toArray())
        names.append(item.toObject()
                         .value(QStringLiteral("metadata"))
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString());
    return names;
}

} // namespace

class TestKubeServerKubectl : public QObject
{
    Q_OBJECT

    KubeServer m_server;
    QTemporaryDir m_dir;
    QString m_kubeconfig;

    test::ProcessResult kubectl(const QStringList& arguments, const QString& kubeconfig = {},
                                const QProcessEnvironment& extra = {}, int timeoutMs = 30000)
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
                         {}, env, timeoutMs);
    }

    void create(const QJsonObject& object, const QString& manager = QStringLiteral("shiplog-test"))
    {
        auto created = m_server.create(object, manager);
        QVERIFY2(created.has_value(), test::why(created).constData());
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("kubectl is not installed under CI");
            QSKIP("kubectl is not installed");
        }
        auto started = m_server.start({});
        QVERIFY2(started.has_value(), test::why(started).constData());
        QVERIFY(started->url.startsWith(QStringLiteral("https://127.0.0.1:")));
        QVERIFY(!started->token.isEmpty());
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        auto written = m_server.writeKubeconfig(m_kubeconfig, QStringLiteral("demo"));
        QVERIFY2(written.has_value(), test::why(written).constData());
    }

    void cleanupTestCase() { m_server.stop(); }

    void version()
    {
        const auto r = kubectl({QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject server =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("serverVersion")).toObject();
        QCOMPARE(server.value(QStringLiteral("gitVersion")).toString(), QStringLiteral("v1.32.3"));
    }

    void getDeploymentsAllNamespacesJson()
    {
        create(nsObject(QStringLiteral("get-a")));
        create(nsObject(QStringLiteral("get-b")));
        create(deployment(QStringLiteral("get-a"), QStringLiteral("api")));
        create(deployment(QStringLiteral("get-b"), QStringLiteral("web")));
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("deploy"), QStringLiteral("-A"),
                                QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(itemNames(r.out), (QStringList{QStringLiteral("api"), QStringLiteral("web")}));
        const QJsonObject first = QJsonDocument::fromJson(r.out)
                                      .object()
                                      .value(QStringLiteral("items"))
                                      .toArray()
                                      .first()
                                      .toObject();
        // kubectl fills kind/apiVersion of list items; the server defaulted the spec.
        QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("Deployment"));
        const QJsonObject spec = first.value(QStringLiteral("spec")).toObject();
        QCOMPARE(spec.value(QStringLiteral("replicas")).toInt(), 1);
        QCOMPARE(spec.value(QStringLiteral("revisionHistoryLimit")).toInt(), 10);
        const QJsonObject container = spec.value(QStringLiteral("template"))
                                          .toObject()
                                          .value(QStringLiteral("spec"))
                                          .toObject()
                                          .value(QStringLiteral("containers"))
                                          .toArray()
                                          .first()
                                          .toObject();
        QCOMPARE(container.value(QStringLiteral("imagePullPolicy")).toString(),
                 QStringLiteral("IfNotPresent"));
        QCOMPARE(
            first.value(QStringLiteral("status")).toObject().value(QStringLiteral("readyReplicas")).toInt(),
            1);
    }

    void getConfigMapYaml()
    {
        create(nsObject(QStringLiteral("get-yaml")));
        create(configMap(QStringLiteral("get-yaml"), QStringLiteral("settings"), {},
                         {{QStringLiteral("color"), QStringLiteral("blue")}}));
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("settings"),
                                QStringLiteral("-n"), QStringLiteral("get-yaml"), QStringLiteral("-o"),
                                QStringLiteral("yaml")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("kind: ConfigMap\n"), r.out.constData());
        QVERIFY2(r.out.contains("  color: blue\n"), r.out.constData());
        QVERIFY2(r.out.contains("  namespace: get-yaml\n"), r.out.constData());
        QVERIFY2(r.out.contains("  resourceVersion: \""), r.out.constData());
        QVERIFY2(r.out.contains("  uid: "), r.out.constData());
        // kubectl strips managedFields from its output unless asked.
        QVERIFY2(!r.out.contains("managedFields"), r.out.constData());

        const auto missing = kubectl({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("nope"),
                                      QStringLiteral("-n"), QStringLiteral("get-yaml")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("Error from server (NotFound): configmaps \"nope\" not found"),
                 missing.err.constData());
    }

    void humanTable()
    {
        create(nsObject(QStringLiteral("get-table")));
        create(pod(QStringLiteral("get-table"), QStringLiteral("worker-1")));
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-A")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY2(lines.first().simplified() == "NAMESPACE NAME READY STATUS RESTARTS AGE", r.out.constData());
        bool found = false;
        for (const QByteArray& line : lines)
            found = found || line.simplified().startsWith("get-table worker-1 1/1 Running 0 ");
        QVERIFY2(found, r.out.constData());
    }

    void pagingWithChunkSize()
    {
        create(nsObject(QStringLiteral("paging")));
        for (int i = 1; i <= 5; ++i)
            create(configMap(QStringLiteral("paging"), QStringLiteral("cm-%1").arg(i)));
        const auto r = kubectl({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"),
                                QStringLiteral("paging"), QStringLiteral("--chunk-size=2"),
                                QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("-v=6")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(itemNames(r.out), (QStringList{"cm-1", "cm-2", "cm-3", "cm-4", "cm-5"}));
        QCOMPARE(r.err.count("configmaps?continue="), 2); // three pages: 2 + 2 + 1
    }

    void selectors()
    {
        create(nsObject(QStringLiteral("select")));
        create(configMap(QStringLiteral("select"), QStringLiteral("a"), {{"app", "web"}, {"tier", "front"}}));
        create(configMap(QStringLiteral("select"), QStringLiteral("b"),
                         {{"app", "web"}, {"tier", "back"}, {"canary", "yes"}}));
        create(configMap(QStringLiteral("select"), QStringLiteral("c"), {{"app", "db"}}));
        auto names = [&](const QStringList& filter) {
            const auto r =
                kubectl(QStringList{QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"),
                                    QStringLiteral("select"), QStringLiteral("-o"), QStringLiteral("json")} +
                        filter);
            return r.exitCode == 0 ? itemNames(r.out) : QStringList{QString::fromUtf8(r.err)};
        };
        QCOMPARE(names({"-l", "app=web"}), (QStringList{"a", "b"}));
        QCOMPARE(names({"-l", "app==web,tier!=back"}), (QStringList{"a"}));
        QCOMPARE(names({"-l", "tier in (front,back),!canary"}), (QStringList{"a"}));
        QCOMPARE(names({"-l", "app notin (web)"}), (QStringList{"c"}));
        QCOMPARE(names({"-l", "canary"}), (QStringList{"b"}));
        QCOMPARE(names({"--field-selector", "metadata.name=c"}), (QStringList{"c"}));
        QCOMPARE(names({"--field-selector", "metadata.name!=c,metadata.namespace=select"}),
                 (QStringList{"a", "b"}));
        const auto bad = kubectl({QStringLiteral("get"), QStringLiteral("cm"), QStringLiteral("-n"),
                                  QStringLiteral("select"), QStringLiteral("--field-selector"),
                                  QStringLiteral("data.key=value")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("field label not supported: data.key"), bad.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKubeServerKubectl)
#include "tst_kube_server_kubectl.moc"
