#include "core/git/clone.h"
#include "core/git/history.h"
#include "core/jobs/job.h"
#include "tests/support/fixtures.h"
#include "tests/support/git_log_rows.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace shiplog;
using CloneResult = core::Result<QString>;

namespace {

// A bare repository with enough objects that a clone reports progress several times.
QString makeBareRemote(const QTemporaryDir& dir, int commits = 300)
{
    test::ScratchRepo work;
    QByteArray stream;
    for (int i = 1; i <= commits; ++i) {
        QByteArray content;
        for (int line = 0; line < 40; ++line)
            content +=
                "key" + QByteArray::number(line) + ": value-" + QByteArray::number(i * 1000 + line) + "\n";
        stream += "commit refs/heads/main\ncommitter C <c@x> " + QByteArray::number(1700000000 + i) +
                  " +0000\ndata <<END\nbump " + QByteArray::number(i) +
                  "\nEND\nM 100644 inline config-root/app-" + QByteArray::number(i % 25) + ".yaml\ndata " +
                  QByteArray::number(content.size()) + "\n" + content + "\n";
    }
    test::run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, work.path(),
              test::ScratchRepo::gitEnvironment(), 60000, stream);
    const QString bare = dir.filePath(QStringLiteral("remote.git"));
    test::run(QStringLiteral("git"),
              {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"), work.path(), bare});
    return bare;
}

struct Outcome
{
    CloneResult result = core::fail(QStringLiteral("no result"));
    QStringList texts;
    QList<int> values;
};

// Runs the clone job on the pool as the GUI does and records the progress it reports.
Outcome cloneWatched(const QString& url, const QString& destination)
{
    Outcome outcome;
    QFutureWatcher<CloneResult> watcher;
    QObject::connect(&watcher, &QFutureWatcher<CloneResult>::progressValueChanged,
                     [&](int v) { outcome.values << v; });
    QObject::connect(&watcher, &QFutureWatcher<CloneResult>::progressTextChanged,
                     [&](const QString& t) { outcome.texts << t; });
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<CloneResult>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(core::jobs::pool(), &core::git::cloneRepository, url, destination));
    loop.exec();
    if (watcher.future().resultCount() > 0)
        outcome.result = watcher.future().result();
    return outcome;
}

CloneResult cloneNow(const QString& url, const QString& destination, bool cancelled = false)
{
    QPromise<CloneResult> promise;
    promise.start();
    if (cancelled)
        promise.future().cancel();
    core::git::cloneRepository(promise, url, destination);
    promise.finish();
    return promise.future().resultCount() > 0 ? promise.future().result()
                                              : core::fail(QStringLiteral("no result"));
}

} // namespace

class TestClone : public QObject
{
    Q_OBJECT
private slots:
    void clonesOverFileUrlWithProgress()
    {
        QTemporaryDir dir;
        const QString remote = makeBareRemote(dir);
        const QString destination = dir.filePath(QStringLiteral("work/clone"));
        const Outcome outcome = cloneWatched(QStringLiteral("file://") + remote, destination);
        QVERIFY2(outcome.result.has_value(), test::why(outcome.result).constData());
        QCOMPARE(*outcome.result, destination);
        QVERIFY(QFile::exists(destination + QStringLiteral("/config-root/app-7.yaml")));
        // The history of the clone is the remote's.
        QCOMPARE(test::gitLogRows(destination), test::gitLogRows(remote));
        // Progress came in steps, never backwards, with git-like text, and ended at 100.
        QVERIFY2(outcome.values.size() >= 3,
                 qPrintable(QStringLiteral("%1 progress reports").arg(outcome.values.size())));
        QVERIFY(std::is_sorted(outcome.values.begin(), outcome.values.end()));
        QCOMPARE(outcome.values.last(), 100);
        const QStringList receiving = outcome.texts.filter(
            QRegularExpression(QStringLiteral("^Receiving objects \\d+% \\(\\d+/\\d+\\)$")));
        QVERIFY2(!receiving.isEmpty(), qPrintable(outcome.texts.join(QLatin1Char('\n'))));
    }

    void cancelledCloneLeavesNoFolder()
    {
        QTemporaryDir dir;
        const QString remote = makeBareRemote(dir, 20);
        const QString destination = dir.filePath(QStringLiteral("cancelled"));
        const CloneResult result = cloneNow(QStringLiteral("file://") + remote, destination, true);
        QVERIFY(!result.has_value());
        QVERIFY(!QFileInfo::exists(destination));
        // An empty folder the user chose is kept, and left empty.
        const QString chosen = dir.filePath(QStringLiteral("chosen"));
        QVERIFY(QDir().mkpath(chosen));
        QVERIFY(!cloneNow(QStringLiteral("file://") + remote, chosen, true).has_value());
        QVERIFY(QFileInfo(chosen).isDir());
        QVERIFY(QDir(chosen).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
    }

    void clearErrors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::addRow("no repository there")
            << "file:///nonexistent/shiplog/repo.git"
            << "There is no repository at 'file:///nonexistent/shiplog/repo.git'";
        QTest::addRow("unsupported scheme") << "gopher://example.invalid/x.git"
                                            << "is not a URL that Shiplog can clone";
        QTest::addRow("nothing listening") << "https://127.0.0.1:9/x.git"
                                           << "Cannot reach the server of 'https://127.0.0.1:9/x.git'";
        QTest::addRow("empty") << ""
                               << "No URL to clone from";
    }

    void clearErrors()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString destination = dir.filePath(QStringLiteral("clone"));
        const CloneResult result = cloneNow(url, destination);
        QVERIFY(!result.has_value());
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
        QVERIFY(!QFileInfo::exists(destination));
    }

    void destinationMustBeEmpty()
    {
        QTemporaryDir dir;
        const QString remote = makeBareRemote(dir, 3);
        const QString occupied = dir.filePath(QStringLiteral("occupied"));
        QVERIFY(QDir().mkpath(occupied));
        QFile keep(occupied + QStringLiteral("/notes.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("mine\n");
        keep.close();
        const CloneResult result = cloneNow(remote, occupied);
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().message,
                 QStringLiteral("Cannot clone into '%1': the folder exists and is not empty").arg(occupied));
        QVERIFY(QFile::exists(occupied + QStringLiteral("/notes.txt")));
    }

    void authenticationRequired()
    {
        // A loopback server that answers every request as a forge does without credentials.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QObject::connect(&server, &QTcpServer::newConnection, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"forge\"\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
            }
        });
        QTemporaryDir dir;
        const QString url = QStringLiteral("http://127.0.0.1:%1/team/env.git").arg(server.serverPort());
        const Outcome outcome = cloneWatched(url, dir.filePath(QStringLiteral("clone")));
        QVERIFY(!outcome.result.has_value());
        QVERIFY2(
            outcome.result.error().message.contains(QStringLiteral("'%1' requires authentication").arg(url)),
            qPrintable(outcome.result.error().message));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("clone"))));
    }
};

QTEST_GUILESS_MAIN(TestClone)
#include "tst_clone.moc"
