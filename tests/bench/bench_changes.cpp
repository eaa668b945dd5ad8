// Change sets over whole real histories, against `git log --name-status` on the same repository in
// the same run. Prints, per repository: the whole-history resource index (indexHistory: every
// commit's key-level change set, as timelines build it) cold — empty memory and disk caches — and
// again as a second opening sees it (new process state, the on-disk cache the first run filled),
// each with its ratio to git log; the median/p90/max change-set time per commit with field diffs
// and texts (cold parse cache, as the Changes tab sees a first opening); peak memory. Wall and CPU
// time (user+sys, all threads; git's from its child usage): on a shared machine the wall time is
// mostly waiting for a core.
// Repositories: the kube-prometheus and argo-cd-manifests fixtures (big generated manifests and CRDs),
// jx3-eagle (Jenkins X's own), and a generated Jenkins X-shaped repository of the size the goal names
// (30,000 commits, ~27,000 distinct YAML blobs; per-commit times skipped there: BENCH_DETAILS=1),
// where it also indexes a copy with 100 new commits, as the next opening after a pull sees it.
// Usage: bench_changes [NAME...] (fixture names or gitops-N; default: all four)
#include "core/diff/change_set.h"
#include "core/diff/history_index.h"
#include "core/diff/history_index_store.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/cpu_time.h"
#include "tests/support/fixtures.h"
#include "tests/support/gitops_repository.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace shiplog;

namespace {

using shiplog::test::cpuMs;

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

struct Pass
{
    std::vector<double> perCommitMs;
    std::vector<double> perCommitCpuMs; // all threads of the process
    double totalMs = 0;
    double cpuMs = 0;
    qint64 resources = 0;
    qint64 errors = 0;
    qint64 diskHits = 0;
};

// Each commit's change set on its own, as the Changes tab computes it (memory cache only).
Pass runPass(const core::git::Repository& repo, const QList<QString>& commits, bool details)
{
    core::manifest::ParseCache cache;
    core::diff::ChangeSetOptions options;
    options.details = details;
    Pass pass;
    const double cpuStart = cpuMs(RUSAGE_SELF);
    QElapsedTimer total;
    total.start();
    for (const QString& id : commits) {
        QElapsedTimer one;
        const double cpuBefore = cpuMs(RUSAGE_SELF);
        one.start();
        auto set = core::diff::computeChangeSetOfRevision(repo, id, 1, options, cache);
        pass.perCommitMs.push_back(double(one.nsecsElapsed()) / 1e6);
        pass.perCommitCpuMs.push_back(cpuMs(RUSAGE_SELF) - cpuBefore);
        if (!set) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(id), qPrintable(set.error().message));
            continue;
        }
        pass.resources += set->resources.size();
        pass.errors += set->errors.size();
    }
    pass.totalMs = double(total.nsecsElapsed()) / 1e6;
    pass.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
    const auto stats = cache.stats();
    pass.diskHits = stats.diskHits;
    std::fprintf(stderr,
                 "    (parse cache: %lld blob hits, %lld blob misses, %lld disk hits; slices: %lld hits, "
                 "%lld misses)\n",
                 qlonglong(stats.hits), qlonglong(stats.misses), qlonglong(stats.diskHits),
                 qlonglong(stats.documents.hits), qlonglong(stats.documents.misses));
    return pass;
}

struct IndexRun
{
    double wallMs = 0;
    double cpuMs = 0;
    qint64 commits = 0;
    qint64 changes = 0;
    qint64 parsed = 0;
    qint64 diskHits = 0;
};

IndexRun runIndex(const core::git::Repository& repo, const QString& diskCache)
{
    core::manifest::ParseCache cache;
    cache.setDiskCache(diskCache);
    IndexRun run;
    const double cpuStart = cpuMs(RUSAGE_SELF);
    QElapsedTimer timer;
    timer.start();
    // The persisted index beside the parse cache's folder: the cold run writes it, the second
    // opening reads it (a new store instance, as a new process would).
    core::diff::IndexStore store(diskCache + QStringLiteral("/index"));
    core::diff::IndexHooks hooks;
    hooks.store = &store;
    auto index = core::diff::indexHistory(repo, QStringLiteral("HEAD"), {}, cache, hooks);
    cache.flushDiskCache(); // part of the cost: what the second opening reads
    run.wallMs = double(timer.nsecsElapsed()) / 1e6;
    run.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
    if (!index) {
        std::fprintf(stderr, "index: %s\n", qPrintable(index.error().message));
        return run;
    }
    run.commits = index->commits.size();
    for (const core::diff::IndexedCommit& commit : std::as_const(index->commits))
        run.changes += commit.changes.size();
    const auto stats = cache.stats();
    run.parsed = stats.misses;
    run.diskHits = stats.diskHits + store.hits();
    std::fprintf(stderr, "    (parse cache: %lld blobs, %lld MB; slices: %lld, %lld MB; peak RSS %ld MB)\n",
                 qlonglong(stats.entries), qlonglong(stats.bytes >> 20), qlonglong(stats.documents.entries),
                 qlonglong(stats.documents.bytes >> 20), peakRssMb());
    return run;
}

