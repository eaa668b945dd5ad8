#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>
#include <functional>
#include <utility>

namespace shiplog::core::forge {

struct HttpReply
{
    int status = 0; // HTTP status; 0 when no answer arrived (network error, cancel, timeout)
    QByteArray body;
    QString networkError; // set when status is 0: "Connection refused", "timed out", "canceled"
    bool canceled = false;
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// Blocking HTTP for worker threads: owns its QNetworkAccessManager (created on, and used only by,
// the calling thread) and waits in a local event loop, so that a job can talk to a forge step by
// step. Cancellation is polled while waiting.
class HttpSession
{
public:
    explicit HttpSession(std::function<bool()> isCanceled = {}, int timeoutMs = 30000);
    virtual ~HttpSession() = default;
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;
    // Virtual for the forge fuzz target (tests/fuzz/fuzz_forge.cpp), which answers without a network.
    // An answer above maxBodyBytes is refused (status 0, networkError says so): a forge's JSON is small.
    virtual HttpReply send(const QByteArray& method, const QUrl& url, const Headers& headers,
                           const QByteArray& body = {});
    static constexpr qint64 maxBodyBytes = 16ll << 20;
    // Sleeps up to `ms` in small steps; false when canceled meanwhile.
    bool pause(int ms) const;
    bool canceled() const { return m_isCanceled && m_isCanceled(); }

private:
    QNetworkAccessManager m_nam;
    std::function<bool()> m_isCanceled;
    int m_timeoutMs;
};

} // namespace shiplog::core::forge
