#pragma once

// A Kubernetes API server that misbehaves on purpose, at the TCP level, for the client's fault
// tests and the CLI's: it trickles bodies a byte at a time, streams endless chunked bodies, stalls
// before or inside its headers, answers HTML or invalid JSON, resets the connection mid-body, and
// opens watches that never send. It runs in its own thread (like LoopbackHttpServer), so that a
// test may block on the real `shiplog` binary while it serves. Header-only: no moc, no build edits.
//
// `healthy(path)` answers a minimal, correct legacy discovery and lists (a ConfigMap ns/c1, the
// Namespace ns): tests override one endpoint and let everything else behave.
#include "tests/support/loopback_server_thread.h"

#include <QMutex>
#include <QTimer>
#include <functional>
#include <memory>

namespace shiplog::test {

struct HostileAnswer
{
    enum class Mode
    {
        Normal,        // status, headers, Content-Length body
        Trickle,       // headers (Content-Length of the whole body), then one byte every intervalMs
        EndlessChunks, // chunked, 64 KiB chunks as fast as the client reads, up to maxBytes
        SlowHeaders,   // the status line, then one header byte every intervalMs, never a body
        ResetMidBody,  // headers and half of the body, then a TCP reset
        Silent,        // 200 chunked headers (a watch), then nothing, never an end
        NoAnswer,      // reads the request and never answers at all
    };
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    Mode mode = Mode::Normal;
    int intervalMs = 1000;
    qint64 maxBytes = 2ll << 30;
};

class HostileKubeServer : public LoopbackServerThread
{
public:
    using Handler = std::function<HostileAnswer(const QByteArray& method, const QByteArray& target)>;

    explicit HostileKubeServer(Handler handler) : m_handler(std::move(handler)) { startServing(); }
    ~HostileKubeServer() override { stopServing(); }

    // Request lines seen ("GET /version"), and their Authorization headers, in order.
    QList<QByteArray> requests() const
    {
        QMutexLocker lock(&m_lock);
        return m_requests;
    }
    QList<QByteArray> authorizations() const
    {
        QMutexLocker lock(&m_lock);
        return m_authorizations;
    }
    // Bytes of bodies written so far (EndlessChunks: how far the client let it go).
    qint64 bytesSent() const
    {
        QMutexLocker lock(&m_lock);
        return m_bytesSent;
    }

    // A small, correct API server: legacy discovery (v1 only), ConfigMap ns/c1, Namespace ns.
    static HostileAnswer healthy(const QByteArray& target)
    {
        const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        if (path == "/version")
            return {200, "application/json", R"({"major":"1","minor":"32","gitVersion":"v1.32.3"})"};
        if (path == "/api")
            return {200, "application/json", R"({"kind":"APIVersions","versions":["v1"]})"};
        if (path == "/apis")
            return {200, "application/json", R"({"kind":"APIGroupList","apiVersion":"v1","groups":[]})"};
        if (path == "/api/v1")
            return {
                200, "application/json",
                R"({"kind":"APIResourceList","groupVersion":"v1","resources":[)"
                R"({"name":"configmaps","namespaced":true,"kind":"ConfigMap","verbs":["get","list","watch"]},)"
                R"({"name":"namespaces","namespaced":false,"kind":"Namespace","verbs":["get","list","watch"]},)"
                R"({"name":"secrets","namespaced":true,"kind":"Secret","verbs":["get","list","watch"]}]})"};
        if (path == "/api/v1/configmaps")
            return {
                200, "application/json",
                R"({"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[)"
                R"({"metadata":{"name":"c1","namespace":"ns","resourceVersion":"5"},"data":{"k":"v"}}]})"};
        if (path == "/api/v1/namespaces")
            return {
                200, "application/json",
                R"({"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[)"
                R"({"metadata":{"name":"ns","resourceVersion":"3"}}]})"};
        if (path == "/api/v1/secrets")
            return {
                200, "application/json",
                R"({"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[]})"};
        return {
            404, "application/json",
            R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"not found","reason":"NotFound","code":404})"};
    }

