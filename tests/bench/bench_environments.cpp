// Environments of one revision: detection and rendering of every environment, cold (empty caches,
// a first opening) and warm (the same process again: detection and kustomize renders cached), next
// to `kubectl kustomize` run alone on the same kustomize folders of a checkout; and the change set
// of a commit touching a base two Flux overlays share (kustomize runs included); on jx3-eagle, one
// resource's timeline through its environment beside git log of that folder. Prints the ratios.
// Repositories: jx3-eagle (Jenkins X: config-root/ namespaces), flux2-kustomize-helm-example (two
// clusters, kustomize overlays), argocd-example-apps (kustomize roots: no Application in plain YAML).
// Usage: bench_environments [FIXTURE...]
#include "core/diff/change_set.h"
#include "core/diff/environment_changes.h"
#include "core/environment/render.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <cstdio>
#include <sys/resource.h>

using namespace shiplog;
using namespace shiplog::core::environment;

namespace {

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

double renderAll(const QString& path, int* environments, int* resources, QStringList* kustomizeFolders)
{
    QElapsedTimer timer;
    timer.start();
    auto rendered = renderEnvironments(path, {});
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!rendered) {
        std::fprintf(stderr, "render failed: %s\n", qPrintable(rendered.error().message));
        return -1;
    }
    *environments = int(rendered->size());
    *resources = 0;
    for (const RenderedEnvironment& env : *rendered) {
        *resources += int(env.resources.size());
        if (kustomizeFolders)
            for (const Unit& unit : env.environment.units)
                if (unit.kustomize && !unit.generated && !unit.paths.isEmpty())
                    *kustomizeFolders << unit.paths.first();
    }
    return ms;
}

double kubectlAlone(const QString& checkout, const QStringList& folders)
{
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    QElapsedTimer timer;
    timer.start();
    for (const QString& folder : folders)
        test::run(kubectl, {QStringLiteral("kustomize"), checkout + u'/' + folder});
    return double(timer.nsecsElapsed()) / 1e6;
}

