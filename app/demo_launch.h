#pragma once

// The demo behind the UI's DemoLaunchFunction: the application registers it at start-up, so that
// only the application (and the tests) link the demo.
#include "ui/mainwindow/demo_launcher.h"

namespace shiplog::app {

// Generates the demo environment into `folder` (empty: core/demo's default folder), starts its
// cluster (the local Kubernetes API server, seeded from the work tree, drift injected) and its
// forge (GitHub API stand-in on loopback, a fresh token).
ui::DemoLaunch launchDemo(const QString& folder, const std::function<bool()>& isCanceled);

} // namespace shiplog::app
