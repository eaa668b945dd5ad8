#pragma once

// A tiny HTTP/1.1 server on 127.0.0.1 for tests (forge stubs, git http-backend as CGI). It runs in
// its own thread (LoopbackServerThread), so that code under test may block the test thread. Each
// connection carries one request (answers "Connection: close"); request bodies may be chunked.
// Header-only: tests include it without touching the support library's build file.
#include "tests/support/loopback_server_thread.h"

#include <QHash>
#include <functional>
#include <memory>
#include <optional>

namespace shiplog::test {

struct HttpRequest
{
    QByteArray method;
    QByteArray target;                     // as sent: "/api/v4/projects/a%2Fb/merge_requests?x=1"
    QByteArray path;                       // target before '?', still percent-encoded
    QByteArray query;                      // after '?'
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;                       // de-chunked
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool raw = false; // body already holds headers + "\r\n\r\n" + content (CGI output)
};

class LoopbackHttpServer : public LoopbackServerThread
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    explicit LoopbackHttpServer(Handler handler) : m_handler(std::move(handler)) { startServing(); }
    ~LoopbackHttpServer() override { stopServing(); }
    QString baseUrl() const { return url(); }

private:
    static std::optional<QByteArray> dechunk(const QByteArray& data)
    {
        QByteArray out;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype eol = data.indexOf("\r\n", pos);
            if (eol < 0)
                return std::nullopt;
            bool ok = false;
            const qsizetype size = data.mid(pos, eol - pos).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok)
                return std::nullopt;
            pos = eol + 2;
            if (size == 0)
                return data.indexOf("\r\n", pos) >= 0 ? std::optional<QByteArray>(out) : std::nullopt;
            if (data.size() < pos + size + 2)
                return std::nullopt;
            out += data.mid(pos, size);
            pos += size + 2;
        }
    }

    void serve(QTcpSocket* socket) override
    {
        auto buffer = std::make_shared<QByteArray>();
        auto continued = std::make_shared<bool>(false);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, continued] {
            *buffer += socket->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            HttpRequest request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            if (first.size() < 2)
                return;
            request.method = first[0];
            request.target = first[1];
            const qsizetype q = request.target.indexOf('?');
            request.path = q < 0 ? request.target : request.target.left(q);
            request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            if (request.header("expect").toLower() == "100-continue" && !*continued) {
                *continued = true;
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            const QByteArray rest = buffer->mid(end + 4);
            if (request.header("transfer-encoding").toLower().contains("chunked")) {
                auto body = dechunk(rest);
                if (!body)
                    return;
                request.body = *body;
            } else {
                const qsizetype length = request.header("content-length").toLongLong();
                if (rest.size() < length)
                    return;
                request.body = rest.left(length);
            }
            buffer->clear();
            const HttpResponse response = m_handler(request);
            QByteArray head =
                "HTTP/1.1 " + QByteArray::number(response.status) + " " + reason(response.status) + "\r\n";
            head += "Connection: close\r\n";
            if (response.raw) {
                socket->write(head);
                socket->write(response.body);
            } else {
                for (const auto& [name, value] : response.headers)
                    head += name + ": " + value + "\r\n";
                head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
                socket->write(head);
                socket->write(response.body);
            }
            socket->disconnectFromHost();
        });
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 409:
            return "Conflict";
        case 422:
            return "Unprocessable Entity";
        default:
            return "Status";
        }
    }

    Handler m_handler;
};

} // namespace shiplog::test
