#pragma once

#include "core/common/error.h"

#include <QString>

namespace shiplog::core::demo {

struct DemoEnvironment
{
    QString workTree; // <folder>/environment: branch master checked out, remote "origin"
    QString origin;   // <folder>/origin.git: the bare repository the work tree pushes to
};

// <cache>/demo, where <cache> is QStandardPaths::CacheLocation of the "shiplog" application.
QString defaultDemoFolder();

// Generates the built-in demo environment (a Jenkins X cluster repository with six weeks of history,
// see demo_history.cpp) into `folder`, replacing an earlier demo there. The new demo is built in a
// temporary sibling folder and swapped in, so a failure leaves the old one untouched. Refuses a
// folder that holds something other than a Shiplog demo. The content and commit ids are the same
// on every run. Blocking (about a second): call it from a job, not the GUI thread.
Result<DemoEnvironment> createDemoEnvironment(const QString& folder);

} // namespace shiplog::core::demo
