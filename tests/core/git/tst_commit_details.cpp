#include "core/git/history.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QTest>

using namespace shiplog;
using core::git::ChangedFile;

namespace {

QChar letter(ChangedFile::Status status)
{
    switch (status) {
    case ChangedFile::Status::Added:
        return QLatin1Char('A');
    case ChangedFile::Status::Deleted:
        return QLatin1Char('D');
    case ChangedFile::Status::Renamed:
        return QLatin1Char('R');
    case ChangedFile::Status::TypeChanged:
        return QLatin1Char('T');
    case ChangedFile::Status::Modified:
        break;
    }
    return QLatin1Char('M');
}

// "R old -> new +3 -1" per file, sorted, from our details.
QStringList ours(const core::git::CommitDetails& details)
{
    QStringList rows;
    for (const ChangedFile& f : details.files) {
        const QString counts =
            f.binary ? QStringLiteral("- -") : QStringLiteral("+%1 -%2").arg(f.additions).arg(f.deletions);
        rows << QStringLiteral("%1 %2%3 %4")
                    .arg(letter(f.status))
                    .arg(f.oldPath.isEmpty() ? QString() : f.oldPath + QStringLiteral(" -> "), f.path,
                         counts);
    }
    rows.sort();
    return rows;
}

// The same rows from git: --name-status for the letters and paths, --numstat for the counts,
// both with -M (renames) against the first parent (or the empty tree for a root commit).
QStringList gits(const QString& repo, const QString& id)
{
    const QStringList range =
        test::run(QStringLiteral("git"), {QStringLiteral("rev-parse"), id + QStringLiteral("^1")}, repo)
                    .exitCode == 0
            ? QStringList{id + QStringLiteral("^1"), id}
            : QStringList{QStringLiteral("--root"), id};
    auto diffTree = [&](const QString& mode) {
        QStringList args{QStringLiteral("diff-tree"),
                         QStringLiteral("-z"),
                         QStringLiteral("-r"),
                         QStringLiteral("-M"),
                         QStringLiteral("--no-commit-id"),
                         mode};
        return test::run(QStringLiteral("git"), args + range, repo, test::ScratchRepo::gitEnvironment())
            .out.split('\0');
    };
    const QList<QByteArray> status = diffTree(QStringLiteral("--name-status"));
    const QList<QByteArray> numstat = diffTree(QStringLiteral("--numstat"));
    QStringList rows;
    qsizetype s = 0;
    qsizetype n = 0;
    while (s < status.size() && !status[s].isEmpty()) {
        const QString code = QString::fromUtf8(status[s++]);
        QString oldPath;
        QString path = QString::fromUtf8(status[s++]);
        if (code.startsWith(QLatin1Char('R')) || code.startsWith(QLatin1Char('C'))) {
            oldPath = path;
            path = QString::fromUtf8(status[s++]);
        }
        // numstat -z: "adds\tdels\tpath\0" or, for a rename, "adds\tdels\t\0old\0new\0".
        const QList<QByteArray> counts = numstat[n++].split('\t');
        if (!oldPath.isEmpty())
            n += 2;
        const QString c = counts[0] == "-" ? QStringLiteral("- -")
                                           : QStringLiteral("+%1 -%2").arg(QString::fromLatin1(counts[0]),
                                                                           QString::fromLatin1(counts[1]));
        rows << QStringLiteral("%1 %2%3 %4")
                    .arg(code.at(0))
                    .arg(oldPath.isEmpty() ? QString() : oldPath + QStringLiteral(" -> "), path, c);
    }
    rows.sort();
    return rows;
}

} // namespace

