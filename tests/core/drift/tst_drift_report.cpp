// The report over many resources: missing, extra (by the ownership marks learned from git),
// unreadable types, in-sync ones omitted from the JSON, and the JSON shape of `shiplog drift`.
#include "core/drift/drift_json.h"
#include "core/drift/report_builder.h"

#include <QJsonArray>
#include <QTest>

using namespace shiplog::core::drift;

namespace {

QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                   const QJsonObject& labels = {})
{
    QJsonObject metadata{{"name", name}};
    if (!ns.isEmpty())
        metadata.insert("namespace", ns);
    if (!labels.isEmpty())
        metadata.insert("labels", labels);
    return QJsonObject{{"apiVersion", apiVersion}, {"kind", kind}, {"metadata", metadata}};
}

} // namespace

class TestDriftReport : public QObject
{
    Q_OBJECT

private slots:
    void summaryWorstAndCounts_data()
    {
        QTest::addColumn<DriftSummary>("summary");
        QTest::addColumn<DriftStatus>("worst");
        QTest::addColumn<int>("outOfSync");
        QTest::addRow("empty") << DriftSummary{} << DriftStatus::InSync << 0;
        QTest::addRow("all in sync") << DriftSummary{5, 0, 0, 0, 0} << DriftStatus::InSync << 0;
        QTest::addRow("missing beats drifted") << DriftSummary{1, 3, 1, 2, 1} << DriftStatus::Missing << 7;
        QTest::addRow("drifted beats extra") << DriftSummary{1, 1, 0, 4, 1} << DriftStatus::Drifted << 6;
        QTest::addRow("extra beats unreadable") << DriftSummary{0, 0, 0, 1, 9} << DriftStatus::Extra << 10;
        QTest::addRow("unreadable") << DriftSummary{2, 0, 0, 0, 1} << DriftStatus::Unreadable << 1;
    }
    void summaryWorstAndCounts()
    {
        QFETCH(DriftSummary, summary);
        QFETCH(DriftStatus, worst);
        QFETCH(int, outOfSync);
        QCOMPARE(summary.worst(), worst);
        QCOMPARE(summary.outOfSync(), outOfSync);
        QCOMPARE(summary.clean(), outOfSync == 0);
        QCOMPARE(summary.count(DriftStatus::InSync), summary.inSync);
        QCOMPARE(summary.count(DriftStatus::Drifted), summary.drifted);
        QCOMPARE(summary.count(DriftStatus::Missing), summary.missing);
        QCOMPARE(summary.count(DriftStatus::Extra), summary.extra);
        QCOMPARE(summary.count(DriftStatus::Unreadable), summary.unreadable);
    }

