#include "ui/mainwindow/demo_launcher.h"

#include "ui/revert/forge_settings.h"

namespace shiplog::ui {

namespace {

DemoLaunchFunction& registeredLaunch()
{
    static DemoLaunchFunction launch;
    return launch;
}

void launchJob(QPromise<DemoLaunch>& promise, const DemoLaunchFunction& launch, const QString& folder)
{
    if (!launch) {
        promise.addResult(
            DemoLaunch{QObject::tr("this build of Shiplog has no demo"), {}, {}, {}, {}, {}, {}, {}});
        return;
    }
    promise.addResult(launch(folder, [&promise] { return promise.isCanceled(); }));
}

} // namespace

void setDemoLaunchFunction(DemoLaunchFunction launch)
{
    registeredLaunch() = std::move(launch);
}

DemoLauncher::DemoLauncher(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<LaunchedCluster>();
    m_job.onResult(this, [this](const DemoLaunch& launch) { onFinished(launch); });
}

// Stops the cluster and the forge (their server threads quit at once); a launch still running is
// discarded by m_job afterwards, without waiting.
DemoLauncher::~DemoLauncher()
{
    release();
}

void DemoLauncher::release()
{
    if (!m_forgeWorkTree.isEmpty())
        forges::clearSessionForge(m_forgeWorkTree);
    m_forgeWorkTree.clear();
    m_running.reset();
    m_cluster = {};
}

void DemoLauncher::start(const QString& folder)
{
    if (m_job.isRunning())
        return;
    release(); // regenerating replaces the folder the old cluster's kubeconfig is in
    m_job.start(&launchJob, registeredLaunch(), folder);
}

void DemoLauncher::onFinished(const DemoLaunch& launch)
{
    if (!launch.error.isEmpty()) {
        emit failed(launch.error);
        return;
    }
    m_running = launch.running;
    m_cluster = launch.cluster;
    if (!launch.forgeApiUrl.isEmpty()) {
        m_forgeWorkTree = launch.workTree;
        forges::setSessionForge(launch.workTree, {core::forge::ForgeKind::GitHub, launch.forgeApiUrl,
                                                  launch.forgeWebRepo, launch.forgeToken});
    }
    emit ready(launch.workTree);
    if (!launch.cluster.server.isEmpty())
        emit clusterReady(launch.cluster);
    else
        emit clusterFailed(launch.clusterError);
}

} // namespace shiplog::ui