class TestCommitDetails : public QObject
{
    Q_OBJECT
private slots:
    void matchesGitOnEveryKindOfChange()
    {
        test::ScratchRepo repo;
        QStringList lines;
        for (int i = 0; i < 40; ++i)
            lines << QStringLiteral("  key%1: value%1").arg(i);
        repo.write(QStringLiteral("apps/a-deploy.yaml"),
                   "kind: Deployment\nspec:\n" + lines.join(QLatin1Char('\n')).toUtf8() + "\n");
        repo.write(QStringLiteral("apps/b-svc.yaml"), "kind: Service\n");
        repo.write(QStringLiteral("apps/gone.yaml"), "kind: ConfigMap\n");
        repo.write(QStringLiteral("logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 12));
        repo.write(QStringLiteral("link-me"), "a file\n");
        const QString root = repo.commit(QStringLiteral("root"));

        lines[3] = QStringLiteral("  key3: changed");
        repo.remove(QStringLiteral("apps/a-deploy.yaml"));
        repo.write(QStringLiteral("apps/renamed-deploy.yaml"),
                   "kind: Deployment\nspec:\n" + lines.join(QLatin1Char('\n')).toUtf8() + "\n");
        repo.write(QStringLiteral("apps/b-svc.yaml"), "kind: Service\nspec: {}\n");
        repo.remove(QStringLiteral("apps/gone.yaml"));
        repo.write(QStringLiteral("new/c-cm.yaml"), "a\nb\nc\n");
        repo.write(QStringLiteral("logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\1\0", 12));
        repo.remove(QStringLiteral("link-me"));
        QVERIFY(QFile::link(QStringLiteral("apps/b-svc.yaml"), repo.filePath(QStringLiteral("link-me"))));
        const QString second = repo.commit(QStringLiteral("second"));

        for (const QString& id : {root, second}) {
            const auto details = core::git::loadCommitDetails(repo.path(), id);
            QVERIFY2(details.has_value(), test::why(details).constData());
            QCOMPARE(details->commit.id, id);
            QCOMPARE(ours(*details), gits(repo.path(), id));
        }
        const auto details = core::git::loadCommitDetails(repo.path(), second);
        QCOMPARE(details->commit.subject, QStringLiteral("second"));
        QVERIFY(ours(*details).contains(
            QStringLiteral("R apps/a-deploy.yaml -> apps/renamed-deploy.yaml +1 -1")));
        QVERIFY(ours(*details).contains(QStringLiteral("T link-me +1 -1")));
        QVERIFY(ours(*details).contains(QStringLiteral("M logo.png - -")));
    }

    void mergeComparesWithFirstParent()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a.yaml"), "a: 1\n");
        repo.commit(QStringLiteral("base"));
        repo.git(
            {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("side")});
        repo.write(QStringLiteral("b.yaml"), "b: 1\n");
        repo.commit(QStringLiteral("side"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.write(QStringLiteral("a.yaml"), "a: 2\n");
        repo.commit(QStringLiteral("main"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("M"));
        env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("m@x"));
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
                  QStringLiteral("-m"), QStringLiteral("merge"), QStringLiteral("side")},
                 env);
        const auto details = core::git::loadCommitDetails(repo.path(), QStringLiteral("HEAD"));
        QVERIFY2(details.has_value(), test::why(details).constData());
        QCOMPARE(details->commit.parents.size(), 2);
        QCOMPARE(ours(*details), QStringList{QStringLiteral("A b.yaml +1 -0")});
    }

    void unknownCommitIsNamed()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("one"));
        const auto details = core::git::loadCommitDetails(
            repo.path(), QStringLiteral("0123456789012345678901234567890123456789"));
        QVERIFY(!details.has_value());
        QVERIFY2(details.error().message.contains(QStringLiteral("0123456789012345678901234567890123456789")),
                 qPrintable(details.error().message));
    }

    void matchesGitOnFixtureCommits()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("jx3"));
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), clone, true));
        // Every 30th commit, the merges among the newest, and the root: a spread of real changes.
        const QStringList all =
            QString::fromLatin1(
                test::run(QStringLiteral("git"), {QStringLiteral("rev-list"), QStringLiteral("HEAD")}, clone)
                    .out)
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList sample;
        for (qsizetype i = 0; i < all.size(); i += 30)
            sample << all[i];
        sample << all.last();
        sample +=
            QString::fromLatin1(test::run(QStringLiteral("git"),
                                          {QStringLiteral("rev-list"), QStringLiteral("--merges"),
                                           QStringLiteral("-n"), QStringLiteral("5"), QStringLiteral("HEAD")},
                                          clone)
                                    .out)
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& id : sample) {
            const auto details = core::git::loadCommitDetails(clone, id);
            QVERIFY2(details.has_value(), test::why(details).constData());
            const QStringList mine = ours(*details);
            const QStringList theirs = gits(clone, id);
            if (mine != theirs)
                qWarning("%s\nours:\n%s\ngit:\n%s", qPrintable(id), qPrintable(mine.join(u'\n')),
                         qPrintable(theirs.join(u'\n')));
            QCOMPARE(mine, theirs);
        }
    }
};

QTEST_GUILESS_MAIN(TestCommitDetails)
#include "tst_commit_details.moc"
