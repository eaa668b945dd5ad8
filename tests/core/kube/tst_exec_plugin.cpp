// Exec credential plugins run as shell scripts: v1 and v1beta1, KUBERNETES_EXEC_INFO, caching until
// expirationTimestamp, the re-run after a 401, and the errors a user must be able to act on.
#include "core/kube/credentials.h"
#include "tests/support/fixtures.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace shiplog::core::kube;

class TestExecPlugin : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_serial = 0;

    // A plugin that counts its runs, records its environment and prints `body` on stdout.
    QString plugin(const QString& body, int exitCode = 0, const QString& stderrText = {})
    {
        const QString path = m_dir.filePath(QStringLiteral("plugin-%1.sh").arg(++m_serial));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        const QString script = QStringLiteral("#!/bin/sh\n"
                                              "echo run >> \"%1.count\"\n"
                                              "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"%1.info\"\n"
                                              "printf '%s' \"$PLUGIN_EXTRA\" > \"%1.extra\"\n"
                                              "cat <<'JSON'\n%2\nJSON\n"
                                              "echo '%3' >&2\n"
                                              "exit %4\n")
                                   .arg(path, body, stderrText)
                                   .arg(exitCode);
        file.write(script.toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    static int runs(const QString& pluginPath)
    {
        QFile file(pluginPath + QStringLiteral(".count"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return file.readAll().count('\n');
    }

    static QJsonObject execInfo(const QString& pluginPath)
    {
        QFile file(pluginPath + QStringLiteral(".info"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    static ConnectionConfig
    connection(const QString& command,
               const QString& apiVersion = QStringLiteral("client.authentication.k8s.io/v1"))
    {
        ConnectionConfig c;
        c.contextName = QStringLiteral("ctx");
        c.cluster.name = QStringLiteral("c");
        c.cluster.server = QStringLiteral("https://127.0.0.1:6443");
        c.cluster.certificateAuthorityData = "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n";
        c.user.name = QStringLiteral("eks-user");
        c.user.exec.apiVersion = apiVersion;
        c.user.exec.command = command;
        c.user.exec.env = {{QStringLiteral("PLUGIN_EXTRA"), QStringLiteral("from-exec-env")}};
        return c;
    }

    static QString tokenJson(const QString& apiVersion, const QString& token, const QDateTime& expiry = {})
    {
        QJsonObject status{{QStringLiteral("token"), token}};
        if (expiry.isValid())
            status.insert(QStringLiteral("expirationTimestamp"), expiry.toString(Qt::ISODate));
        return QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), apiVersion},
                                      {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                                      {QStringLiteral("status"), status}})
                .toJson(QJsonDocument::Compact));
    }

    QString writeScript(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(text.toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    static QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Alive and not a zombie (a killed child of ours may linger unreaped until its parent waits).
    static bool alive(int pid)
    {
        if (pid <= 0 || ::kill(pid, 0) != 0)
            return false;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = stat.readAll();
        return text.mid(text.lastIndexOf(')') + 2, 1) != "Z";
    }

private slots:
    void init() { clearCredentialCache(); }

    // D10: a plugin that hangs was abandoned after the timeout, but it (and what it started) kept
    // running. Its whole process group ends: on timeout, and when it exits leaving helpers behind.
    void hangingPluginAndItsChildrenAreKilledOnTimeout()
    {
        const QString pids = m_dir.filePath(QStringLiteral("hang.pids"));
        const QString path =
            writeScript(QStringLiteral("hang.sh"),
                        QStringLiteral("#!/bin/sh\nsleep 300 &\necho $$ $! > '%1'\nwait\n").arg(pids));
        QElapsedTimer clock;
        clock.start();
        auto result = runExecPlugin(connection(path), 1500);
        QVERIFY(!result.has_value());
        QVERIFY2(result.error().message.contains(u"did not finish within 1 seconds"),
                 qPrintable(result.error().message));
        QVERIFY(clock.elapsed() < 10000);
        const QList<QByteArray> ids = readFile(pids).trimmed().split(' ');
        QCOMPARE(ids.size(), 2);
        for (const QByteArray& id : ids)
            QTRY_VERIFY2_WITH_TIMEOUT(!alive(id.toInt()), "a process of the plugin survived its timeout",
                                      5000);
    }

    void helpersLeftBehindByAFinishedPluginAreKilled()
    {
        const QString pids = m_dir.filePath(QStringLiteral("leave.pids"));
        const QString path = writeScript(
            QStringLiteral("leave.sh"),
            QStringLiteral("#!/bin/sh\nsleep 300 >/dev/null 2>&1 &\necho $! > '%1'\ncat <<'JSON'\n%2\nJSON\n")
                .arg(pids, tokenJson(QStringLiteral("client.authentication.k8s.io/v1"),
                                     QStringLiteral("tok-left"))));
        auto result = runExecPlugin(connection(path));
        QVERIFY2(result.has_value(), shiplog::test::why(result));
        QCOMPARE(result->token, QStringLiteral("tok-left"));
        const int helper = readFile(pids).trimmed().toInt();
        QVERIFY(helper > 0);
        QTRY_VERIFY2_WITH_TIMEOUT(!alive(helper), "the plugin's helper outlived it", 5000);
    }

    void v1TokenIsCachedUntilExpiry()
    {
        const QString p =
            plugin(tokenJson(QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("tok-1"),
                             QDateTime::currentDateTimeUtc().addSecs(3600)));
        ConnectionConfig c = connection(p);
        c.user.exec.provideClusterInfo = true;
        auto first = resolveCredentials(c);
        QVERIFY2(first.has_value(), shiplog::test::why(first));
        QCOMPARE(first->token, QStringLiteral("tok-1"));
        QVERIFY(first->expiresAt.isValid());
        auto second = resolveCredentials(c);
        QVERIFY2(second.has_value(), shiplog::test::why(second));
        QCOMPARE(runs(p), 1);

        const QJsonObject info = execInfo(p);
        QCOMPARE(info.value(u"kind").toString(), QStringLiteral("ExecCredential"));
        QCOMPARE(info.value(u"apiVersion").toString(), QStringLiteral("client.authentication.k8s.io/v1"));
        const QJsonObject spec = info.value(u"spec").toObject();
        QCOMPARE(spec.value(u"interactive").toBool(true), false);
        QCOMPARE(spec.value(u"cluster").toObject().value(u"server").toString(), c.cluster.server);
        QVERIFY(!spec.value(u"cluster").toObject().value(u"certificate-authority-data").toString().isEmpty());
        QFile extra(p + QStringLiteral(".extra"));
        QVERIFY(extra.open(QIODevice::ReadOnly));
        QCOMPARE(extra.readAll(), QByteArray("from-exec-env"));
    }

    void clusterInfoOnlyWhenAsked()
    {
        const QString p =
            plugin(tokenJson(QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("t")));
        auto creds = resolveCredentials(connection(p));
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QVERIFY(!execInfo(p).value(u"spec").toObject().contains(u"cluster"));
    }

    void v1beta1ClientCertificate()
    {
        const QString p = plugin(QStringLiteral(
            R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----","clientKeyData":"-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----"}})"));
        auto creds =
            resolveCredentials(connection(p, QStringLiteral("client.authentication.k8s.io/v1beta1")));
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QVERIFY(creds->token.isEmpty());
        QVERIFY(creds->clientCertificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
        QVERIFY(creds->clientKeyPem.contains("PRIVATE KEY"));
        QCOMPARE(execInfo(p).value(u"apiVersion").toString(),
                 QStringLiteral("client.authentication.k8s.io/v1beta1"));
    }

    void expiredCredentialIsRerun()
    {
        const QString p =
            plugin(tokenJson(QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("old"),
                             QDateTime::currentDateTimeUtc().addSecs(-5)));
        ConnectionConfig c = connection(p);
        QVERIFY(resolveCredentials(c).has_value());
        QVERIFY(resolveCredentials(c).has_value());
        QCOMPARE(runs(p), 2);
    }

    void refreshAfterUnauthorizedRunsOnce()
    {
        const QString p =
            plugin(tokenJson(QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("tok")));
        ConnectionConfig c = connection(p);
        auto first = resolveCredentials(c);
        QVERIFY2(first.has_value(), shiplog::test::why(first));
        auto refreshed = refreshCredentials(c, *first);
        QVERIFY2(refreshed.has_value(), shiplog::test::why(refreshed));
        QCOMPARE(runs(p), 2);
        QVERIFY(resolveCredentials(c).has_value()); // the refreshed token is cached again
        QCOMPARE(runs(p), 2);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::addRow("non-zero exit shows stderr")
            << tokenJson(QStringLiteral("client.authentication.k8s.io/v1"), QStringLiteral("t")) << 3
            << QStringLiteral("SSO session expired; run aws sso login");
        QTest::addRow("apiVersion mismatch")
            << tokenJson(QStringLiteral("client.authentication.k8s.io/v1beta1"), QStringLiteral("t")) << 0
            << QStringLiteral("answered with apiVersion \"client.authentication.k8s.io/v1beta1\"");
        QTest::addRow("no status")
            << QStringLiteral(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})")
            << 0 << QStringLiteral("without status");
        QTest::addRow("neither token nor certificate")
            << QStringLiteral(
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})")
            << 0 << QStringLiteral("neither a token nor a client certificate");
        QTest::addRow("not json") << QStringLiteral("hello") << 0 << QStringLiteral("no ExecCredential JSON");
    }

    void errors()
    {
        QFETCH(QString, body);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const QString p = plugin(body, exitCode, QStringLiteral("SSO session expired; run aws sso login"));
        auto creds = resolveCredentials(connection(p));
        QVERIFY(!creds.has_value());
        QVERIFY2(creds.error().message.contains(expected), qPrintable(creds.error().message));
        QVERIFY2(creds.error().message.contains(u"eks-user"), qPrintable(creds.error().message));
    }

    void unsupportedApiVersionInKubeconfig()
    {
        const QString p =
            plugin(tokenJson(QStringLiteral("client.authentication.k8s.io/v1alpha1"), QStringLiteral("t")));
        auto creds =
            resolveCredentials(connection(p, QStringLiteral("client.authentication.k8s.io/v1alpha1")));
        QVERIFY(!creds.has_value());
        QVERIFY2(creds.error().message.contains(u"v1alpha1"), qPrintable(creds.error().message));
        QCOMPARE(runs(p), 0);
    }

    void missingBinaryShowsInstallHint()
    {
        ConnectionConfig c = connection(QStringLiteral("shiplog-no-such-plugin-xyz"));
        c.user.exec.installHint = QStringLiteral("Install it with: brew install shiplog-no-such-plugin-xyz");
        auto creds = resolveCredentials(c);
        QVERIFY(!creds.has_value());
        QVERIFY2(creds.error().message.contains(u"not found in PATH"), qPrintable(creds.error().message));
        QVERIFY2(creds.error().message.contains(c.user.exec.installHint), qPrintable(creds.error().message));

        c.user.exec.command = m_dir.filePath(QStringLiteral("missing/plugin"));
        creds = resolveCredentials(c);
        QVERIFY(!creds.has_value());
        QVERIFY2(creds.error().message.contains(c.user.exec.installHint), qPrintable(creds.error().message));
    }
};

QTEST_GUILESS_MAIN(TestExecPlugin)
#include "tst_exec_plugin.moc"
