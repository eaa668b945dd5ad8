#include "tests/support/fixtures.h"
#include "tests/support/git_log_rows.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>
#include <unistd.h>

using namespace shiplog;

namespace {

QProcessEnvironment at(const QString& date, const QString& authorName = {})
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
    if (!authorName.isEmpty()) {
        env.insert(QStringLiteral("GIT_AUTHOR_NAME"), authorName);
        env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("merger@example.com"));
    }
    return env;
}

// Two branches, a merge, zones east and west of UTC, a bot, a message with several paragraphs.
void buildHistory(const test::ScratchRepo& repo)
{
    repo.write(QStringLiteral("config-root/a.yaml"), "a: 1\n");
    repo.commit(QStringLiteral("Initial"), QStringLiteral("Ada Lovelace <ada@example.com>"),
                QStringLiteral("2024-05-01T10:00:00+02:00"));
    repo.git(
        {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("side")});
    repo.write(QStringLiteral("helmfiles/h.yaml"), "h: 1\n");
    repo.commit(QStringLiteral(
                    "Add helmfile\n\nWhy: the \"jx\" namespace needs it.\n\nSecond paragraph\twith a tab."),
                QStringLiteral("Grace Hopper <grace@example.com>"),
                QStringLiteral("2024-05-02T08:00:00-07:00"));
    repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
    repo.write(QStringLiteral("config-root/a.yaml"), "a: 2\n");
    repo.commit(QStringLiteral("chore: regenerated"), QStringLiteral("jenkins-x-bot <bot@example.com>"),
                QStringLiteral("2024-05-03T00:00:00+05:30"));
    repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"), QStringLiteral("-m"),
              QStringLiteral("Merge side"), QStringLiteral("side")},
             at(QStringLiteral("2024-05-04T12:00:00+00:00"), QStringLiteral("Merger")));
}

// Our JSON line in git log's row form (see git_log_rows.h), checking every key is there.
QString rowOfJson(const QByteArray& line, QByteArray* problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (!doc.isObject()) {
        *problem = "not a JSON object: " + line + " (" + error.errorString().toUtf8() + ")";
        return {};
    }
    const QJsonObject o = doc.object();
    const QStringList keys{QStringLiteral("author"), QStringLiteral("body"),    QStringLiteral("committer"),
                           QStringLiteral("id"),     QStringLiteral("parents"), QStringLiteral("subject")};
    if (o.keys() != keys)
        *problem = "keys: " + o.keys().join(QLatin1Char(',')).toUtf8();
    QStringList parents;
    for (const QJsonValue& p : o.value(QStringLiteral("parents")).toArray())
        parents << p.toString();
    const QJsonObject a = o.value(QStringLiteral("author")).toObject();
    const QJsonObject c = o.value(QStringLiteral("committer")).toObject();
    return QStringList{
        o.value(QStringLiteral("id")).toString(),      parents.join(QLatin1Char(' ')),
        a.value(QStringLiteral("name")).toString(),    a.value(QStringLiteral("email")).toString(),
        a.value(QStringLiteral("time")).toString(),    c.value(QStringLiteral("name")).toString(),
        c.value(QStringLiteral("email")).toString(),   c.value(QStringLiteral("time")).toString(),
        o.value(QStringLiteral("subject")).toString(), o.value(QStringLiteral("body")).toString()}
        .join(QLatin1Char('|'));
}

QStringList jsonRows(const QByteArray& out, QByteArray* problem)
{
    QStringList rows;
    for (const QByteArray& line : out.split('\n')) {
        if (!line.isEmpty())
            rows << rowOfJson(line, problem);
    }
    return rows;
}

} // namespace

