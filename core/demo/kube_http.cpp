#include "core/demo/kube_http.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace shiplog::core::demo {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

QString decodeComponent(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}

} // namespace

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

HttpConnection::HttpConnection(QTcpSocket* socket, Handler handler, QObject* parent)
    : QObject(parent), m_socket(socket), m_handler(std::move(handler))
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readRequests);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_closed) {
            m_closed = true;
            emit closed(this);
        }
    });
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readRequests, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::close()
{
    if (m_socket)
        m_socket->disconnectFromHost();
    if (!m_closed) {
        m_closed = true;
        emit closed(this);
    }
}

void HttpConnection::readRequests()
{
    if (!m_socket)
        return;
    m_buffer.append(m_socket->readAll());
    // A streaming response owns the connection; anything the client sends meanwhile is ignored.
    while (!m_streaming && !m_closed && parseOne()) {
    }
}

bool HttpConnection::parseOne()
{
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > kMaxHeaderBytes)
            respond(413, "text/plain", "request header too large\n");
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    HttpRequest request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() < 3) {
        m_closeAfterResponse = true;
        respond(400, "text/plain", "malformed request line\n");
        return false;
    }
    request.method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
    if (question >= 0) {
        for (const QByteArray& pair : target.mid(question + 1).split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            request.query.insert(decodeComponent(eq < 0 ? pair : pair.left(eq)),
                                 eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1)));
        }
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    qsizetype consumed = headerEnd + 4;
    if (request.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        qsizetype at = consumed;
        for (;;) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qsizetype size =
                m_buffer.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size > kMaxBodyBytes) {
                m_closeAfterResponse = true;
                respond(400, "text/plain", "malformed chunked body\n");
                return false;
            }
            at = lineEnd + 2;
            if (size == 0) {
                const qsizetype trailerEnd = m_buffer.indexOf("\r\n", at);
                if (trailerEnd < 0)
                    return false;
                at = trailerEnd + 2;
                break;
            }
            if (m_buffer.size() < at + size + 2)
                return false;
            body.append(m_buffer.mid(at, size));
            at += size + 2;
        }
        request.body = body;
        consumed = at;
    } else {
        const qsizetype length = request.header("content-length").toLongLong();
        if (length > kMaxBodyBytes) {
            m_closeAfterResponse = true;
            respond(413, "text/plain", "request body too large\n");
            return false;
        }
        if (m_buffer.size() < consumed + length)
            return false;
        request.body = m_buffer.mid(consumed, length);
        consumed += length;
    }
    m_buffer.remove(0, consumed);
    if (request.header("connection").toLower() == "close")
        m_closeAfterResponse = true;
    m_handler(this, request);
    return true;
}

namespace {

QByteArray statusLine(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
}

QByteArray commonHeaders()
{
    const QString date =
        QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")) +
        QStringLiteral(" GMT");
    return "Date: " + date.toLatin1() + "\r\nCache-Control: no-cache, private\r\n";
}

} // namespace

void HttpConnection::respond(int status, const QByteArray& contentType, const QByteArray& body,
                             const QHash<QByteArray, QByteArray>& extraHeaders)
{
    if (!m_socket || m_closed)
        return;
    QByteArray response = statusLine(status) + commonHeaders();
    response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (auto it = extraHeaders.begin(); it != extraHeaders.end(); ++it)
        response += it.key() + ": " + it.value() + "\r\n";
    if (m_closeAfterResponse)
        response += "Connection: close\r\n";
    response += "\r\n" + body;
    m_socket->write(response);
    m_socket->flush();
    if (m_closeAfterResponse)
        close();
}

void HttpConnection::startStream(int status, const QByteArray& contentType)
{
    if (!m_socket || m_closed)
        return;
    m_streaming = true;
    QByteArray response = statusLine(status) + commonHeaders();
    response += "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    m_socket->write(response);
    m_socket->flush();
}

void HttpConnection::writeChunk(const QByteArray& data)
{
    if (!m_socket || m_closed || !m_streaming || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_socket->flush();
}

void HttpConnection::endStream()
{
    if (!m_socket || m_closed || !m_streaming)
        return;
    m_socket->write("0\r\n\r\n");
    m_socket->flush();
    m_streaming = false;
    if (m_closeAfterResponse)
        close();
    else if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &HttpConnection::readRequests, Qt::QueuedConnection);
}

} // namespace shiplog::core::demo
