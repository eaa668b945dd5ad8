#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <functional>

namespace shiplog::core::demo {

// One HTTP/1.1 request as read off the wire.
struct HttpRequest
{
    QByteArray method;
    QString path;                          // percent-decoded
    QHash<QString, QString> query;         // decoded ('+' is a space, as Go's url.Values encodes it)
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    QString param(const QString& name) const { return query.value(name); }
};

// A small HTTP/1.1 server connection: persistent, Content-Length or chunked request bodies, and
// responses either whole or as a chunked stream (a watch: each chunk is written and flushed at once).
// It is the stand-in's job to speak the exact wire format, so this is kept in our hands.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(HttpConnection*, const HttpRequest&)>;

    HttpConnection(QTcpSocket* socket, Handler handler, QObject* parent = nullptr);
    ~HttpConnection() override;

    void respond(int status, const QByteArray& contentType, const QByteArray& body,
                 const QHash<QByteArray, QByteArray>& extraHeaders = {});
    void startStream(int status, const QByteArray& contentType);
    void writeChunk(const QByteArray& data);
    void endStream();
    bool streaming() const { return m_streaming; }
    void close();

signals:
    void closed(shiplog::core::demo::HttpConnection* connection);

private:
    void readRequests();
    bool parseOne();

    QPointer<QTcpSocket> m_socket;
    Handler m_handler;
    QByteArray m_buffer;
    bool m_streaming = false;
    bool m_closeAfterResponse = false;
    bool m_closed = false;
};

QByteArray httpReasonPhrase(int status);

} // namespace shiplog::core::demo
