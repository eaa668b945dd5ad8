#pragma once

// A TCP server on 127.0.0.1 in its own thread, the base of the tests' HTTP servers
// (LoopbackHttpServer, HostileKubeServer): code under test — or the real `shiplog` binary the test
// waits for — may block the test thread while it serves. A subclass answers each connection in
// serve(), calls startServing() at the end of its constructor and stopServing() first in its
// destructor (so that no connection reaches a half-destroyed object). Header-only.
#include <QHostAddress>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <future>

namespace shiplog::test {

class LoopbackServerThread : public QThread
{
public:
    ~LoopbackServerThread() override { stopServing(); }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

protected:
    // Runs in the server's thread, once per accepted connection; the socket lives in that thread.
    virtual void serve(QTcpSocket* socket) = 0;

    void startServing()
    {
        std::future<quint16> ready = m_ready.get_future();
        start();
        m_port = ready.get();
    }
    void stopServing()
    {
        quit();
        wait();
    }

    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket* socket = server.nextPendingConnection())
                serve(socket);
        });
        m_ready.set_value(server.serverPort());
        exec();
    }

private:
    std::promise<quint16> m_ready;
    quint16 m_port = 0;
};

} // namespace shiplog::test