// The second anchor: git itself reading what the index must read at least — every distinct
// version of a manifest file in the history, inflated by `git cat-file --batch` (git log
// --name-status reads no blob, so on histories of a few big files rewritten often it cannot be
// approached; this can). The list is made untimed; count -1 when git failed.
struct BlobAnchor
{
    qint64 count = -1;
    qint64 bytes = 0;
    double wallMs = -1;
    double cpuMs = 0;
};

BlobAnchor catDistinctManifestBlobs(const QString& path)
{
    BlobAnchor anchor;
    const auto env = test::ScratchRepo::gitEnvironment();
    QTemporaryDir dir;
    // Through a file, not a pipe: 100,000 commits' raw log would stay in this process's memory.
    QFile raw(dir.filePath(QStringLiteral("raw")));
    if (test::run(QStringLiteral("sh"),
                  {QStringLiteral("-c"),
                   QStringLiteral("git log --raw --no-abbrev --no-renames --format= HEAD > \"$1\""),
                   QStringLiteral("sh"), raw.fileName()},
                  path, env, 600000)
                .exitCode != 0 ||
        !raw.open(QIODevice::ReadOnly))
        return anchor;
    QSet<QByteArray> ids;
    while (!raw.atEnd()) {
        // ":100644 100644 <old> <new> M\t<path>"
        const QByteArray line = raw.readLine().trimmed();
        const qsizetype tab = line.indexOf('\t');
        const QList<QByteArray> fields = line.left(tab).split(' ');
        if (tab < 0 || fields.size() < 5 ||
            !core::manifest::isManifestPath(QString::fromUtf8(line.mid(tab + 1))))
            continue;
        if (fields[3].count('0') != fields[3].size())
            ids.insert(fields[3]);
    }
    QFile list(dir.filePath(QStringLiteral("blobs")));
    if (!list.open(QIODevice::WriteOnly))
        return anchor;
    for (const QByteArray& id : std::as_const(ids))
        list.write(id + '\n');
    list.close();
    const auto sizes = test::run(QStringLiteral("sh"),
                                 {QStringLiteral("-c"),
                                  QStringLiteral("git cat-file --batch-check='%(objectsize)' < \"$1\""),
                                  QStringLiteral("sh"), list.fileName()},
                                 path, env, 600000);
    for (const QByteArray& size : sizes.out.split('\n'))
        anchor.bytes += size.toLongLong();
    const double cpuStart = cpuMs(RUSAGE_CHILDREN);
    QElapsedTimer timer;
    timer.start();
    const auto cat =
        test::run(QStringLiteral("sh"),
                  {QStringLiteral("-c"), QStringLiteral("git cat-file --batch < \"$1\" > /dev/null"),
                   QStringLiteral("sh"), list.fileName()},
                  path, env, 600000);
    if (cat.exitCode != 0)
        return anchor;
    anchor.wallMs = double(timer.nsecsElapsed()) / 1e6;
    anchor.cpuMs = cpuMs(RUSAGE_CHILDREN) - cpuStart;
    anchor.count = ids.size();
    return anchor;
}

