// Golden tests on a real GitOps repository (jx3-eagle): every commit that touches config-root/ has a
// change set, and the files its resources live in are exactly the manifest files git says it touched.
#include "core/diff/change_set.h"
#include "core/diff/text_diff.h"
#include "core/diff/tree_changes.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace shiplog;

namespace {

struct TouchedCommit
{
    QString id;
    QSet<QString> files; // manifest files under config-root/ (no rename detection: deletions + additions)
};

QList<TouchedCommit> touchedCommits(const QString& repo)
{
    const test::ProcessResult log =
        test::run(QStringLiteral("git"),
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
QList<QByteArray> digestsAt(const core::git::Repository& repo, core::manifest::ParseCache& cache,
                            const QString& spec)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const auto commit = repo.resolve(spec.left(colon));
    const auto commitId =
        commit ? core::git::ObjectId::fromString(*commit) : core::Result<core::git::ObjectId>();
    if (!commit || !commitId)
        return {};
    const auto tree = core::git::treeOf(repo, *commit);
    if (!tree)
        return {};
    const auto files = core::git::filesOfTree(repo, *tree, core::git::FileFilter{});
    if (!files)
        return {};
    const auto file =
        std::find_if(files->cbegin(), files->cend(), [&spec, colon](const core::git::FileVersion& f) {
            return f.path == spec.mid(colon + 1);
        });
    if (file == files->cend())
        return {};
    QList<QByteArray> digests;
    for (const core::manifest::Resource& r : cache.get(repo, file->id)->resources)
        digests.append(r.digest);
    return digests;
}

// The keys of `spec` ("<commit>:<path>") that some other file of the same revision under
// config-root/ defines too (the revision's copies of a key defined twice).
bool definedTwice(const core::git::Repository& repo, core::manifest::ParseCache& cache, const QString& commit,
                  const QString& path)
{
    const auto id = repo.resolve(commit);
    if (!id)
        return false;
    auto tree = core::git::treeOf(repo, *id);
    if (!tree || tree->isNull())
        return false;
    auto files = core::diff::manifestFiles(repo, *tree, {QStringLiteral("config-root")});
    if (!files)
        return false;
    QList<core::git::ObjectId> ids;
    for (const core::diff::FileVersion& file : std::as_const(*files))
        ids.append(file.id);
    const auto blobs = cache.getMany(repo, ids, core::manifest::ParseCache::Need::Keys);
    QHash<core::manifest::ResourceKey, int> definitions;
    QSet<core::manifest::ResourceKey> keysOfPath;
    for (qsizetype i = 0; i < files->size(); ++i) {
        for (const core::manifest::Resource& r : blobs[i]->resources) {
            ++definitions[r.key];
            if (files->at(i).path == path)
                keysOfPath.insert(r.key);
        }
    }
    for (const core::manifest::ResourceKey& key : std::as_const(keysOfPath)) {
        if (definitions.value(key) > 1)
            return true;
    }
    return false;
}

} // namespace

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
        int resources = 0, formattingOnlyFiles = 0, duplicateErrors = 0, duplicateMoves = 0,
            ignoredCopies = 0;
        for (const TouchedCommit& commit : commits) {
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit.id, 1, options, cache);
            QVERIFY2(set.has_value(),
                     qPrintable(commit.id + QStringLiteral(": ") + QString::fromUtf8(test::why(set))));
            // Every file parses. The only errors are keys defined twice at the revision: jx3-eagle
            // renders some cluster-scoped objects (pusher-wave's ClusterRole) from two releases.
            for (const core::manifest::ParseError& error : std::as_const(set->errors)) {
                if (!error.message.contains(QLatin1String("is already defined in")))
                    QFAIL(qPrintable(commit.id + QStringLiteral(": ") + error.path + QStringLiteral(": ") +
                                     error.message));
            }
            duplicateErrors += int(set->errors.size());
            QSet<QString> changed;
            for (const core::diff::ResourceChange& r : set->resources) {
                // A key defined twice can move to (or from) the untouched file that defines it too,
                // when the commit removes (or adds) the copy that came first in path order.
                const bool viaDuplicate =
                    r.change == core::diff::ChangeKind::Moved &&
                    (commit.files.contains(r.oldPath) != commit.files.contains(r.newPath));
                duplicateMoves += viaDuplicate ? 1 : 0;
                if (!r.oldPath.isEmpty() && !(viaDuplicate && !commit.files.contains(r.oldPath)))
                    changed.insert(r.oldPath);
                if (!r.newPath.isEmpty() && !(viaDuplicate && !commit.files.contains(r.newPath)))
                    changed.insert(r.newPath);
            }
            resources += int(set->resources.size());
            // Every resource change lies in a touched file …
            const QSet<QString> outside = changed - commit.files;
            QVERIFY2(outside.isEmpty(),
                     qPrintable(commit.id + QStringLiteral(" changed resources in untouched ") +
                                outside.values().join(QLatin1Char(' '))));
            // … and every touched file holds a changed resource, unless only its formatting changed.
            const QSet<QString> quiet = commit.files - changed;
            formattingOnlyFiles += int(quiet.size());
            for (const QString& path : quiet) {
                // A copy of a key that another file defines first is ignored, changed or not.
                if (definedTwice(*repo, cache, commit.id, path) ||
                    definedTwice(*repo, cache, commit.id + QStringLiteral("^"), path)) {
                    ++ignoredCopies;
                    continue;
                }
                const QList<QByteArray> before =
                    digestsAt(*repo, cache, commit.id + QStringLiteral("^:") + path);
                const QList<QByteArray> after =
                    digestsAt(*repo, cache, commit.id + QStringLiteral(":") + path);
                QVERIFY2(before == after,
                         qPrintable(commit.id + QStringLiteral(": ") + path +
                                    QStringLiteral(" changed values but no resource change was reported")));
            }
            if (!quiet.isEmpty() && qEnvironmentVariableIsSet("SHIPLOG_GOLDEN_VERBOSE"))
                qInfo("%s: %s", qPrintable(commit.id), qPrintable(quiet.values().join(QLatin1Char(' '))));
        }
        qInfo("%d commits, %d resource changes, %d touched files without a resource change, %d keys defined "
              "twice, "
              "%d moves between two definitions of a key, %d changed copies that another file overrides, "
              "%lld ms",
              int(commits.size()), resources, formattingOnlyFiles, duplicateErrors, duplicateMoves,
              ignoredCopies, qint64(timer.elapsed()));
        QVERIFY(duplicateMoves > 0); // pusher-wave's ClusterRole moves from jx-staging's copy to jx's
    }
};

QTEST_GUILESS_MAIN(TestChangesGolden)
#include "tst_changes_golden.moc"
