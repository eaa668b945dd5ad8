// Change sets over whole real histories, against `git log --name-status` on the same repository in
// the same run. Prints: median/p90/max change-set time per commit (cold parse cache, as a first
// opening sees it), the whole-history resource index (every commit's change set, keys only) and its
// ratio to git log, and peak memory.  Usage: bench_changes [FIXTURE...] (default: kube-prometheus
// argo-cd-manifests)
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

struct Pass
{
    std::vector<double> perCommitMs;
    double totalMs = 0;
    qint64 resources = 0;
    qint64 errors = 0;
};

Pass runPass(const core::git::Repository& repo, const QList<QString>& commits, bool details)
{
    core::manifest::ParseCache cache;
    core::diff::ChangeSetOptions options;
    options.details = details;
    Pass pass;
    QElapsedTimer total;
    total.start();
    for (const QString& id : commits) {
        QElapsedTimer one;
        one.start();
        auto set = core::diff::computeChangeSetOfRevision(repo, id, 1, options, cache);
        pass.perCommitMs.push_back(double(one.nsecsElapsed()) / 1e6);
        if (!set) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(id), qPrintable(set.error().message));
            continue;
        }
        pass.resources += set->resources.size();
        pass.errors += set->errors.size();
    }
    pass.totalMs = double(total.nsecsElapsed()) / 1e6;
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
    gitTimer.start();
    const test::ProcessResult log = test::run(QStringLiteral("git"),
                                              {QStringLiteral("log"), QStringLiteral("--name-status"),
                                               QStringLiteral("--format=%H"), QStringLiteral("HEAD")},
                                              path, test::ScratchRepo::gitEnvironment(), 600000);
    const double gitMs = double(gitTimer.nsecsElapsed()) / 1e6;
    if (log.exitCode != 0)
        return false;

    const Pass index = runPass(*repo, commits, false);
    const Pass detailed = runPass(*repo, commits, true);
    std::printf("%s: %lld commits\n", qPrintable(name), qlonglong(commits.size()));
    std::printf("  change set with field diffs and texts, cold cache: median %.2f ms, p90 %.2f ms, max %.1f ms per commit "
                "(%lld resource changes, %lld file errors)\n",
                percentile(detailed.perCommitMs, 0.5), percentile(detailed.perCommitMs, 0.9),
                percentile(detailed.perCommitMs, 1.0), qlonglong(detailed.resources), qlonglong(detailed.errors));
    std::printf("  whole-history resource index (keys only): %.0f ms; git log --name-status: %.0f ms; ratio %.1fx\n",
                index.totalMs, gitMs, index.totalMs / qMax(1.0, gitMs));
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
