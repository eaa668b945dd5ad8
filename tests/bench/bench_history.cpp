// Full-history load against `git log` on the same repository in the same run: the kube-prometheus
// fixture and a generated 100,000-commit repository (cached under the temp folder). Prints both
// times, the ratio and the time until the first 100 rows are available.
// Usage: bench_history [--commits N] [--runs N] [REPOSITORY...]
#include "core/git/history.h"
#include "core/jobs/job.h"
#include "tests/support/cpu_time.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

using namespace shiplog;

namespace {

using shiplog::test::cpuMs;

// 100,000 commits of a GitOps-like repository: 8 authors in several zones, 500 manifests, a
// merged two-commit branch every 100 commits; written by git fast-import in a few seconds.
QString generatedRepository(int commits)
{
    const QString path = test::benchCacheDir() + QStringLiteral("/generated-%1.git").arg(commits);
    if (QFileInfo::exists(path + QStringLiteral("/packed-refs")) ||
        QFileInfo::exists(path + QStringLiteral("/refs/heads/main"))) {
        if (test::run(QStringLiteral("git"),
                      {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                       QStringLiteral("main")},
                      path)
                .exitCode == 0)
            return path;
    }
    QDir(path).removeRecursively();
    test::run(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                                      QStringLiteral("-b"), QStringLiteral("main"), path});
    std::fprintf(stderr, "generating %d commits in %s ...\n", commits, qPrintable(path));
    const char* authors[] = {"Ada Lovelace <ada@example.com> %1 +0200",
                             "Grace Hopper <grace@example.com> %1 -0500",
                             "jenkins-x-bot <jenkins-x@googlegroups.com> %1 +0000",
                             "Linus T <linus@example.org> %1 -0700",
                             "José Núñez <jose@example.es> %1 +0100",
                             "dependabot[bot] <bot@users.noreply.github.com> %1 +0000",
                             "Priya Raman <priya@example.in> %1 +0530",
                             "Kenji Sato <kenji@example.jp> %1 +0900"};
    QByteArray stream;
    stream.reserve(64 << 20);
    qint64 time = 1500000000;
    int mark = 0;
    int mainMark = 0;
    auto commit = [&](const QByteArray& ref, int from, const QList<int>& merges, const QByteArray& subject,
                      int fileNo) {
        ++mark;
        time += 37 + (mark % 11);
        const QByteArray who = QString::fromUtf8(authors[mark % 8]).arg(time).toUtf8();
        stream += "commit " + ref + "\nmark :" + QByteArray::number(mark) + "\nauthor " + who +
                  "\ncommitter " + who + "\n";
        const QByteArray message = subject + "\n\nUpdate config-root/namespaces/jx/app-" +
                                   QByteArray::number(fileNo) + "/deployment.yaml to the new image.\n";
        stream += "data " + QByteArray::number(message.size()) + "\n" + message;
        if (from)
            stream += "from :" + QByteArray::number(from) + "\n";
        for (int m : merges)
            stream += "merge :" + QByteArray::number(m) + "\n";
        const QByteArray content =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + QByteArray::number(fileNo) +
            "\nspec:\n  replicas: " + QByteArray::number(mark % 7) +
            "\n  template:\n    spec:\n      containers:\n" +
            "      - image: registry.example.com/app:" + QByteArray::number(mark) + "\n";
        stream += "M 100644 inline config-root/namespaces/jx/app-" + QByteArray::number(fileNo) +
                  "/deployment.yaml\ndata " + QByteArray::number(content.size()) + "\n" + content + "\n";
        return mark;
    };
    int made = 0;
    while (made < commits) {
        if (made % 100 == 99 && made + 3 <= commits) {
            const int a = commit("refs/heads/topic", mainMark, {},
                                 "feat: topic change " + QByteArray::number(made), made % 500);
            const int b = commit("refs/heads/topic", a, {},
                                 "fix: topic follow-up " + QByteArray::number(made), (made + 1) % 500);
            mainMark =
                commit("refs/heads/main", mainMark, {b},
                       "Merge pull request #" + QByteArray::number(made) + " from topic", (made + 2) % 500);
            made += 3;
        } else {
            mainMark = commit("refs/heads/main", mainMark, {},
                              "chore: bump app-" + QByteArray::number(made % 500) + " to " +
                                  QByteArray::number(made),
                              made % 500);
            ++made;
        }
    }
    const auto r =
        test::run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, path,
                  test::ScratchRepo::gitEnvironment(), 600000, stream);
    if (r.exitCode != 0)
        std::fprintf(stderr, "fast-import failed: %s\n", r.err.constData());
    // Packed as a clone would be: one well-deltified pack.
    test::run(QStringLiteral("git"),
              {QStringLiteral("repack"), QStringLiteral("-a"), QStringLiteral("-d"), QStringLiteral("-q")},
              path, test::ScratchRepo::gitEnvironment(), 600000);
    return path;
}

