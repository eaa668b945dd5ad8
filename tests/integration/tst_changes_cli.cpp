// `shiplog changes` and `shiplog timeline` as a user runs them, on real repositories made with git.
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace shiplog;

namespace {

const QByteArray kPlainSecret = "correct-horse-battery-staple";

QByteArray secretYaml(const QByteArray& value)
{
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n  annotations:\n"
           "    kubectl.kubernetes.io/last-applied-configuration: '{\"stringData\":{\"password\":\"" +
           value +
           "\"}}'\n"
           "data:\n  password: " +
           value.toBase64() + "\nstringData:\n  token: " + value + "\n";
}

QJsonObject parseJson(const QByteArray& out)
{
    return QJsonDocument::fromJson(out).object();
}

} // namespace

class TestChangesCli : public QObject
{
    Q_OBJECT
private slots:
    void jsonIsTheIssuesContract()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("web.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n"
                   "spec:\n  replicas: 1\n");
        const QString root = repo.commit(QStringLiteral("root"));
        repo.write(QStringLiteral("web.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n"
                   "spec:\n  replicas: 3\n");
        repo.write(QStringLiteral("broken.yaml"), "a: [\n");
        const QString second = repo.commit(QStringLiteral("scale"));

        const test::ProcessResult first =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("--json"), root});
        QCOMPARE(first.exitCode, 0);
        const QJsonObject rootSet = parseJson(first.out);
        QVERIFY(rootSet.value(QLatin1String("from")).isNull());
        QCOMPARE(rootSet.value(QLatin1String("to")).toString(), root);

        const test::ProcessResult r =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("--json"), QStringLiteral("HEAD")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 1); // one object on one line
        const QJsonObject set = parseJson(r.out);
        QCOMPARE(set.keys(), (QStringList{QStringLiteral("errors"), QStringLiteral("from"),
                                          QStringLiteral("resources"), QStringLiteral("to")}));
        QCOMPARE(set.value(QLatin1String("from")).toString(), root);
        QCOMPARE(set.value(QLatin1String("to")).toString(), second);
        const QJsonArray resources = set.value(QLatin1String("resources")).toArray();
        QCOMPARE(resources.size(), 1);
        const QJsonObject web = resources[0].toObject();
        QCOMPARE(web, (QJsonObject{
                          {QStringLiteral("group"), QStringLiteral("apps")},
                          {QStringLiteral("version"), QStringLiteral("v1")},
                          {QStringLiteral("kind"), QStringLiteral("Deployment")},
                          {QStringLiteral("namespace"), QStringLiteral("prod")},
                          {QStringLiteral("name"), QStringLiteral("web")},
                          {QStringLiteral("change"), QStringLiteral("modified")},
                          {QStringLiteral("oldPath"), QStringLiteral("web.yaml")},
                          {QStringLiteral("newPath"), QStringLiteral("web.yaml")},
                          {QStringLiteral("fields"),
                           QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("spec.replicas")},
                                                  {QStringLiteral("op"), QStringLiteral("changed")},
                                                  {QStringLiteral("old"), 1},
                                                  {QStringLiteral("new"), 3}}}}}));
        const QJsonArray errors = set.value(QLatin1String("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].toObject().value(QLatin1String("path")).toString(), QStringLiteral("broken.yaml"));
        QVERIFY(errors[0].toObject().value(QLatin1String("line")).toInt() >= 1);

        const test::ProcessResult human =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(),
                              root + QStringLiteral("..") + second});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("~ apps/Deployment prod/web  (web.yaml)\n    spec.replicas: 1 -> 3\n"),
                 human.out.constData());
        QVERIFY(human.out.contains("error: broken.yaml:"));
    }

    void secretNeverLeaks()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("secret.yaml"), secretYaml(kPlainSecret));
        repo.commit(QStringLiteral("add"));
        repo.write(QStringLiteral("secret.yaml"), secretYaml("rotated-" + kPlainSecret));
        repo.commit(QStringLiteral("rotate"));
        repo.git({QStringLiteral("mv"), QStringLiteral("secret.yaml"), QStringLiteral("db-secret.yaml")});
        repo.commit(QStringLiteral("move"));
        QByteArray everything;
        for (const QString& rev : {QStringLiteral("HEAD"), QStringLiteral("HEAD~1"), QStringLiteral("HEAD~2"),
                                   QStringLiteral("HEAD~2..HEAD")}) {
            for (const bool json : {true, false}) {
                QStringList args{QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), rev};
                if (json)
                    args << QStringLiteral("--json");
                const test::ProcessResult r = test::runShiplog(args);
                QCOMPARE(r.exitCode, 0);
                everything += r.out + r.err;
            }
        }
        const test::ProcessResult timeline =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("Secret/prod/db"), QStringLiteral("--json")});
        QCOMPARE(timeline.exitCode, 0);
        everything += timeline.out;
        QVERIFY(everything.contains("++++++++++++")); // the rotation shows as a new mask
        for (const QByteArray& needle :
             {kPlainSecret, kPlainSecret.toBase64(), QByteArray("rotated-" + kPlainSecret).toBase64(),
              QByteArray("sha256")}) {
            QVERIFY2(!everything.contains(needle), needle.constData());
        }
    }

    void badFilesAreReportedNotFatal()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("ok.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n");
        repo.write(QStringLiteral("binary.yaml"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 18));
        repo.write(QStringLiteral("latin1.yml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n");
        QByteArray bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
        for (char c = 'b'; c <= 'k'; ++c) {
            bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 10; ++i)
                bomb += QByteArray(i ? "," : "") + "*" + QByteArray(1, char(c - 1));
            bomb += "]\n";
        }
        repo.write(QStringLiteral("bomb.yaml"), bomb);
        QByteArray deep =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + QByteArray(5000, '[') +
            QByteArray(5000, ']') + "\n";
        repo.write(QStringLiteral("deep.yaml"), deep);
        // 50 MB of valid YAML: refused with a message, quickly.
        QByteArray huge = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n";
        const QByteArray line = "  key-" + QByteArray(80, 'k') + ": " + QByteArray(120, 'v') + "\n";
        huge.reserve(50 * 1024 * 1024 + line.size());
        for (int i = 0; huge.size() < 50 * 1024 * 1024; ++i)
            huge += "  k" + QByteArray::number(i) + line.mid(5);
        repo.write(QStringLiteral("huge.yaml"), huge);
        repo.commit(QStringLiteral("bad files"));
        QElapsedTimer timer;
        timer.start();
        const test::ProcessResult r =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("--json"), QStringLiteral("HEAD")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(timer.elapsed() < 30000, "bad files must not freeze the change set");
        const QJsonObject set = parseJson(r.out);
        QCOMPARE(set.value(QLatin1String("resources")).toArray().size(), 1);
        QMap<QString, QString> errors;
        for (const QJsonValue& e : set.value(QLatin1String("errors")).toArray())
            errors.insert(e.toObject().value(QLatin1String("path")).toString(),
                          e.toObject().value(QLatin1String("message")).toString());
        QCOMPARE(errors.keys(), (QStringList{QStringLiteral("binary.yaml"), QStringLiteral("bomb.yaml"),
                                             QStringLiteral("deep.yaml"), QStringLiteral("huge.yaml"),
                                             QStringLiteral("latin1.yml")}));
        QVERIFY(errors.value(QStringLiteral("binary.yaml")).contains(QLatin1String("binary")));
        QVERIFY(errors.value(QStringLiteral("bomb.yaml")).contains(QLatin1String("alias")));
        QVERIFY(errors.value(QStringLiteral("deep.yaml")).contains(QLatin1String("nesting")));
        QVERIFY(errors.value(QStringLiteral("huge.yaml")).contains(QLatin1String("MB")));
        QVERIFY(errors.value(QStringLiteral("latin1.yml")).contains(QLatin1String("UTF-8")));
    }

    void timelineCommand()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: jx\n");
        repo.commit(QStringLiteral("add namespace"), QStringLiteral("Ada <ada@example.com>"),
                    QStringLiteral("2024-05-01T10:00:00+02:00"));
        repo.write(QStringLiteral("ns.yaml"),
                   "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: jx\n  labels: {team: a}\n");
        repo.commit(QStringLiteral("label it"), QStringLiteral("Bob <bob@example.com>"),
                    QStringLiteral("2024-05-02T10:00:00+02:00"));
        const test::ProcessResult r =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("Namespace/-/jx"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray steps = parseJson(r.out).value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0].toObject().value(QLatin1String("subject")).toString(), QStringLiteral("label it"));
        QCOMPARE(steps[0].toObject().value(QLatin1String("author")).toString(), QStringLiteral("Bob"));
        QCOMPARE(steps[0].toObject().value(QLatin1String("date")).toString(),
                 QStringLiteral("2024-05-02T10:00:00+02:00"));
        QCOMPARE(steps[0]
                     .toObject()
                     .value(QLatin1String("fields"))
                     .toArray()[0]
                     .toObject()
                     .value(QLatin1String("path"))
                     .toString(),
                 QStringLiteral("metadata.labels"));
        QCOMPARE(steps[1].toObject().value(QLatin1String("change")).toString(), QStringLiteral("added"));
        const test::ProcessResult human =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("Namespace/-/jx")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("Bob  modified  label it"), human.out.constData());
    }

    void usageErrors()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("empty"));
        const test::ProcessResult bad =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("Deployment/web")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.startsWith("shiplog: error: 'Deployment/web' is not [GROUP/]KIND/NAMESPACE/NAME"));
        const test::ProcessResult unknown = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("Unknown revision 'nope'"), unknown.err.constData());
        const test::ProcessResult help =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: shiplog changes"));
        QVERIFY2(help.out.contains("--parent <N>"), help.out.constData());
    }

    // Every command parses its options the same way: unknown options, missing values and bad
    // numbers end with exit 2 and a message that names the option and the command's help.
    void optionErrorsAreAlikeInEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("changes unknown")
            << QStringList{"changes", "--colour"} << "Unknown option 'colour' (see 'shiplog changes --help')";
        QTest::addRow("changes parent") << QStringList{"changes", "--parent", "0", "HEAD"}
                                        << "--parent needs a whole number from 1, not '0'";
        QTest::addRow("changes two revs")
            << QStringList{"changes", "HEAD", "HEAD~1"} << "one revision or range only";
        QTest::addRow("timeline missing value")
            << QStringList{"timeline", "--rev"}
            << "Missing value after '--rev' (see 'shiplog timeline --help')";
        QTest::addRow("timeline no resource")
            << QStringList{"timeline"} << "name a resource as [GROUP/]KIND/NAMESPACE/NAME";
        QTest::addRow("revert unknown") << QStringList{"revert", "--force", "HEAD"}
                                        << "Unknown option 'force' (see 'shiplog revert --help')";
        QTest::addRow("demo-cluster port")
            << QStringList{"demo-cluster", "--port", "70000"} << "--port expects a number from 0 to 65535";
    }

    void optionErrorsAreAlikeInEveryCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const test::ProcessResult r = test::runShiplog(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("shiplog: error: "), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const char* c : {"changes", "timeline", "log", "revert", "demo-cluster"})
            QTest::addRow("%s", c) << QString::fromLatin1(c);
    }

    void everyCommandHasHelp()
    {
        QFETCH(QString, command);
        const test::ProcessResult r = test::runShiplog({command, QStringLiteral("-h")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("Usage: shiplog " + command.toUtf8() + ' '), r.out.constData());
        QVERIFY2(r.out.contains("-h, --help"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestChangesCli)
#include "tst_changes_cli.moc"
