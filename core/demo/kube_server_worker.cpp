#include "core/demo/kube_server_worker.h"

#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QUuid>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Hands out sockets that are still shaking hands: requests are read once the handshake is done
// (readyRead only reports decrypted data), so nothing arrives before the connection is wired.
class TlsServer : public QTcpServer
{
public:
    TlsServer(const QSslConfiguration& configuration, QObject* parent)
        : QTcpServer(parent), m_configuration(configuration)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        socket->setSslConfiguration(m_configuration);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // A client that refuses our certificate just goes away; the socket follows it.
        connect(socket, &QSslSocket::errorOccurred, socket, [socket] {
            if (!socket->isEncrypted())
                socket->abort();
        });
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    QSslConfiguration m_configuration;
};

} // namespace

KubeServerWorker::KubeServerWorker(KubeStore* store, KubeApiHandler* handler, int bookmarkIntervalMs)
    : m_store(store), m_handler(handler), m_bookmarkIntervalMs(bookmarkIntervalMs)
{
}

KubeServerWorker::~KubeServerWorker() = default;

bool KubeServerWorker::listen(quint16 port, const QString& certificatePath, const QString& keyPath)
{
    if (certificatePath.isEmpty()) {
        m_server = new QTcpServer(this);
    } else {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        const QList<QSslCertificate> chain = QSslCertificate::fromData(readFile(certificatePath), QSsl::Pem);
        const QSslKey key(readFile(keyPath), QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty() || key.isNull()) {
            m_error = QStringLiteral("The server certificate %1 or key %2 could not be read.")
                          .arg(certificatePath, keyPath);
            return false;
        }
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(key);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        configuration.setProtocol(QSsl::TlsV1_2OrLater);
        // HTTP/1.1 only: Go clients then use one request per connection at a time (no HTTP/2).
        configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        m_server = new TlsServer(configuration, this);
    }
    connect(m_server, &QTcpServer::newConnection, this, &KubeServerWorker::accept);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        m_error =
            QStringLiteral("Could not listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

void KubeServerWorker::accept()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket* socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        auto* connection = new HttpConnection(
            socket, [this](HttpConnection* c, const HttpRequest& r) { handle(c, r); }, this);
        m_connections.append(connection);
        connect(connection, &HttpConnection::closed, this, &KubeServerWorker::forget);
    }
}

void KubeServerWorker::forget(HttpConnection* connection)
{
    m_watches.remove(connection);
    m_watchCount.storeRelaxed(int(m_watches.size()));
    m_connections.removeAll(connection);
    connection->deleteLater();
}

void KubeServerWorker::handle(HttpConnection* connection, const HttpRequest& request)
{
    auto result = m_handler->handle(request);
    if (auto* watch = std::get_if<WatchSpec>(&result)) {
        startWatch(connection, *watch);
        return;
    }
    const ApiReply& reply = std::get<ApiReply>(result);
    connection->respond(
        reply.status, reply.contentType, request.method == "HEAD" ? QByteArray() : reply.body,
        {{QByteArrayLiteral("Audit-Id"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)},
         {QByteArrayLiteral("X-Kubernetes-Pf-Flowschema-Uid"), QByteArrayLiteral("shiplog-demo")}});
}

void KubeServerWorker::startWatch(HttpConnection* connection, const WatchSpec& spec)
{
    auto watch = std::make_shared<Watch>();
    watch->connection = connection;
    watch->spec = spec;
    QByteArray contentType = "application/json";
    if (spec.form == OutputForm::Table)
        contentType = "application/json;as=Table;v=v1;g=meta.k8s.io";
    connection->startStream(200, contentType);
    if (spec.initialEvents) {
        const KubeStore::Snapshot snapshot = m_store->list(spec.type, spec.ns);
        for (const QJsonObject& object : snapshot.items)
            if (m_handler->watchMatches(spec, object))
                connection->writeChunk(m_handler->watchEvent(spec, u"ADDED"_s, object));
        watch->lastResourceVersion = snapshot.resourceVersion;
    } else {
        auto history = m_store->eventsSince(spec.since, spec.type.storeKey());
        if (!history) {
            connection->writeChunk(m_handler->watchEvent(spec, u"ERROR"_s, history.error().status()));
            connection->endStream();
            return;
        }
        for (const StoredEvent& event : history->events)
            if (m_handler->watchMatches(spec, event.object))
                connection->writeChunk(m_handler->watchEvent(spec, event.type, event.object));
        watch->lastResourceVersion = history->upTo;
    }
    if (spec.timeoutSeconds > 0) {
        watch->timeout = std::make_unique<QTimer>();
        watch->timeout->setSingleShot(true);
        connect(watch->timeout.get(), &QTimer::timeout, this, [this, connection] { endWatch(connection); });
        watch->timeout->start(spec.timeoutSeconds * 1000);
    }
    if (spec.bookmarks) {
        watch->bookmark = std::make_unique<QTimer>();
        connect(watch->bookmark.get(), &QTimer::timeout, this, [this, connection] {
            const auto it = m_watches.constFind(connection);
            if (it == m_watches.cend() || !(*it)->connection)
                return;
            const Watch& w = **it;
            const qint64 rv = qMax(w.lastResourceVersion, m_lastDispatched);
            const QJsonObject object{
                {u"kind"_s, w.spec.type.kind},
                {u"apiVersion"_s, w.spec.type.apiVersion()},
                {u"metadata"_s, QJsonObject{{u"resourceVersion"_s, QString::number(rv)}}}};
            w.connection->writeChunk(m_handler->watchEvent(w.spec, u"BOOKMARK"_s, object));
        });
        watch->bookmark->start(m_bookmarkIntervalMs);
    }
    m_watches.insert(connection, watch);
    m_watchCount.storeRelaxed(int(m_watches.size()));
}

void KubeServerWorker::endWatch(HttpConnection* connection)
{
    if (!m_watches.remove(connection))
        return;
    m_watchCount.storeRelaxed(int(m_watches.size()));
    connection->endStream();
}

void KubeServerWorker::dispatch(const StoredEvent& event)
{
    m_lastDispatched = qMax(m_lastDispatched, event.resourceVersion);
    for (const auto& watch : std::as_const(m_watches)) {
        if (!watch->connection || watch->spec.type.storeKey() != event.storeKey ||
            event.resourceVersion <= watch->lastResourceVersion)
            continue;
        watch->lastResourceVersion = event.resourceVersion;
        if (m_handler->watchMatches(watch->spec, event.object))
            watch->connection->writeChunk(m_handler->watchEvent(watch->spec, event.type, event.object));
    }
}

void KubeServerWorker::dropWatches()
{
    const QList<HttpConnection*> connections = m_watches.keys();
    m_watches.clear();
    m_watchCount.storeRelaxed(0);
    for (HttpConnection* connection : connections)
        connection->close();
}

int KubeServerWorker::watchCount() const
{
    return m_watchCount.loadRelaxed();
}

void KubeServerWorker::shutdown()
{
    m_watches.clear();
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    const QList<HttpConnection*> connections = m_connections;
    m_connections.clear();
    for (HttpConnection* connection : connections) {
        disconnect(connection, nullptr, this, nullptr);
        delete connection;
    }
}

} // namespace shiplog::core::demo
