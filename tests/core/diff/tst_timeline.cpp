#include "core/diff/environment_changes.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::diff::ChangeKind;

namespace {

QByteArray deployment(const QByteArray& image, const QByteArray& replicas = "2")
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  "
           "replicas: " +
           replicas +
           "\n  template:\n    spec:\n      containers:\n      - name: web\n        image: " + image + "\n";
}

const QByteArray kOther =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: prod\ndata:\n  a: b\n";

// The timeline of the Deployment prod/web of these tests, from HEAD, with a parse cache of its own.
core::Result<core::diff::Timeline> webTimeline(const test::ScratchRepo& repo)
{
    auto opened = core::git::Repository::open(repo.path());
    if (!opened)
        return std::unexpected(opened.error());
    core::manifest::ParseCache cache;
    const core::manifest::ResourceKey key{QStringLiteral("apps"), QStringLiteral("Deployment"),
                                          QStringLiteral("prod"), QStringLiteral("web")};
    return core::diff::buildTimeline(*opened, key, QStringLiteral("HEAD"), {}, cache);
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private slots:
    void followsThroughMovesSplitsAndBlames()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("all.yaml"), deployment("nginx:1") + "---\n" + kOther);
        const QString c1 = repo.commit(QStringLiteral("add web"), QStringLiteral("Ada <ada@example.com>"),
                                       QStringLiteral("2024-05-01T10:00:00+02:00"));
        repo.write(QStringLiteral("all.yaml"), kOther);
        repo.write(QStringLiteral("prod/web.yaml"), deployment("nginx:1"));
        const QString c2 = repo.commit(QStringLiteral("split"), QStringLiteral("Bob <bob@example.com>"),
                                       QStringLiteral("2024-05-02T10:00:00+02:00"));
        repo.write(QStringLiteral("all.yaml"), QByteArray(kOther).replace("a: b", "a: c"));
        repo.commit(QStringLiteral("unrelated"), QStringLiteral("Bob <bob@example.com>"),
                    QStringLiteral("2024-05-03T10:00:00+02:00"));
        repo.write(QStringLiteral("prod/web.yaml"), "# reformatted\n" + deployment("nginx:2"));
        const QString c4 = repo.commit(QStringLiteral("bump image"), QStringLiteral("Cy <cy@example.com>"),
                                       QStringLiteral("2024-05-04T10:00:00+02:00"));
        repo.git(
            {QStringLiteral("mv"), QStringLiteral("prod/web.yaml"), QStringLiteral("prod/web-deploy.yaml")});
        const QString c5 = repo.commit(QStringLiteral("rename"), QStringLiteral("Cy <cy@example.com>"),
                                       QStringLiteral("2024-05-05T10:00:00+02:00"));
        repo.write(QStringLiteral("prod/web-deploy.yaml"), "# only a comment\n" + deployment("nginx:2"));
        repo.commit(QStringLiteral("comment"), QStringLiteral("Cy <cy@example.com>"),
                    QStringLiteral("2024-05-06T10:00:00+02:00"));

        auto timeline = webTimeline(repo);
        QVERIFY2(timeline.has_value(), test::why(timeline).constData());
        QCOMPARE(timeline->commitsScanned, 6);
        QCOMPARE(timeline->steps.size(), 4); // not "unrelated", not "comment"
        QCOMPARE(timeline->steps[0].commit.id, c5);
        QCOMPARE(timeline->steps[0].change.change, ChangeKind::Moved);
        QCOMPARE(timeline->steps[0].change.newPath, QStringLiteral("prod/web-deploy.yaml"));
        QCOMPARE(timeline->steps[1].commit.id, c4);
        QCOMPARE(timeline->steps[1].change.change, ChangeKind::Modified);
        QCOMPARE(timeline->steps[1].commit.author.name, QStringLiteral("Cy"));
        QCOMPARE(timeline->steps[2].commit.id, c2);
        QCOMPARE(timeline->steps[2].change.change, ChangeKind::Moved);
        QCOMPARE(timeline->steps[2].change.oldPath, QStringLiteral("all.yaml"));
        QCOMPARE(timeline->steps[3].commit.id, c1);
        QCOMPARE(timeline->steps[3].change.change, ChangeKind::Added);

        auto image = core::diff::blameField(*timeline,
                                            QStringLiteral("spec.template.spec.containers[name=web].image"));
        QVERIFY(image);
        QCOMPARE(image->step.commit.id, c4);
        QVERIFY(image->fieldChange);
        QCOMPARE(image->fieldChange->newValue, QJsonValue(QStringLiteral("nginx:2")));
        auto replicas = core::diff::blameField(*timeline, QStringLiteral("spec.replicas"));
        QVERIFY(replicas);
        QCOMPARE(replicas->step.commit.id, c1); // set when added, never changed
        QVERIFY(!replicas->fieldChange);
    }

    // A timeline carries the errors about its resource: its own second definitions (wherever they
    // are), not another key's second definition in the same file, nor another file's parse error.
    void errorsAreAboutTheResourceOnly()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("0-first.yaml"), kOther);
        repo.write(QStringLiteral("a.yaml"), deployment("nginx:1"));
        const QString c1 = repo.commit(QStringLiteral("add web"));
        repo.write(QStringLiteral("a.yaml"), deployment("nginx:2") + "---\n" + kOther); // other: ignored here
        repo.write(QStringLiteral("b.yaml"), deployment("nginx:9"));                    // web: ignored here
        repo.write(QStringLiteral("c.yaml"), "kind: [unclosed\n");
        const QString c2 = repo.commit(QStringLiteral("bump web, copy it and other"));

        auto timeline = webTimeline(repo);
        QVERIFY2(timeline.has_value(), test::why(timeline).constData());
        QCOMPARE(timeline->steps.size(), 2);
        QCOMPARE(timeline->steps[0].commit.id, c2);
        QCOMPARE(timeline->steps[1].commit.id, c1);
        QCOMPARE(timeline->moreErrors, 0);
        QCOMPARE(timeline->errors.size(), 1);
        QCOMPARE(timeline->errors[0].commit, c2);
        QCOMPARE(timeline->errors[0].error.path, QStringLiteral("b.yaml"));
        QCOMPARE(timeline->errors[0].error.line, 1);
        QCOMPARE(timeline->errors[0].error.message,
                 QStringLiteral("apps/Deployment prod/web is already defined in a.yaml (line 1); this "
                                "definition is ignored"));
    }

    void mergeIsListedOnlyWhenItDiffersFromEveryParent()
    {
        test::ScratchRepo repo;
        QProcessEnvironment author;
        author.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Ada"));
        author.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("ada@example.com"));
        repo.write(QStringLiteral("web.yaml"), deployment("nginx:1"));
        repo.commit(QStringLiteral("base"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("feature")});
        repo.write(QStringLiteral("web.yaml"), deployment("nginx:2"));
        const QString feature = repo.commit(QStringLiteral("feature bump"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.write(QStringLiteral("other.yaml"), kOther);
        repo.commit(QStringLiteral("main work"));
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-edit"),
                  QStringLiteral("feature")},
                 author);
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        auto timeline = core::diff::buildTimeline(
            *opened, *core::manifest::ResourceKey::fromArgument(QStringLiteral("apps/Deployment/prod/web")),
            QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(timeline.has_value(), test::why(timeline).constData());
        QCOMPARE(timeline->steps.size(),
                 2); // feature bump + base; the merge only brings the feature's change
        QCOMPARE(timeline->steps[0].commit.id, feature);
    }

    // An environment's timeline reads its commits on several threads: the same steps, in the same
    // order, as on one — through the commit where the environment begins (Flux's production: its
    // podinfo release, rendered by kustomize, followed through 124 commits to before it existed).
    void environmentTimelineIsTheSameOnAnyNumberOfThreads()
    {
        SHIPLOG_REQUIRE_FIXTURE("flux2-kustomize-helm-example");
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("flux2-kustomize-helm-example"), dir.path()));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        const auto key = *core::manifest::ResourceKey::fromArgument(
            QStringLiteral("helm.toolkit.fluxcd.io/HelmRelease/podinfo/podinfo"));
        const auto describe = [](const core::diff::Timeline& timeline) {
            QStringList lines{QString::number(timeline.commitsScanned)};
            for (const core::diff::TimelineStep& step : timeline.steps)
                lines << QStringLiteral("%1 %2 %3 -> %4 %5 fields")
                             .arg(step.commit.id, core::diff::changeKindName(step.change.change),
                                  step.change.oldPath, step.change.newPath)
                             .arg(step.change.fields.size());
            return lines;
        };
        auto one = core::diff::buildEnvironmentTimeline(
            *opened, key, QStringLiteral("HEAD"), QStringLiteral("production"), nullptr, {.threads = 1});
        QVERIFY2(one.has_value(), test::why(one).constData());
        auto four = core::diff::buildEnvironmentTimeline(
            *opened, key, QStringLiteral("HEAD"), QStringLiteral("production"), nullptr, {.threads = 4});
        QVERIFY2(four.has_value(), test::why(four).constData());
        QVERIFY(one->steps.size() >= 5);
        QCOMPARE(one->steps.last().change.change, core::diff::ChangeKind::Added);
        // The environment begins after the root commit: the history ends for it there.
        QProcess count;
        count.start(QStringLiteral("git"), {QStringLiteral("-C"), dir.path(), QStringLiteral("rev-list"),
                                            QStringLiteral("--count"), QStringLiteral("HEAD")});
        QVERIFY(count.waitForFinished());
        const int commits = count.readAllStandardOutput().trimmed().toInt();
        QVERIFY(commits > 100);
        QVERIFY2(one->commitsScanned < commits, qPrintable(QString::number(one->commitsScanned)));
        QCOMPARE(describe(*four), describe(*one));
    }

    // A Jenkins X environment is its folders' files as they are: a commit whose changed manifests
    // mention neither the resource nor a CRD is skipped without rendering. A CRD does change a
    // resource it does not mention: its scope decides whether the folder's namespace is given.
    void environmentTimelineSkipsOnlyCommitsThatCannotChangeTheResource()
    {
        test::ScratchRepo repo;
        const auto crd = [](const QByteArray& scope) {
            return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: "
                   "widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n    "
                   "plural: "
                   "widgets\n  scope: " +
                   scope + "\n  versions:\n  - name: v1\n    served: true\n    storage: true\n";
        };
        const auto configMap = [](const QByteArray& value) {
            return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: " + value +
                   "\n";
        };
        repo.write(QStringLiteral("jx-requirements.yml"),
                   "apiVersion: core.jenkins-x.io/v4beta1\nkind: Requirements\nspec:\n  environments:\n"
                   "  - key: dev\n");
        repo.write(QStringLiteral("config-root/customresourcedefinitions/jx/widgets.yaml"),
                   crd("Namespaced"));
        repo.write(QStringLiteral("config-root/namespaces/jx/widget.yaml"),
                   "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n");
        repo.write(QStringLiteral("config-root/namespaces/jx/settings.yaml"), configMap("1"));
        const QString added = repo.commit(QStringLiteral("add the widget"));
        repo.write(QStringLiteral("config-root/namespaces/jx/settings.yaml"), configMap("2"));
        repo.commit(QStringLiteral("change another resource"));
        repo.write(QStringLiteral("config-root/namespaces/jx/widget.yaml"),
                   "# a comment\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  "
                   "size: 2\n");
        const QString resized = repo.commit(QStringLiteral("resize the widget"));
        repo.write(QStringLiteral("config-root/namespaces/jx/settings.yaml"), configMap("3"));
        repo.write(QStringLiteral("README.md"), "notes\n");
        repo.commit(QStringLiteral("change another resource and the notes"));
        repo.write(QStringLiteral("config-root/customresourcedefinitions/jx/widgets.yaml"), crd("Cluster"));
        const QString clustered = repo.commit(QStringLiteral("widgets are cluster-scoped"));

        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        const auto key =
            *core::manifest::ResourceKey::fromArgument(QStringLiteral("example.com/Widget/jx/w"));
        const auto steps = [&](bool skip) {
            auto timeline = core::diff::buildEnvironmentTimeline(*opened, key, QStringLiteral("HEAD"),
                                                                 QStringLiteral("jx"), nullptr,
                                                                 {.skipCommitsThatCannotChangeIt = skip});
            QStringList lines;
            if (!timeline)
                return QStringList{timeline.error().message};
            for (const core::diff::TimelineStep& step : timeline->steps)
                lines << step.commit.id + u' ' + core::diff::changeKindName(step.change.change) + u' ' +
                             QString::number(step.change.fields.size());
            return lines;
        };
        const QStringList skipping = steps(true);
        QCOMPARE(skipping,
                 (QStringList{clustered + QStringLiteral(" removed 0"),
                              resized + QStringLiteral(" modified 1"), added + QStringLiteral(" added 0")}));
        QCOMPARE(skipping, steps(false));
    }

    // The same on a real history: Jenkins X's own repository, a namespaced Deployment of the dev
    // environment and a cluster-scoped object of its cluster folder, from 1,000 commits before its end
    // (1,090 commits, 379 of them touch config-root/).
    void environmentTimelineSkipsTheSameOnJenkinsXsHistory()
    {
        SHIPLOG_REQUIRE_FIXTURE("jx3-eagle");
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path()));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        for (const char* argument : {"apps/Deployment/jx/lighthouse-foghorn",
                                     "rbac.authorization.k8s.io/ClusterRole/-/jx-pipelines-visualizer"}) {
            const auto parsed = core::manifest::ResourceKey::fromArgument(QLatin1String(argument));
            QVERIFY2(parsed, argument);
            const core::manifest::ResourceKey key = *parsed;
            QStringList runs[2];
            for (const bool skip : {true, false}) {
                auto timeline = core::diff::buildEnvironmentTimeline(
                    *opened, key, QStringLiteral("HEAD~1000"), QStringLiteral("jx"), nullptr,
                    {.skipCommitsThatCannotChangeIt = skip});
                QVERIFY2(timeline.has_value(), test::why(timeline).constData());
                QStringList& lines = runs[skip ? 0 : 1];
                lines << QString::number(timeline->commitsScanned);
                for (const core::diff::TimelineStep& step : timeline->steps)
                    lines << QStringLiteral("%1 %2 %3 -> %4 %5 fields")
                                 .arg(step.commit.id, core::diff::changeKindName(step.change.change),
                                      step.change.oldPath, step.change.newPath)
                                 .arg(step.change.fields.size());
            }
            QVERIFY2(runs[0].size() > 3, argument);
            QCOMPARE(runs[0], runs[1]);
        }
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
