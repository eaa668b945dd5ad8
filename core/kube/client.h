#pragma once

// One connection to one API server (a kubeconfig context). A Client belongs to the thread that
// created it — the connection thread, never the GUI thread — and owns that thread's
// QNetworkAccessManager. Requests are asynchronous; callbacks run on the same thread.
#include "core/common/error.h"
#include "core/kube/credentials.h"
#include "core/kube/kubeconfig.h"

#include <QByteArray>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSslConfiguration>
#include <QStringList>
#include <functional>
#include <memory>

class QNetworkReply;

namespace shiplog::core::kube {

struct Reply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// What an answer is, for its size cap: a hostile or broken server must not make the client buffer
// gigabytes (a 1 GiB chunked /version once ended in std::bad_alloc at 3.6 GB).
enum class ResponseKind
{
    Object,
    ListPage,
    Discovery
};

struct ResponseLimits
{
    // etcd refuses objects above 1.5 MiB by default; 16 MiB leaves room for any configuration.
    qint64 objectBytes = 16ll << 20;
    // One page of limit=500 objects (kubectl's page size): 500 ConfigMaps of ~0.5 MiB.
    qint64 listPageBytes = 256ll << 20;
    // Aggregated discovery of a cluster with hundreds of CRDs is a few MiB.
    qint64 discoveryBytes = 32ll << 20;
    // One watch event (one object and its envelope).
    qint64 watchEventBytes = 16ll << 20;

    qint64 bytesFor(ResponseKind kind) const;
};

// "a single object", "a list page", "a discovery document".
QString responseKindName(ResponseKind kind);

struct Request
{
    QByteArray verb = "GET";
    QString path; // "/apis/apps/v1/deployments?limit=500" — joined to the server URL
    QByteArray accept = "application/json";
    QByteArray contentType;
    QByteArray body;
    QString what; // "list deployments.apps" — for error messages
    ResponseKind kind = ResponseKind::Object;
};

struct ClientOptions
{
    int maxConcurrentRequests = 8;
    // Per read, as kubectl's transport: a request that receives nothing for this long fails.
    int idleTimeoutMs = 30000;
    // Per request (watches aside): a server that trickles a byte now and then cannot hold a
    // request — and `shiplog drift` — for longer than this.
    int requestDeadlineMs = 60000;
    // Watches: the server ends each after timeoutSeconds; a watch silent for this long (no event,
    // no bookmark, no end) is a dead connection and is reopened.
    int watchIdleTimeoutMs = 15 * 60 * 1000;
    ResponseLimits limits;
};

// A watch (or any streamed) response: lines arrive as they are flushed; `done` runs once.
class Stream : public QObject
{
    Q_OBJECT
public:
    using LineHandler = std::function<void(const QByteArray&)>;
    using DoneHandler = std::function<void(Result<int>)>; // HTTP status on a clean end
    void abort();

private:
    friend class Client;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    LineHandler m_onLine;
    DoneHandler m_onDone;
    bool m_done = false;
};

class Client : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<Reply>)>;

    // Resolves credentials (may run an exec plugin: blocking, so never call on the GUI thread),
    // loads the CA and client certificate, and chooses the proxy.
    static Result<std::unique_ptr<Client>> create(const ConnectionConfig& connection,
                                                  ClientOptions options = {});
    ~Client() override;

    const ConnectionConfig& connection() const { return m_connection; }
    QString server() const { return m_connection.cluster.server; }
    // insecure-skip-tls-verify is honoured but must be shown (the UI's warning badge).
    bool insecure() const { return m_connection.cluster.insecureSkipTlsVerify; }
    QString credentialsDescription() const { return m_credentials.describe(m_connection.user); }
    // Things the user must know about this connection (credentials withheld from a plain-HTTP
    // server), for the report's warnings and the CLI's stderr.
    const QStringList& warnings() const { return m_warnings; }

    // Queued behind at most maxConcurrentRequests running requests. 2xx → Reply; else a Status
    // decoded into an Error (code = HTTP status) whose message names the server, user or resource.
    void send(const Request& request, Callback callback);
    void get(const QString& path, Callback callback, const QByteArray& accept = "application/json",
             ResponseKind kind = ResponseKind::Object);

    // A streamed GET (watch). Not counted against the concurrency bound.
    Stream* stream(const QString& path, Stream::LineHandler onLine, Stream::DoneHandler onDone,
                   const QByteArray& accept = "application/json");

    // Aborts everything running or queued (disconnect, repository switch); callbacks are not called.
    void cancelAll();

    // The message for a non-2xx answer (Status decoded), shared with watch ERROR events.
    Error statusError(int httpStatus, const QByteArray& body, const QString& what) const;

private:
    Client(ConnectionConfig connection, Credentials credentials, QSslConfiguration ssl,
           ClientOptions options);
    struct Pending
    {
        Request request;
        Callback callback;
        bool retried = false;
    };
    QNetworkRequest networkRequest(const QString& path, const QByteArray& accept) const;
    void pump();
    void start(Pending pending);
    Error transportError(QNetworkReply* reply, const QString& what) const;
    // Aborts `reply` now, remembering why, so that its finished handler reports `error`.
    void abortWith(QNetworkReply* reply, Error error);
    bool refreshAfterUnauthorized();
    void applyCredentials();
    void configure(QNetworkAccessManager& network);

    ConnectionConfig m_connection;
    Credentials m_credentials;
    QSslConfiguration m_ssl;
    ClientOptions m_options;
    QNetworkAccessManager m_network;
    // Watches stream for minutes and hold one HTTP/1.1 connection each; QNetworkAccessManager opens
    // at most six per host. Their own manager keeps them from starving the lists and gets (a
    // declared Secret's GET waited 30 s behind the demo cluster's watches).
    QNetworkAccessManager m_watchNetwork;
    QQueue<Pending> m_queue;
    int m_running = 0;
    QHash<QNetworkReply*, QStringList> m_sslErrors;
    QHash<QNetworkReply*, Error> m_abortErrors; // deadline passed, size cap exceeded
    QStringList m_warnings;
    QList<QPointer<QNetworkReply>> m_replies;
};

} // namespace shiplog::core::kube
