#pragma once

// The one way to run work off the GUI thread. Two shapes, one owner:
// - Job<T>::run(function, args…) for a plain function returning T (usually core::Result<X>): the
//   promise plumbing lives here, not in every caller.
// - Job<T>::start(function, args…) for a job `void(QPromise<T>&, Args...)` that streams: it reports
//   progress with promise.setProgressRange/setProgressValueAndText, delivers pages with
//   promise.addResult as they are made, and returns early when promise.isCanceled().
// Results come back through onResult(context, callback) — one finished, not-canceled result, on the
// context's thread — or, for streams and progress, through watcher(). Inputs are copied by value; a
// job never captures a QObject's `this`, and opens its own libgit2 repository from a path.
#include <QFutureWatcher>
#include <QMetaObject>
#include <QPointer>
#include <QPromise>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace shiplog::core::jobs {

// The pool all background work shares (sized to the machine's cores). At application exit it waits
// for the jobs still winding down (all of them canceled by then), so none outlives the caches it uses.
QThreadPool* pool();

// Owns one running job and its watcher. Starting a new job cancels the previous one without waiting
// (the GUI must not stall while a big change set winds down): setFuture detaches the watcher from
// it, dropping its pending signals, and it finishes on the pool with its own copies of its inputs.
// discard() and destruction cancel and detach the same way. stop() cancels and waits: only for
// threads that may block (tests, command line), never the GUI thread.
template <typename T> class Job
{
public:
    Job() = default;
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;
    ~Job() { discard(); }

    // Runs `function(args…)` on the pool and delivers what it returns (anything convertible to T) as
    // the one result. A job canceled before it starts does not run; one canceled while it runs
    // delivers nothing.
    template <typename Function, typename... Args> void run(Function&& function, Args&&... args)
    {
        start([function = std::forward<Function>(function),
               ... values = std::decay_t<Args>(std::forward<Args>(args))](QPromise<T>& promise) mutable {
            if (promise.isCanceled())
                return;
            T result = std::invoke(function, std::move(values)...);
            if (!promise.isCanceled())
                promise.addResult(std::move(result));
        });
    }

    // Starts a streaming job `void(QPromise<T>&, Args...)`.
    template <typename Function, typename... Args> void start(Function&& function, Args&&... args)
    {
        if (m_watcher.future().isValid() && !m_watcher.isFinished())
            m_watcher.cancel();
        m_watcher.setFuture(
            QtConcurrent::run(pool(), std::forward<Function>(function), std::forward<Args>(args)...));
    }

    // Calls `callback(T)` (or `callback(const T&)`) on `context`'s thread each time a watched job finishes,
    // was not canceled and produced a result (the first one, for a stream). Nothing arrives after discard(),
    // after a newer start/run replaced the job, or once `context` is destroyed.
    template <typename Callback> QMetaObject::Connection onResult(QObject* context, Callback callback)
    {
        return connectFinished(context, [this,
                                         callback = std::move(callback)](const QPointer<QObject>& target) {
            const QFuture<T> future = m_watcher.future();
            if (future.isCanceled() || future.resultCount() == 0)
                return;
            deliver(target, [callback, value = future.result()]() mutable { callback(std::move(value)); });
        });
    }

    // Calls `callback()` on `context`'s thread when a watched job stopped without a result: canceled
    // with cancel() (still watched), or canceled before it could deliver.
    template <typename Callback> QMetaObject::Connection onCanceled(QObject* context, Callback callback)
    {
        return connectFinished(context,
                               [this, callback = std::move(callback)](const QPointer<QObject>& target) {
                                   const QFuture<T> future = m_watcher.future();
                                   if (!future.isCanceled() && future.resultCount() > 0)
                                       return;
                                   deliver(target, callback);
                               });
    }

    // Calls `callback(const std::optional<T>&)` on `context`'s thread each time a watched job stops:
    // with its result when it produced one, even if it was canceled meanwhile, else nullopt. For jobs
    // whose result tells how far they got (a revert that pushed before it saw the cancel must say
    // so). Like onResult, nothing arrives after discard() or a newer start/run.
    template <typename Callback> QMetaObject::Connection onFinished(QObject* context, Callback callback)
    {
        return connectFinished(context, [this,
                                         callback = std::move(callback)](const QPointer<QObject>& target) {
            const QFuture<T> future = m_watcher.future();
            std::optional<T> value;
            if (future.resultCount() > 0)
                value = future.resultAt(0);
            deliver(target, [callback, value = std::move(value)]() mutable { callback(std::move(value)); });
        });
    }

    // Cancels and waits until the job has stopped (jobs check for cancellation often). Blocks: not
    // for the GUI thread, which uses discard() or cancel().
    void stop()
    {
        if (m_watcher.future().isValid() && !m_watcher.isFinished()) {
            m_watcher.cancel();
            m_watcher.waitForFinished();
        }
    }
    // Asks the job to stop, still watching it: its finished signal (onCanceled) arrives once it has
    // stopped.
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
    // Started and its end not yet delivered: a job that finished on the pool while its finished
    // signal still waits in the event loop is running, so a view is busy until it shows the result
    // (and cancel() in that window still means something).
    bool isRunning() const { return m_watcher.future().isStarted() && !m_watcher.isFinished(); }
    QFuture<T> future() const { return m_watcher.future(); }
    QFutureWatcher<T>* watcher() { return &m_watcher; }

private:
    // The watcher's finished signal, handled on the watcher's thread (where the Job lives) so that
    // the future read is the one that finished; the callback then runs on the context's thread.
    template <typename Handler> QMetaObject::Connection connectFinished(QObject* context, Handler handler)
    {
        return QObject::connect(
            &m_watcher, &QFutureWatcherBase::finished, context,
            [context, handler = std::move(handler)] { handler(QPointer<QObject>(context)); },
            Qt::DirectConnection);
    }

    template <typename Call> static void deliver(const QPointer<QObject>& target, Call call)
    {
        if (!target)
            return;
        if (target->thread() == QThread::currentThread())
            call();
        else // posted to the context: dropped if it is destroyed before the event runs
            QMetaObject::invokeMethod(target.data(), std::move(call), Qt::QueuedConnection);
    }

    QFutureWatcher<T> m_watcher;
};

} // namespace shiplog::core::jobs
