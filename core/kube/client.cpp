#include "core/kube/client.h"

#include "core/common/secret_registry.h"
#include "core/kube/decode.h"
#include "core/kube/proxy.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>
#include <memory>

namespace shiplog::core::kube {

namespace {

QList<QSslCertificate> certificates(const QByteArray& pem)
{
    return QSslCertificate::fromData(pem, QSsl::Pem);
}

QSslKey privateKey(const QByteArray& pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

bool unknownAuthority(QSslError::SslError error)
{
    switch (error) {
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateSignatureFailed:
        return true;
    default:
        return false;
    }
}

// "GET /api/v1/configmaps": the endpoint a message names, without the query (continue tokens are
// long and opaque).
QString endpoint(const QByteArray& verb, const QString& path)
{
    return QString::fromLatin1(verb) + u' ' + path.section(u'?', 0, 0);
}

QString mebibytes(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'g', 3);
}

// kubectl (client-go) sends credentials only over TLS. A plain-HTTP server on this machine is a
// local development cluster or a port-forward; anywhere else the token would cross the network
// in clear text.
bool loopbackHost(const QString& host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool sendsCredentials(const UserConfig& user)
{
    return !user.token.isEmpty() || !user.tokenFile.isEmpty() || !user.username.isEmpty() ||
           !user.password.isEmpty() || !user.authProviderName.isEmpty() || user.exec.isSet();
}

} // namespace

qint64 ResponseLimits::bytesFor(ResponseKind kind) const
{
    switch (kind) {
    case ResponseKind::Object:
        return objectBytes;
    case ResponseKind::ListPage:
        return listPageBytes;
    case ResponseKind::Discovery:
        return discoveryBytes;
    }
    return objectBytes;
}

QString responseKindName(ResponseKind kind)
{
    switch (kind) {
    case ResponseKind::Object:
        return QStringLiteral("a single object");
    case ResponseKind::ListPage:
        return QStringLiteral("a list page");
    case ResponseKind::Discovery:
        return QStringLiteral("a discovery document");
    }
    return {};
}

void Stream::abort()
{
    m_done = true; // no callbacks after an abort the caller asked for
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    deleteLater();
}

Result<std::unique_ptr<Client>> Client::create(const ConnectionConfig& connection, ClientOptions options)
{
    const QUrl server(connection.cluster.server);
    if (!server.isValid() || (server.scheme() != u"https" && server.scheme() != u"http") ||
        server.host().isEmpty())
        return fail(QStringLiteral("The server \"%1\" of cluster \"%2\" is not an http(s) URL.")
                        .arg(connection.cluster.server, connection.cluster.name));
    QStringList warnings;
    ConnectionConfig effective = connection;
    if (server.scheme() == u"http" && !loopbackHost(server.host()) && sendsCredentials(effective.user)) {
        // As kubectl: nothing that authenticates goes to a plain-HTTP server elsewhere (not even an
        // exec plugin runs); the requests go out anonymous and the user is told why.
        warnings.append(
            QStringLiteral(
                "The server %1 of context \"%2\" is plain HTTP on another host: the credentials of "
                "user \"%3\" are not sent, as kubectl does (use https, or a loopback address).")
                .arg(connection.cluster.server, connection.contextName, connection.user.name));
        effective.user = UserConfig{};
        effective.user.name = connection.user.name;
        effective.user.definedIn = connection.user.definedIn;
    }
    auto credentials = resolveCredentials(effective);
    if (!credentials)
        return std::unexpected(credentials.error());

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    auto caPem = clusterCaPem(connection.cluster);
    if (!caPem)
        return std::unexpected(caPem.error());
    if (!caPem->isEmpty()) {
        const QList<QSslCertificate> ca = certificates(*caPem);
        if (ca.isEmpty())
            return fail(
                QStringLiteral("The certificate authority of cluster \"%1\" (%2) holds no PEM certificate.")
                    .arg(connection.cluster.name, connection.cluster.definedIn));
        ssl.setCaCertificates(ca); // only the cluster's CA, as client-go does when one is given
    }
    if (connection.cluster.insecureSkipTlsVerify)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    auto client = std::unique_ptr<Client>(new Client(effective, *credentials, ssl, options));
    client->m_warnings = warnings;
    client->applyCredentials();
    if (!client->m_credentials.clientCertificatePem.isEmpty()) {
        if (client->m_ssl.localCertificate().isNull())
            return fail(QStringLiteral("The client certificate of user \"%1\" is not a PEM certificate.")
                            .arg(connection.user.name));
        if (client->m_ssl.privateKey().isNull())
            return fail(
                QStringLiteral("The client key of user \"%1\" is not a PEM private key (RSA, EC or DSA).")
                    .arg(connection.user.name));
    }

    if (!connection.cluster.proxyUrl.isEmpty()) {
        auto proxy = proxyFromUrl(connection.cluster.proxyUrl);
        if (!proxy)
            return std::unexpected(proxy.error());
        client->m_network.setProxy(*proxy);
        client->m_watchNetwork.setProxy(*proxy);
    } else {
        client->m_network.setProxyFactory(
            new EnvironmentProxyFactory(QProcessEnvironment::systemEnvironment()));
        client->m_watchNetwork.setProxyFactory(
            new EnvironmentProxyFactory(QProcessEnvironment::systemEnvironment()));
    }
    return client;
}

Client::Client(ConnectionConfig connection, Credentials credentials, QSslConfiguration ssl,
               ClientOptions options)
    : m_connection(std::move(connection)), m_credentials(std::move(credentials)), m_ssl(std::move(ssl)),
      m_options(options)
{
    configure(m_network);
    configure(m_watchNetwork);
}

void Client::configure(QNetworkAccessManager& network)
{
    network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    network.setAutoDeleteReplies(false);
    connect(
        &network, &QNetworkAccessManager::sslErrors, this,
        [this](QNetworkReply* reply, const QList<QSslError>& errors) {
            if (insecure()) {
                reply->ignoreSslErrors();
                return;
            }
            QStringList& seen = m_sslErrors[reply];
            for (const QSslError& error : errors) {
                const QString host = reply->request().peerVerifyName().isEmpty()
                                         ? reply->url().host()
                                         : reply->request().peerVerifyName();
                if (unknownAuthority(error.error()))
                    seen.append(
                        QStringLiteral("presented a certificate that is not signed by the cluster's CA "
                                       "(x509: certificate signed by unknown authority)"));
                else if (error.error() == QSslError::HostNameMismatch)
                    seen.append(
                        QStringLiteral("presented a certificate that is not valid for the name %1 "
                                       "(x509: certificate is valid for %2)")
                            .arg(host, error.certificate().subjectAlternativeNames().values().join(u", ")));
                else if (error.error() == QSslError::CertificateExpired)
                    seen.append(
                        QStringLiteral(
                            "presented a certificate that expired on %1 (x509: certificate has expired)")
                            .arg(error.certificate().expiryDate().toString(Qt::ISODate)));
                else
                    seen.append(QStringLiteral("presented a certificate that does not verify (%1)")
                                    .arg(error.errorString()));
            }
            seen.removeDuplicates();
        });
}

Client::~Client()
{
    cancelAll();
}

void Client::applyCredentials()
{
    if (m_credentials.clientCertificatePem.isEmpty())
        return;
    const QList<QSslCertificate> chain = certificates(m_credentials.clientCertificatePem);
    m_ssl.setLocalCertificateChain(chain);
    m_ssl.setPrivateKey(privateKey(m_credentials.clientKeyPem));
}

QNetworkRequest Client::networkRequest(const QString& path, const QByteArray& accept) const
{
    QString base = m_connection.cluster.server;
    while (base.endsWith(u'/'))
        base.chop(1);
    QNetworkRequest request(QUrl(base + path));
    request.setRawHeader("Accept", accept);
    request.setRawHeader("User-Agent", "shiplog/" SHIPLOG_VERSION);
    if (!m_credentials.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_credentials.token.toUtf8());
    else if (m_credentials.source == Credentials::Source::Basic)
        request.setRawHeader(
            "Authorization",
            "Basic " + (m_credentials.username + u':' + m_credentials.password).toUtf8().toBase64());
    if (m_connection.cluster.disableCompression)
        request.setRawHeader("Accept-Encoding", "identity");
    if (request.url().scheme() == u"https") {
        request.setSslConfiguration(m_ssl);
        if (!m_connection.cluster.tlsServerName.isEmpty())
            request.setPeerVerifyName(m_connection.cluster.tlsServerName);
    }
    return request;
}

void Client::send(const Request& request, Callback callback)
{
    m_queue.enqueue(Pending{request, std::move(callback)});
    pump();
}

void Client::get(const QString& path, Callback callback, const QByteArray& accept, ResponseKind kind)
{
    Request request;
    request.path = path;
    request.accept = accept;
    request.what = QStringLiteral("GET %1").arg(path);
    request.kind = kind;
    send(request, std::move(callback));
}

void Client::pump()
{
    while (m_running < m_options.maxConcurrentRequests && !m_queue.isEmpty())
        start(m_queue.dequeue());
}

void Client::start(Pending pending)
{
    QNetworkRequest request = networkRequest(pending.request.path, pending.request.accept);
    request.setTransferTimeout(m_options.idleTimeoutMs);
    if (!pending.request.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, pending.request.contentType);
    QNetworkReply* reply =
        pending.request.body.isEmpty() && pending.request.verb == "GET"
            ? m_network.get(request)
            : m_network.sendCustomRequest(request, pending.request.verb, pending.request.body);
    ++m_running;
    m_replies.append(reply);
    const QString at = endpoint(pending.request.verb, pending.request.path);
    auto body = std::make_shared<QByteArray>(); // what has arrived (see readyRead below)
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, reply, at, body]() {
        abortWith(
            reply,
            Error{QStringLiteral("The server %1 did not finish answering %2 within %3 seconds (the limit per "
                                 "request); it was still sending, %4 bytes so far.")
                      .arg(server(), at)
                      .arg(m_options.requestDeadlineMs / 1000)
                      .arg(body->size() + reply->bytesAvailable()),
                  504});
    });
    deadline->start(m_options.requestDeadlineMs);
    const qint64 cap = m_options.limits.bytesFor(pending.request.kind);
    const ResponseKind kind = pending.request.kind;
    const auto tooLarge = [this, at, cap, kind]() {
        return Error{
            QStringLiteral(
                "The server %1 answered %2 with more than %3, the limit for %4; refusing to read it.")
                .arg(server(), at, mebibytes(cap), responseKindName(kind)),
            413};
    };
    const auto refuse = [this, reply, tooLarge]() { abortWith(reply, tooLarge()); };
    // A declared size over the cap is refused at once; an undeclared one (chunked) as soon as what
    // has arrived passes it: readyRead comes with every batch read from the socket, while Qt
    // throttles downloadProgress, so on a fast link gigabytes could arrive between two of those.
    connect(reply, &QNetworkReply::downloadProgress, this, [refuse, cap](qint64 received, qint64 total) {
        if (received > cap || total > cap)
            refuse();
    });
    // Memory stays bounded by the cap: Qt's network thread reads at most kReadAhead ahead of us
    // (without a read buffer size it read 400 MiB to 1 GiB of an endless answer before the refusal
    // landed), and what arrives is taken into `body` at once, so the reading never stalls.
    constexpr qint64 kReadAhead = 1024 * 1024;
    reply->setReadBufferSize(kReadAhead);
    connect(reply, &QNetworkReply::readyRead, this, [refuse, reply, cap, body]() {
        if (body->size() + reply->bytesAvailable() > cap) {
            refuse();
            return;
        }
        body->append(reply->readAll());
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, tooLarge, cap, body, pending = std::move(pending)]() mutable {
                // The whole answer arrived between two checks: still refused, and never parsed.
                if (!m_abortErrors.contains(reply) && body->size() + reply->bytesAvailable() > cap)
                    m_abortErrors.insert(reply, tooLarge());
                else
                    body->append(reply->readAll());
                --m_running;
                m_replies.removeAll(reply);
                reply->deleteLater();
                if (const auto aborted = m_abortErrors.constFind(reply); aborted != m_abortErrors.cend()) {
                    const Error error = *aborted;
                    m_abortErrors.erase(aborted);
                    m_sslErrors.remove(reply);
                    Callback callback = std::move(pending.callback);
                    pump();
                    callback(std::unexpected(error));
                    return;
                }
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QString what =
                    pending.request.what.isEmpty() ? pending.request.path : pending.request.what;
                Result<Reply> result;
                if (status == 401 && m_credentials.refreshable() && !pending.retried) {
                    m_sslErrors.remove(reply);
                    if (refreshAfterUnauthorized()) {
                        pending.retried = true; // a 401 triggers exactly one re-run of the plugin
                        m_queue.prepend(std::move(pending));
                        pump();
                        return;
                    }
                }
                // A 2xx whose body was cut off (connection reset mid-list) is a failure, never a short
                // answer.
                if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError)
                    result = Reply{status, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                   std::move(*body)};
                else if (status >= 200 && status < 300)
                    result = std::unexpected(
                        Error{QStringLiteral("%1 on %2 broke off after %3 bytes of the answer: %4.")
                                  .arg(what.contains(pending.request.path.section(u'?', 0, 0))
                                           ? what
                                           : QStringLiteral("%1 (%2)").arg(
                                                 what, endpoint(pending.request.verb, pending.request.path)),
                                       server())
                                  .arg(body->size())
                                  .arg(reply->errorString()),
                              0});
                else if (status != 0)
                    result = std::unexpected(statusError(status, *body, what));
                else
                    result = std::unexpected(transportError(reply, what));
                m_sslErrors.remove(reply);
                Callback callback = std::move(pending.callback);
                pump();
                callback(std::move(result));
            });
}

