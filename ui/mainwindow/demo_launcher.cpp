#include "ui/mainwindow/demo_launcher.h"

namespace shiplog::ui {

namespace {
void createDemoJob(QPromise<DemoLaunch>& promise, const QString& folder)
{
    DemoLaunch launch{core::demo::createDemoEnvironment(folder), nullptr, {}};
    if (launch.environment && !promise.isCanceled()) {
        auto cluster = std::make_shared<core::demo::DemoCluster>();
        if (auto started = cluster->start(launch.environment->workTree); started)
            launch.cluster = std::move(cluster);
        else
            launch.clusterError = started.error().message;
    }
    promise.addResult(std::move(launch));
}
}  // namespace

DemoLauncher::DemoLauncher(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<core::demo::DemoClusterInfo>();
    connect(m_job.watcher(), &QFutureWatcherBase::finished, this, &DemoLauncher::onFinished);
}

DemoLauncher::~DemoLauncher() = default;  // the job is cancelled and waited for, then the cluster stops

void DemoLauncher::start(const QString& folder)
{
    if (m_job.isRunning())
        return;
    m_cluster.reset();  // regenerating replaces the folder the old cluster's kubeconfig is in
    m_job.start(&createDemoJob, folder.isEmpty() ? core::demo::defaultDemoFolder() : folder);
}

core::demo::DemoClusterInfo DemoLauncher::cluster() const
{
    return m_cluster && m_cluster->isRunning() ? m_cluster->info() : core::demo::DemoClusterInfo{};
}

void DemoLauncher::onFinished()
{
    const auto future = m_job.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const DemoLaunch launch = future.result();
    if (!launch.environment) {
        emit failed(launch.environment.error().message);
        return;
    }
    m_environment = *launch.environment;
    m_cluster = launch.cluster;
    emit ready(launch.environment->workTree);
    if (m_cluster)
        emit clusterReady(m_cluster->info());
    else
        emit clusterFailed(launch.clusterError);
}

}  // namespace shiplog::ui
