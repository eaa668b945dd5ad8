#pragma once

#include "core/demo/kube_api_handler.h"
#include "core/demo/kube_http.h"
#include "core/demo/kube_store.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <memory>

namespace shiplog::core::demo {

// Lives on the server's thread: accepts connections (TLS or plain), hands requests to the
// handler, and streams watches fed by the store's change events.
class KubeServerWorker : public QObject
{
    Q_OBJECT
public:
    KubeServerWorker(KubeStore* store, KubeApiHandler* handler, int bookmarkIntervalMs);
    ~KubeServerWorker() override;

    // Runs on the worker's thread (blocking queued call from KubeServer).
    Q_INVOKABLE bool listen(quint16 port, const QString& certificatePath, const QString& keyPath);
    Q_INVOKABLE void shutdown();
    Q_INVOKABLE void dropWatches();

    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    int watchCount() const;

    void dispatch(const StoredEvent& event);

private:
    struct Watch
    {
        QPointer<HttpConnection> connection;
        WatchSpec spec;
        qint64 lastResourceVersion = 0;
        std::unique_ptr<QTimer> timeout;
        std::unique_ptr<QTimer> bookmark;
    };

    void accept();
    void handle(HttpConnection* connection, const HttpRequest& request);
    void startWatch(HttpConnection* connection, const WatchSpec& spec);
    void endWatch(HttpConnection* connection);
    void forget(HttpConnection* connection);

    KubeStore* m_store;
    KubeApiHandler* m_handler;
    int m_bookmarkIntervalMs;
    QTcpServer* m_server = nullptr;
    quint16 m_port = 0;
    QString m_error;
    QList<HttpConnection*> m_connections;
    QHash<HttpConnection*, std::shared_ptr<Watch>> m_watches;
    qint64 m_lastDispatched = 0;
    mutable QAtomicInt m_watchCount;
};

} // namespace shiplog::core::demo
