#pragma once

// Real git servers on loopback for tests: `git daemon` (hooks run, so rejections can be tested) and
// `git http-backend` as CGI behind LoopbackHttpServer with Basic authentication. Header-only.
#include "tests/support/loopback_http.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <atomic>

namespace shiplog::test {

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// `git daemon --export-all --enable=receive-pack` serving the repositories under `basePath`.
class GitDaemon
{
public:
    explicit GitDaemon(const QString& basePath)
    {
        m_port = freePort();
        m_process.setProcessEnvironment(ScratchRepo::gitEnvironment());

        // The daemon program itself, not `git daemon`: killing the `git` wrapper would orphan it.
        const QString execPath =
            QString::fromUtf8(run(QStringLiteral("git"), {QStringLiteral("--exec-path")}).out).trimmed();
        m_process.start(execPath + QStringLiteral("/git-daemon"),
                        {QStringLiteral("--export-all"), QStringLiteral("--enable=receive-pack"),
                         QStringLiteral("--reuseaddr"), QStringLiteral("--base-path=") + basePath,
                         QStringLiteral("--port=%1").arg(m_port), QStringLiteral("--listen=127.0.0.1"),
                         basePath});
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10000) { // ready once it accepts connections
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200)) {
                m_ready = true;
                break;
            }
            QThread::msleep(50);
        }
    }
    ~GitDaemon()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    bool ready() const { return m_ready; }
    QString url(const QString& repo) const
    {
        return QStringLiteral("git://127.0.0.1:%1/%2").arg(m_port).arg(repo);
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    bool m_ready = false;
};

// `git http-backend` behind Basic authentication: user "u" with password `password`; answers 401
// with WWW-Authenticate first, and counts what was tried.
class GitHttpServer
{
public:
    GitHttpServer(const QString& projectRoot, QString password)
        : m_root(projectRoot), m_password(std::move(password)),
          m_server([this](const HttpRequest& r) { return handle(r); })
    {
    }
    QString url(const QString& repo) const { return m_server.baseUrl() + QLatin1Char('/') + repo; }
    std::atomic<int> refusedAttempts{0}; // requests carrying wrong credentials
    std::atomic<int> anonymous{0};       // requests without credentials (answered 401)
    std::atomic<int> served{0};

private:
    HttpResponse handle(const HttpRequest& r)
    {
        const QByteArray auth = r.header("authorization");
        const QByteArray decoded = QByteArray::fromBase64(auth.mid(6));
        const bool passwordOk =
            auth.startsWith("Basic ") && decoded.mid(decoded.indexOf(':') + 1) == m_password.toUtf8();
        if (!passwordOk) {
            (auth.isEmpty() ? anonymous : refusedAttempts)++;
            return HttpResponse{401,
                                {{"WWW-Authenticate", "Basic realm=\"git\""}, {"Content-Type", "text/plain"}},
                                "Unauthorized\n",
                                false};
        }
        ++served;
        QProcessEnvironment env = ScratchRepo::gitEnvironment();
        env.insert(QStringLiteral("GIT_PROJECT_ROOT"), m_root);
        env.insert(QStringLiteral("GIT_HTTP_EXPORT_ALL"), QStringLiteral("1"));
        env.insert(QStringLiteral("REMOTE_USER"), QStringLiteral("u"));
        env.insert(QStringLiteral("REMOTE_ADDR"), QStringLiteral("127.0.0.1"));
        env.insert(QStringLiteral("REQUEST_METHOD"), QString::fromLatin1(r.method));
        env.insert(QStringLiteral("QUERY_STRING"), QString::fromLatin1(r.query));
        env.insert(QStringLiteral("PATH_INFO"), QString::fromUtf8(QByteArray::fromPercentEncoding(r.path)));
        env.insert(QStringLiteral("CONTENT_TYPE"), QString::fromLatin1(r.header("content-type")));
        env.insert(QStringLiteral("CONTENT_LENGTH"), QString::number(r.body.size()));
        if (!r.header("git-protocol").isEmpty())
            env.insert(QStringLiteral("GIT_PROTOCOL"), QString::fromLatin1(r.header("git-protocol")));
        const ProcessResult cgi =
            run(QStringLiteral("git"), {QStringLiteral("http-backend")}, m_root, env, 30000, r.body);
        // CGI: headers (maybe "Status: 404 Not Found"), blank line, body.
        qsizetype split = cgi.out.indexOf("\r\n\r\n");
        qsizetype skip = 4;
        if (split < 0) {
            split = cgi.out.indexOf("\n\n");
            skip = 2;
        }
        if (split < 0)
            return HttpResponse{500, {}, "http-backend: " + cgi.err, false};
        HttpResponse response;
        response.raw = true;
        QByteArray headers;
        for (const QByteArray& line : cgi.out.left(split).split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("status:"))
                response.status = l.mid(7).trimmed().split(' ').first().toInt();
            else if (!l.isEmpty())
                headers += l + "\r\n";
        }
        response.body = headers + "\r\n" + cgi.out.mid(split + skip);
        return response;
    }

    QString m_root;
    QString m_password;
    LoopbackHttpServer m_server;
};

} // namespace shiplog::test
