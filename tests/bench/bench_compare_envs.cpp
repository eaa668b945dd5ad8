// compare-envs in process, on jx3-eagle (jx-staging vs jx-production; jx vs jx-staging, the larger
// pair) and on the Flux example (staging vs production, rendered with kubectl's kustomize): the first
// call in a fresh process (detection, render, parse, history walks for the set-by commits — the
// on-disk parse cache may be warm from earlier runs) and warm calls (the same again, caches
// filled), with and without the set-by lookup. The anchor, for the Flux overlays, is
// `kubectl kustomize` run alone on the same folders in the same run. Jenkins X's config-root is
// plain files (no kustomize). Goal (issue 10 §8): ≤ 500 ms warm on jx3-eagle.
// Usage: bench_compare_envs [RUNS=5]
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

struct Case
{
    const char* fixture;
    const char* a;
    const char* b;
    QStringList kustomizeDirs; // the anchor: `kubectl kustomize DIR` alone on each (Flux overlays)
};

int runCase(const Case& c, int runs)
{
    const QString repo = QDir(test::benchCacheDir()).filePath(QLatin1String(c.fixture));
    if (!QDir(repo).exists() && !test::cloneFixture(QLatin1String(c.fixture), repo)) {
        std::fprintf(stderr, "cannot clone the %s fixture\n", c.fixture);
        return 2;
    }
    const QString a = QLatin1String(c.a);
    const QString b = QLatin1String(c.b);
    bool failed = false;
    const auto once = [&](bool blame, int* resources = nullptr, int* fields = nullptr) {
        core::environment::CompareOptions options;
        options.blame = blame;
        QElapsedTimer t;
        t.start();
        auto result = core::environment::compareEnvironments(repo, {}, a, b, options);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (!result) {
            std::fprintf(stderr, "compare failed: %s\n", qPrintable(result.error().message));
            failed = true;
            return ms;
        }
        if (resources)
            *resources = int(result->resources.size());
        if (fields) {
            *fields = 0;
            for (const auto& r : result->resources)
                *fields += int(r.fields.size());
        }
        return ms;
    };
    int resources = 0, fields = 0;
    const double cold = once(true, &resources, &fields);
    if (failed)
        return 2;
    std::vector<double> warm, warmNoBlame, anchor;
    for (int i = 0; i < runs; ++i) {
        warm.push_back(once(true));
        warmNoBlame.push_back(once(false));
        QElapsedTimer t;
        t.start();
        for (const QString& dir : c.kustomizeDirs)
            test::run(QStringLiteral("kubectl"), {QStringLiteral("kustomize"), dir}, repo);
        anchor.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("compare-envs %s %s vs %s: %d resources, %d differing fields\n", c.fixture, c.a, c.b,
                resources, fields);
    std::printf("  first call in this process (with set-by commits): %8.1f ms\n", cold);
    std::printf("  warm, with set-by commits (median):               %8.1f ms   goal <= 500 ms\n",
                median(warm));
    std::printf("  warm, --no-blame (median):                        %8.1f ms\n", median(warmNoBlame));
    if (!c.kustomizeDirs.isEmpty())
        std::printf("  anchor: kubectl kustomize %s alone (median): %8.1f ms\n",
                    qPrintable(c.kustomizeDirs.join(QStringLiteral(" + "))), median(anchor));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    int status = 0;
    for (const Case& c :
         {Case{"jx3-eagle", "jx-staging", "jx-production", {}}, Case{"jx3-eagle", "jx", "jx-staging", {}},
          Case{"flux2-kustomize-helm-example",
               "staging",
               "production",
               {QStringLiteral("apps/staging"), QStringLiteral("apps/production")}}})
        status = std::max(status, runCase(c, runs));
    return status;
}
