#pragma once

#include "core/common/error.h"
#include "core/demo/demo_cluster.h"
#include "core/demo/demo_environment.h"
#include "core/jobs/job.h"

#include <QObject>

#include <memory>

namespace shiplog::ui {

// What the demo job hands back: the generated repositories and, when it started, the demo's
// cluster (the local Kubernetes API server seeded from the work tree, demo drift injected).
struct DemoLaunch
{
    core::Result<core::demo::DemoEnvironment> environment;
    std::shared_ptr<core::demo::DemoCluster> cluster;  // null when it did not start
    QString clusterError;
};

// Generates the demo environment on the pool (it takes a second), starts its cluster there too,
// and says where the work tree is. The cluster runs on its own thread until the launcher (the
// window) goes away or the demo is generated again.
class DemoLauncher : public QObject
{
    Q_OBJECT
public:
    explicit DemoLauncher(QObject* parent = nullptr);
    ~DemoLauncher() override;
    // Generates into `folder` (default: core's cache folder for the demo).
    void start(const QString& folder = {});
    bool isRunning() const { return m_job.isRunning(); }
    // The last demo generated (its work tree and bare origin).
    core::demo::DemoEnvironment environment() const { return m_environment; }

    // The running demo cluster (kubeconfig path, context, server), or empty values when none runs.
    core::demo::DemoClusterInfo cluster() const;

signals:
    void ready(const QString& workTree);
    void failed(const QString& message);
    void clusterReady(const shiplog::core::demo::DemoClusterInfo& cluster);
    void clusterFailed(const QString& message);

private:
    void onFinished();
    core::jobs::Job<DemoLaunch> m_job;
    std::shared_ptr<core::demo::DemoCluster> m_cluster;
    core::demo::DemoEnvironment m_environment;
};

}  // namespace shiplog::ui
