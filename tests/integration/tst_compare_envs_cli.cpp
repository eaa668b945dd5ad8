// `shiplog compare-envs` and the release lines of `shiplog changes`, as a user runs them on
// jx3-eagle: the JSON shape of issue 10 §5, exit codes, and a promotion commit's release change.
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace shiplog;

class TestCompareEnvsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), m_dir.path()));
    }

    void jsonShape()
    {
        const test::ProcessResult r = test::runShiplog(
            {QStringLiteral("compare-envs"), QStringLiteral("--repo"), m_dir.path(), QStringLiteral("--json"),
             QStringLiteral("jx-staging"), QStringLiteral("jx-production")});
        QCOMPARE(r.exitCode, 1); // they differ
        QCOMPARE(r.out.count('\n'), 1);
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("errors"),
                                           QStringLiteral("releases"), QStringLiteral("resources")}));
        QCOMPARE(json.value(u"a").toString(), QStringLiteral("jx-staging"));
        QCOMPARE(json.value(u"b").toString(), QStringLiteral("jx-production"));
        const QJsonArray resources = json.value(u"resources").toArray();
        QVERIFY(!resources.isEmpty());
        const QSet<QString> statuses{QStringLiteral("only-a"), QStringLiteral("only-b"),
                                     QStringLiteral("same"), QStringLiteral("differs")};
        static const QRegularExpression commitId(QStringLiteral("^[0-9a-f]{40}$"));
        int fieldsSeen = 0;
        for (const QJsonValue& v : resources) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.keys(),
                     (QStringList{QStringLiteral("fields"), QStringLiteral("group"), QStringLiteral("kind"),
                                  QStringLiteral("name"), QStringLiteral("namespaceA"),
                                  QStringLiteral("namespaceB"), QStringLiteral("status")}));
            QVERIFY(statuses.contains(o.value(u"status").toString()));
            if (o.value(u"status").toString() == u"only-a")
                QCOMPARE(o.value(u"namespaceA").toString(), QStringLiteral("jx-staging"));
            for (const QJsonValue& f : o.value(u"fields").toArray()) {
                const QJsonObject field = f.toObject();
                QCOMPARE(field.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("appliedByA"),
                                                    QStringLiteral("appliedByB"), QStringLiteral("b"),
                                                    QStringLiteral("commitA"), QStringLiteral("commitB"),
                                                    QStringLiteral("path")}));
                for (const char* side : {"commitA", "commitB", "appliedByA", "appliedByB"}) {
                    const QJsonValue c = field.value(QLatin1String(side));
                    QVERIFY(c.isNull() || commitId.match(c.toString()).hasMatch());
                }
                ++fieldsSeen;
            }
        }
        qInfo("%lld resources, %d differing fields", qsizetype(resources.size()), fieldsSeen);
        for (const QJsonValue& v : json.value(u"releases").toArray())
            QCOMPARE(v.toObject().keys(),
                     (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("name")}));
    }

    void textAndErrors()
    {
        const test::ProcessResult text = test::runShiplog(
            {QStringLiteral("compare-envs"), QStringLiteral("--repo"), m_dir.path(),
             QStringLiteral("--no-blame"), QStringLiteral("jx-staging"), QStringLiteral("jx-production")});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.startsWith("jx-staging vs jx-production at "), text.out.left(200).constData());
        QVERIFY(text.out.contains("only in jx-staging"));
        QVERIFY(text.out.contains("nodedemo"));

        const test::ProcessResult same = test::runShiplog(
            {QStringLiteral("compare-envs"), QStringLiteral("--repo"), m_dir.path(),
             QStringLiteral("--no-blame"), QStringLiteral("jx-staging"), QStringLiteral("jx-staging")});
        QCOMPARE(same.exitCode, 0);

        const test::ProcessResult unknown =
            test::runShiplog({QStringLiteral("compare-envs"), QStringLiteral("--repo"), m_dir.path(),
                              QStringLiteral("jx-staging"), QStringLiteral("nowhere")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("nowhere"));

        const test::ProcessResult one =
            test::runShiplog({QStringLiteral("compare-envs"), QStringLiteral("--repo"), m_dir.path(),
                              QStringLiteral("jx-staging")});
        QCOMPARE(one.exitCode, 2);
    }

    // A promotion commit: no resource changed, but the release version did.
    void changesListsAPromotion()
    {
        const test::ProcessResult text = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), m_dir.path(), QStringLiteral("503e8121")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("nodedemo 1.0.58 → 1.0.59 in jx-staging"), text.out.constData());

        const test::ProcessResult json =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), m_dir.path(),
                              QStringLiteral("--json"), QStringLiteral("503e8121")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray releases = QJsonDocument::fromJson(json.out).object().value(u"releases").toArray();
        QCOMPARE(releases.size(), 1);
        QCOMPARE(releases.first().toObject(),
                 (QJsonObject{{QStringLiteral("environment"), QStringLiteral("jx-staging")},
                              {QStringLiteral("name"), QStringLiteral("nodedemo")},
                              {QStringLiteral("chart"), QStringLiteral("dev2/nodedemo")},
                              {QStringLiteral("old"), QStringLiteral("1.0.58")},
                              {QStringLiteral("new"), QStringLiteral("1.0.59")}}));

        // A commit that edits no helmfile has no "releases" key (the documented shape stays).
        const test::ProcessResult other =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), m_dir.path(),
                              QStringLiteral("--json"), QStringLiteral("4ec18462")});
        QCOMPARE(other.exitCode, 0);
        QVERIFY(!QJsonDocument::fromJson(other.out).object().contains(u"releases"));
    }
};

QTEST_GUILESS_MAIN(TestCompareEnvsCli)
#include "tst_compare_envs_cli.moc"