bool bench(const QString& name)
{
    QTemporaryDir dir;
    QString path;
    if (name.startsWith(QLatin1String("gitops-"))) {
        path = test::generatedGitOpsRepository(name.mid(7).toInt());
    } else {
        path = dir.filePath(name);
        if (!test::cloneFixture(name, path, true))
            path.clear();
    }
    if (path.isEmpty()) {
        std::printf("%s: not available\n", qPrintable(name));
        return false;
    }
    auto repo = core::git::Repository::open(path);
    if (!repo)
        return false;

    // Anchor: git's own walk with the changed files of every commit.
    QElapsedTimer gitTimer;
    const double gitCpuStart = cpuMs(RUSAGE_CHILDREN);
    gitTimer.start();
    // Its output (30 MB for 100,000 commits) is not kept: this process's peak RSS is the index's.
    const int gitExit = test::run(QStringLiteral("git"),
                                  {QStringLiteral("log"), QStringLiteral("--name-status"),
                                   QStringLiteral("--format=%H"), QStringLiteral("HEAD")},
                                  path, test::ScratchRepo::gitEnvironment(), 600000)
                            .exitCode;
    const double gitMs = double(gitTimer.nsecsElapsed()) / 1e6;
    const double gitCpu = cpuMs(RUSAGE_CHILDREN) - gitCpuStart;
    if (gitExit != 0)
        return false;

    QTemporaryDir diskCache;
    std::fprintf(stderr, "    (before the index: peak RSS %ld MB)\n", peakRssMb());
    const IndexRun cold = runIndex(*repo, diskCache.path());
    const IndexRun again = runIndex(*repo, diskCache.path());
    const BlobAnchor blobs = catDistinctManifestBlobs(path); // after: its lists are not the index's memory
    std::printf("%s: %lld commits, %lld blob parses (the index parses only what the identity scanner "
                "leaves undecided)\n",
                qPrintable(name), qlonglong(cold.commits), qlonglong(cold.parsed));
    std::printf("  git log --name-status: wall %.0f ms, CPU %.0f ms\n", gitMs, gitCpu);
    std::printf(
        "  whole-history resource index, cold: wall %.0f ms (ratio %.1fx), CPU %.0f ms (ratio %.1fx), "
        "%lld resource changes\n",
        cold.wallMs, cold.wallMs / qMax(1.0, gitMs), cold.cpuMs, cold.cpuMs / qMax(1.0, gitCpu),
        qlonglong(cold.changes));
    if (blobs.wallMs >= 0) {
        std::printf(
            "  git cat-file --batch of the %lld distinct manifest blob versions of the history (%lld MB): "
            "wall %.0f ms, CPU %.0f ms; the cold index is %.1fx that (CPU %.1fx)\n",
            qlonglong(blobs.count), qlonglong(blobs.bytes >> 20), blobs.wallMs, blobs.cpuMs,
            cold.wallMs / qMax(1.0, blobs.wallMs), cold.cpuMs / qMax(1.0, blobs.cpuMs));
    }
    std::printf(
        "  same index, second opening (on-disk index and cache: %lld hits, %lld parsed): wall %.0f ms "
        "(ratio %.1fx), "
        "CPU %.0f ms (ratio %.1fx), %lld resource changes\n",
        qlonglong(again.diskHits), qlonglong(again.parsed), again.wallMs, again.wallMs / qMax(1.0, gitMs),
        again.cpuMs, again.cpuMs / qMax(1.0, gitCpu), qlonglong(again.changes));
    std::fflush(stdout);

    // What an opening after new commits costs: a copy of the repository with 100 more commits
    // (objects shared with the original), indexed with the store the runs above filled.
    if (name.startsWith(QLatin1String("gitops-"))) {
        QTemporaryDir grown;
        const QString copy = grown.filePath(QStringLiteral("grown.git"));
        const bool made = test::run(QStringLiteral("git"),
                                    {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"),
                                     QStringLiteral("--shared"), path, copy})
                                  .exitCode == 0 &&
                          test::appendPromotions(copy, 100);
        auto grownRepo = core::git::Repository::open(made ? copy : path);
        if (!made || !grownRepo) {
            std::printf("  index after 100 new commits: could not make the copy\n");
            return false;
        }
        const IndexRun after = runIndex(*grownRepo, diskCache.path());
        std::printf(
            "  index after 100 new commits (%lld commits, the new ones indexed): wall %.0f ms, CPU %.0f ms "
            "(goal: 1 s), %lld resource changes\n",
            qlonglong(after.commits), after.wallMs, after.cpuMs, qlonglong(after.changes));
        std::fflush(stdout);
    }

    const bool details =
        !name.startsWith(QLatin1String("gitops-")) || qEnvironmentVariableIsSet("BENCH_DETAILS");
    if (details && !qEnvironmentVariableIsSet("BENCH_INDEX_ONLY")) {
        auto oids = core::git::reachableCommits(*repo, QStringLiteral("HEAD"));
        if (!oids)
            return false;
        QList<QString> commits;
        for (const core::git::ObjectId& id : *oids)
            commits.append(id.toString());
        std::reverse(commits.begin(), commits.end()); // oldest first, as a reader scrolls back
        const Pass detailed = runPass(*repo, commits, true);
        std::printf("  change set with field diffs and texts, cold cache: wall median %.2f ms, p90 %.2f ms, "
                    "max %.1f ms; "
                    "CPU median %.2f ms, p90 %.2f ms, max %.1f ms per commit (%lld resource changes, %lld "
                    "file errors)\n",
                    percentile(detailed.perCommitMs, 0.5), percentile(detailed.perCommitMs, 0.9),
                    percentile(detailed.perCommitMs, 1.0), percentile(detailed.perCommitCpuMs, 0.5),
                    percentile(detailed.perCommitCpuMs, 0.9), percentile(detailed.perCommitCpuMs, 1.0),
                    qlonglong(detailed.resources), qlonglong(detailed.errors));
    }
    std::printf("  peak RSS so far: %ld MB\n", peakRssMb());
    std::fflush(stdout);
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList fixtures = app.arguments().mid(1);
    if (fixtures.isEmpty())
        fixtures = {QStringLiteral("gitops-30000"), QStringLiteral("jx3-eagle"),
                    QStringLiteral("kube-prometheus"), QStringLiteral("argo-cd-manifests")};
    bool ok = true;
    for (const QString& name : fixtures)
        ok = bench(name) && ok;
    std::printf("peak RSS: %ld MB\n", peakRssMb());
    return ok ? 0 : 1;
}
