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

        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        const auto key =
            core::manifest::ResourceKey::fromArgument(QStringLiteral("apps/Deployment/prod/web"));
        QVERIFY(key);
        auto timeline = core::diff::buildTimeline(*opened, *key, QStringLiteral("HEAD"), {}, cache);
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
        auto one = core::diff::buildEnvironmentTimeline(*opened, key, QStringLiteral("HEAD"),
                                                        QStringLiteral("production"), nullptr, 1);
        QVERIFY2(one.has_value(), test::why(one).constData());
        auto four = core::diff::buildEnvironmentTimeline(*opened, key, QStringLiteral("HEAD"),
                                                         QStringLiteral("production"), nullptr, 4);
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
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
