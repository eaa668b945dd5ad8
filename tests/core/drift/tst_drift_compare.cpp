// The normalization table (drift_cases.yaml): server-defaulted objects with no real change are in
// sync — zero false positives — and each real change is found at the right path with the manager
// that made it. Plus ignore rules, Secret masking and the raw/normalized reasons.
#include "core/drift/compare.h"
#include "core/drift/equal_values.h"
#include "core/drift/ignore_rules.h"
#include "tests/core/drift/yaml_json.h"
#include "tests/support/fixtures.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace shiplog::core::drift;

class TestDriftCompare : public QObject
{
    Q_OBJECT

private slots:
    void table_data()
    {
        QTest::addColumn<QJsonObject>("desired");
        QTest::addColumn<QJsonObject>("live");
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<QString>("manager");
        QTest::addColumn<QJsonObject>("context");
        QTest::addColumn<QStringList>("hidden");
        QTest::addColumn<QString>("note");
        QFile file(QStringLiteral(SHIPLOG_SOURCE_DIR "/tests/core/drift/drift_cases.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = shiplog::test::yamlToJson(file.readAll()).toObject();
        const QJsonArray cases = root.value(u"cases").toArray();
        QVERIFY(cases.size() >= 15);
        for (const QJsonValue& v : cases) {
            const QJsonObject c = v.toObject();
            QStringList paths;
            for (const QJsonValue& p : c.value(u"drift").toArray())
                paths.append(p.toString());
            QStringList hidden;
            for (const QJsonValue& h : c.value(u"hidden").toArray())
                hidden.append(h.toString());
            QTest::addRow("%s", qPrintable(c.value(u"name").toString()))
                << c.value(u"desired").toObject() << c.value(u"live").toObject() << paths
                << c.value(u"manager").toString() << c.value(u"context").toObject() << hidden
                << c.value(u"note").toString();
        }
    }

    void table()
    {
        QFETCH(QJsonObject, desired);
        QFETCH(QJsonObject, live);
        QFETCH(QStringList, paths);
        QFETCH(QString, manager);
        QFETCH(QJsonObject, context);
        QFETCH(QStringList, hidden);
        QFETCH(QString, note);
        CompareContext compareContext;
        compareContext.clusterScoped = context.value(u"clusterScoped").toBool();
        compareContext.autoscaler = context.value(u"autoscaler").toString();
        const ResourceDrift r = compareObjects(desired, live, {}, compareContext);
        QStringList found;
        for (const FieldDrift& f : r.fields)
            found.append(f.path);
        found.sort();
        paths.sort();
        QCOMPARE(found, paths);
        QCOMPARE(r.status, paths.isEmpty() ? DriftStatus::InSync : DriftStatus::Drifted);
        if (!manager.isEmpty()) {
            QCOMPARE(r.fields.first().manager, manager);
            QVERIFY(r.fields.first().time.isValid());
            QVERIFY2(r.reason.contains(manager), qPrintable(r.reason));
        }
        // Each difference the case names is hidden by the rule it names, with a reason.
        for (const QString& h : std::as_const(hidden)) {
            const QString path = h.section(QStringLiteral(": "), 0, 0);
            const QString rule = h.section(QStringLiteral(": "), 1);
            bool seen = false;
            for (const HiddenDifference& d : r.hidden)
                seen = seen || (d.path == path && reasonName(d.reason) == rule && !d.detail.isEmpty());
            QVERIFY2(seen, qPrintable(h));
        }
        if (!note.isEmpty()) {
            QCOMPARE(r.fields.first().note, note);
            QVERIFY2(r.reason.contains(note), qPrintable(r.reason));
        }
        // Secret values never leave the comparison in plain or base64 form.
        const QByteArray everything = QJsonDocument(r.desired).toJson() + QJsonDocument(r.live).toJson();
        for (const char* secret : {"hunter2", "aHVudGVyMg==", "c3dvcmRmaXNo", "swordfish"})
            QVERIFY(!everything.contains(secret));
        for (const FieldDrift& f : r.fields)
            QVERIFY(!f.desired.toString().contains(u"aHVu") && !f.live.toString().contains(u"c3dv"));
    }

    void hiddenDifferencesSayWhy()
    {
        QFile file(QStringLiteral(SHIPLOG_SOURCE_DIR "/tests/core/drift/drift_cases.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject first =
            shiplog::test::yamlToJson(file.readAll()).toObject().value(u"cases").toArray().first().toObject();
        const ResourceDrift r =
            compareObjects(first.value(u"desired").toObject(), first.value(u"live").toObject());
        QHash<QString, HiddenDifference::Reason> reasons;
        for (const HiddenDifference& h : r.hidden)
            reasons.insert(h.path, h.reason);
        QCOMPARE(reasons.value(QStringLiteral("spec.revisionHistoryLimit")),
                 HiddenDifference::Reason::ServerDefault);
        QCOMPARE(reasons.value(QStringLiteral("spec.template.spec.containers[name=web].imagePullPolicy")),
                 HiddenDifference::Reason::ServerDefault);
        QVERIFY(reasons.contains(
            QStringLiteral("spec.template.spec.containers[name=web].resources.requests.cpu")));
        QCOMPARE(
            reasons.value(QStringLiteral("spec.template.spec.containers[name=web].resources.requests.cpu")),
            HiddenDifference::Reason::EqualEncoding);
    }

    void secretMasksFollowArgoCd()
    {
        QJsonObject desired{{"apiVersion", "v1"},
                            {"kind", "Secret"},
                            {"metadata", QJsonObject{{"name", "s"}, {"namespace", "n"}}},
                            {"data", QJsonObject{{"a", "MQ=="}, {"b", "Mg=="}}}};
        QJsonObject live = desired;
        live.insert("data", QJsonObject{{"a", "MQ=="}, {"b", "Mw=="}});
        const ResourceDrift r = compareObjects(desired, live);
        QCOMPARE(r.fields.size(), 1);
        QCOMPARE(r.fields.first().desired.toString(), QStringLiteral("++++++++"));
        QCOMPARE(r.fields.first().live.toString(), QStringLiteral("++++++++++++"));
        QCOMPARE(r.desired.value("data").toObject().value("a").toString(), QStringLiteral("++++++++"));
        QCOMPARE(r.live.value("data").toObject().value("a").toString(), QStringLiteral("++++++++"));
    }

    void secretDigestsFromTheManifestParser()
    {
        // core/manifest replaces desired values by "sha256:<hex>" of the decoded value.
        QJsonObject desired{
            {"apiVersion", "v1"},
            {"kind", "Secret"},
            {"metadata", QJsonObject{{"name", "s"}, {"namespace", "n"}}},
            {"data",
             QJsonObject{{"a", "sha256:6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b"}}}};
        QJsonObject live{{"apiVersion", "v1"},
                         {"kind", "Secret"},
                         {"metadata", QJsonObject{{"name", "s"}, {"namespace", "n"}}},
                         {"type", "Opaque"},
                         {"data", QJsonObject{{"a", "MQ=="}}}};
        QCOMPARE(compareObjects(desired, live).status, DriftStatus::InSync);
        live.insert("data", QJsonObject{{"a", "Mg=="}});
        QCOMPARE(compareObjects(desired, live).status, DriftStatus::Drifted);
    }

    void ignoreRules()
    {
        auto rules = parseIgnoreRules(
            "ignoreDifferences:\n"
            "- group: apps\n  kind: Deployment\n  jsonPointers: [/spec/replicas]\n"
            "- group: '*'\n  kind: ConfigMap\n  name: settings\n  managedFieldsManagers: [kubectl-edit]\n");
        QVERIFY2(rules.has_value(), shiplog::test::why(rules));
        QCOMPARE(rules->size(), 2);
        QVERIFY((*rules)[1].matches(QString(), "ConfigMap", "x", "settings"));
        QVERIFY(!(*rules)[1].matches(QString(), "ConfigMap", "x", "other"));
        QVERIFY(!(*rules)[0].matches(QString(), "Deployment", "x", "y"));

        QFile file(QStringLiteral(SHIPLOG_SOURCE_DIR "/tests/core/drift/drift_cases.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray cases =
            shiplog::test::yamlToJson(file.readAll()).toObject().value(u"cases").toArray();
        for (const QJsonValue& v : cases) {
            const QJsonObject c = v.toObject();
            const QString name = c.value(u"name").toString();
            if (name != u"kubectl scale" && name != u"kubectl edit of configmap data and a dotted key")
                continue;
            const ResourceDrift r =
                compareObjects(c.value(u"desired").toObject(), c.value(u"live").toObject(), *rules);
            QVERIFY2(r.fields.isEmpty(), qPrintable(name));
            bool byRule = false;
            for (const HiddenDifference& h : r.hidden)
                byRule = byRule ||
                         (h.reason == HiddenDifference::Reason::Rule && h.detail.contains(u".shiplog.yaml"));
            QVERIFY2(byRule, qPrintable(name));
        }
        QVERIFY(!parseIgnoreRules("ignoreDifferences:\n- kind: Deployment\n  jsonPointers: [spec/replicas]\n")
                     .has_value());
        QVERIFY(!parseIgnoreRules("ignoreDifferences: [unclosed").has_value());
    }

    void quantities_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        QTest::addRow("milli") << "1000m"
                               << "1" << true;
        QTest::addRow("half") << "0.5"
                              << "500m" << true;
        QTest::addRow("Gi") << "1Gi"
                            << "1073741824" << true;
        QTest::addRow("Ki vs k") << "1Ki"
                                 << "1k" << false;
        QTest::addRow("exponent") << "1e3"
                                  << "1k" << true;
        QTest::addRow("different") << "1"
                                   << "2" << false;
    }

    void quantities()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        QCOMPARE(compareValues(a, b, true) != Equality::Different, equal);
        QVERIFY(parseQuantity(a).has_value());
    }
};

QTEST_GUILESS_MAIN(TestDriftCompare)
#include "tst_drift_compare.moc"