class TestLogCli : public QObject
{
    Q_OBJECT
private slots:
    void jsonMatchesGitLog_data()
    {
        QTest::addColumn<QStringList>("ours");
        QTest::addColumn<QStringList>("git");
        QTest::addRow("all") << QStringList{} << QStringList{};
        QTest::addRow("-n 2") << QStringList{"-n", "2"} << QStringList{"-n", "2"};
        QTest::addRow("author") << QStringList{"--author", "GRACE"}
                                << QStringList{"-i", "-F", "--author=GRACE"};
        QTest::addRow("grep") << QStringList{"--grep", "namespace"}
                              << QStringList{"-i", "-F", "--grep=namespace"};
        QTest::addRow("rev") << QStringList{"--rev", "side"} << QStringList{"side"};
        QTest::addRow("path") << QStringList{"--path", "config-root"} << QStringList{"--", "config-root"};
        QTest::addRow("since") << QStringList{"--since", "2024-05-02T15:00:00Z"}
                               << QStringList{"--since=2024-05-02T15:00:00Z"};
        QTest::addRow("until") << QStringList{"--until", "2024-05-02T15:00:00Z"}
                               << QStringList{"--until=2024-05-02T15:00:00Z"};
        QTest::addRow("no bots") << QStringList{"--no-bots", "--author", "a"}
                                 << QStringList{"-i", "-F", "--author=a", "--invert-grep",
                                                "--grep=chore: regenerated"};
    }

    void jsonMatchesGitLog()
    {
        QFETCH(QStringList, ours);
        QFETCH(QStringList, git);
        test::ScratchRepo repo;
        buildHistory(repo);
        const test::ProcessResult r = test::runShiplog(
            QStringList{QStringLiteral("log"), QStringLiteral("--json")} + ours, repo.path());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QByteArray problem;
        const QStringList rows = jsonRows(r.out, &problem);
        QVERIFY2(problem.isEmpty(), problem.constData());
        const QStringList expected = test::gitLogRows(repo.path(), git);
        QVERIFY(!expected.isEmpty());
        const QByteArray diff = test::firstDifference(rows, expected);
        QVERIFY2(diff.isEmpty(), diff.constData());
    }

