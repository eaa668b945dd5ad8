#include "core/jobs/job.h"

#include <QCoreApplication>

namespace shiplog::core::jobs {

namespace {

void waitForJobsWindingDown();

QThreadPool* instance()
{
    static QThreadPool* p = [] {
        auto* created = new QThreadPool; // lives until exit: workers may outlive any owner object
        created->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        // Jobs are discarded without waiting; at exit, before static caches go, let them finish.
        qAddPostRoutine(&waitForJobsWindingDown);
        return created;
    }();
    return p;
}

void waitForJobsWindingDown()
{
    instance()->waitForDone();
}

} // namespace

QThreadPool* pool()
{
    return instance();
}

} // namespace shiplog::core::jobs