private:
    void serve(QTcpSocket* socket) override
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            for (;;) { // keep-alive: several requests may arrive on one connection
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                QByteArray authorization;
                qsizetype length = 0;
                for (const QByteArray& line : lines) {
                    const QByteArray l = line.trimmed();
                    if (l.toLower().startsWith("authorization:"))
                        authorization = l.mid(14).trimmed();
                    if (l.toLower().startsWith("content-length:"))
                        length = l.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < end + 4 + length)
                    return;
                buffer->remove(0, end + 4 + length);
                const QByteArray method = first.value(0);
                QByteArray target = first.value(1);
                if (target.startsWith("http://")) // asked as a forward proxy: keep the path
                    target = target.mid(target.indexOf('/', 7) < 0 ? target.size() : target.indexOf('/', 7));
                {
                    QMutexLocker lock(&m_lock);
                    m_requests.append(method + ' ' + target);
                    m_authorizations.append(authorization);
                }
                answer(socket, m_handler(method, target));
            }
        });
    }

    static QByteArray head(const HostileAnswer& a, bool chunked)
    {
        QByteArray h =
            "HTTP/1.1 " + QByteArray::number(a.status) + (a.status == 200 ? " OK" : " Status") + "\r\n";
        h += "Content-Type: " + a.contentType + "\r\n";
        h += chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                     : "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n";
        return h + "\r\n";
    }

    void count(qint64 bytes)
    {
        QMutexLocker lock(&m_lock);
        m_bytesSent += bytes;
    }

    // Writes bytes one at a time from a timer that lives as long as the socket.
    void drip(QTcpSocket* socket, const QByteArray& bytes, int intervalMs)
    {
        auto* timer = new QTimer(socket);
        auto position = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [this, socket, timer, bytes, position] {
            if (*position >= bytes.size() || socket->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            socket->write(bytes.mid((*position)++, 1));
            socket->flush();
            count(1);
        });
        timer->start(intervalMs);
    }

    void answer(QTcpSocket* socket, const HostileAnswer& a)
    {
        using Mode = HostileAnswer::Mode;
        switch (a.mode) {
        case Mode::Normal:
            socket->write(head(a, false) + a.body);
            count(a.body.size());
            return;
        case Mode::Trickle:
            socket->write(head(a, false));
            socket->flush();
            return drip(socket, a.body, a.intervalMs);
        case Mode::SlowHeaders:
            socket->write("HTTP/1.1 200 OK\r\n");
            socket->flush();
            return drip(socket, "Content-Type: application/json\r\nX-Padding: " + QByteArray(100000, 'x'),
                        a.intervalMs);
        case Mode::ResetMidBody:
            socket->write(head(a, false) + a.body.left(a.body.size() / 2));
            socket->flush();
            count(a.body.size() / 2);
            QTimer::singleShot(100, socket, [socket] { socket->abort(); });
            return;
        case Mode::Silent:
            socket->write(head(a, true));
            socket->flush();
            return;
        case Mode::NoAnswer:
            return;
        case Mode::EndlessChunks: {
            socket->write(head(a, true));
            const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, ' ') + "\r\n";
            auto sent = std::make_shared<qint64>(0);
            auto ended = std::make_shared<bool>(false);
            const qint64 limit = a.maxBytes;
            auto refill = [this, socket, chunk, sent, ended, limit] {
                // Keep about 1 MiB queued: as fast as the client reads, never the whole body in memory.
                while (socket->bytesToWrite() < (1 << 20) && *sent < limit &&
                       socket->state() == QAbstractSocket::ConnectedState) {
                    socket->write(chunk);
                    *sent += 0x10000;
                    count(0x10000);
                }
                if (*sent >= limit && !*ended && socket->state() == QAbstractSocket::ConnectedState) {
                    socket->write("0\r\n\r\n");
                    *ended = true;
                }
            };
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, refill);
            refill();
            return;
        }
        }
    }

    Handler m_handler;
    mutable QMutex m_lock;
    QList<QByteArray> m_requests;
    QList<QByteArray> m_authorizations;
    qint64 m_bytesSent = 0;
};

} // namespace shiplog::test
