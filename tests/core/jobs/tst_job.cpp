// core/jobs/job.h: discard() lets the GUI thread go on at once, and nothing of the discarded job
// (result, finished) reaches the watcher afterwards.
#include "core/jobs/job.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <atomic>

using namespace shiplog::core;

namespace {

// Blocks until `release` is set, whatever the cancellation says (a step that does not poll), then
// delivers `value` unless cancelled.
void stubborn(QPromise<int>& promise, std::atomic<bool>* release, int value)
{
    while (!release->load())
        QThread::msleep(5);
    if (!promise.isCanceled())
        promise.addResult(value);
}

void quick(QPromise<int>& promise, int value)
{
    promise.addResult(value);
}

} // namespace

class TestJob : public QObject
{
    Q_OBJECT

private slots:
    void discardReturnsWithoutWaiting()
    {
        std::atomic<bool> release = false;
        jobs::Job<int> job;
        QSignalSpy finished(job.watcher(), &QFutureWatcherBase::finished);
        job.start(&stubborn, &release, 7);
        QFuture<int> running = job.future();
        QVERIFY(job.isRunning());

        QElapsedTimer timer;
        timer.start();
        job.discard();
        QVERIFY2(timer.elapsed() < 1000, "discard() waited for the job");
        QVERIFY(!running.isFinished()); // still held by `release`
        QVERIFY(running.isCanceled());
        QVERIFY(!job.isRunning());
        QVERIFY(!job.future().isValid());

        release = true;
        running.waitForFinished();
        QTest::qWait(100);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(running.resultCount(), 0);
    }

    // The job finished and posted its signals before discard(): they are dropped, so a view that
    // was cleared never shows the old result.
    void discardDropsAResultAlreadyPosted()
    {
        jobs::Job<int> job;
        QSignalSpy finished(job.watcher(), &QFutureWatcherBase::finished);
        QSignalSpy ready(job.watcher(), &QFutureWatcherBase::resultReadyAt);
        job.start(&quick, 42);
        QFuture<int> done = job.future();
        done.waitForFinished(); // no event processed yet: the signals are still queued
        job.discard();
        QTest::qWait(100);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(ready.count(), 0);

        // The same Job runs the next request normally.
        job.start(&quick, 43);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.future().result(), 43);
    }

    // cancel() keeps watching: finished arrives once the job has stopped.
    void cancelStillReportsFinished()
    {
        std::atomic<bool> release = false;
        jobs::Job<int> job;
        QSignalSpy finished(job.watcher(), &QFutureWatcherBase::finished);
        job.start(&stubborn, &release, 7);
        job.cancel();
        release = true;
        QVERIFY(finished.wait(10000));
        QVERIFY(job.future().isCanceled());
        QCOMPARE(job.future().resultCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
