// DriftSession/DriftWorker against the local Kubernetes API server (TLS + bearer token on
// loopback): objects created as git declares them are in sync (the server's defaults are not
// drift), a write through the server shows in a new report within a second through the watch, a
// 403 on one type marks its resources unreadable while the others are compared, and the report
// stays current after dropped watch streams and after a 410 (compacted history).
#include "core/demo/kube_server.h"
#include "core/drift/drift_json.h"
#include "core/drift/drift_session.h"
#include "core/kube/kubeconfig.h"
#include "tests/core/drift/yaml_json.h"
#include "tests/support/fixtures.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using namespace shiplog::core::drift;

namespace {

const char* kDesired[] = {
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {gitops.jenkins-x.io/pipeline: "
    "namespaces}\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
    "  labels: {app: web, gitops.jenkins-x.io/pipeline: namespaces}\n"
    "spec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: "
    "web}}\n"
    "    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        ports: "
    "[{containerPort: 80}]\n"
    "        resources: {limits: {cpu: '1', memory: 1Gi}}\n",
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels: "
    "{gitops.jenkins-x.io/pipeline: namespaces}\n"
    "spec:\n  selector: {app: web}\n  ports: [{name: http, port: 80}]\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n  labels: "
    "{gitops.jenkins-x.io/pipeline: namespaces}\n"
    "data: {mode: fast, colour: blue}\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: shop\n  labels: "
    "{gitops.jenkins-x.io/pipeline: namespaces}\n"
    "stringData: {password: hunter2}\n",
};

const ResourceDrift* resource(const DriftReport& report, const QString& kind, const QString& name)
{
    for (const ResourceDrift& r : report.resources)
        if (r.kind == kind && r.name == name)
            return &r;
    return nullptr;
}

const FieldDrift* field(const DriftReport& report, const QString& kind, const QString& name,
                        const QString& path)
{
    if (const ResourceDrift* r = resource(report, kind, name))
        for (const FieldDrift& f : r->fields)
            if (f.path == path)
                return &f;
    return nullptr;
}

QByteArray describe(const DriftReport& report)
{
    return QJsonDocument(reportToJson(report)).toJson(QJsonDocument::Compact);
}

DriftReport last(const QSignalSpy& spy)
{
    return spy.last().first().value<DriftReport>();
}

int liveReplicas(const QSignalSpy& spy)
{
    if (spy.isEmpty())
        return -1;
    const FieldDrift* f = field(last(spy), QStringLiteral("Deployment"), QStringLiteral("web"),
                                QStringLiteral("spec.replicas"));
    return f ? f->live.toInt() : 2; // no drift: as git says
}

} // namespace

class TestDriftSession : public QObject
{
    Q_OBJECT

    core::demo::KubeServer m_server;
    QTemporaryDir m_dir;
    DesiredState m_desired;
    core::kube::ConnectionConfig m_connection;

    void reset()
    {
        // Every test starts from the objects as git declares them, created as kubectl apply would.
        for (const QJsonObject& o : std::as_const(m_desired.objects)) {
            const QJsonObject meta = o.value(u"metadata").toObject();
            if (o.value(u"kind").toString() != u"Namespace")
                (void)m_server.remove(o.value(u"apiVersion").toString(), o.value(u"kind").toString(),
                                      meta.value(u"namespace").toString(), meta.value(u"name").toString());
        }
        (void)m_server.remove(QStringLiteral("v1"), QStringLiteral("ConfigMap"), QStringLiteral("shop"),
                              QStringLiteral("stray"));
        for (const QJsonObject& o : std::as_const(m_desired.objects)) {
            const QJsonObject meta = o.value(u"metadata").toObject();
            if (m_server.get(o.value(u"apiVersion").toString(), o.value(u"kind").toString(),
                             meta.value(u"namespace").toString(), meta.value(u"name").toString()))
                continue;
            auto created = m_server.create(o, QStringLiteral("kubectl-client-side-apply"));
            QVERIFY2(created.has_value(), test::why(created));
        }
    }

private slots:
    void initTestCase()
    {
        for (const char* text : kDesired)
            m_desired.objects.append(test::yamlToJson(QByteArray(text)).toObject());
        m_desired.revision = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        auto endpoint = m_server.start(); // TLS with its own CA, random bearer token
        QVERIFY2(endpoint.has_value(), test::why(endpoint));
        QVERIFY(endpoint->url.startsWith(u"https://127.0.0.1:"));
        const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        auto written =
            m_server.writeKubeconfig(kubeconfig, QStringLiteral("session-test"), QStringLiteral("shop"));
        QVERIFY2(written.has_value(), test::why(written));
        auto config = core::kube::loadKubeconfig(kubeconfig);
        QVERIFY2(config.has_value(), test::why(config));
        auto connection = core::kube::resolveContext(*config);
        QVERIFY2(connection.has_value(), test::why(connection));
        m_connection = *connection;
    }

