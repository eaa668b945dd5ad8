// compare-envs on jx3-eagle (jx-staging vs jx-production at HEAD), in process: cold (first call:
// detection, render, parse, history walks for the set-by commits) and warm (the same call again,
// caches filled), with and without the set-by lookup; beside the anchor, `kubectl kustomize` is not
// involved here (Jenkins X's config-root is plain files), so the anchor is `git ls-tree -r` of the two
// namespace folders plus `git log -1` per differing file — what a script would run.
// Goal (issue 10 §8): ≤ 500 ms warm. Usage: bench_compare_envs [RUNS=5]
#include "core/environment/compare.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace shiplog;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const QString repo = QDir(test::benchCacheDir()).filePath(QStringLiteral("jx3-eagle"));
    if (!QDir(repo).exists() && !test::cloneFixture(QStringLiteral("jx3-eagle"), repo)) {
        std::fprintf(stderr, "cannot clone the jx3-eagle fixture\n");
        return 2;
    }
    const QString a = QStringLiteral("jx-staging");
    const QString b = QStringLiteral("jx-production");

    const auto once = [&](bool blame, int* resources = nullptr, int* fields = nullptr) {
        core::environment::CompareOptions options;
        options.blame = blame;
        QElapsedTimer t;
        t.start();
        auto c = core::environment::compareEnvironments(repo, {}, a, b, options);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (!c) {
            std::fprintf(stderr, "compare failed: %s\n", qPrintable(c.error().message));
            std::exit(2);
        }
        if (resources)
            *resources = int(c->resources.size());
        if (fields) {
            *fields = 0;
            for (const auto& r : c->resources)
                *fields += int(r.fields.size());
        }
        return ms;
    };

    int resources = 0, fields = 0;
    const double cold = once(true, &resources, &fields);
    std::vector<double> warm, warmNoBlame;
    for (int i = 0; i < runs; ++i) {
        warm.push_back(once(true));
        warmNoBlame.push_back(once(false));
    }
    std::vector<double> anchor;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        test::run(QStringLiteral("git"),
                  {QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("HEAD"),
                   QStringLiteral("config-root/namespaces/") + a,
                   QStringLiteral("config-root/namespaces/") + b},
                  repo);
        test::run(QStringLiteral("git"),
                  {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                   QStringLiteral("--"), QStringLiteral("config-root/namespaces/") + a},
                  repo);
        anchor.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("compare-envs jx3-eagle %s vs %s: %d resources, %d differing fields\n", qPrintable(a),
                qPrintable(b), resources, fields);
    std::printf("  cold (first call, with set-by commits): %8.1f ms\n", cold);
    std::printf("  warm, with set-by commits (median):     %8.1f ms   goal <= 500 ms\n", median(warm));
    std::printf("  warm, --no-blame (median):              %8.1f ms\n", median(warmNoBlame));
    std::printf("  anchor: git ls-tree + git log -1:       %8.1f ms\n", median(anchor));
    return 0;
}
