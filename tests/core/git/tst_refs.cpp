#include "core/git/refs.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFileInfo>
#include <QTest>
#include <algorithm>

using namespace shiplog;
using core::git::RefLabel;

class TestRefs : public QObject
{
    Q_OBJECT
private slots:
    void listsBranchesRemotesTagsAndHead()
    {
        test::ScratchRepo origin;
        origin.write(QStringLiteral("a.yaml"), "a: 1\n");
        const QString first = origin.commit(QStringLiteral("first"));
        origin.write(QStringLiteral("a.yaml"), "a: 2\n");
        const QString second = origin.commit(QStringLiteral("second"));
        origin.git({QStringLiteral("branch"), QStringLiteral("release"), first});
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("clone"));
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("clone"), QStringLiteral("-q"), origin.path(), clone})
                     .exitCode,
                 0);
        auto git = [&](const QStringList& args) {
            return test::run(QStringLiteral("git"), args, clone, test::ScratchRepo::gitEnvironment());
        };
        git({QStringLiteral("tag"), QStringLiteral("v1"), first});
        git({QStringLiteral("tag"), QStringLiteral("-a"), QStringLiteral("-m"), QStringLiteral("annotated"),
             QStringLiteral("v2"), second});
        git({QStringLiteral("branch"), QStringLiteral("topic"), first});

        const auto refs = core::git::listRefs(clone);
        QVERIFY2(refs.has_value(), test::why(refs).constData());
        QStringList rows;
        for (const RefLabel& r : *refs)
            rows << QStringLiteral("%1 %2 %3 %4").arg(int(r.kind)).arg(r.name, r.fullName, r.target);
        const QStringList expected{
            QStringLiteral("0 HEAD HEAD %1").arg(second),
            QStringLiteral("1 main refs/heads/main %1").arg(second),
            QStringLiteral("1 topic refs/heads/topic %1").arg(first),
            QStringLiteral("2 origin/main refs/remotes/origin/main %1").arg(second),
            QStringLiteral("2 origin/release refs/remotes/origin/release %1").arg(first),
            QStringLiteral("3 v1 refs/tags/v1 %1").arg(first),
            QStringLiteral("3 v2 refs/tags/v2 %1").arg(second), // annotated: peeled to the commit
        };
        QCOMPARE(rows, expected);
        // The same targets as git's own peeling.
        const QString v2 =
            QString::fromLatin1(git({QStringLiteral("rev-parse"), QStringLiteral("v2^{commit}")}).out)
                .trimmed();
        QCOMPARE(v2, second);

        git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach"), first});
        const auto detached = core::git::listRefs(clone);
        QVERIFY2(detached.has_value(), test::why(detached).constData());
        QCOMPARE(detached->front().kind, RefLabel::Kind::Head);
        QCOMPARE(detached->front().target, first);
    }

    // A clone knows its remote's default branch (origin/HEAD, read through libgit2), and so does a
    // linked work tree of it, whose shared refs live in the clone's git directory.
    void remoteHeadAndAppliedRevisionOfACloneAndItsWorktree()
    {
        test::ScratchRepo origin;
        origin.write(QStringLiteral("a.yaml"), "a: 1\n");
        origin.commit(QStringLiteral("first"));
        origin.git({QStringLiteral("branch"), QStringLiteral("trunk")});
        origin.git({QStringLiteral("checkout"), QStringLiteral("-q"),
                    QStringLiteral("trunk")}); // the remote's default: trunk
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("clone"));
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("clone"), QStringLiteral("-q"), origin.path(), clone})
                     .exitCode,
                 0);
        auto git = [&](const QStringList& args) {
            const auto r = test::run(QStringLiteral("git"), args, clone, test::ScratchRepo::gitEnvironment());
            return QString::fromUtf8(r.out).trimmed();
        };
        QCOMPARE(git({QStringLiteral("symbolic-ref"), QStringLiteral("refs/remotes/origin/HEAD")}),
                 QStringLiteral("refs/remotes/origin/trunk"));

        auto refs = core::git::loadRepositoryRefs(clone);
        QVERIFY2(refs.has_value(), test::why(refs).constData());
        QCOMPARE(refs->remoteHead, QStringLiteral("refs/remotes/origin/trunk"));
        // origin/main exists too: the remote's own default wins.
        QVERIFY(std::any_of(refs->labels.cbegin(), refs->labels.cend(), [](const RefLabel& r) {
            return r.fullName == QStringLiteral("refs/remotes/origin/main");
        }));
        QCOMPARE(refs->appliedRevision, QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(refs->remoteBranches(), (QStringList{QStringLiteral("main"), QStringLiteral("trunk")}));
        QCOMPARE(refs->branchAtHead(), QStringLiteral("trunk"));

        const QString worktree = dir.filePath(QStringLiteral("wt"));
        git({QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("-b"),
             QStringLiteral("fix"), worktree});
        QVERIFY(QFileInfo(worktree + QStringLiteral("/.git"))
                    .isFile()); // "gitdir: …", refs in the common directory
        const auto fromWorktree = core::git::loadRepositoryRefs(worktree);
        QVERIFY2(fromWorktree.has_value(), test::why(fromWorktree).constData());
        QCOMPARE(fromWorktree->remoteHead, QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(fromWorktree->appliedRevision, QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(fromWorktree->branchAtHead(), QStringLiteral("fix")); // first by name among fix and trunk

        // Without origin/HEAD: origin/main, then origin/master, main, master, HEAD.
        git({QStringLiteral("remote"), QStringLiteral("set-head"), QStringLiteral("origin"),
             QStringLiteral("-d")});
        const auto noHead = core::git::loadRepositoryRefs(clone);
        QVERIFY2(noHead.has_value(), test::why(noHead).constData());
        QVERIFY(noHead->remoteHead.isEmpty());
        QCOMPARE(noHead->appliedRevision, QStringLiteral("refs/remotes/origin/main"));
        const auto headOnly = core::git::remoteHead(clone);
        QVERIFY(headOnly.has_value() && headOnly->isEmpty());
    }

    void appliedRevisionFallsBack_data()
    {
        QTest::addColumn<QStringList>("refs");
        QTest::addColumn<QString>("remoteHead");
        QTest::addColumn<QString>("applied");
        const QString om = QStringLiteral("refs/remotes/origin/main"),
                      oms = QStringLiteral("refs/remotes/origin/master");
        const QString m = QStringLiteral("refs/heads/main"), ms = QStringLiteral("refs/heads/master");
        QTest::addRow("remote head") << QStringList{om, m, QStringLiteral("refs/remotes/origin/prod")}
                                     << QStringLiteral("refs/remotes/origin/prod")
                                     << QStringLiteral("refs/remotes/origin/prod");
        QTest::addRow("remote head missing from refs")
            << QStringList{oms, m} << QStringLiteral("refs/remotes/origin/gone") << oms;
        QTest::addRow("origin/main before origin/master") << QStringList{oms, om} << QString() << om;
        QTest::addRow("origin/master before main") << QStringList{m, oms} << QString() << oms;
        QTest::addRow("main before master") << QStringList{ms, m} << QString() << m;
        QTest::addRow("master") << QStringList{ms, QStringLiteral("refs/heads/topic")} << QString() << ms;
        QTest::addRow("HEAD") << QStringList{QStringLiteral("refs/heads/topic")} << QString()
                              << QStringLiteral("HEAD");
    }
    void appliedRevisionFallsBack()
    {
        QFETCH(QStringList, refs);
        QFETCH(QString, remoteHead);
        QFETCH(QString, applied);
        QList<RefLabel> labels;
        for (const QString& r : refs)
            labels.append(RefLabel{core::git::shortRefName(r), r, RefLabel::Kind::LocalBranch, QString()});
        QCOMPARE(core::git::appliedRevision(labels, remoteHead), applied);
    }

    void shortRefNames_data()
    {
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("shortName");
        QTest::addRow("branch") << QStringLiteral("refs/heads/main") << QStringLiteral("main");
        QTest::addRow("branch with slash")
            << QStringLiteral("refs/heads/feature/x") << QStringLiteral("feature/x");
        QTest::addRow("remote") << QStringLiteral("refs/remotes/origin/main")
                                << QStringLiteral("origin/main");
        QTest::addRow("tag") << QStringLiteral("refs/tags/v1.2") << QStringLiteral("v1.2");
        QTest::addRow("HEAD") << QStringLiteral("HEAD") << QStringLiteral("HEAD");
        QTest::addRow("short already") << QStringLiteral("origin/main") << QStringLiteral("origin/main");
        QTest::addRow("id") << QStringLiteral("0123456789abcdef") << QStringLiteral("0123456789abcdef");
        QTest::addRow("notes stay") << QStringLiteral("refs/notes/commits")
                                    << QStringLiteral("refs/notes/commits");
    }
    void shortRefNames()
    {
        QFETCH(QString, revision);
        QFETCH(QString, shortName);
        QCOMPARE(core::git::shortRefName(revision), shortName);
    }

    void emptyRepositoryHasNoRefs()
    {
        test::ScratchRepo repo;
        const auto refs = core::git::listRefs(repo.path());
        QVERIFY2(refs.has_value(), test::why(refs).constData());
        QVERIFY(refs->isEmpty());
    }

    void notARepository()
    {
        QTemporaryDir dir;
        const auto refs = core::git::listRefs(dir.path());
        QVERIFY(!refs.has_value());
        QVERIFY(refs.error().message.contains(QStringLiteral("is not a git repository")));
        const auto all = core::git::loadRepositoryRefs(dir.path());
        QVERIFY(!all.has_value());
        QVERIFY(all.error().message.contains(QStringLiteral("is not a git repository")));
    }
};

QTEST_GUILESS_MAIN(TestRefs)
#include "tst_refs.moc"
