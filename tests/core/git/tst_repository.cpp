#include "core/git/repository.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QTest>

using namespace shiplog;

class TestRepository : public QObject
{
    Q_OBJECT
private slots:
    void opensWorkTreeAndSubfolder()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a/b.yaml"), "x: 1\n");
        const QString id = repo.commit(QStringLiteral("first"));
        auto opened = core::git::Repository::open(repo.filePath(QStringLiteral("a")));
        QVERIFY2(opened.has_value(), test::why(opened).constData());
        QCOMPARE(opened->resolve(QStringLiteral("HEAD")).value(), id);
        QVERIFY(!opened->isBare());
        QVERIFY(!opened->isEmpty());
    }

    void refusesWithClearMessages()
    {
        QTemporaryDir plain;
        auto notRepo = core::git::Repository::open(plain.path());
        QVERIFY(!notRepo);
        QVERIFY2(notRepo.error().message.contains(QStringLiteral("is not a git repository")),
                 qPrintable(notRepo.error().message));
        auto missing = core::git::Repository::open(plain.filePath(QStringLiteral("nope")));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("does not exist")));
    }

    void unknownRevisionIsNamed()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("first"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        auto r = opened->resolve(QStringLiteral("no-such-branch"));
        QVERIFY(!r);
        QCOMPARE(r.error().message, QStringLiteral("Unknown revision 'no-such-branch'"));
    }
};

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"
