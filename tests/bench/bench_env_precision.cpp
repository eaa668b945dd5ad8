// The two exact environment answers of issue 10, measured on real data:
// 1. Set-by cells: how many name a Jenkins X `chore: regenerated` commit and how many the promotion
//    (or other source commit) behind it, with ValueBlame's regeneration following off (the blame
//    before) and on. On jx3-eagle: the image tag of every container each environment runs at HEAD
//    (its rendered config-root files); on the demo: compare-envs jx-staging vs jx-production.
// 2. `log --env`: the walk with the environment's path filter and its exact test (what the CLI and
//    the History box run) against the anchor `git log --name-status` over the whole history, and the
//    path-only walk (the filter before), on jx3-eagle and the Flux example, with the commit counts.
// Usage: bench_env_precision [RUNS=3]
#include "core/demo/demo_environment.h"
#include "core/environment/compare.h"
#include "core/environment/environment_history.h"
#include "core/environment/render.h"
#include "core/environment/value_blame.h"
#include "core/git/bot_rules.h"
#include "core/git/history.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace shiplog;
using core::environment::ValueBlame;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

QString fixture(const char* name)
{
    const QString repo = QDir(test::benchCacheDir()).filePath(QLatin1String(name));
    if (!QDir(repo).exists() && !test::cloneFixture(QLatin1String(name), repo))
        return {};
    return repo;
}

bool isRegeneration(const QString& subject)
{
    return subject.startsWith(QLatin1String("chore: regenerated"), Qt::CaseInsensitive);
}

struct Counts
{
    int regeneration = 0;
    int source = 0; // a promotion or any other commit that is not a regeneration
    int unknown = 0;
    int appliedBy = 0;
    void add(const QString& id, const QString& subject, const QString& appliedBy)
    {
        if (id.isEmpty())
            ++unknown;
        else if (isRegeneration(subject))
            ++regeneration;
        else
            ++source;
        if (!appliedBy.isEmpty())
            ++this->appliedBy;
    }
    void print(const char* label) const
    {
        std::printf("  %-8s regeneration %3d  promotion/source %3d  not found %3d  (appliedBy %d)\n", label,
                    regeneration, source, unknown, appliedBy);
    }
};

void collectImages(const QJsonValue& value, QStringList& images)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if ((it.key() == u"containers" || it.key() == u"initContainers") && it->isArray()) {
                for (const QJsonValue& c : it->toArray())
                    if (const QString image = c.toObject().value(u"image").toString(); !image.isEmpty())
                        images << image;
            } else if (it->isObject()) {
                collectImages(*it, images);
            }
        }
    }
}

