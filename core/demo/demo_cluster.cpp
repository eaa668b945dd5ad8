#include "core/demo/demo_cluster.h"

#include "core/demo/kube_server.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace shiplog::core::demo {

DemoCluster::DemoCluster() = default;

DemoCluster::~DemoCluster()
{
    stop();
}

Result<DemoClusterInfo> DemoCluster::start(const QString& repository, const QString& folder, bool injectDrift)
{
    stop();
    if (!QFileInfo(repository).isDir())
        return fail(QStringLiteral("Cannot start the demo cluster: %1 is not a directory.").arg(repository));
    auto server = std::make_unique<KubeServer>();
    auto endpoint = server->start();
    if (!endpoint)
        return std::unexpected(endpoint.error());
    auto seeded = server->seed(repository);
    if (!seeded)
        return std::unexpected(seeded.error());
    DemoClusterInfo info;
    info.context = contextName();
    info.server = endpoint->url;
    info.objects = seeded->created;
    info.seedSummary = seeded->summary();
    info.skipped = seeded->skipped;
    info.drift = injectDrift ? server->injectDemoDrift() : QStringList();
    const QString dir = folder.isEmpty() ? QFileInfo(QDir(repository).absolutePath()).absolutePath() : folder;
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("Cannot create %1 for the demo cluster's kubeconfig.").arg(dir));
    info.kubeconfigPath = QDir(dir).absoluteFilePath(QStringLiteral("kubeconfig"));
    if (auto written = server->writeKubeconfig(info.kubeconfigPath, info.context); !written)
        return std::unexpected(written.error());
    m_server = std::move(server);
    m_info = info;
    return info;
}

void DemoCluster::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
    if (!m_info.kubeconfigPath.isEmpty())
        QFile::remove(m_info.kubeconfigPath); // it names a port and token that no longer exist
    m_info = {};
}

bool DemoCluster::isRunning() const
{
    return m_server && m_server->isRunning();
}

DemoClusterInfo DemoCluster::info() const
{
    return m_info;
}

KubeServer* DemoCluster::server()
{
    return m_server.get();
}

} // namespace shiplog::core::demo
