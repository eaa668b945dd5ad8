#include "core/drift/drift_session.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutex>
#include <QSet>
#include <QTimer>

namespace shiplog::core::drift {

namespace {

// The connection threads of destroyed sessions that are still ending: joined at exit, before the
// static objects they may use go.
QMutex& endingMutex()
{
    static QMutex mutex;
    return mutex;
}

QSet<QThread*>& endingThreads()
{
    static QSet<QThread*> threads;
    return threads;
}

void joinEndingThreads()
{
    const QSet<QThread*> threads = [] {
        const QMutexLocker lock(&endingMutex());
        return endingThreads();
    }();
    for (QThread* thread : threads)
        thread->wait();
}

} // namespace

DriftSession::DriftSession(DriftOptions options, QObject* parent)
    : QObject(parent), m_thread(new QThread), m_worker(new DriftWorker(options))
{
    qRegisterMetaType<DesiredState>();
    qRegisterMetaType<ConnectionInfo>();
    qRegisterMetaType<DriftReport>();
    qRegisterMetaType<kube::ConnectionConfig>();
    static const bool joinAtExit = [] {
        qAddPostRoutine(&joinEndingThreads);
        return true;
    }();
    Q_UNUSED(joinAtExit);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DriftWorker::connected, this, &DriftSession::connected);
    connect(m_worker, &DriftWorker::failed, this, &DriftSession::failed);
    connect(m_worker, &DriftWorker::statusChanged, this, &DriftSession::statusChanged);
    connect(m_worker, &DriftWorker::reportReady, this, &DriftSession::reportReady);
    m_thread->setObjectName(QStringLiteral("kube-connection"));
    m_thread->start();
}

DriftSession::~DriftSession()
{
    {
        const QMutexLocker lock(&endingMutex());
        endingThreads().insert(m_thread);
    }
    QThread* thread = m_thread;
    // Direct: the thread removes itself from the set as it ends (the set outlives it: joined at exit).
    QObject::connect(
        thread, &QThread::finished, thread,
        [thread] {
            const QMutexLocker lock(&endingMutex());
            endingThreads().remove(thread);
        },
        Qt::DirectConnection);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // Disconnect (stops the watches and requests), then end the loop: queued behind what the worker
    // is doing now, which the GUI thread does not wait for.
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            worker->disconnectFromCluster();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
}

void DriftSession::connectTo(const kube::ConnectionConfig& connection)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, connection]() { worker->connectTo(connection); }, Qt::QueuedConnection);
}

void DriftSession::setDesired(const DesiredState& desired)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, desired]() { worker->setDesired(desired); }, Qt::QueuedConnection);
}

void DriftSession::disconnectFromCluster()
{
    QMetaObject::invokeMethod(m_worker, &DriftWorker::disconnectFromCluster, Qt::QueuedConnection);
}

Result<DriftReport> computeDriftOnce(const kube::ConnectionConfig& connection, const DesiredState& desired,
                                     DriftOptions options, int timeoutMs)
{
    options.watch = false;
    options.debounceMs = 0;
    DriftWorker worker(options);
    QEventLoop loop;
    std::optional<Result<DriftReport>> result;
    QObject::connect(&worker, &DriftWorker::reportReady, &loop, [&](const DriftReport& report) {
        result = report;
        loop.quit();
    });
    QObject::connect(&worker, &DriftWorker::failed, &loop, [&](const QString& message) {
        result = fail(message);
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&]() {
        result = fail(QStringLiteral("No drift report from %1 within %2 seconds.")
                          .arg(connection.cluster.server)
                          .arg(timeoutMs / 1000));
        loop.quit();
    });
    worker.setDesired(desired);
    worker.connectTo(connection);
    if (!result)
        loop.exec();
    return *result;
}

} // namespace shiplog::core::drift
