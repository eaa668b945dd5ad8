#include "core/git/history.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QTest>

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
        QCOMPARE(test::run(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("-q"), origin.path(), clone}).exitCode, 0);
        auto git = [&](const QStringList& args) { return test::run(QStringLiteral("git"), args, clone, test::ScratchRepo::gitEnvironment()); };
        git({QStringLiteral("tag"), QStringLiteral("v1"), first});
        git({QStringLiteral("tag"), QStringLiteral("-a"), QStringLiteral("-m"), QStringLiteral("annotated"), QStringLiteral("v2"), second});
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
            QStringLiteral("3 v2 refs/tags/v2 %1").arg(second),  // annotated: peeled to the commit
        };
        QCOMPARE(rows, expected);
        // The same targets as git's own peeling.
        const QString v2 = QString::fromLatin1(git({QStringLiteral("rev-parse"), QStringLiteral("v2^{commit}")}).out).trimmed();
        QCOMPARE(v2, second);

        git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach"), first});
        const auto detached = core::git::listRefs(clone);
        QVERIFY2(detached.has_value(), test::why(detached).constData());
        QCOMPARE(detached->front().kind, RefLabel::Kind::Head);
        QCOMPARE(detached->front().target, first);
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
    }
};

QTEST_GUILESS_MAIN(TestRefs)
#include "tst_refs.moc"
