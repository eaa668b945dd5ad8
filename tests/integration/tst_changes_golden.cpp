// Golden tests on a real GitOps repository (jx3-eagle): every commit that touches config-root/ has a
// change set, and the files its resources live in are exactly the manifest files git says it touched.
#include "core/diff/change_set.h"
#include "core/diff/text_diff.h"
#include "core/git/handles.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;

namespace {

struct TouchedCommit
{
    QString id;
    QSet<QString> files;  // manifest files under config-root/ (no rename detection: deletions + additions)
};

QList<TouchedCommit> touchedCommits(const QString& repo)
{
    const test::ProcessResult log = test::run(
        QStringLiteral("git"),
        {QStringLiteral("log"), QStringLiteral("--format=C %H %P"), QStringLiteral("--name-status"),
         QStringLiteral("--no-renames"), QStringLiteral("--"), QStringLiteral("config-root")},
        repo, test::ScratchRepo::gitEnvironment());
    QList<TouchedCommit> commits;
    for (const QByteArray& line : log.out.split('\n')) {
        if (line.startsWith("C ")) {
            const QList<QByteArray> ids = line.mid(2).split(' ');
            commits.append(TouchedCommit{QString::fromLatin1(ids[0]), {}});
            if (ids.size() > 2) {
                // git log shows no files for a merge: ask for its diff against the first parent.
                const test::ProcessResult diff = test::run(
                    QStringLiteral("git"),
                    {QStringLiteral("diff"), QStringLiteral("--name-only"), QStringLiteral("--no-renames"),
                     QString::fromLatin1(ids[1]), QString::fromLatin1(ids[0]), QStringLiteral("--"),
                     QStringLiteral("config-root")},
                    repo, test::ScratchRepo::gitEnvironment());
                for (const QByteArray& path : diff.out.split('\n')) {
                    if (path.endsWith(".yaml") || path.endsWith(".yml"))
                        commits.back().files.insert(QString::fromUtf8(path));
                }
            }
        } else if (!line.isEmpty() && !commits.isEmpty()) {
            const QList<QByteArray> parts = line.split('\t');
            const QString path = QString::fromUtf8(parts.value(1));
            if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml")))
                commits.back().files.insert(path);
        }
    }
    return commits;
}

// The value digests of the resources in `spec` ("<commit>:<path>"), none when the file is absent.
QList<QByteArray> digestsAt(const core::git::Repository& repo, core::manifest::ParseCache& cache, const QString& spec)
{
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo.raw(), spec.toUtf8().constData()) < 0)
        return {};
    core::git::ObjectHandle object(raw);
    QList<QByteArray> digests;
    for (const core::manifest::Resource& r : cache.get(repo.raw(), *git_object_id(object.get()))->resources)
        digests.append(r.digest);
    return digests;
}

}  // namespace

class TestChangesGolden : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_repo;

private slots:
    void initTestCase()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        m_repo = m_dir.filePath(QStringLiteral("jx3-eagle"));
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), m_repo, true));
    }

    void everyConfigRootCommitMatchesTheFilesItTouched()
    {
        const QList<TouchedCommit> commits = touchedCommits(m_repo);
        QCOMPARE(commits.size(), 1208);
        auto repo = core::git::Repository::open(m_repo);
        QVERIFY2(repo.has_value(), test::why(repo).constData());
        core::manifest::ParseCache cache;
        core::diff::ChangeSetOptions options;
        options.folders << QStringLiteral("config-root");
        options.details = false;
        QElapsedTimer timer;
        timer.start();
        int resources = 0, formattingOnlyFiles = 0;
        for (const TouchedCommit& commit : commits) {
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit.id, 1, options, cache);
            QVERIFY2(set.has_value(), qPrintable(commit.id + QStringLiteral(": ") + QString::fromUtf8(test::why(set))));
            if (!set->errors.isEmpty())
                QFAIL(qPrintable(commit.id + QStringLiteral(": ") + set->errors.front().path + QStringLiteral(": ")
                                 + set->errors.front().message));
            QSet<QString> changed;
            for (const core::diff::ResourceChange& r : set->resources) {
                if (!r.oldPath.isEmpty())
                    changed.insert(r.oldPath);
                if (!r.newPath.isEmpty())
                    changed.insert(r.newPath);
            }
            resources += int(set->resources.size());
            // Every resource change lies in a touched file …
            const QSet<QString> outside = changed - commit.files;
            QVERIFY2(outside.isEmpty(), qPrintable(commit.id + QStringLiteral(" changed resources in untouched ")
                                                   + outside.values().join(QLatin1Char(' '))));
            // … and every touched file holds a changed resource, unless only its formatting changed.
            const QSet<QString> quiet = commit.files - changed;
            formattingOnlyFiles += int(quiet.size());
            for (const QString& path : quiet) {
                const QList<QByteArray> before = digestsAt(*repo, cache, commit.id + QStringLiteral("^:") + path);
                const QList<QByteArray> after = digestsAt(*repo, cache, commit.id + QStringLiteral(":") + path);
                QVERIFY2(before == after, qPrintable(commit.id + QStringLiteral(": ") + path
                                                     + QStringLiteral(" changed values but no resource change was reported")));
            }
            if (!quiet.isEmpty() && qEnvironmentVariableIsSet("SHIPLOG_GOLDEN_VERBOSE"))
                qInfo("%s: %s", qPrintable(commit.id), qPrintable(quiet.values().join(QLatin1Char(' '))));
        }
        qInfo("%d commits, %d resource changes, %d touched files without a resource change, %lld ms",
              int(commits.size()), resources, formattingOnlyFiles, qint64(timer.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TestChangesGolden)
#include "tst_changes_golden.moc"
