#pragma once

// The GUI's handle on live drift: owns the connection thread and its DriftWorker, forwards values.
// Create on the GUI thread; every call returns at once, results arrive as signals (queued).
#include "core/drift/drift_worker.h"

#include <QObject>
#include <QThread>

namespace shiplog::core::drift {

class DriftSession : public QObject
{
    Q_OBJECT
public:
    explicit DriftSession(DriftOptions options = {}, QObject* parent = nullptr);
    // Cancels everything without waiting: the connection thread disconnects, deletes its worker and
    // ends on its own (a report being computed must not hold the GUI thread); at exit the
    // application waits for the threads still ending.
    ~DriftSession() override;

    void connectTo(const kube::ConnectionConfig& connection);
    void setDesired(const DesiredState& desired); // a new revision (or repository)
    void disconnectFromCluster();

signals:
    void connected(const shiplog::core::drift::ConnectionInfo& info);
    void failed(const QString& message);
    void statusChanged(const QString& line);
    void reportReady(const shiplog::core::drift::DriftReport& report);

private:
    QThread* m_thread; // deletes itself once it has ended
    DriftWorker* m_worker;
};

// One report, without watching, on the calling thread (which must not be the GUI thread: it may
// run an exec plugin and waits for the cluster). For the CLI and benchmarks.
Result<DriftReport> computeDriftOnce(const kube::ConnectionConfig& connection, const DesiredState& desired,
                                     DriftOptions options = {}, int timeoutMs = 120000);

} // namespace shiplog::core::drift
