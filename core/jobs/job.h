#pragma once

// The one way to run work off the GUI thread. A job is a function `void(QPromise<T>&, Args...)` run
// on the shared pool: it reports progress with promise.setProgressRange/setProgressValueAndText,
// delivers one or many results with promise.addResult (pages of a long list arrive as they are
// made), and returns early when promise.isCanceled(). Inputs are copied by value; a job never
// captures a QObject's `this`, and opens its own libgit2 repository from a path.
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace shiplog::core::jobs {

// The pool all background work shares (sized to the machine's cores).
QThreadPool* pool();

// Owns one running job and its watcher. Starting a new job cancels the previous one without waiting
// (the GUI must not stall while a big change set winds down): setFuture detaches the watcher from
// it, dropping its pending signals, and it finishes on the pool with its own copies of its inputs.
// stop() and destruction cancel and wait, so that nothing outlives the object that started it.
// Connect to watcher() for results, progress and finish.
template <typename T>
class Job
{
public:
    Job() = default;
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;
    ~Job() { stop(); }

    template <typename Function, typename... Args>
    void start(Function&& function, Args&&... args)
    {
        if (m_watcher.future().isValid() && !m_watcher.isFinished())
            m_watcher.cancel();
        m_watcher.setFuture(QtConcurrent::run(pool(), std::forward<Function>(function), std::forward<Args>(args)...));
    }

    // Asks the job to stop and waits until it has (jobs check for cancellation often).
    void stop()
    {
        if (m_watcher.future().isValid() && !m_watcher.isFinished()) {
            m_watcher.cancel();
            m_watcher.waitForFinished();
        }
    }
    void cancel() { m_watcher.cancel(); }
    bool isRunning() const { return m_watcher.isRunning(); }
    QFuture<T> future() const { return m_watcher.future(); }
    QFutureWatcher<T>* watcher() { return &m_watcher; }

private:
    QFutureWatcher<T> m_watcher;
};

}  // namespace shiplog::core::jobs
