#pragma once

// A GitHub stand-in on loopback whose "create pull request" POST does not answer until released:
// it holds a revert in its last stage (after the push) so that a test can cancel, close or abandon
// it mid-way and know where it was. Header-only.
#include "tests/support/loopback_http.h"

#include <QSemaphore>
#include <atomic>

namespace shiplog::test {

class StallingForge
{
public:
    explicit StallingForge(QByteArray token) : m_token(std::move(token)) {}
    ~StallingForge() { release(); } // before the server's thread is joined (members go after this)

    QString baseUrl() const { return m_server.baseUrl(); }
    bool posted() const { return m_posted.load(); } // a POST arrived and is being held
    int answered() const { return m_answered.load(); }
    void release() { m_release.release(1000); }

private:
    HttpResponse handle(const HttpRequest& r)
    {
        if (r.header("authorization") != "Bearer " + m_token)
            return {401, {}, "{\"message\":\"Bad credentials\"}"};
        if (r.method == "GET") // "is a pull request for this branch open already?"
            return {200, {}, "[]"};
        if (r.method != "POST")
            return {404, {}, "{\"message\":\"Not Found\"}"};
        m_posted = true;
        m_release.tryAcquire(1, 60000);
        ++m_answered;
        return {201, {}, "{\"number\":7,\"html_url\":\"https://github.example.com/acme/env/pull/7\"}"};
    }

    QByteArray m_token;
    std::atomic<bool> m_posted{false};
    std::atomic<int> m_answered{0};
    QSemaphore m_release;
    LoopbackHttpServer m_server{[this](const HttpRequest& r) { return handle(r); }};
};

} // namespace shiplog::test
