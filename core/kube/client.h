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

struct Request
{
    QByteArray verb = "GET";
    QString path; // "/apis/apps/v1/deployments?limit=500" — joined to the server URL
    QByteArray accept = "application/json";
    QByteArray contentType;
    QByteArray body;
    QString what; // "list deployments.apps" — for error messages
};

struct ClientOptions
{
    int maxConcurrentRequests = 8;
    int timeoutMs = 30000; // per request without progress (watches use their own timeoutSeconds)
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

    // Queued behind at most maxConcurrentRequests running requests. 2xx → Reply; else a Status
    // decoded into an Error (code = HTTP status) whose message names the server, user or resource.
    void send(const Request& request, Callback callback);
    void get(const QString& path, Callback callback, const QByteArray& accept = "application/json");

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
    QList<QPointer<QNetworkReply>> m_replies;
};

} // namespace shiplog::core::kube