    void init() { reset(); }

    void seededObjectsAreInSyncAndAChangeShowsThroughTheWatch()
    {
        DriftSession session;
        QSignalSpy connected(&session, &DriftSession::connected);
        QSignalSpy reports(&session, &DriftSession::reportReady);
        session.setDesired(m_desired);
        session.connectTo(m_connection);
        QVERIFY(reports.wait(20000));
        QCOMPARE(connected.size(), 1);
        const auto info = connected.first().first().value<ConnectionInfo>();
        QCOMPARE(info.context, QStringLiteral("session-test"));
        QVERIFY(!info.insecure);
        QVERIFY2(info.serverVersion.startsWith(u"v1."), qPrintable(info.serverVersion));

        DriftReport report = last(reports);
        QVERIFY2(report.summary.clean(), describe(report).constData()); // 0 false positives
        QCOMPARE(report.summary.inSync, m_desired.objects.size());
        QCOMPARE(report.context, QStringLiteral("session-test"));
        QCOMPARE(report.revision, m_desired.revision);

        // A write through the server reaches a new report through the watch. The latency (well under
        // a second on an idle machine) is printed; the bound only tells a watch from no watch, since a
        // loaded CI machine must not fail a correct build (speed is for benchmarks).
        const qsizetype before = reports.size();
        QElapsedTimer clock;
        clock.start();
        auto scaled = m_server.scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"),
                                     QStringLiteral("shop"), QStringLiteral("web"), 5);
        QVERIFY2(scaled.has_value(), test::why(scaled));
        QTRY_COMPARE_WITH_TIMEOUT(liveReplicas(reports), 5, 10000);
        qInfo("the scale showed in a new report after %lld ms", qlonglong(clock.elapsed()));
        QVERIFY(reports.size() > before);
        report = last(reports);
        const FieldDrift* replicas = field(report, QStringLiteral("Deployment"), QStringLiteral("web"),
                                           QStringLiteral("spec.replicas"));
        QVERIFY2(replicas, describe(report).constData());
        QCOMPARE(replicas->desired.toInt(), 2);
        QCOMPARE(replicas->manager, QStringLiteral("kubectl-scale"));
        QVERIFY(replicas->time.isValid());
        QCOMPARE(report.summary.drifted, 1);
        QCOMPARE(report.summary.inSync, m_desired.objects.size() - 1);

        // A changed Secret is drift, masked; the values never reach the report.
        auto patched = m_server.mergePatch(
            QStringLiteral("v1"), QStringLiteral("Secret"), QStringLiteral("shop"), QStringLiteral("creds"),
            QJsonObject{{"stringData", QJsonObject{{"password", "swordfish"}}}});
        QVERIFY2(patched.has_value(), test::why(patched));
        QTRY_VERIFY_WITH_TIMEOUT(field(last(reports), QStringLiteral("Secret"), QStringLiteral("creds"),
                                       QStringLiteral("data.password")),
                                 5000);
        const QByteArray all = describe(last(reports));
        QVERIFY(!all.contains("swordfish") && !all.contains("c3dvcmRmaXNo") && !all.contains("hunter2") &&
                !all.contains("aHVudGVyMg"));

