#include "core/git/history.h"
#include "core/jobs/job.h"
#include "tests/support/fixtures.h"
#include "tests/support/git_log_rows.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace shiplog;
using core::git::CommitInfo;
using core::git::HistoryPage;
using core::git::HistoryQuery;

namespace {

struct Loaded
{
    QList<CommitInfo> commits;
    QList<qsizetype> pageSizes;
    bool sawLast = false;
    bool failed = false;
    QString error;
};

// Runs the history job as the GUI does (on the pool) and gathers every page.
Loaded load(const QString& path, const HistoryQuery& query = {})
{
    QFuture<HistoryPage> future = QtConcurrent::run(core::jobs::pool(), &core::git::loadHistory, path, query);
    future.waitForFinished();
    Loaded loaded;
    for (const HistoryPage& page : future.results()) {
        loaded.commits += page.commits;
        loaded.pageSizes << page.commits.size();
        loaded.sawLast = page.last;
        if (page.failed) {
            loaded.failed = true;
            loaded.error = page.error.message;
        }
    }
    return loaded;
}

QProcessEnvironment dates(const QString& author, const QString& committer)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Merge Master"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("merges@example.com"));
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), author);
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), committer);
    return env;
}

void commitAt(const test::ScratchRepo& repo, const QString& message, const QString& author,
              const QString& authorDate, const QString& committerDate)
{
    repo.git({QStringLiteral("add"), QStringLiteral("-A")});
    repo.git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
              QStringLiteral("--cleanup=verbatim"), QStringLiteral("-m"), message, QStringLiteral("--author"),
              author},
             dates(authorDate, committerDate));
}

// Merges, equal timestamps across branches, several time zones, author ≠ committer, messages with
// wrapped subjects, several paragraphs, leading blank lines and trailing blanks.
void buildTrickyHistory(const test::ScratchRepo& repo)
{
    const QString t0 = QStringLiteral("2024-05-01T10:00:00+02:00");
    const QString t1 = QStringLiteral("2024-05-02T09:00:00-05:30"); // later, other zone
    const QString t2 = QStringLiteral("2024-05-03T12:00:00+00:00");
    repo.write(QStringLiteral("config-root/namespaces/jx/app/app-deploy.yaml"), "replicas: 1\n");
    commitAt(repo, QStringLiteral("Initial import"), QStringLiteral("Ada Lovelace <ada@example.com>"), t0,
             t0);
    repo.git(
        {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("feature")});
    repo.write(QStringLiteral("helmfiles/jx/helmfile.yaml"), "releases: []\n");
    commitAt(
        repo,
        QStringLiteral("feat: add helmfile\nwrapped subject line\n\nFirst paragraph.\n\nSecond paragraph.\n"),
        QStringLiteral("Grace Hopper <grace@example.com>"), t0, t1);
    repo.write(QStringLiteral("helmfiles/jx/helmfile.yaml"), "releases: [a]\n");
    commitAt(repo, QStringLiteral("\n\nfix: leading blank lines   \n\n\nbody after blank lines  \n\n"),
             QStringLiteral("dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"), t1, t1);
    repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
    repo.write(QStringLiteral("config-root/namespaces/jx/app/app-deploy.yaml"), "replicas: 2\n");
    commitAt(repo, QStringLiteral("chore: regenerated"),
             QStringLiteral("jenkins-x-bot <jenkins-x@googlegroups.com>"), t1, t1);
    repo.write(QStringLiteral("config-root/namespaces/jx/app/app-svc.yaml"), "kind: Service\n");
    commitAt(repo, QStringLiteral("Añadir servicio ✓"), QStringLiteral("José Núñez <jose@example.com>"),
             QStringLiteral("2024-05-02T09:00:00+09:45"), t1);
    repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"), QStringLiteral("-m"),
              QStringLiteral("Merge pull request #7 from feature"), QStringLiteral("feature")},
             dates(t2, t2));
    repo.write(QStringLiteral("config-root/namespaces/jx/app/app-deploy.yaml"), "replicas: 3\n");
    commitAt(repo, QStringLiteral("Scale app to 3"), QStringLiteral("Ada Lovelace <ada@example.com>"), t2,
             t2);
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
    // Built once (dozens of git processes each): most tests only read them.
    std::unique_ptr<test::ScratchRepo> m_tricky;
    std::unique_ptr<test::ScratchRepo> m_linear; // the feature branch plus one commit: no merges