void Client::abortWith(QNetworkReply* reply, Error error)
{
    if (!reply || reply->isFinished() || m_abortErrors.contains(reply))
        return;
    m_abortErrors.insert(reply, std::move(error));
    reply->abort(); // emits finished, which reports the error
}

bool Client::refreshAfterUnauthorized()
{
    auto fresh = refreshCredentials(m_connection, m_credentials);
    if (!fresh)
        return false;
    m_credentials = *fresh;
    applyCredentials();
    return true;
}

Stream* Client::stream(const QString& path, Stream::LineHandler onLine, Stream::DoneHandler onDone,
                       const QByteArray& accept)
{
    auto* stream = new Stream;
    stream->setParent(this);
    stream->m_onLine = std::move(onLine);
    stream->m_onDone = std::move(onDone);
    QNetworkRequest request = networkRequest(path, accept);
    QNetworkReply* reply = m_watchNetwork.get(request);
    stream->m_reply = reply;
    m_replies.append(reply);
    const int ok = 200;
    const QString at = endpoint("GET", path);
    // No deadline for a watch (it streams for minutes), but one that stays silent past the
    // server's own timeoutSeconds is a dead connection: end it so that the caller reopens it.
    auto* idle = new QTimer(reply);
    idle->setSingleShot(true);
    connect(idle, &QTimer::timeout, this, [this, reply, at]() {
        abortWith(reply, Error{QStringLiteral("The server %1 sent nothing on the watch %2 for %3 seconds.")
                                   .arg(server(), at)
                                   .arg(m_options.watchIdleTimeoutMs / 1000),
                               504});
    });
    idle->start(m_options.watchIdleTimeoutMs);
    const qint64 cap = m_options.limits.watchEventBytes;
    connect(reply, &QNetworkReply::readyRead, stream, [this, stream, reply, idle, at, cap]() {
        idle->start(m_options.watchIdleTimeoutMs);
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != ok) {
            if (reply->bytesAvailable() > m_options.limits.objectBytes)
                abortWith(reply, Error{QStringLiteral("The server %1 answered the watch %2 with an error of "
                                                      "more than %3; refusing to read it.")
                                           .arg(server(), at, mebibytes(m_options.limits.objectBytes)),
                                       413});
            return; // an error body is read whole on finished
        }
        stream->m_buffer += reply->readAll();
        qsizetype newline;
        while (!stream->m_done && (newline = stream->m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = stream->m_buffer.left(newline);
            stream->m_buffer.remove(0, newline + 1);
            if (!line.trimmed().isEmpty())
                stream->m_onLine(line);
        }
        if (!stream->m_done && stream->m_buffer.size() > cap)
            abortWith(reply, Error{QStringLiteral("The server %1 sent an event of more than %2 on the watch "
                                                  "%3, the limit for one event.")
                                       .arg(server(), mebibytes(cap), at),
                                   413});
    });
    connect(reply, &QNetworkReply::finished, stream, [this, stream, reply, path]() {
        m_replies.removeAll(reply);
        reply->deleteLater();
        stream->deleteLater();
        if (stream->m_done)
            return;
        stream->m_done = true;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString what = QStringLiteral("watch %1").arg(path);
        Result<int> result;
        if (const auto aborted = m_abortErrors.constFind(reply); aborted != m_abortErrors.cend()) {
            result = std::unexpected(*aborted);
            m_abortErrors.erase(aborted);
        } else if (status == 200) {
            if (!stream->m_buffer.trimmed().isEmpty())
                stream->m_onLine(stream->m_buffer);
            result = reply->error() == QNetworkReply::NoError ||
                             reply->error() == QNetworkReply::RemoteHostClosedError
                         ? Result<int>(status)
                         : std::unexpected(transportError(reply, what));
        } else if (status != 0) {
            result = std::unexpected(statusError(status, reply->readAll(), what));
        } else {
            result = std::unexpected(transportError(reply, what));
        }
        m_sslErrors.remove(reply);
        stream->m_onDone(std::move(result));
    });
    return stream;
}