QString fixtureClone(const QString& name)
{
    const QString path = test::benchCacheDir() + QStringLiteral("/%1.git").arg(name);
    if (QFileInfo::exists(path + QStringLiteral("/HEAD")))
        return path;
    if (!test::cloneFixture(name, path, true))
        return {};
    return path;
}

// CPU seconds (user + system) of this process or of its finished children: on a shared machine
// the wall time mostly measures the wait for a core, the CPU time what each side costs.
struct Timing
{
    double cpuMs = 0;
    double totalMs = 0;
    double firstRowsMs = 0;
    qsizetype commits = 0;
};

Timing timeGitLog(const QString& repo)
{
    const double cpuBefore = cpuMs(RUSAGE_CHILDREN);
    QElapsedTimer timer;
    timer.start();
    const auto r = test::run(QStringLiteral("git"),
                             {QStringLiteral("log"), QStringLiteral("--format=%H %P %an %ae %at %s")}, repo,
                             test::ScratchRepo::gitEnvironment(), 600000);
    Timing t;
    t.totalMs = double(timer.nsecsElapsed()) / 1e6;
    t.cpuMs = cpuMs(RUSAGE_CHILDREN) - cpuBefore;
    t.commits = r.out.count('\n');
    return t;
}

Timing timeShiplog(const QString& repo)
{
    const double cpuBefore = cpuMs(RUSAGE_SELF);
    QElapsedTimer timer;
    timer.start();
    QFuture<core::git::HistoryPage> future =
        QtConcurrent::run(core::jobs::pool(), &core::git::loadHistory, repo, core::git::HistoryQuery{});
    Timing t;
    while (future.resultCount() == 0 && !future.isFinished())
        QThread::usleep(100);
    t.firstRowsMs = double(timer.nsecsElapsed()) / 1e6;
    future.waitForFinished();
    t.totalMs = double(timer.nsecsElapsed()) / 1e6;
    t.cpuMs = cpuMs(RUSAGE_SELF) - cpuBefore;
    for (const auto& page : future.results()) {
        t.commits += page.commits.size();
        if (page.failed)
            std::fprintf(stderr, "error: %s\n", qPrintable(page.error.message));
    }
    return t;
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int commits = 100000;
    int runs = 5;
    QStringList repositories;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--commits") && i + 1 < args.size())
            commits = args[++i].toInt();
        else if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else
            repositories << args[i];
    }
    if (repositories.isEmpty()) {
        const QString kube = fixtureClone(QStringLiteral("kube-prometheus"));
        if (kube.isEmpty())
            std::fprintf(stderr, "kube-prometheus fixture not found: skipped\n");
        else
            repositories << kube;
        repositories << generatedRepository(commits);
    }

    std::printf("bench_history: full history, loadHistory (all pages) vs git log --format='%%H %%P %%an %%ae "
                "%%at %%s'; median of %d runs\n",
                runs);
    std::printf("%-24s %8s %10s %10s %7s %12s %12s %7s %15s\n", "repository", "commits", "git log", "shiplog",
                "ratio", "git log cpu", "shiplog cpu", "ratio", "first 100 rows");
    bool ok = true;
    for (const QString& repo : repositories) {
        timeGitLog(repo); // warm the page cache for both
        timeShiplog(repo);
        QList<double> git, ours, first, gitCpu, ourCpu;
        qsizetype gitCommits = 0;
        qsizetype ourCommits = 0;
        for (int i = 0; i < runs; ++i) {
            const Timing g = timeGitLog(repo);
            const Timing s = timeShiplog(repo);
            git << g.totalMs;
            ours << s.totalMs;
            first << s.firstRowsMs;
            gitCpu << g.cpuMs;
            ourCpu << s.cpuMs;
            gitCommits = g.commits;
            ourCommits = s.commits;
        }
        if (gitCommits != ourCommits) {
            std::fprintf(stderr, "%s: git log listed %lld commits, shiplog %lld\n", qPrintable(repo),
                         qlonglong(gitCommits), qlonglong(ourCommits));
            ok = false;
        }
        const double ratio = median(ours) / median(git);
        const double cpuRatio = median(ourCpu) / median(gitCpu);
        std::printf("%-24s %8lld %7.0f ms %7.0f ms %6.2fx %9.0f ms %9.0f ms %6.2fx %12.1f ms\n",
                    qPrintable(QFileInfo(repo).fileName()), qlonglong(ourCommits), median(git), median(ours),
                    ratio, median(gitCpu), median(ourCpu), cpuRatio, median(first));
        std::printf(
            "  goal: <= 1.50x git log (wall %s, cpu %s), first rows <= 50 ms (%s); load average now %.1f\n",
            ratio <= 1.5 ? "met" : "NOT met", cpuRatio <= 1.5 ? "met" : "NOT met",
            median(first) <= 50 ? "met" : "NOT met", loadAverage());
    }
    return ok ? 0 : 1;
}
