// The demo's cluster: seeded from the generated demo repository, the five kinds of demo drift
// injected, a kubeconfig in the demo folder that resolves to it, and it stops cleanly.
#include "core/demo/demo_cluster.h"
#include "core/demo/demo_environment.h"
#include "core/demo/kube_server.h"
#include "core/drift/desired_state.h"
#include "core/drift/drift_session.h"
#include "core/environment/environment.h"
#include "core/kube/kubeconfig.h"
#include "tests/support/fixtures.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::demo::DemoCluster;

class TestDemoCluster : public QObject
{
    Q_OBJECT

private slots:
    void startsSeededWithDriftAndWritesAKubeconfig()
    {
        QTemporaryDir dir;
        auto environment = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("demo")));
        QVERIFY2(environment.has_value(), test::why(environment));

        DemoCluster cluster;
        auto info = cluster.start(environment->workTree);
        QVERIFY2(info.has_value(), test::why(info));
        QVERIFY(cluster.isRunning());
        QVERIFY2(info->objects > 20, qPrintable(QString::number(info->objects)));
        QCOMPARE(info->drift.size(), 5);
        QCOMPARE(info->context, QStringLiteral("shiplog-demo"));
        QVERIFY(info->server.startsWith(u"https://127.0.0.1:"));
        QCOMPARE(QFileInfo(info->kubeconfigPath).absolutePath(),
                 QFileInfo(dir.filePath(QStringLiteral("demo"))).absoluteFilePath());

        auto config = core::kube::loadKubeconfig(info->kubeconfigPath);
        QVERIFY2(config.has_value(), test::why(config));
        auto connection = core::kube::resolveContext(*config, info->context);
        QVERIFY2(connection.has_value(), test::why(connection));
        QCOMPARE(connection->cluster.server, info->server);
        QVERIFY(!connection->user.token.isEmpty());
        QVERIFY(!connection->cluster.certificateAuthorityData.isEmpty());

        // Drift of the demo repository's tip against it: every injected change shows, nothing else.
        auto desired = core::drift::loadDesiredState(environment->workTree);
        QVERIFY2(desired.has_value(), test::why(desired));
        auto report = core::drift::computeDriftOnce(*connection, *desired, {}, 30000);
        QVERIFY2(report.has_value(), test::why(report));
        QCOMPARE(report->summary.missing, 1); // the deleted Service
        QCOMPARE(report->summary.extra, 1);   // debug-overrides, carrying the ownership label
        QCOMPARE(report->summary.unreadable, 0);
        QCOMPARE(report->summary.drifted, info->drift.size() - 2); // scaled, edited, Secret changed
        QVERIFY(report->summary.inSync > 20);

        const QString kubeconfig = info->kubeconfigPath;
        cluster.stop();
        QVERIFY(!cluster.isRunning());
        QVERIFY2(!QFileInfo::exists(kubeconfig), "the kubeconfig of a stopped demo cluster must go");
    }

    // The demo repository is Jenkins X-shaped: drift of one environment counts only its resources
    // as missing or extra; the environments together give the whole repository's drift.
    void driftPerEnvironment()
    {
        QTemporaryDir dir;
        auto environment = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("demo")));
        QVERIFY2(environment.has_value(), test::why(environment));
        DemoCluster cluster;
        auto info = cluster.start(environment->workTree);
        QVERIFY2(info.has_value(), test::why(info));
        auto config = core::kube::loadKubeconfig(info->kubeconfigPath);
        QVERIFY(config);
        auto connection = core::kube::resolveContext(*config, info->context);
        QVERIFY(connection);
        auto whole = core::drift::loadDesiredState(environment->workTree);
        QVERIFY2(whole, test::why(whole));
        auto all = core::drift::computeDriftOnce(*connection, *whole, {}, 30000);
        QVERIFY2(all, test::why(all));

        auto detected = core::environment::detectEnvironments(environment->workTree);
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, core::environment::Layout::JenkinsX);
        core::drift::DriftSummary sum;
        for (const core::environment::Environment& env : detected->environments) {
            auto desired = core::drift::loadDesiredState(environment->workTree, {}, {}, env.name);
            QVERIFY2(desired, test::why(desired));
            QVERIFY(desired->extraNamespaces.has_value());
            auto report = core::drift::computeDriftOnce(*connection, *desired, {}, 30000);
            QVERIFY2(report, test::why(report));
            for (const core::drift::ResourceDrift& r : report->resources)
                if (r.status == core::drift::DriftStatus::Extra && !r.namespaceName.isEmpty())
                    QVERIFY2(desired->extraNamespaces->contains(r.namespaceName),
                             qPrintable(env.name + QStringLiteral(": ") + r.namespaceName + u'/' + r.name));
            sum.inSync += report->summary.inSync;
            sum.drifted += report->summary.drifted;
            sum.missing += report->summary.missing;
            sum.extra += report->summary.extra;
        }
        QCOMPARE(sum.inSync, all->summary.inSync);
        QCOMPARE(sum.drifted, all->summary.drifted);
        QCOMPARE(sum.missing, all->summary.missing);
        QCOMPARE(sum.extra, all->summary.extra);
        cluster.stop();
    }

    void refusesAMissingRepository()
    {
        DemoCluster cluster;
        auto info = cluster.start(QStringLiteral("/nonexistent/shiplog-demo"));
        QVERIFY(!info.has_value());
        QVERIFY(!cluster.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestDemoCluster)
#include "tst_demo_cluster.moc"
