// A snapshot lists a revision's files from the listing used last and the difference of the two
// trees: the list must be the one `git ls-tree -r` gives, whatever revision came before — a
// neighbour, a distant one, or a tree where a folder became a file or a file a symbolic link.
#include "core/environment/snapshot.h"
#include "core/git/repository.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;

namespace {

// Regular files (executable or not) as git lists them, "path id" sorted by path.
QStringList gitFiles(const QString& repository, const QString& revision)
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("-C"), repository, QStringLiteral("ls-tree"),
                                      QStringLiteral("-r"), QStringLiteral("-z"), revision});
    if (!git.waitForFinished(60000) || git.exitCode() != 0)
        return {QStringLiteral("git ls-tree failed")};
    QStringList lines;
    for (const QByteArray& entry : git.readAllStandardOutput().split('\0')) {
        // "<mode> <type> <id>\t<path>"
        const qsizetype tab = entry.indexOf('\t');
        if (tab < 0)
            continue;
        const QList<QByteArray> fields = entry.left(tab).split(' ');
        if (fields.size() == 3 && (fields[0] == "100644" || fields[0] == "100755"))
            lines << QString::fromUtf8(entry.mid(tab + 1)) + QLatin1Char(' ') +
                         QString::fromLatin1(fields[2]);
    }
    lines.sort();
    return lines;
}

QStringList snapshotFiles(const core::git::Repository& repo, const QString& revision)
{
    auto snapshot = core::environment::Snapshot::open(repo, revision);
    if (!snapshot)
        return {snapshot.error().message};
    QStringList lines;
    for (const core::git::FileVersion& f : snapshot->filesUnder(QString(), true))
        lines << f.path + QLatin1Char(' ') + f.id.toString();
    lines.sort();
    return lines;
}

QStringList revisions(const QString& repository)
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("-C"), repository, QStringLiteral("rev-list"),
                                      QStringLiteral("--topo-order"), QStringLiteral("HEAD")});
    git.waitForFinished(60000);
    return QString::fromLatin1(git.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT
private slots:
    void folderBecomesFileAndFileBecomesLink()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("apps/web/deploy.yaml"), "kind: Deployment\n");
        repo.write(QStringLiteral("apps/api.yaml"), "kind: Service\n");
        repo.write(QStringLiteral("tools/run.sh"), "#!/bin/sh\n");
        repo.git({QStringLiteral("update-index"), QStringLiteral("--add"), QStringLiteral("--chmod=+x"),
                  QStringLiteral("tools/run.sh")});
        const QString first = repo.commit(QStringLiteral("first"));
        // apps/web (a folder) becomes a file; apps/api.yaml a symbolic link.
        repo.git(
            {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("-r"), QStringLiteral("apps/web")});
        repo.write(QStringLiteral("apps/web"), "now a file\n");
        repo.git({QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("apps/api.yaml")});
        QVERIFY(QFile::link(QStringLiteral("web"), repo.path() + QStringLiteral("/apps/api.yaml")));
        const QString second = repo.commit(QStringLiteral("second"));
        // And back, with a new file in a new folder.
        repo.git({QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("apps/web"),
                  QStringLiteral("apps/api.yaml")});
        repo.write(QStringLiteral("apps/web/deploy.yaml"), "kind: Deployment\nmetadata: {}\n");
        repo.write(QStringLiteral("apps/api.yaml"), "kind: Service\n");
        repo.write(QStringLiteral("new/deep/file.yaml"), "a: 1\n");
        const QString third = repo.commit(QStringLiteral("third"));

        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        for (const QString& revision : {first, second, third, first, third, second, first})
            QCOMPARE(snapshotFiles(*opened, revision), gitFiles(repo.path(), revision));
        QVERIFY(!gitFiles(repo.path(), second).join(QLatin1Char('\n')).contains(QLatin1String("api.yaml")));
    }

    // jx3-eagle: revisions in log order (each after its neighbour), then in a random order (each after
    // a distant one).
    void everyRevisionListsWhatGitLists()
    {
        SHIPLOG_REQUIRE_FIXTURE("jx3-eagle");
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path(), true));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        const QStringList all = revisions(dir.path());
        QVERIFY(all.size() > 3000);
        QStringList order = all.mid(0, 40);
        QRandomGenerator random(20261203);
        for (int i = 0; i < 40; ++i)
            order << all.at(random.bounded(int(all.size())));
        order << all.mid(all.size() - 20); // the first revisions, the root among them
        for (const QString& revision : std::as_const(order)) {
            const QStringList expected = gitFiles(dir.path(), revision);
            QVERIFY(!expected.isEmpty());
            QCOMPARE(snapshotFiles(*opened, revision), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