void benchFixture(const QString& name)
{
    const QString path = test::benchCacheDir() + QStringLiteral("/env-") + name;
    if (!QDir(path).exists() && !test::cloneFixture(name, path)) {
        std::printf("%s: fixture not available, skipped\n", qPrintable(name));
        return;
    }
    core::manifest::ParseCache::shared().clear();
    int environments = 0, resources = 0;
    QStringList folders;
    const double cold = renderAll(path, &environments, &resources, &folders);
    int again = 0, againResources = 0;
    const double warm = renderAll(path, &again, &againResources, nullptr);
    const double kubectl = folders.isEmpty() ? 0 : kubectlAlone(path, folders);
    std::printf("%-30s %2d environments %5d resources  cold %7.0f ms  warm %6.1f ms", qPrintable(name),
                environments, resources, cold, warm);
    if (!folders.isEmpty())
        std::printf("  | kubectl kustomize alone on %d folders %6.0f ms  cold/kubectl %.2f",
                    int(folders.size()), kubectl, cold / kubectl);
    std::printf("\n");

    if (name == u"jx3-eagle") {
        // The Changes tab on the latest commits that touched config-root/: each environment that reads
        // a changed file rendered at both revisions (through the parse cache), warm after the first.
        const QStringList commits =
            QString::fromUtf8(test::run(QStringLiteral("git"),
                                        {QStringLiteral("log"), QStringLiteral("-n"), QStringLiteral("20"),
                                         QStringLiteral("--format=%H"), QStringLiteral("--"),
                                         QStringLiteral("config-root")},
                                        path)
                                  .out)
                .split(u'\n', Qt::SkipEmptyParts);
        auto repo = core::git::Repository::open(path);
        core::diff::ChangeSetOptions options;
        options.byEnvironment = true;
        QList<double> times;
        for (const QString& commit : commits) {
            QElapsedTimer timer;
            timer.start();
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit, 1, options,
                                                              core::manifest::ParseCache::shared());
            times << double(timer.nsecsElapsed()) / 1e6;
            if (!set)
                std::printf("  %s: %s\n", qPrintable(commit.left(7)), qPrintable(set.error().message));
        }
        std::sort(times.begin(), times.end());
        if (!times.isEmpty())
            std::printf("  change sets by environment of the last %d config-root commits: median %.1f ms, "
                        "max %.1f ms\n",
                        int(times.size()), times.at(times.size() / 2), times.last());

        // The Timeline tab's default in an environment repository: one resource followed through
        // the environment that applies it, every commit touching what the environment reads compared
        // through its render. Beside git's walk of the commits that touch that folder.
        QElapsedTimer gitTimer;
        gitTimer.start();
        const int touching =
            int(test::run(QStringLiteral("git"),
                          {QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("--"),
                           QStringLiteral("config-root/namespaces/jx")},
                          path)
                    .out.count('\n'));
        const double gitMs = double(gitTimer.nsecsElapsed()) / 1e6;
        // One Deployment that most of those commits change (a bot bumps its version), one that six
        // of them do. First as the application runs it (commits that cannot change the resource
        // skipped), then every touching commit rendered (the reference), then skipping again: the
        // last two ran with the same warm caches.
        for (const char* argument :
             {"apps/Deployment/jx/lighthouse-foghorn", "apps/Deployment/jx/external-dns"}) {
            const auto key = core::manifest::ResourceKey::fromArgument(QLatin1String(argument));
            for (const bool skip : {true, false, true}) {
                QElapsedTimer timer;
                timer.start();
                auto timeline = core::diff::buildEnvironmentTimeline(*repo, *key, QStringLiteral("HEAD"),
                                                                     QStringLiteral("jx"), nullptr,
                                                                     {.skipCommitsThatCannotChangeIt = skip});
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                std::printf(
                    "  timeline of %s through environment jx%s: %.0f ms, %d steps of %d commits (git log "
                    "-- config-root/namespaces/jx: %d commits, %.0f ms, ratio %.0fx); peak RSS %ld MB\n",
                    qPrintable(key->toArgument()), skip ? "" : ", every touching commit rendered (reference)",
                    ms, timeline ? int(timeline->steps.size()) : -1, timeline ? timeline->commitsScanned : -1,
                    touching, gitMs, ms / qMax(1.0, gitMs), peakRssMb());
                if (!timeline)
                    std::printf("  timeline: %s\n", qPrintable(timeline.error().message));
            }
        }
    }
    if (name == u"flux2-kustomize-helm-example") {
        // The latest commit changing apps/base without touching an overlay: both environments re-render.
        const QString commit = QString::fromUtf8(
            test::run(QStringLiteral("git"),
                      {QStringLiteral("log"), QStringLiteral("--no-merges"), QStringLiteral("-n"),
                       QStringLiteral("1"), QStringLiteral("--format=%H"), QStringLiteral("--"),
                       QStringLiteral("apps/base/podinfo")},
                      path)
                .out.trimmed());
        auto repo = core::git::Repository::open(path);
        core::diff::ChangeSetOptions options;
        options.byEnvironment = true;
        for (const char* label : {"cold", "warm"}) {
            QElapsedTimer timer;
            timer.start();
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit, 1, options,
                                                              core::manifest::ParseCache::shared());
            std::printf("  change set of %s (shared base, 2 environments), %s: %.0f ms, %d changes\n",
                        qPrintable(commit.left(7)), label, double(timer.nsecsElapsed()) / 1e6,
                        set ? int(set->resources.size()) : -1);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("SHIPLOG_PARSE_CACHE_DIR", "off");
    QCoreApplication app(argc, argv);
    QStringList names = app.arguments().mid(1);
    if (names.isEmpty())
        names = {QStringLiteral("jx3-eagle"), QStringLiteral("flux2-kustomize-helm-example"),
                 QStringLiteral("argocd-example-apps")};
    for (const QString& name : names)
        benchFixture(name);
    return 0;
}
