// core/drift/drift_blame.h: the history behind a drifted field, as git names the resource. A
// manifest without metadata.namespace is applied into the context's namespace, so the live key
// (with namespace) finds nothing and the bare key is tried — on a real repository.
#include "core/drift/drift_blame.h"
#include "core/jobs/job.h"
#include "tests/support/scratch_repo.h"

#include <QTest>

using namespace shiplog;
using namespace shiplog::core;

namespace {

const QByteArray withoutNamespace =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n";
const QByteArray withNamespace = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: "
                                 "jx-staging\ndata:\n  level: info\n";

Result<diff::Timeline> timelineOf(const QString& path, const manifest::ResourceKey& key)
{
    jobs::Job<Result<diff::Timeline>> job;
    job.start(&drift::loadDriftTimeline, path, key, QStringLiteral("HEAD"));
    job.future().waitForFinished();
    if (job.future().resultCount() == 0)
        return fail(QStringLiteral("no result"));
    return job.future().result();
}

} // namespace

class TestDriftBlame : public QObject
{
    Q_OBJECT

private slots:
    void fallsBackToTheBareKey()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("config/web.yaml"), withoutNamespace);
        repo.write(QStringLiteral("config/settings.yaml"), withNamespace);
        const QString first = repo.commit(QStringLiteral("Add web and settings"));
        repo.write(QStringLiteral("config/web.yaml"),
                   QByteArray(withoutNamespace).replace("replicas: 1", "replicas: 3"));
        const QString second = repo.commit(QStringLiteral("Scale web"));

        // The live object sits in jx-staging; git names it without a namespace.
        const auto web = timelineOf(repo.path(), {QStringLiteral("apps"), QStringLiteral("Deployment"),
                                                  QStringLiteral("jx-staging"), QStringLiteral("web")});
        QVERIFY2(web.has_value(), qPrintable(web ? QString() : web.error().message));
        QCOMPARE(web->steps.size(), 2);
        const auto blame = diff::blameField(*web, QStringLiteral("spec.replicas"));
        QVERIFY(blame.has_value());
        QCOMPARE(blame->step.commit.id, second);

        // A namespaced manifest is found under its own key.
        const auto settings =
            timelineOf(repo.path(), {QString(), QStringLiteral("ConfigMap"), QStringLiteral("jx-staging"),
                                     QStringLiteral("settings")});
        QVERIFY(settings.has_value());
        QCOMPARE(settings->steps.size(), 1);
        QCOMPARE(settings->steps.first().commit.id, first);

        // Not in git under either key: an empty timeline, not an error.
        const auto missing = timelineOf(repo.path(), {QStringLiteral("apps"), QStringLiteral("Deployment"),
                                                      QStringLiteral("jx-staging"), QStringLiteral("api")});
        QVERIFY(missing.has_value());
        QVERIFY(missing->steps.isEmpty());
    }

    void anUnreadableRepositoryIsAnError()
    {
        QTemporaryDir empty;
        const auto timeline = timelineOf(
            empty.path(), {QString(), QStringLiteral("ConfigMap"), QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(!timeline.has_value());
        QVERIFY(!timeline.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDriftBlame)
#include "tst_drift_blame.moc"
