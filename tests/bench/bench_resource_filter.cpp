// The history filtered by one resource — `shiplog log --resource KEY`, run as the user runs it —
// against `git log --format=%H -- <the resource's file>` on the same repository in the same run
// (the generated Jenkins X-shaped gitops-30000, cached under benchCacheDir()). Prints the wall and
// CPU time of: the cold run (empty index and parse caches: the whole history indexed), the warm
// runs (index, its postings by key and the parse cache on disk: the second and third run of the same
// query), a resource never asked for before with the warm index, and findResourceCommits in this
// process with the warm caches (no process start) — each with its ratio to git log.
// Usage: bench_resource_filter [COMMITS [KEY FILE [OTHER_KEY]]]
#include "core/diff/history_index_store.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/cpu_time.h"
#include "tests/support/gitops_repository.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

using namespace shiplog;

namespace {

using shiplog::test::cpuMs;

struct Timed
{
    double wallMs = 0;
    double cpuMs = 0;
    QByteArray out;
    bool ok = false;
};

Timed timeChild(const QString& program, const QStringList& arguments, const QProcessEnvironment& env)
{
    Timed t;
    const double cpuStart = cpuMs(RUSAGE_CHILDREN);
    QElapsedTimer timer;
    timer.start();
    const test::ProcessResult r = test::run(program, arguments, {}, env, 600000);
    t.wallMs = double(timer.nsecsElapsed()) / 1e6;
    t.cpuMs = cpuMs(RUSAGE_CHILDREN) - cpuStart;
    t.out = r.out;
    t.ok = r.exitCode == 0;
    if (!t.ok)
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), r.err.constData());
    return t;
}

void print(const char* what, const Timed& t, const Timed& anchor)
{
    std::printf("  %-48s wall %7.0f ms (ratio %5.2fx), CPU %6.0f ms (ratio %5.2fx)\n", what, t.wallMs,
                t.wallMs / qMax(1.0, anchor.wallMs), t.cpuMs, t.cpuMs / qMax(1.0, anchor.cpuMs));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const int commits = args.size() > 0 ? args[0].toInt() : 30000;
    const QString key = args.size() > 1 ? args[1] : QStringLiteral("apps/Deployment/jx/app-12");
    const QString file =
        args.size() > 2 ? args[2] : QStringLiteral("config-root/namespaces/jx/app-12/app-12-deployment.yaml");
    const QString other = args.size() > 3 ? args[3] : QStringLiteral("apps/Deployment/jx-staging/app-13");
    const QString path = test::generatedGitOpsRepository(commits);
    if (path.isEmpty()) {
        std::printf("gitops-%d: not available\n", commits);
        return 1;
    }
    QTemporaryDir caches;
    QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
    env.insert(QStringLiteral("SHIPLOG_INDEX_CACHE_DIR"), caches.filePath(QStringLiteral("index")));
    env.insert(QStringLiteral("SHIPLOG_PARSE_CACHE_DIR"), caches.filePath(QStringLiteral("parsed")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    const Timed anchor =
        timeChild(QStringLiteral("git"),
                  {QStringLiteral("-C"), path, QStringLiteral("log"), QStringLiteral("--format=%H"),
                   QStringLiteral("HEAD"), QStringLiteral("--"), file},
                  env);
    const QStringList log{QStringLiteral("log"), QStringLiteral("--repo"), path,
                          QStringLiteral("--resource")};
    const QString shiplog = QStringLiteral(SHIPLOG_BINARY);
    const Timed cold = timeChild(shiplog, log + QStringList{key}, env);
    const Timed warm = timeChild(shiplog, log + QStringList{key}, env);
    const Timed warmAgain = timeChild(shiplog, log + QStringList{key}, env);
    const Timed fresh = timeChild(shiplog, log + QStringList{other}, env);
    const Timed freshAgain = timeChild(shiplog, log + QStringList{other}, env);
    if (!anchor.ok || !cold.ok || !warm.ok || !warmAgain.ok || !fresh.ok || !freshAgain.ok)
        return 1;
    if (cold.out != warm.out || warm.out != warmAgain.out || fresh.out != freshAgain.out) {
        std::printf("the warm runs listed other commits than the cold run\n");
        return 1;
    }

    // The same question in this process with the warm caches: no process start, no output.
    Timed inProcess;
    {
        auto repo = core::git::Repository::open(path);
        const auto resource = core::manifest::ResourceKey::fromArgument(key);
        if (!repo || !resource)
            return 1;
        core::diff::IndexStore store(caches.filePath(QStringLiteral("index")));
        core::manifest::ParseCache cache;
        cache.setDiskCache(caches.filePath(QStringLiteral("parsed")));
        core::diff::IndexHooks hooks;
        hooks.store = &store;
        const double cpuStart = cpuMs(RUSAGE_SELF);
        QElapsedTimer timer;
        timer.start();
        auto found =
            core::diff::findResourceCommits(*repo, *resource, QStringLiteral("HEAD"), {}, cache, hooks);
        inProcess.wallMs = double(timer.nsecsElapsed()) / 1e6;
        inProcess.cpuMs = cpuMs(RUSAGE_SELF) - cpuStart;
        if (!found) {
            std::fprintf(stderr, "%s\n", qPrintable(found.error().message));
            return 1;
        }
        if (qsizetype(cold.out.count('\n')) != found->ids.size()) {
            std::printf("findResourceCommits found %lld commits, shiplog log listed %lld\n",
                        qlonglong(found->ids.size()), qlonglong(cold.out.count('\n')));
            return 1;
        }
    }

    std::printf("gitops-%d: %s, %lld commits (git log -- %s: %lld)\n", commits, qPrintable(key),
                qlonglong(cold.out.count('\n')), qPrintable(file), qlonglong(anchor.out.count('\n')));
    std::printf("  %-48s wall %7.0f ms, CPU %6.0f ms\n", "git log --format=%H -- FILE (anchor)",
                anchor.wallMs, anchor.cpuMs);
    print("shiplog log --resource, cold (no caches)", cold, anchor);
    print("shiplog log --resource, warm (second run)", warm, anchor);
    print("shiplog log --resource, warm (third run)", warmAgain, anchor);
    print(qPrintable(QStringLiteral("another resource, warm index (%1)").arg(other)), fresh, anchor);
    print("that resource again", freshAgain, anchor);
    print("findResourceCommits in-process, warm", inProcess, anchor);
    return 0;
}