void Client::cancelAll()
{
    m_queue.clear();
    const auto replies = m_replies;
    m_replies.clear();
    for (const QPointer<QNetworkReply>& reply : replies) {
        if (!reply)
            continue;
        reply->disconnect();
        reply->abort();
        reply->deleteLater();
    }
    for (Stream* stream : findChildren<Stream*>(Qt::FindDirectChildrenOnly)) {
        stream->m_done = true;
        stream->deleteLater();
    }
    m_running = 0;
    m_sslErrors.clear();
    m_abortErrors.clear();
}

Error Client::statusError(int httpStatus, const QByteArray& body, const QString& what) const
{
    const StatusInfo status = decodeStatus(body, httpStatus);
    QString message = status.message;
    // A server (or a proxy in front of it) may echo the request's Authorization header.
    // (Below the registry's minimum length a value protects nothing and replacing it would garble
    // the message: a token "t" turned every t into ***.)
    for (const QString& secret : {m_credentials.token, m_credentials.password})
        if (secret.size() >= kMinSecretLength)
            message.replace(secret, QStringLiteral("***"));
    const QString server = m_connection.cluster.server;
    const int code = status.code;
    switch (code) {
    case 401:
        return Error{QStringLiteral(
                         "The server %1 rejected the credentials (%2) of user \"%3\" in context \"%4\": %5.")
                         .arg(server, credentialsDescription(), m_connection.user.name,
                              m_connection.contextName,
                              message.isEmpty() ? QStringLiteral("Unauthorized") : message),
                     code};
    case 403:
        return Error{QStringLiteral("%1 (server %2, %3).")
                         .arg(message.isEmpty() ? QStringLiteral("Forbidden") : message, server, what),
                     code};
    default:
        return Error{QStringLiteral("%1 on %2 failed with HTTP %3%4: %5")
                         .arg(what, server)
                         .arg(code)
                         .arg(status.reason.isEmpty() ? QString() : u' ' + status.reason,
                              message.isEmpty() ? QStringLiteral("(no message)") : message),
                     code};
    }
}

