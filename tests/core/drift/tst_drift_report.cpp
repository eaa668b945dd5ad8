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
};

QTEST_GUILESS_MAIN(TestDriftReport)
#include "tst_drift_report.moc"
