#include "app/demo_launch.h"

#include "core/demo/demo_cluster.h"
#include "core/demo/demo_environment.h"
#include "core/demo/demo_forge.h"

#include <QUuid>

namespace shiplog::app {

namespace {
// What DemoLaunch::running owns.
struct RunningDemo
{
    std::unique_ptr<core::demo::DemoCluster> cluster;
    std::unique_ptr<core::demo::DemoForge> forge;
};
} // namespace

ui::DemoLaunch launchDemo(const QString& folder, const std::function<bool()>& isCanceled)
{
    ui::DemoLaunch launch;
    const auto environment =
        core::demo::createDemoEnvironment(folder.isEmpty() ? core::demo::defaultDemoFolder() : folder);
    if (!environment) {
        launch.error = environment.error().message;
        return launch;
    }
    launch.workTree = environment->workTree;
    if (isCanceled())
        return launch;
    auto running = std::make_shared<RunningDemo>();
    running->cluster = std::make_unique<core::demo::DemoCluster>();
    if (const auto started = running->cluster->start(environment->workTree)) {
        launch.cluster = {started->kubeconfigPath, started->context, started->server, started->seedSummary};
    } else {
        launch.clusterError = started.error().message;
        running->cluster.reset();
    }
    // Without its forge the demo still works: its reverts push and offer the browser form instead.
    running->forge = std::make_unique<core::demo::DemoForge>();
    const QString token = QStringLiteral("shiplog_demo_") + QUuid::createUuid().toString(QUuid::Id128);
    if (running->forge->start(environment->origin, token)) {
        launch.forgeApiUrl = running->forge->apiUrl();
        launch.forgeWebRepo = running->forge->webRepo();
        launch.forgeToken = token;
    } else {
        running->forge.reset();
    }
    launch.running = std::move(running);
    return launch;
}

} // namespace shiplog::app