private slots:
    void initTestCase()
    {
        m_tricky = std::make_unique<test::ScratchRepo>();
        buildTrickyHistory(*m_tricky);
        m_linear = std::make_unique<test::ScratchRepo>();
        buildTrickyHistory(*m_linear);
        m_linear->git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                       QStringLiteral("linear"), QStringLiteral("feature")});
        commitAt(*m_linear, QStringLiteral("on top"), QStringLiteral("Zoë Ünal <zoe@other.org>"),
                 QStringLiteral("2024-05-04T00:00:00+00:00"), QStringLiteral("2024-05-04T00:00:00+00:00"));
    }

    void matchesGitLogOnTrickyHistory()
    {
        const test::ScratchRepo& repo = *m_tricky;
        const Loaded loaded = load(repo.path());
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        QVERIFY(loaded.sawLast);
        const QStringList expected = test::gitLogRows(repo.path());
        QCOMPARE(expected.size(), 7);
        const QByteArray diff = test::firstDifference(test::rowsOf(loaded.commits), expected);
        QVERIFY2(diff.isEmpty(), diff.constData());
        QVERIFY(loaded.commits.front().parents.isEmpty() == false);
        QCOMPARE(loaded.commits.at(1).isMerge(), true);
    }

    void equalTimestampsKeepGitOrder()
    {
        // Every commit at the same second: only git's tie rule (queue order) decides.
        test::ScratchRepo repo;
        const QString t = QStringLiteral("2024-06-01T00:00:00+00:00");
        commitAt(repo, QStringLiteral("base"), QStringLiteral("A <a@x>"), t, t);
        repo.git(
            {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("side")});
        for (int i = 0; i < 3; ++i)
            commitAt(repo, QStringLiteral("side %1").arg(i), QStringLiteral("B <b@x>"), t, t);
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        for (int i = 0; i < 3; ++i)
            commitAt(repo, QStringLiteral("main %1").arg(i), QStringLiteral("A <a@x>"), t, t);
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
                  QStringLiteral("-m"), QStringLiteral("merge"), QStringLiteral("side")},
                 dates(t, t));
        const Loaded loaded = load(repo.path());
        const QByteArray diff =
            test::firstDifference(test::rowsOf(loaded.commits), test::gitLogRows(repo.path()));
        QVERIFY2(diff.isEmpty(), diff.constData());
    }

    void firstPageIsSmallLaterPagesBigger()
    {
        test::ScratchRepo repo;
        // 250 commits fast: fast-import instead of 250 git commit processes.
        QByteArray stream;
        for (int i = 1; i <= 250; ++i) {
            stream += "commit refs/heads/main\ncommitter C <c@x> " + QByteArray::number(1700000000 + i) +
                      " +0100\ndata <<END\ncommit " + QByteArray::number(i) + "\nEND\n\n";
        }
        const auto r =
            test::run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")},
                      repo.path(), test::ScratchRepo::gitEnvironment(), 60000, stream);
        QCOMPARE(r.exitCode, 0);
        const Loaded loaded = load(repo.path());
        QCOMPARE(loaded.commits.size(), 250);
        QCOMPARE(loaded.pageSizes.front(), 100);
        QCOMPARE(loaded.commits.front().subject, QStringLiteral("commit 250"));
        QCOMPARE(loaded.commits.front().committer.isoTime(), QStringLiteral("2023-11-14T23:17:30+01:00"));
    }

    void startsAtRevisionAndLimits()
    {
        const test::ScratchRepo& repo = *m_tricky;
        HistoryQuery query;
        query.revision = QStringLiteral("feature");
        const QStringList expected = test::gitLogRows(repo.path(), {QStringLiteral("feature")});
        QCOMPARE(test::rowsOf(load(repo.path(), query).commits), expected);
        query.limit = 2;
        QCOMPARE(test::rowsOf(load(repo.path(), query).commits), expected.mid(0, 2));
        query.revision = QStringLiteral("no-such-ref");
        const Loaded unknown = load(repo.path(), query);
        QVERIFY(unknown.failed);
        QVERIFY2(unknown.error.contains(QStringLiteral("Unknown revision 'no-such-ref'")),
                 qPrintable(unknown.error));
    }

    void filtersMatchGitLog_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("gitArgs");
        QTest::addRow("author name") << "author"
                                     << "ada" << QStringList{"-i", "-F", "--author=ada"};
        QTest::addRow("author email") << "author"
                                      << "EXAMPLE.COM" << QStringList{"-i", "-F", "--author=EXAMPLE.COM"};
        QTest::addRow("author unicode") << "author"
                                        << "Ünal" << QStringList{"-F", "--author=Ünal"};
        QTest::addRow("grep subject") << "text"
                                      << "HELMFILE" << QStringList{"-i", "-F", "--grep=HELMFILE"};
        QTest::addRow("grep body") << "text"
                                   << "second paragraph"
                                   << QStringList{"-i", "-F", "--grep=second paragraph"};
        QTest::addRow("path folder") << "path"
                                     << "helmfiles" << QStringList{"--", "helmfiles"};
        QTest::addRow("path file") << "path"
                                   << "config-root/namespaces/jx/app/app-svc.yaml"
                                   << QStringList{"--", "config-root/namespaces/jx/app/app-svc.yaml"};
        QTest::addRow("path trailing slash") << "path"
                                             << "./config-root/" << QStringList{"--", "config-root"};
        QTest::addRow("path is no string prefix") << "path"
                                                  << "config" << QStringList{"--", "config"};
        QTest::addRow("since") << "since"
                               << "2024-05-02T14:00:00Z" << QStringList{"--since=2024-05-02T14:00:00Z"};
        QTest::addRow("until") << "until"
                               << "2024-05-02T14:30:00Z" << QStringList{"--until=2024-05-02T14:30:00Z"};
    }

    void filtersMatchGitLog()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QStringList, gitArgs);
        // A linear history, so that git log's merge simplification for paths does not come in.
        const test::ScratchRepo& repo = *m_linear;
        HistoryQuery query;
        if (field == QLatin1String("author"))
            query.author = value;
        else if (field == QLatin1String("text"))
            query.text = value;
        else if (field == QLatin1String("path"))
            query.pathPrefix = value;
        else if (field == QLatin1String("since"))
            query.since = QDateTime::fromString(value, Qt::ISODate);
        else
            query.until = QDateTime::fromString(value, Qt::ISODate);
        const QStringList expected = test::gitLogRows(repo.path(), gitArgs);
        const Loaded loaded = load(repo.path(), query);
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        QVERIFY2(!expected.isEmpty() || field == QLatin1String("path"), "the case must select something");
        const QByteArray diff = test::firstDifference(test::rowsOf(loaded.commits), expected);
        QVERIFY2(diff.isEmpty(), diff.constData());
    }

    void pathFilterComparesMergesWithFirstParent()
    {
        // The feature branch changed helmfiles/: its commits and the merge that brought them in
        // (compared with its first parent) show; git log -- helmfiles hides the merge.
        const test::ScratchRepo& repo = *m_tricky;
        HistoryQuery query;
        query.pathPrefix = QStringLiteral("helmfiles");
        QStringList subjects;
        for (const CommitInfo& c : load(repo.path(), query).commits)
            subjects << c.subject;
        QCOMPARE(subjects, (QStringList{QStringLiteral("Merge pull request #7 from feature"),
                                        QStringLiteral("fix: leading blank lines"),
                                        QStringLiteral("feat: add helmfile wrapped subject line")}));
    }

    void hidesBots()
    {
        const test::ScratchRepo& repo = *m_tricky;
        HistoryQuery query;
        query.hideBots = true;
        QStringList authors;
        for (const CommitInfo& c : load(repo.path(), query).commits)
            authors << c.author.name;
        QCOMPARE(authors.size(), 5);
        QVERIFY(!authors.contains(QStringLiteral("jenkins-x-bot")));
        QVERIFY(!authors.contains(QStringLiteral("dependabot[bot]")));
        core::git::BotRules rules;
        CommitInfo human;
        human.subject = QStringLiteral("chore: regenerate docs by hand"); // no prefix match
        human.author.name = QStringLiteral("Robot Fan");
        QVERIFY(!rules.matches(human));
        human.author.email = QStringLiteral("ci-bot@example.com");
        QVERIFY(rules.matches(human));
    }

    void personTimes()
    {
        core::git::Person p{QStringLiteral("A"), QStringLiteral("a@x"), 1714550400, 120};
        QCOMPARE(p.isoTime(), QStringLiteral("2024-05-01T10:00:00+02:00"));
        QCOMPARE(p.dateTime().toSecsSinceEpoch(), 1714550400);
        QCOMPARE(p.dateTime().offsetFromUtc(), 7200);
        p.offsetMinutes = -330;
        QCOMPARE(p.isoTime(), QStringLiteral("2024-05-01T02:30:00-05:30"));
        p.offsetMinutes = 0;
        QCOMPARE(p.isoTime(), QStringLiteral("2024-05-01T08:00:00+00:00"));
    }

    // --- bad input -------------------------------------------------------------------------

    void notARepository()
    {
        QTemporaryDir dir;
        const Loaded loaded = load(dir.path());
        QVERIFY(loaded.failed);
        QVERIFY(loaded.sawLast);
        QVERIFY2(loaded.error.contains(QStringLiteral("is not a git repository")), qPrintable(loaded.error));
    }

    void emptyRepository()
    {
        test::ScratchRepo repo;
        const Loaded loaded = load(repo.path());
        QVERIFY(loaded.failed);
        QCOMPARE(loaded.error,
                 QStringLiteral("'%1' has no commits yet").arg(QDir(repo.path()).canonicalPath()));
    }

    void bareRepository()
    {
        test::ScratchRepo work;
        buildTrickyHistory(work);
        QTemporaryDir dir;
        const QString bare = dir.filePath(QStringLiteral("bare.git"));
        QCOMPARE(test::run(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("-q"),
                                                   QStringLiteral("--bare"), work.path(), bare})
                     .exitCode,
                 0);
        const Loaded loaded = load(bare);
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        QCOMPARE(test::rowsOf(loaded.commits), test::gitLogRows(bare));
    }

    void detachedHead()
    {
        QTemporaryDir dir; // a clone of its own: the test moves HEAD
        const QString path = dir.filePath(QStringLiteral("detached"));
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("clone"), QStringLiteral("-q"), m_tricky->path(), path})
                     .exitCode,
                 0);
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach"),
                            QStringLiteral("HEAD~1")},
                           path)
                     .exitCode,
                 0);
        const Loaded loaded = load(path);
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        QCOMPARE(test::rowsOf(loaded.commits), test::gitLogRows(path));
        QCOMPARE(loaded.commits.front().subject, QStringLiteral("Merge pull request #7 from feature"));
    }

    void shallowCloneStopsAtBoundary()
    {
        const test::ScratchRepo& repo = *m_tricky;
        QTemporaryDir dir;
        const QString shallow = dir.filePath(QStringLiteral("shallow"));
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth=2"),
                            QStringLiteral("file://") + repo.path(), shallow})
                     .exitCode,
                 0);
        const Loaded loaded = load(shallow);
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        // git log shows the boundary commits without parents (grafted); we keep the recorded ones.
        const QStringList expected = test::gitLogRows(shallow);
        QCOMPARE(loaded.commits.size(), expected.size());
        QStringList grafted;
        for (qsizetype i = 0; i < loaded.commits.size(); ++i) {
            const CommitInfo& c = loaded.commits.at(i);
            QCOMPARE(test::rowOf(c, !c.grafted), expected.at(i));
            if (c.grafted) {
                grafted << c.id;
                const QByteArray raw =
                    test::run(QStringLiteral("git"),
                              {QStringLiteral("cat-file"), QStringLiteral("commit"), c.id}, shallow)
                        .out;
                QCOMPARE(c.parents.size(), raw.count("\nparent "));
            }
        }
        QVERIFY(!grafted.isEmpty());
        QFile boundary(shallow + QStringLiteral("/.git/shallow"));
        QVERIFY(boundary.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(boundary.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(),
                 grafted.size());
    }

    void missingObjectKeepsEarlierPages()
    {
        test::ScratchRepo repo;
        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids << repo.commit(QStringLiteral("commit %1").arg(i), QStringLiteral("A <a@x>"),
                               QStringLiteral("2024-01-0%1T00:00:00+00:00").arg(i + 1));
        const QString victim = ids.at(2); // loose objects: delete one commit's file
        QVERIFY(QFile::remove(
            repo.filePath(QStringLiteral(".git/objects/%1/%2").arg(victim.left(2), victim.mid(2)))));
        const Loaded loaded = load(repo.path());
        QVERIFY(loaded.failed);
        QCOMPARE(loaded.commits.size(), 2);
        QCOMPARE(loaded.commits.at(1).id, ids.at(3));
        QVERIFY2(loaded.error.contains(victim), qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains(QStringLiteral("missing")), qPrintable(loaded.error));
    }

    void corruptObjectIsNamed()
    {
        test::ScratchRepo repo;
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids << repo.commit(QStringLiteral("commit %1").arg(i), QStringLiteral("A <a@x>"),
                               QStringLiteral("2024-01-0%1T00:00:00+00:00").arg(i + 1));
        const QString victim = ids.at(0);
        QFile object(repo.filePath(QStringLiteral(".git/objects/%1/%2").arg(victim.left(2), victim.mid(2))));
        QVERIFY(object.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(object.open(QIODevice::WriteOnly | QIODevice::Truncate));
        object.write("this is not zlib data at all");
        object.close();
        const Loaded loaded = load(repo.path());
        QVERIFY(loaded.failed);
        QCOMPARE(loaded.commits.size(), 2);
        QVERIFY2(loaded.error.contains(victim), qPrintable(loaded.error));
    }

    void cancelStopsTheWalk()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("one"));
        QPromise<HistoryPage> promise;
        promise.start();
        promise.future().cancel();
        core::git::loadHistory(promise, repo.path(), {});
        promise.finish();
        QCOMPARE(promise.future().resultCount(), 0);
    }

    // --- the fixtures: the whole history -----------------------------------------------------

    void matchesGitLogOnFixture_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addRow("jx3-eagle") << "jx3-eagle";
        QTest::addRow("kube-prometheus") << "kube-prometheus";
    }

    void matchesGitLogOnFixture()
    {
        QFETCH(QString, fixture);
        SHIPLOG_REQUIRE_FIXTURE(fixture);
        QTemporaryDir dir;
        const QString clone = dir.filePath(fixture);
        QVERIFY(test::cloneFixture(fixture, clone, true));
        const Loaded loaded = load(clone);
        QVERIFY2(!loaded.failed, qPrintable(loaded.error));
        const QStringList expected = test::gitLogRows(clone);
        if (fixture == QLatin1String("jx3-eagle"))
            QCOMPARE(expected.size(), 3531);
        const QByteArray diff = test::firstDifference(test::rowsOf(loaded.commits), expected);
        QVERIFY2(diff.isEmpty(), diff.constData());
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
