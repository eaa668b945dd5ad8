#pragma once

// The demo as the UI sees it: plain values and a function the application registers at start-up
// (app/demo_launch.cpp), so that the UI neither names nor links the demo itself (a generated
// repository, a Kubernetes API server and a forge).
#include "core/jobs/job.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace shiplog::ui {

// Where the demo's local cluster listens.
struct LaunchedCluster
{
    QString kubeconfigPath; // a kubeconfig with this cluster only, one context
    QString context;
    QString server;      // https://127.0.0.1:PORT
    QString seedSummary; // "Seeded N of M objects; K skipped"
};

// What launching the demo gave: the generated repositories and, when they started, its cluster and
// its forge (a GitHub API stand-in the demo's reverts open pull requests on).
struct DemoLaunch
{
    QString error;    // the demo could not be generated (nothing else is set)
    QString workTree; // the repository to open
    LaunchedCluster cluster;
    QString clusterError; // the cluster did not start (the demo still opens)
    QString forgeApiUrl;  // empty: no forge (reverts push and offer the browser form instead)
    QString forgeWebRepo;
    QString forgeToken;            // in this process only
    std::shared_ptr<void> running; // owns the cluster and the forge: they stop when it goes
};

// Generates the demo into `folder` (empty: the default folder) and starts its services. Runs on the
// pool; `isCanceled` is asked between steps.
using DemoLaunchFunction =
    std::function<DemoLaunch(const QString& folder, const std::function<bool()>& isCanceled)>;

// Set once at start-up by the application (and by tests that open the demo); without it the
// demo reports that this build has none.
void setDemoLaunchFunction(DemoLaunchFunction launch);

// Runs the registered launch function on the pool and keeps what it started running until the
// launcher (the window) goes away or the demo is launched again. Registers the demo's forge for
// its work tree (ui/revert/forge_settings.h) so that its pull requests go there.
class DemoLauncher : public QObject
{
    Q_OBJECT
public:
    explicit DemoLauncher(QObject* parent = nullptr);
    ~DemoLauncher() override;
    void start(const QString& folder = {});
    bool isRunning() const { return m_job.isRunning(); }

    // The running cluster, or empty values when none runs.
    LaunchedCluster cluster() const { return m_running ? m_cluster : LaunchedCluster{}; }

signals:
    void ready(const QString& workTree);
    void failed(const QString& message);
    void clusterReady(const shiplog::ui::LaunchedCluster& cluster);
    void clusterFailed(const QString& message);

private:
    void onFinished(const DemoLaunch& launch);
    void release();
    core::jobs::Job<DemoLaunch> m_job;
    std::shared_ptr<void> m_running;
    LaunchedCluster m_cluster;
    QString m_forgeWorkTree; // the work tree the demo's forge is registered for
};

} // namespace shiplog::ui

Q_DECLARE_METATYPE(shiplog::ui::LaunchedCluster)