Error Client::transportError(QNetworkReply* reply, const QString& what) const
{
    const QString server = m_connection.cluster.server;
    if (const QStringList ssl = m_sslErrors.value(reply); !ssl.isEmpty())
        return Error{QStringLiteral("The server %1 %2; refusing to connect.").arg(server, ssl.join(u"; ")),
                     495};
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return Error{QStringLiteral("Cannot connect to the server %1: connection refused.").arg(server), 0};
    case QNetworkReply::HostNotFoundError:
        return Error{QStringLiteral("The server %1 cannot be found: no such host.").arg(server), 0};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        // Qt's transfer timeout: nothing arrived for idleTimeoutMs (per read, not per request).
        {
            const QString path = reply->url().path();
            const QString request = what.contains(path) ? what : QStringLiteral("%1 (%2)").arg(what, path);
            return Error{QStringLiteral("The server %1 sent nothing for %2 seconds while answering %3.")
                             .arg(server)
                             .arg(m_options.idleTimeoutMs / 1000)
                             .arg(request),
                         408};
        }
    case QNetworkReply::SslHandshakeFailedError:
        return Error{QStringLiteral("The TLS handshake with the server %1 failed: %2.")
                         .arg(server, reply->errorString()),
                     0};
    default:
        return Error{QStringLiteral("%1 on %2 failed: %3.").arg(what, server, reply->errorString()), 0};
    }
}

} // namespace shiplog::core::kube
