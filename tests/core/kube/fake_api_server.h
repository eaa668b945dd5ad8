#pragma once

// A tiny HTTP/1.1 (optionally TLS) server answering canned Kubernetes API responses, for testing the
// client's wire behaviour (TLS, Status errors, paging, watch streams and their failures) exactly.
// No Q_OBJECT: connections are lambdas, so the header needs no moc.
#include <QHash>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <functional>

namespace shiplog::test {

struct FakeRequest
{
    QByteArray method;
    QByteArray target;                     // path?query
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QString clientCommonName; // TLS client certificate CN, if one was presented
    QByteArray path() const
    {
        return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
    }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    bool stream = false; // keep the connection open, chunked; push lines with FakeApiServer::push
};

class FakeApiServer : public QTcpServer
{
public:
    std::function<FakeResponse(const FakeRequest&)> handler;
    QList<FakeRequest> requests;
    QSslCertificate certificate;
    QSslKey key;
    QList<QSslCertificate> clientCa;

    bool startOnLoopback() { return listen(QHostAddress::LocalHost, 0); }
    QString url() const
    {
        return QStringLiteral("%1://127.0.0.1:%2")
            .arg(certificate.isNull() ? QStringLiteral("http") : QStringLiteral("https"))
            .arg(serverPort());
    }

    // Writes one line to every open watch stream.
    void push(const QByteArray& line)
    {
        for (const QPointer<QTcpSocket>& socket : std::as_const(m_streams))
            if (socket)
                writeChunk(socket, line + '\n');
    }
    // Drops every open watch stream without the terminating chunk (a broken connection).
    void dropStreams()
    {
        for (const QPointer<QTcpSocket>& socket : std::as_const(m_streams))
            if (socket)
                socket->abort();
        m_streams.clear();
    }
    // Ends the open watch streams cleanly (as the server's timeoutSeconds does).
    void endStreams()
    {
        for (const QPointer<QTcpSocket>& socket : std::as_const(m_streams))
            if (socket) {
                socket->write("0\r\n\r\n");
                socket->flush();
            }
        m_streams.clear();
    }
    int openStreams() const
    {
        int n = 0;
        for (const QPointer<QTcpSocket>& socket : m_streams)
            n += socket && socket->state() == QAbstractSocket::ConnectedState;
        return n;
    }
    int count(const QByteArray& pathPrefix, const QByteArray& contains = {}) const
    {
        int n = 0;
        for (const FakeRequest& r : requests)
            n += r.target.startsWith(pathPrefix) && (contains.isEmpty() || r.target.contains(contains));
        return n;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket* socket;
        if (!certificate.isNull()) {
            auto* ssl = new QSslSocket(this);
            ssl->setSocketDescriptor(descriptor);
            QSslConfiguration config = ssl->sslConfiguration();
            config.setLocalCertificate(certificate);
            config.setPrivateKey(key);
            config.setPeerVerifyMode(clientCa.isEmpty() ? QSslSocket::VerifyNone : QSslSocket::QueryPeer);
            if (!clientCa.isEmpty())
                config.setCaCertificates(clientCa);
            ssl->setSslConfiguration(config);
            QObject::connect(ssl, &QSslSocket::sslErrors, ssl,
                             [ssl](const QList<QSslError>&) { ssl->ignoreSslErrors(); });
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
        }
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer]() {
            *buffer += socket->readAll();
            serve(socket, *buffer);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    static void writeChunk(QTcpSocket* socket, const QByteArray& data)
    {
        socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        socket->flush();
    }

    void serve(QTcpSocket* socket, QByteArray& buffer)
    {
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            FakeRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const int length = request.header("content-length").toInt();
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            if (auto* ssl = qobject_cast<QSslSocket*>(socket); ssl && !ssl->peerCertificate().isNull())
                request.clientCommonName =
                    ssl->peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
            requests.append(request);
            const FakeResponse response =
                handler ? handler(request) : FakeResponse{404, R"({"kind":"Status","code":404})"};
            QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) +
                              " X\r\nContent-Type: " + response.contentType + "\r\n";
            if (response.stream) {
                socket->write(head + "Transfer-Encoding: chunked\r\n\r\n");
                if (!response.body.isEmpty())
                    writeChunk(socket, response.body);
                socket->flush();
                m_streams.append(socket);
                return;
            }
            socket->write(head + "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" +
                          response.body);
            socket->flush();
        }
    }

    QList<QPointer<QTcpSocket>> m_streams;
};

} // namespace shiplog::test
