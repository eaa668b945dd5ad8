// Change sets over whole real histories, against `git log --name-status` on the same repository in
// the same run. Prints: median/p90/max change-set time per commit (cold parse cache, as a first
// opening sees it), the whole-history resource index (every commit's change set, keys only) cold
// (empty on-disk cache) and again as a second opening sees it (new process state, filled on-disk
// cache), each with its ratio to git log, and peak memory. Wall and CPU time (user+sys, all threads;
// git's from its child usage): on a shared machine the wall time is mostly waiting for a core.
// Usage: bench_changes [FIXTURE...] (default: kube-prometheus argo-cd-manifests)
#include "core/diff/change_set.h"
#include "core/diff/commit_walk.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace shiplog;

namespace {

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

double cpuMs(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

struct Pass
{
    std::vector<double> perCommitMs;
    std::vector<double> perCommitCpuMs;  // all threads of the process
    double totalMs = 0;
    double cpuMs = 0;
    qint64 resources = 0;
    qint64 errors = 0;
    qint64 diskHits = 0;
};

Pass runPass(const core::git::Repository& repo, const QList<QString>& commits, bool details,
             const QString& diskCache = QString())
{
    core::manifest::ParseCache cache;
    if (!diskCache.isEmpty())
        cache.setDiskCache(diskCache);
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
    cache.flushDiskCache();
    pass.totalMs = double(total.nsecsElapsed()) / 1e6;
    pass.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
    const auto stats = cache.stats();
    pass.diskHits = stats.diskHits;
    std::fprintf(stderr, "    (parse cache: %lld blob hits, %lld blob misses, %lld disk hits; slices: %lld hits, %lld misses)\n",
                 qlonglong(stats.hits), qlonglong(stats.misses), qlonglong(stats.diskHits),
                 qlonglong(stats.documents.hits), qlonglong(stats.documents.misses));
    return pass;
}

bool benchFixture(const QString& name)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    if (!test::cloneFixture(name, path, true)) {
        std::printf("%s: fixture not available\n", qPrintable(name));
        return false;
    }
    auto repo = core::git::Repository::open(path);
    if (!repo)
        return false;
    auto oids = core::diff::reachableCommits(repo->raw(), QStringLiteral("HEAD"));
    if (!oids)
        return false;
    QList<QString> commits;
    for (const git_oid& id : *oids)
        commits.append(core::git::oidToString(id));
    std::reverse(commits.begin(), commits.end());  // oldest first, as an index is built

    // Anchor: git's own walk with the changed files of every commit.
    QElapsedTimer gitTimer;
    const double gitCpuStart = cpuMs(RUSAGE_CHILDREN);
    gitTimer.start();
    const test::ProcessResult log = test::run(QStringLiteral("git"),
                                              {QStringLiteral("log"), QStringLiteral("--name-status"),
                                               QStringLiteral("--format=%H"), QStringLiteral("HEAD")},
                                              path, test::ScratchRepo::gitEnvironment(), 600000);
    const double gitMs = double(gitTimer.nsecsElapsed()) / 1e6;
    const double gitCpu = cpuMs(RUSAGE_CHILDREN) - gitCpuStart;
    if (log.exitCode != 0)
        return false;

    QTemporaryDir diskCache;
    const bool detailsOnly = qEnvironmentVariableIsSet("BENCH_DETAILS_ONLY");
    const bool indexOnly = qEnvironmentVariableIsSet("BENCH_INDEX_ONLY");
    const Pass index = detailsOnly ? Pass() : runPass(*repo, commits, false, diskCache.path());
    const Pass again = detailsOnly ? Pass() : runPass(*repo, commits, false, diskCache.path());
    const Pass detailed = indexOnly ? Pass() : runPass(*repo, commits, true);
    std::printf("%s: %lld commits\n", qPrintable(name), qlonglong(commits.size()));
    std::printf("  change set with field diffs and texts, cold cache: wall median %.2f ms, p90 %.2f ms, max %.1f ms; "
                "CPU median %.2f ms, p90 %.2f ms, max %.1f ms per commit (%lld resource changes, %lld file errors)\n",
                percentile(detailed.perCommitMs, 0.5), percentile(detailed.perCommitMs, 0.9),
                percentile(detailed.perCommitMs, 1.0), percentile(detailed.perCommitCpuMs, 0.5),
                percentile(detailed.perCommitCpuMs, 0.9), percentile(detailed.perCommitCpuMs, 1.0),
                qlonglong(detailed.resources), qlonglong(detailed.errors));
    std::printf("  git log --name-status: wall %.0f ms, CPU %.0f ms\n", gitMs, gitCpu);
    std::printf("  whole-history resource index (keys only), cold: wall %.0f ms (ratio %.1fx), CPU %.0f ms (ratio %.1fx), "
                "%lld resource changes\n",
                index.totalMs, index.totalMs / qMax(1.0, gitMs), index.cpuMs, index.cpuMs / qMax(1.0, gitCpu),
                qlonglong(index.resources));
    std::printf("  same index, second opening (on-disk cache, %lld blob hits): wall %.0f ms (ratio %.1fx), CPU %.0f ms "
                "(ratio %.1fx), %lld resource changes\n",
                qlonglong(again.diskHits), again.totalMs, again.totalMs / qMax(1.0, gitMs), again.cpuMs,
                again.cpuMs / qMax(1.0, gitCpu), qlonglong(again.resources));
    std::printf("  change sets with details, whole history: wall %.0f ms, CPU %.0f ms\n", detailed.totalMs, detailed.cpuMs);
    std::printf("  peak RSS so far: %ld MB\n", peakRssMb());
    std::fflush(stdout);
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList fixtures = app.arguments().mid(1);
    if (fixtures.isEmpty())
        fixtures = {QStringLiteral("kube-prometheus"), QStringLiteral("argo-cd-manifests")};
    bool ok = true;
    for (const QString& name : fixtures)
        ok = benchFixture(name) && ok;
    std::printf("peak RSS: %ld MB\n", peakRssMb());
    return ok ? 0 : 1;
}
