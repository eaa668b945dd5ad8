#include "ui/mainwindow/demo_launcher.h"

namespace shiplog::ui {

namespace {
void createDemoJob(QPromise<core::Result<core::demo::DemoEnvironment>>& promise, const QString& folder)
{
    promise.addResult(core::demo::createDemoEnvironment(folder));
}
}  // namespace

DemoLauncher::DemoLauncher(QObject* parent) : QObject(parent)
{
    connect(m_job.watcher(), &QFutureWatcherBase::finished, this, &DemoLauncher::onFinished);
}

void DemoLauncher::start(const QString& folder)
{
    if (m_job.isRunning())
        return;
    m_job.start(&createDemoJob, folder.isEmpty() ? core::demo::defaultDemoFolder() : folder);
}

void DemoLauncher::onFinished()
{
    const auto future = m_job.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const auto result = future.result();
    if (!result) {
        emit failed(result.error().message);
        return;
    }
    emit ready(result->workTree);
}

}  // namespace shiplog::ui