int imageSetBy(const QString& repo)
{
    auto rendered = core::environment::renderEnvironments(repo, QStringLiteral("HEAD"));
    if (!rendered) {
        std::fprintf(stderr, "render failed: %s\n", qPrintable(rendered.error().message));
        return 2;
    }
    for (bool follow : {false, true}) {
        ValueBlame blamer(repo, QStringLiteral("HEAD"));
        blamer.setFollowRegenerations(follow);
        Counts counts;
        QElapsedTimer t;
        t.start();
        for (const auto& env : *rendered)
            for (const auto& r : env.resources) {
                QStringList images;
                collectImages(r.resource.object.value(u"spec"), images);
                for (const QString& image : std::as_const(images)) {
                    const qsizetype colon = image.lastIndexOf(u':');
                    if (colon < 0 || colon < image.lastIndexOf(u'/'))
                        continue;
                    auto found =
                        blamer.commitThatSet(r.sources, ValueBlame::containsText(image.mid(colon + 1)));
                    if (!found) {
                        std::fprintf(stderr, "blame failed: %s\n", qPrintable(found.error().message));
                        return 2;
                    }
                    counts.add(found->id, found->subject, found->appliedBy);
                    if (follow && qEnvironmentVariableIsSet("BENCH_VERBOSE"))
                        std::printf(
                            "    %s %s  %s  %s%s\n", qPrintable(found->id.left(8)),
                            qPrintable(found->subject.left(40)), qPrintable(found->file), qPrintable(image),
                            found->appliedBy.isEmpty()
                                ? ""
                                : qPrintable(QStringLiteral("  applied by ") + found->appliedBy.left(8)));
                }
            }
        counts.print(follow ? "after" : "before");
        std::printf("           %.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    }
    return 0;
}

int compareSetBy(const QString& repo, const QString& a, const QString& b)
{
    for (bool follow : {false, true}) {
        core::environment::CompareOptions options;
        options.followRegenerations = follow;
        QElapsedTimer t;
        t.start();
        auto compared = core::environment::compareEnvironments(repo, {}, a, b, options);
        if (!compared) {
            std::fprintf(stderr, "compare failed: %s\n", qPrintable(compared.error().message));
            return 2;
        }
        Counts counts;
        for (const auto& r : compared->resources)
            for (const auto& f : r.fields) {
                counts.add(f.commitA, f.subjectA, f.appliedByA);
                counts.add(f.commitB, f.subjectB, f.appliedByB);
            }
        counts.print(follow ? "after" : "before");
        std::printf("           %.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    }
    return 0;
}

int logEnv(const QString& repo, const QString& environment, int runs)
{
    auto detected = core::environment::detectEnvironments(repo, QStringLiteral("HEAD"));
    if (!detected || !detected->find(environment)) {
        std::fprintf(stderr, "no environment %s\n", qPrintable(environment));
        return 2;
    }
    const QStringList paths = core::environment::readPaths(*detected->find(environment));
    std::vector<double> exact, pathOnly, anchor;
    int exactCount = 0, pathCount = 0;
    for (int run = 0; run < runs; ++run) {
        for (bool test : {false, true}) {
            core::git::HistoryQuery query;
            query.paths = paths;
            if (test)
                query.accept = core::environment::environmentCommitTest(repo, {}, environment);
            int count = 0;
            QElapsedTimer t;
            t.start();
            auto walked = core::git::walkHistory(repo, query, [&count](core::git::CommitInfo&&) {
                ++count;
                return true;
            });
            if (!walked) {
                std::fprintf(stderr, "walk failed: %s\n", qPrintable(walked.error().message));
                return 2;
            }
            (test ? exact : pathOnly).push_back(double(t.nsecsElapsed()) / 1e6);
            (test ? exactCount : pathCount) = count;
        }
        QElapsedTimer t;
        t.start();
        const auto git = test::run(QStringLiteral("git"),
                                   {QStringLiteral("-C"), repo, QStringLiteral("log"),
                                    QStringLiteral("--name-status"), QStringLiteral("--format=%H")});
        anchor.push_back(double(t.nsecsElapsed()) / 1e6);
        if (git.exitCode != 0)
            return 2;
    }
    std::printf("  log --env %-14s exact %5.0f ms (%4d commits)  paths only %5.0f ms (%4d commits)  "
                "git log --name-status %5.0f ms  exact/anchor %.2f\n",
                qPrintable(environment), median(exact), exactCount, median(pathOnly), pathCount,
                median(anchor), median(exact) / median(anchor));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;
    const QString jx3 = fixture("jx3-eagle");
    const QString flux = fixture("flux2-kustomize-helm-example");
    if (jx3.isEmpty() || flux.isEmpty()) {
        std::fprintf(stderr, "cannot clone the fixtures\n");
        return 2;
    }
    int rc = 0;
    std::printf("set-by, jx3-eagle: image tags of every environment at HEAD\n");
    rc |= imageSetBy(jx3);
    QTemporaryDir dir;
    auto demo = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("demo")));
    if (!demo) {
        std::fprintf(stderr, "demo: %s\n", qPrintable(demo.error().message));
        return 2;
    }
    std::printf("set-by, demo: compare-envs jx-staging vs jx-production\n");
    rc |= compareSetBy(demo->workTree, QStringLiteral("jx-staging"), QStringLiteral("jx-production"));
    std::printf("set-by, demo: image tags of every environment at HEAD\n");
    rc |= imageSetBy(demo->workTree);
    std::printf("log --env (median of %d runs)\n", runs);
    for (const char* env : {"jx-staging", "jx", "jx-production"})
        rc |= logEnv(jx3, QLatin1String(env), runs);
    for (const char* env : {"staging", "production"})
        rc |= logEnv(flux, QLatin1String(env), runs);
    return rc;
}
