#include "core/forge/http_session.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace shiplog::core::forge {

HttpSession::HttpSession(std::function<bool()> isCanceled, int timeoutMs)
    : m_isCanceled(std::move(isCanceled)), m_timeoutMs(timeoutMs)
{
    m_nam.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

HttpReply HttpSession::send(const QByteArray& method, const QUrl& url, const Headers& headers,
                            const QByteArray& body)
{
    HttpReply result;
    if (canceled()) {
        result.canceled = true;
        result.networkError = QStringLiteral("canceled");
        return result;
    }
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    QBuffer payload;
    payload.setData(body);
    payload.open(QIODevice::ReadOnly);
    QNetworkReply* reply =
        m_nam.sendCustomRequest(request, method, body.isEmpty() && method == "GET" ? nullptr : &payload);

    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    bool tooBig = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if (!tooBig && (received > maxBodyBytes || total > maxBodyBytes)) {
            tooBig = true;
            reply->abort();
        }
    });
    QTimer poll;
    poll.setInterval(50);
    QElapsedTimer clock;
    clock.start();
    bool timedOut = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (canceled()) {
            result.canceled = true;
            reply->abort();
        } else if (clock.elapsed() > m_timeoutMs) {
            timedOut = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished())
        loop.exec();
    poll.stop();

    result.status = tooBig ? 0 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = tooBig ? QByteArray() : reply->readAll();
    if (tooBig) {
        result.networkError =
            QStringLiteral("the answer is larger than %1 MiB, which no forge API answer is; refused")
                .arg(maxBodyBytes >> 20);
    } else if (result.status == 0) {
        result.networkError = result.canceled ? QStringLiteral("canceled")
                              : timedOut ? QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000)
                                         : reply->errorString();
    }
    delete reply;
    return result;
}

bool HttpSession::pause(int ms) const
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (canceled())
            return false;
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(20, ms - clock.elapsed() + 1)));
    }
    return !canceled();
}

} // namespace shiplog::core::forge
