#include "core/jobs/job.h"

namespace shiplog::core::jobs {

QThreadPool* pool()
{
    static QThreadPool* instance = [] {
        auto* p = new QThreadPool;  // lives until exit: workers may outlive any owner object
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return p;
    }();
    return instance;
}

}  // namespace shiplog::core::jobs
