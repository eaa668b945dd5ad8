#pragma once

#include "core/common/error.h"
#include "core/demo/demo_environment.h"
#include "core/jobs/job.h"

#include <QObject>

namespace shiplog::ui {

// Generates the demo environment on the pool (it takes a second) and says where its work tree is.
class DemoLauncher : public QObject
{
    Q_OBJECT
public:
    explicit DemoLauncher(QObject* parent = nullptr);
    // Generates into `folder` (default: core's cache folder for the demo).
    void start(const QString& folder = {});
    bool isRunning() const { return m_job.isRunning(); }

signals:
    void ready(const QString& workTree);
    void failed(const QString& message);

private:
    void onFinished();
    core::jobs::Job<core::Result<core::demo::DemoEnvironment>> m_job;
};

}  // namespace shiplog::ui