    void statuses()
    {
        const QJsonObject mark{{"gitops.jenkins-x.io/pipeline", "namespaces"}};
        QJsonObject cm = object("v1", "ConfigMap", "shop", "settings", mark);
        cm.insert("data", QJsonObject{{"a", "1"}});
        QJsonObject cmLive = cm;
        cmLive.insert("data", QJsonObject{{"a", "2"}});
        const QList<QJsonObject> desired{cm, object("v1", "ConfigMap", QString(), "defaults-ns", mark),
                                         object("v1", "Secret", "shop", "creds", mark),
                                         object("v1", "ConfigMap", "shop", "gone", mark),
                                         object("example.com/v1", "Widget", "shop", "w", mark)};
        LiveSnapshot live;
        live.defaultNamespace = "team";
        LiveType configMaps{QString(), "v1", "ConfigMap", true, true, {}, {}};
        configMaps.objects.insert("shop/settings", cmLive);
        configMaps.objects.insert("team/defaults-ns", object("v1", "ConfigMap", "team", "defaults-ns", mark));
        configMaps.objects.insert("shop/stray", object("v1", "ConfigMap", "shop", "stray", mark));
        configMaps.objects.insert("shop/unrelated",
                                  object("v1", "ConfigMap", "shop", "unrelated", {{"app", "x"}}));
        live.types.insert(LiveSnapshot::typeKey(QString(), "ConfigMap"), configMaps);
        live.types.insert(LiveSnapshot::typeKey(QString(), "Secret"),
                          LiveType{QString(),
                                   "v1",
                                   "Secret",
                                   true,
                                   false,
                                   "secrets is forbidden: User \"dev\" cannot list resource \"secrets\"",
                                   {}});
        const DriftReport report = buildReport(desired, live, {}, OwnershipMarks::learn(desired));
        QCOMPARE(report.summary.inSync, 1);
        QCOMPARE(report.summary.drifted, 1);
        QCOMPARE(report.summary.missing, 2); // the deleted ConfigMap and the type the server does not serve
        QCOMPARE(report.summary.extra, 1);
        QCOMPARE(report.summary.unreadable, 1);

        const QJsonObject json = reportToJson(report);
        const QJsonArray resources = json.value("resources").toArray();
        QCOMPARE(resources.size(), 5); // in-sync omitted
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue& r : resources)
            byName.insert(r.toObject().value("name").toString(), r.toObject());
        QCOMPARE(byName.value("settings").value("status").toString(), QStringLiteral("drifted"));
        const QJsonObject field = byName.value("settings").value("fields").toArray().first().toObject();
        QCOMPARE(field.value("path").toString(), QStringLiteral("data.a"));
        QCOMPARE(field.value("desired").toString(), QStringLiteral("1"));
        QCOMPARE(field.value("live").toString(), QStringLiteral("2"));
        QVERIFY(field.contains("manager") && field.contains("time"));
        QCOMPARE(byName.value("gone").value("status").toString(), QStringLiteral("missing"));
        QCOMPARE(byName.value("stray").value("status").toString(), QStringLiteral("extra"));
        QVERIFY(byName.value("stray").value("reason").toString().contains(
            "gitops.jenkins-x.io/pipeline=namespaces"));
        QCOMPARE(byName.value("creds").value("status").toString(), QStringLiteral("unreadable"));
        QVERIFY(byName.value("creds").value("reason").toString().contains("forbidden"));
        QVERIFY(!byName.contains("unrelated"));
        QVERIFY(!byName.contains("defaults-ns")); // found in the context's namespace
        for (const char* key : {"context", "revision", "summary", "resources"})
            QVERIFY(json.contains(key));
        for (const char* key :
             {"group", "version", "kind", "namespace", "name", "status", "fields", "reason"})
            QVERIFY(byName.value("settings").contains(key));
        QCOMPARE(json.value("summary").toObject().value("unreadable").toInt(), 1);
    }

    void apiVersionsTheClusterNoLongerServes()
    {
        // Git written for a 1.2x cluster; the cluster serves batch/v1, autoscaling/v2 and no
        // PodSecurityPolicy: compared through the served version, reported as their own finding.
        QJsonObject cron = object("batch/v1beta1", "CronJob", "jx", "gc");
        cron.insert("spec", QJsonObject{{"schedule", "0 1 * * *"}});
        QJsonObject cronLive = cron;
        cronLive.insert("apiVersion", "batch/v1");
        QJsonObject hpa = object("autoscaling/v2beta1", "HorizontalPodAutoscaler", "tp", "web");
        const QJsonObject target{{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}};
        hpa.insert("spec",
                   QJsonObject{
                       {"scaleTargetRef", target},
                       {"minReplicas", 1},
                       {"maxReplicas", 5},
                       {"metrics",
                        QJsonArray{QJsonObject{
                            {"type", "Resource"},
                            {"resource", QJsonObject{{"name", "cpu"}, {"targetAverageUtilization", 80}}}}}}});
        QJsonObject hpaLive = object("autoscaling/v2", "HorizontalPodAutoscaler", "tp", "web");
        hpaLive.insert(
            "spec",
            QJsonObject{
                {"scaleTargetRef", target},
                {"minReplicas", 1},
                {"maxReplicas", 5},
                {"metrics",
                 QJsonArray{QJsonObject{
                     {"type", "Resource"},
                     {"resource", QJsonObject{{"name", "cpu"},
                                              {"target", QJsonObject{{"type", "Utilization"},
                                                                     {"averageUtilization", 80}}}}}}}}});
        QJsonObject web = object("apps/v1", "Deployment", "tp", "web");
        web.insert("spec", QJsonObject{{"replicas", 1}});
        QJsonObject webLive = web;
        webLive.insert("spec", QJsonObject{{"replicas", 4}}); // the HPA scaled it
        const QJsonObject psp = object("policy/v1beta1", "PodSecurityPolicy", QString(), "restricted");

        LiveSnapshot live;
        live.servedVersions = {{QString(), {"v1"}},
                               {"batch", {"v1"}},
                               {"autoscaling", {"v2", "v1"}},
                               {"policy", {"v1"}},
                               {"apps", {"v1"}}};
        LiveType cronJobs{"batch", "v1", "CronJob", true, true, {}, {}};
        cronJobs.objects.insert("jx/gc", cronLive);
        LiveType hpas{"autoscaling", "v2", "HorizontalPodAutoscaler", true, true, {}, {}};
        hpas.objects.insert("tp/web", hpaLive);
        LiveType deployments{"apps", "v1", "Deployment", true, true, {}, {}};
        deployments.objects.insert("tp/web", webLive);
        live.types.insert(LiveSnapshot::typeKey("batch", "CronJob"), cronJobs);
        live.types.insert(LiveSnapshot::typeKey("autoscaling", "HorizontalPodAutoscaler"), hpas);
        live.types.insert(LiveSnapshot::typeKey("apps", "Deployment"), deployments);

        const QList<QJsonObject> desired{cron, hpa, web, psp};
        DriftReport report = buildReport(desired, live, {}, {});
        QCOMPARE(report.summary.unserved, 3);
        QCOMPARE(report.summary.inSync, 1);
        QCOMPARE(report.summary.drifted + report.summary.missing + report.summary.extra, 0);
        QVERIFY(!report.summary.clean()); // applying git would fail
        for (const ResourceDrift& r : report.resources) {
            if (r.kind == u"Deployment") {
                QCOMPARE(r.status, DriftStatus::InSync);
                QCOMPARE(r.hidden.size(), 1);
                QCOMPARE(reasonName(r.hidden.first().reason), QStringLiteral("autoscaler"));
                QCOMPARE(r.hidden.first().detail, QStringLiteral("managed by HorizontalPodAutoscaler web"));
                continue;
            }
            QCOMPARE(r.status, DriftStatus::Unserved);
            QVERIFY2(r.reason.contains("no longer serves"), qPrintable(r.reason));
            QVERIFY(!r.gitApiVersion.isEmpty());
        }
        const QJsonObject json = reportToJson(report, true);
        QCOMPARE(json.value("summary").toObject().value("unserved").toInt(), 3);
        bool explained = false;
        for (const QJsonValue& r : json.value("resources").toArray())
            for (const QJsonValue& h : r.toObject().value("hidden").toArray())
                explained = explained || (h.toObject().value("path") == "spec.replicas" &&
                                          h.toObject().value("rule") == "autoscaler" &&
                                          h.toObject().value("reason").toString().contains("web"));
        QVERIFY(explained); // --explain lists in-sync resources with what was hidden

        // A change made in the cluster is still drift, with the same note.
        QJsonObject changed = cronLive;
        changed.insert("spec", QJsonObject{{"schedule", "0 3 * * *"}});
        live.types[LiveSnapshot::typeKey("batch", "CronJob")].objects.insert("jx/gc", changed);
        report = buildReport(desired, live, {}, {});
        QCOMPARE(report.summary.drifted, 1);
        for (const ResourceDrift& r : report.resources)
            if (r.kind == u"CronJob") {
                QCOMPARE(r.fields.size(), 1);
                QCOMPARE(r.fields.first().path, QStringLiteral("spec.schedule"));
                QVERIFY2(r.reason.contains("batch/v1beta1"), qPrintable(r.reason));
            }
    }

    void scopeFromTheCrdInGit()
    {
        // The cluster does not serve the kind (yet): the CRD in git says it has no namespace.
        QJsonObject crd = object("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", QString(),
                                 "widgets.example.com");
        crd.insert("spec", QJsonObject{{"group", "example.com"},
                                       {"version", "v1"},
                                       {"scope", "Cluster"},
                                       {"names", QJsonObject{{"kind", "Widget"}, {"plural", "widgets"}}}});
        const QJsonObject widget = object("example.com/v1", "Widget", "helm-put-this-here", "w");
        const DriftReport report = buildReport({crd, widget}, LiveSnapshot{}, {}, {});
        for (const ResourceDrift& r : report.resources)
            if (r.kind == u"Widget") {
                QCOMPARE(r.status, DriftStatus::Missing);
                QCOMPARE(r.namespaceName, QString());
            }
    }
};

QTEST_GUILESS_MAIN(TestDriftReport)
#include "tst_drift_report.moc"