        // A deleted object is missing; an object git does not have, carrying the ownership label, is extra.
        QVERIFY(m_server
                    .remove(QStringLiteral("v1"), QStringLiteral("Service"), QStringLiteral("shop"),
                            QStringLiteral("web"))
                    .has_value());
        auto stray = m_server.create(
            test::yamlToJson(
                QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n  namespace: shop\n"
                           "  labels: {gitops.jenkins-x.io/pipeline: namespaces}\ndata: {a: b}\n"))
                .toObject(),
            QStringLiteral("kubectl-create"));
        QVERIFY2(stray.has_value(), test::why(stray));
        QTRY_VERIFY_WITH_TIMEOUT(last(reports).summary.missing == 1 && last(reports).summary.extra == 1,
                                 5000);
        QCOMPARE(resource(last(reports), QStringLiteral("Service"), QStringLiteral("web"))->status,
                 DriftStatus::Missing);
        QCOMPARE(resource(last(reports), QStringLiteral("ConfigMap"), QStringLiteral("stray"))->status,
                 DriftStatus::Extra);
    }

    void forbiddenTypeIsUnreadableOthersWork()
    {
        QVERIFY(m_server.denyResource(QStringLiteral("secrets")).has_value());
        auto report = computeDriftOnce(m_connection, m_desired, {}, 20000);
        QVERIFY(m_server.denyResource(QStringLiteral("secrets"), false).has_value());
        QVERIFY2(report.has_value(), test::why(report));
        const ResourceDrift* creds = resource(*report, QStringLiteral("Secret"), QStringLiteral("creds"));
        QVERIFY2(creds, describe(*report).constData());
        QCOMPARE(creds->status, DriftStatus::Unreadable);
        QVERIFY2(creds->reason.contains(u"forbidden"), qPrintable(creds->reason));
        QCOMPARE(report->summary.unreadable, 1);
        QCOMPARE(report->summary.inSync, m_desired.objects.size() - 1);
        QCOMPARE(report->summary.drifted + report->summary.missing + report->summary.extra, 0);
    }

    void watchRecoversAfterDroppedStreamAnd410()
    {
        DriftSession session;
        QSignalSpy reports(&session, &DriftSession::reportReady);
        session.setDesired(m_desired);
        session.connectTo(m_connection);
        QVERIFY(reports.wait(20000));
        QVERIFY2(last(reports).summary.clean(), describe(last(reports)).constData());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.watchCount() >= 5, 5000);

        // A dropped stream: the cache re-watches from the last resourceVersion it saw.
        m_server.dropWatches();
        QVERIFY(m_server
                    .scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                           QStringLiteral("web"), 3)
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(liveReplicas(reports), 3, 15000);

        // History compacted, streams dropped: the re-watch is answered 410 and the cache relists.
        m_server.compactHistory();
        m_server.dropWatches();
        QVERIFY(m_server
                    .scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                           QStringLiteral("web"), 4)
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(liveReplicas(reports), 4, 15000);
        // And it keeps watching after the relist.
        QVERIFY(m_server
                    .scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                           QStringLiteral("web"), 2)
                    .has_value());
        QTRY_COMPARE_WITH_TIMEOUT(liveReplicas(reports), 2, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(last(reports).summary.clean(), 5000);
    }

    void disconnectStopsReports()
    {
        auto session = std::make_unique<DriftSession>();
        QSignalSpy reports(session.get(), &DriftSession::reportReady);
        session->setDesired(m_desired);
        session->connectTo(m_connection);
        QVERIFY(reports.wait(20000));
        session->disconnectFromCluster();
        QTRY_COMPARE_WITH_TIMEOUT(m_server.watchCount(), 0, 5000);
        const qsizetype before = reports.size();
        QVERIFY(m_server
                    .scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                           QStringLiteral("web"), 6)
                    .has_value());
        QTest::qWait(500);
        QCOMPARE(reports.size(), before);
        session.reset(); // joins the connection thread
    }
};

QTEST_GUILESS_MAIN(TestDriftSession)
#include "tst_drift_session.moc"