    void keysInDocumentedOrder()
    {
        test::ScratchRepo repo;
        buildHistory(repo);
        const test::ProcessResult r =
            test::runShiplog({QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("-n"),
                              QStringLiteral("1"), QStringLiteral("--repo"), repo.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("{\"id\":\""), r.out.constData());
        QVERIFY(r.out.indexOf("\"parents\":[") < r.out.indexOf("\"author\":{\"name\":"));
        QVERIFY(r.out.indexOf("\"author\":") < r.out.indexOf("\"committer\":"));
        QVERIFY(r.out.indexOf("\"subject\":") < r.out.indexOf("\"body\":"));
        QVERIFY(r.out.contains("\"time\":\"2024-05-04T12:00:00+00:00\""));
    }

    void humanFormat()
    {
        test::ScratchRepo repo;
        buildHistory(repo);
        const test::ProcessResult r =
            test::runShiplog({QStringLiteral("log"), QStringLiteral("--repo"), repo.path()});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList ids =
            QString::fromLatin1(repo.git({QStringLiteral("log"), QStringLiteral("--format=%h")}))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), ids.size());
        QCOMPARE(lines.front(),
                 ids.front() + QStringLiteral("  2024-05-04 12:00 +00:00  Merger  [merge] Merge side"));
        QVERIFY2(lines.contains(ids.at(2) +
                                QStringLiteral("  2024-05-02 08:00 -07:00  Grace Hopper  Add helmfile")),
                 r.out.constData());
    }

    void help()
    {
        const test::ProcessResult r = test::runShiplog({QStringLiteral("log"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--no-bots"));
        QVERIFY(r.out.startsWith("Usage: shiplog log"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("not a repository") << "plain" << QStringList{} << "is not a git repository";
        QTest::addRow("missing folder") << "missing" << QStringList{} << "does not exist";
        QTest::addRow("empty repository") << "empty" << QStringList{} << "has no commits yet";
        QTest::addRow("unknown revision")
            << "repo" << QStringList{"--rev", "nope"} << "Unknown revision 'nope'";
        QTest::addRow("bad date") << "repo" << QStringList{"--since", "last tuesday"}
                                  << "--since: 'last tuesday' is not a date";
        QTest::addRow("bad count") << "repo" << QStringList{"-n", "x"}
                                   << "-n needs a number of commits, not 'x'";
        QTest::addRow("unknown option") << "repo" << QStringList{"--colour"} << "Unknown option 'colour'";
        QTest::addRow("bad resource") << "repo" << QStringList{"--resource", "Deployment/web"}
                                      << "--resource: 'Deployment/web' is not [GROUP/]KIND/NAMESPACE/NAME";
    }

    void errors()
    {
        QFETCH(QString, setup);
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString path = dir.path();
        std::optional<test::ScratchRepo> repo;
        if (setup == QLatin1String("missing")) {
            path = dir.filePath(QStringLiteral("nope"));
        } else if (setup != QLatin1String("plain")) {
            repo.emplace();
            path = repo->path();
            if (setup == QLatin1String("repo"))
                repo->commit(QStringLiteral("one"));
        }
        const test::ProcessResult r =
            test::runShiplog(QStringList{QStringLiteral("log"), QStringLiteral("--repo"), path} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("shiplog: error: "), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void missingObjectPrintsWhatCameBefore()
    {
        test::ScratchRepo repo;
        QStringList ids;
        for (int i = 0; i < 4; ++i)
            ids << repo.commit(QStringLiteral("c%1").arg(i), QStringLiteral("A <a@x>"),
                               QStringLiteral("2024-01-0%1T00:00:00Z").arg(i + 1));
        QVERIFY(QFile::remove(
            repo.filePath(QStringLiteral(".git/objects/%1/%2").arg(ids[1].left(2), ids[1].mid(2)))));
        const test::ProcessResult r = test::runShiplog(
            {QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("--repo"), repo.path()});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out.count('\n'), 2);
        QVERIFY2(r.err.contains(ids[1].toUtf8()), r.err.constData());
    }

    void unreadableRepository()
    {
        // Tests run as root, who reads everything: run shiplog as "nobody" instead.
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty() || ::geteuid() != 0)
            QSKIP("needs root and setpriv to run as another user");
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadOther | QFile::ExeOther));
        const QString path = dir.filePath(QStringLiteral("private"));
        QCOMPARE(
            test::run(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q"), path}).exitCode,
            0);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const test::ProcessResult r =
            test::run(setpriv,
                      {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                       QStringLiteral("--clear-groups"), QStringLiteral(SHIPLOG_BINARY),
                       QStringLiteral("log"), QStringLiteral("--repo"), path},
                      dir.path());
        if (r.exitCode == 126 || r.exitCode == 127 || r.err.contains("error while loading shared libraries"))
            QSKIP("the built shiplog is not reachable for user nobody from here");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("permission denied"), r.err.constData());
        QVERIFY2(r.err.contains(path.toUtf8()), r.err.constData());
    }

    void resourceFilter()
    {
        // Which commits change ConfigMap team/cm-1 is known by construction: added, modified, moved
        // to another file, removed. Not listed: other resources, a comment-only edit, a document
        // added beside it, and a quoting change that YAML reads as the same value (the index sees
        // changed text; the filter must settle it).
        test::ScratchRepo repo;
        const auto configMap = [](const QByteArray& name, const QByteArray& value) {
            return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
                   "\n  namespace: team\ndata:\n  value: " + value + "\n";
        };
        QStringList changing;
        repo.write(QStringLiteral("a.yaml"), configMap("cm-1", "\"1\""));
        changing.prepend(repo.commit(QStringLiteral("add cm-1")));
        repo.write(QStringLiteral("b.yaml"), configMap("cm-2", "\"1\""));
        repo.commit(QStringLiteral("add cm-2"));
        repo.write(QStringLiteral("a.yaml"), configMap("cm-1", "\"2\""));
        changing.prepend(repo.commit(QStringLiteral("bump cm-1")));
        repo.write(QStringLiteral("a.yaml"), "# reviewed\n" + configMap("cm-1", "\"2\""));
        repo.commit(QStringLiteral("comment"));
        repo.git({QStringLiteral("mv"), QStringLiteral("a.yaml"), QStringLiteral("c.yaml")});
        changing.prepend(repo.commit(QStringLiteral("move cm-1")));
        repo.write(QStringLiteral("c.yaml"),
                   "# reviewed\n" + configMap("cm-1", "\"2\"") + "---\n" + configMap("cm-3", "x"));
        repo.commit(QStringLiteral("add cm-3 beside it"));
        repo.write(QStringLiteral("c.yaml"),
                   "# reviewed\n" + configMap("cm-1", "'2'") + "---\n" + configMap("cm-3", "x"));
        repo.commit(QStringLiteral("requote cm-1"));
        repo.write(QStringLiteral("b.yaml"), configMap("cm-2", "\"2\""));
        repo.commit(QStringLiteral("bump cm-2"), QStringLiteral("Other <other@example.com>"));
        repo.write(QStringLiteral("c.yaml"), configMap("cm-3", "y"));
        changing.prepend(repo.commit(QStringLiteral("remove cm-1")));

        const auto listed = [&repo](const QStringList& extra) {
            const test::ProcessResult r =
                test::runShiplog(QStringList{QStringLiteral("log"), QStringLiteral("--json"),
                                             QStringLiteral("--repo"), repo.path()} +
                                 extra);
            QStringList ids;
            for (const QByteArray& line : r.out.split('\n')) {
                if (!line.isEmpty())
                    ids << QJsonDocument::fromJson(line).object().value(QStringLiteral("id")).toString();
            }
            return r.exitCode == 0 ? ids : QStringList{QString::fromUtf8(r.err)};
        };
        QCOMPARE(listed({QStringLiteral("--resource"), QStringLiteral("ConfigMap/team/cm-1")}), changing);
        // Combined with the other filters, in git log's order.
        QCOMPARE(listed({QStringLiteral("--resource"), QStringLiteral("ConfigMap/team/cm-1"),
                         QStringLiteral("--grep"), QStringLiteral("cm-1"), QStringLiteral("-n"),
                         QStringLiteral("2")}),
                 changing.mid(0, 2));
        QCOMPARE(listed({QStringLiteral("--resource"), QStringLiteral("ConfigMap/team/cm-2")}).size(), 2);
        QCOMPARE(listed({QStringLiteral("--resource"), QStringLiteral("ConfigMap/team/nothing")}),
                 QStringList());
    }

    // kubectl lets one write a kind without its group; so do --resource and the filter field: the
    // group is the one the history knows the resource in, and two groups are an error naming both.
    void resourceWithoutItsGroup()
    {
        test::ScratchRepo repo;
        const auto object = [](const QByteArray& apiVersion, const QByteArray& kind,
                               const QByteArray& replicas) {
            return "apiVersion: " + apiVersion + "\nkind: " + kind +
                   "\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: " + replicas + "\n";
        };
        repo.write(QStringLiteral("web.yaml"), object("apps/v1", "Deployment", "1"));
        const QString added = repo.commit(QStringLiteral("add web"));
        repo.write(QStringLiteral("web.yaml"), object("apps/v1", "Deployment", "2"));
        const QString scaled = repo.commit(QStringLiteral("scale web"));
        const auto run = [&repo](const QString& resource) {
            return test::runShiplog({QStringLiteral("log"), QStringLiteral("--json"),
                                     QStringLiteral("--repo"), repo.path(), QStringLiteral("--resource"),
                                     resource});
        };
        const test::ProcessResult full = run(QStringLiteral("apps/Deployment/shop/web"));
        QVERIFY2(full.exitCode == 0, full.err.constData());
        const test::ProcessResult shortForm = run(QStringLiteral("Deployment/shop/web"));
        QVERIFY2(shortForm.exitCode == 0, shortForm.err.constData());
        QCOMPARE(shortForm.out, full.out);
        QVERIFY2(shortForm.out.contains(added.toUtf8()) && shortForm.out.contains(scaled.toUtf8()),
                 shortForm.out.constData());
        const test::ProcessResult timeline =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("Deployment/shop/web")});
        QVERIFY2(timeline.exitCode == 0 && timeline.out.contains("2 change"), timeline.out.constData());

        // The same kind and name in a second group: which one is meant is not guessed.
        repo.write(QStringLiteral("other.yaml"), object("example.com/v1", "Deployment", "3"));
        repo.commit(QStringLiteral("a custom Deployment kind"));
        const test::ProcessResult ambiguous = run(QStringLiteral("Deployment/shop/web"));
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains("apps/Deployment/shop/web") &&
                     ambiguous.err.contains("example.com/Deployment/shop/web"),
                 ambiguous.err.constData());
    }

    void matchesGitLogOnFixture()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("jx3"));
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), clone, true));
        const test::ProcessResult r = test::runShiplog(
            {QStringLiteral("log"), QStringLiteral("--json"), QStringLiteral("--repo"), clone});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QByteArray problem;
        const QStringList rows = jsonRows(r.out, &problem);
        QVERIFY2(problem.isEmpty(), problem.constData());
        QCOMPARE(rows.size(), 3531);
        const QByteArray diff = test::firstDifference(rows, test::gitLogRows(clone));
        QVERIFY2(diff.isEmpty(), diff.constData());
    }
};

QTEST_GUILESS_MAIN(TestLogCli)
#include "tst_log_cli.moc"
