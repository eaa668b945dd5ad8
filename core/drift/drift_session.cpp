#include "core/drift/drift_session.h"

#include <QEventLoop>
#include <QTimer>

namespace shiplog::core::drift {

DriftSession::DriftSession(DriftOptions options, QObject* parent)
    : QObject(parent), m_worker(new DriftWorker(options))
{
    qRegisterMetaType<DesiredState>();
    qRegisterMetaType<ConnectionInfo>();
    qRegisterMetaType<DriftReport>();
    qRegisterMetaType<kube::ConnectionConfig>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DriftWorker::connected, this, &DriftSession::connected);
    connect(m_worker, &DriftWorker::failed, this, &DriftSession::failed);
    connect(m_worker, &DriftWorker::statusChanged, this, &DriftSession::statusChanged);
    connect(m_worker, &DriftWorker::reportReady, this, &DriftSession::reportReady);
    m_thread.setObjectName(QStringLiteral("kube-connection"));
    m_thread.start();
}

DriftSession::~DriftSession()
{
    QMetaObject::invokeMethod(m_worker, &DriftWorker::disconnectFromCluster, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
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
