// core/jobs/job.h: Job<T>::run wraps a plain function, and onResult delivers exactly one finished,
// not-canceled result on the context's thread — never after cancel, discard, a newer run, or the
// context's destruction.
#include "core/common/error.h"
#include "core/jobs/job.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <atomic>

using namespace shiplog::core;

namespace {

Result<int> twice(int value)
{
    if (value < 0)
        return fail(QStringLiteral("negative"));
    return value * 2;
}

int plainValue(int value)
{
    return value + 1;
}

// Does not poll for cancellation: returns only once `release` is set.
Result<int> blocked(std::atomic<bool>* release, int value)
{
    while (!release->load())
        QThread::msleep(5);
    return value;
}

// Counts what a Job delivers to one context.
struct Deliveries
{
    int results = 0;
    int canceled = 0;
    QList<int> values;
    QList<QString> errors;
    QThread* thread = nullptr;

    void watch(jobs::Job<Result<int>>& job, QObject* context)
    {
        job.onResult(context, [this](const Result<int>& r) {
            ++results;
            thread = QThread::currentThread();
            if (r)
                values.append(*r);
            else
                errors.append(r.error().message);
        });
        job.onCanceled(context, [this] { ++canceled; });
    }
};

// Reports its result, then is canceled while it finishes up (Qt drops results reported after a
// cancel, not those before).
void reportsThenWinds(QPromise<Result<int>>& promise, std::atomic<bool>* reported, std::atomic<bool>* release)
{
    promise.addResult(Result<int>(fail(QStringLiteral("pushed before the cancel"))));
    *reported = true;
    while (!release->load())
        QThread::msleep(5);
}

} // namespace

class TestJobRun : public QObject
{
    Q_OBJECT

private slots:
    void deliversOneResult()
    {
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);
        job.run(&twice, 21);
        QTRY_COMPARE(seen.results, 1);
        QTest::qWait(50);
        QCOMPARE(seen.results, 1);
        QCOMPARE(seen.values, QList<int>{42});
        QCOMPARE(seen.canceled, 0);
        QCOMPARE(seen.thread, QThread::currentThread());

        // An error is a result too (the caller shows it); the same Job runs again.
        job.run(&twice, -1);
        QTRY_COMPARE(seen.results, 2);
        QCOMPARE(seen.errors, QList<QString>{QStringLiteral("negative")});
    }

    void convertsAPlainValueAndTakesLambdas()
    {
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);
        job.run(&plainValue, 1);
        QTRY_COMPARE(seen.values, QList<int>{2});
        const QString word = QStringLiteral("four");
        job.run([](const QString& text) -> Result<int> { return int(text.size()); }, word);
        QTRY_COMPARE(seen.values, (QList<int>{2, 4}));
    }

    void canceledDeliversNothing()
    {
        std::atomic<bool> release = false;
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);
        job.run(&blocked, &release, 7);
        QTRY_VERIFY(job.future().isStarted());
        job.cancel();
        release = true;
        QTRY_COMPARE(seen.canceled, 1);
        QTest::qWait(50);
        QCOMPARE(seen.results, 0);
    }

    void discardDeliversNothing()
    {
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);

        // Finished and posted before discard(): dropped.
        job.run(&twice, 1);
        QFuture<Result<int>> done = job.future();
        done.waitForFinished();
        job.discard();

        // Still running at discard(): returns at once, dropped later.
        std::atomic<bool> release = false;
        job.run(&blocked, &release, 3);
        QFuture<Result<int>> running = job.future();
        QElapsedTimer timer;
        timer.start();
        job.discard();
        QVERIFY2(timer.elapsed() < 1000, "discard() waited for the job");
        release = true;
        running.waitForFinished();
        QTest::qWait(100);
        QCOMPARE(seen.results, 0);
        QCOMPARE(seen.canceled, 0);
    }

    void aNewerRunReplacesTheOlder()
    {
        std::atomic<bool> release = false;
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);
        job.run(&blocked, &release, 1);
        QFuture<Result<int>> older = job.future();
        job.run(&twice, 5);
        QTRY_COMPARE(seen.results, 1);
        release = true;
        older.waitForFinished();
        QTest::qWait(100);
        QCOMPARE(seen.values, QList<int>{10});
        QCOMPARE(seen.canceled, 0);
    }

    void contextDestroyedDeliversNothing()
    {
        jobs::Job<Result<int>> job;
        Deliveries seen;
        auto* context = new QObject;
        seen.watch(job, context);
        job.run(&twice, 4);
        job.future().waitForFinished(); // the finished signal is queued, not yet handled
        delete context;
        QTest::qWait(100);
        QCOMPARE(seen.results, 0);
        QCOMPARE(seen.canceled, 0);
    }

    void deliversOnTheContextsThread()
    {
        QThread worker;
        worker.start();
        auto* context = new QObject;
        context->moveToThread(&worker);
        jobs::Job<Result<int>> job;
        std::atomic<int> results = 0;
        std::atomic<QThread*> thread = nullptr;
        job.onResult(context, [&](const Result<int>& r) {
            thread = QThread::currentThread();
            results += r ? *r : 0;
        });
        job.run(&twice, 8);
        QTRY_COMPARE(results.load(), 16);
        QCOMPARE(thread.load(), &worker);
        QMetaObject::invokeMethod(context, &QObject::deleteLater);
        worker.quit();
        worker.wait();
    }

    // onFinished hands over a result produced despite the cancel; onResult stays silent then.
    void onFinishedSeesWhatACanceledJobReported()
    {
        std::atomic<bool> reported = false;
        std::atomic<bool> release = false;
        QObject context;
        jobs::Job<Result<int>> job;
        Deliveries seen;
        seen.watch(job, &context);
        QList<std::optional<Result<int>>> finished;
        job.onFinished(&context, [&](const std::optional<Result<int>>& r) { finished.append(r); });
        job.start(&reportsThenWinds, &reported, &release);
        QTRY_VERIFY(reported.load());
        job.cancel();
        release = true;
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.first().has_value());
        QCOMPARE(finished.first()->error().message, QStringLiteral("pushed before the cancel"));
        QCOMPARE(seen.results, 0);
        QCOMPARE(seen.canceled, 1);

        // Canceled before it delivered anything: nullopt.
        std::atomic<bool> later = false;
        job.run(&blocked, &later, 1);
        QTRY_VERIFY(job.future().isStarted());
        job.cancel();
        later = true;
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(!finished.last().has_value());
        QCOMPARE(seen.canceled, 2);
        QCOMPARE(seen.results, 0);
    }

    // Destroying a Job (a widget closing) does not wait for the job either.
    void destructionDoesNotWait()
    {
        std::atomic<bool> release = false;
        QFuture<Result<int>> running;
        QElapsedTimer timer;
        {
            jobs::Job<Result<int>> job;
            job.run(&blocked, &release, 1);
            running = job.future();
            timer.start();
        }
        QVERIFY2(timer.elapsed() < 1000, "~Job waited for the job");
        QVERIFY(running.isCanceled());
        release = true;
        running.waitForFinished();
        QCOMPARE(running.resultCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJobRun)
#include "tst_job_run.moc"
