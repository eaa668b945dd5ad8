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
// discard() cancels and detaches the same way. stop() and destruction cancel and wait, so that
// nothing outlives the object that started it.
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
    // Asks the job to stop, still watching it: its finished signal arrives once it has stopped.
    void cancel() { m_watcher.cancel(); }

    // Asks the job to stop and forgets it without waiting (for clearing a view on the GUI thread):
    // like start(), the watcher lets go of it, so none of its results, progress or finished signals
    // arrive afterwards, not even ones it posted before this call. It winds down on the pool with
    // its own copies of its inputs. future() is then an invalid future that never starts.
    void discard()
    {
        if (m_watcher.future().isValid() && !m_watcher.isFinished())
            m_watcher.cancel();
        // A future that never starts: the watcher gets no started/finished of its own either (an
        // empty QFuture<T>() is born finished and would announce that).
        m_watcher.setFuture(QFutureInterface<T>().future());
    }
    bool isRunning() const { return m_watcher.isRunning(); }
    QFuture<T> future() const { return m_watcher.future(); }
    QFutureWatcher<T>* watcher() { return &m_watcher; }

private:
    QFutureWatcher<T> m_watcher;
};

}  // namespace shiplog::core::jobs
