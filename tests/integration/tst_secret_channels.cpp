// Planted tokens and Secret values never leave the process (issue 14, D13/D14): the revert and
// drift flows of the real binary are run where every source of text quotes a secret — a remote
// URL with a token, a forge answering 401/500 with the Authorization header in its body, an API
// server echoing the bearer token in a Status message, Secret values that differ from git — and
// stdout, stderr and the JSON are searched for each planted value.
#include "tests/support/git_servers.h"
#include "tests/support/hostile_kube_server.h"
#include "tests/support/revert_world.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace shiplog;
using test::HostileAnswer;
using test::HostileKubeServer;
using test::RevertWorld;

namespace {

const QByteArray kUrlToken = "ghp_urlsecret456";
const QByteArray kForgeToken = "ghp_plantedForgeToken0042";
const QByteArray kKubeToken = "kube-planted-bearer-9931";
const QByteArray kSecretValue = "hunter2-planted-secret-value";

QProcessEnvironment cleanEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    for (const char* name :
         {"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITLAB_TOKEN",
          "GITEA_TOKEN", "AZURE_DEVOPS_EXT_PAT", "GIT_ASKPASS", "SSH_ASKPASS"})
        env.remove(QLatin1String(name));
    return env;
}

// Fails the test when any planted value appears in any channel.
#define VERIFY_NO_SECRETS(result, secrets)                                                                   \
    for (const QByteArray& planted : secrets) {                                                              \
        QVERIFY2(!(result).out.contains(planted),                                                            \
                 qPrintable("stdout shows " + planted + ": " + (result).out));                               \
        QVERIFY2(!(result).err.contains(planted),                                                            \
                 qPrintable("stderr shows " + planted + ": " + (result).err));                               \
    }

QString seedHistory(const RevertWorld& w)
{
    w.seed.write(QStringLiteral("a.yaml"),
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: '1'\n");
    w.seed.commit(QStringLiteral("a"));
    w.seed.write(QStringLiteral("a.yaml"),
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: '2'\n");
    const QString change = w.seed.commit(QStringLiteral("a 2"));
    w.push();
    return change;
}

} // namespace

class TestSecretChannels : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    // D13: the token in the remote URL was printed in the JSON message and on stderr.
    void revertWithTokenInTheRemoteUrl()
    {
        RevertWorld w;
        const QString change = seedHistory(w);
        // Nothing listens there: the fetch fails, and its message quotes the URL.
        const quint16 closed = test::freePort();
        QVERIFY(w.cloneUser(QStringLiteral("https://x-access-token:%1@127.0.0.1:%2/o/r.git")
                                .arg(QString::fromLatin1(kUrlToken))
                                .arg(closed)));
        for (const QStringList& mode : {QStringList{QStringLiteral("--json")}, QStringList{}}) {
            const auto r = test::run(
                QStringLiteral(SHIPLOG_BINARY),
                QStringList{QStringLiteral("revert"), QStringLiteral("--repo"), w.user(), change} + mode, {},
                cleanEnvironment(m_home), 60000);
            QCOMPARE(r.exitCode, 2);
            VERIFY_NO_SECRETS(r, QList<QByteArray>{kUrlToken});
            QVERIFY2((r.out + r.err).contains("127.0.0.1"),
                     (r.out + r.err).constData()); // the message still says where
        }
    }

    // D14: a forge answering 401/500 with a body that quotes the Authorization header.
    void revertWhenTheForgeEchoesTheAuthorizationHeader_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("json");
        QTest::newRow("401 JSON") << 401 << true;
        QTest::newRow("500 text") << 500 << false;
    }

    void revertWhenTheForgeEchoesTheAuthorizationHeader()
    {
        QFETCH(int, status);
        QFETCH(bool, json);
        RevertWorld w;
        const QString change = seedHistory(w);
        QVERIFY(w.cloneUser());
        test::LoopbackHttpServer api([=](const test::HttpRequest& r) {
            const QByteArray echoed = "Authorization: " + r.header("authorization");
            const QByteArray body = json ? "{\"message\":\"Bad credentials (" + echoed + ")\"}"
                                         : "proxy error; request had " + echoed;
            return test::HttpResponse{
                status, {{"Content-Type", json ? "application/json" : "text/plain"}}, body, false};
        });
        QProcessEnvironment env = cleanEnvironment(m_home);
        env.insert(QStringLiteral("GH_ENTERPRISE_TOKEN"), QString::fromLatin1(kForgeToken));
        for (const QStringList& mode : {QStringList{QStringLiteral("--json")}, QStringList{}}) {
            const auto r =
                test::run(QStringLiteral(SHIPLOG_BINARY),
                          QStringList{QStringLiteral("revert"), QStringLiteral("--repo"), w.user(), change,
                                      QStringLiteral("--forge"), QStringLiteral("github"),
                                      QStringLiteral("--forge-api"), api.baseUrl(),
                                      QStringLiteral("--branch=undo-%1-%2").arg(status).arg(mode.size())} +
                              mode,
                          {}, env, 60000);
            QVERIFY2(r.exitCode == 2, (r.out + r.err).constData());
            VERIFY_NO_SECRETS(r, QList<QByteArray>{kForgeToken});
            QVERIFY2((r.out + r.err).contains(QByteArray::number(status)), (r.out + r.err).constData());
        }
    }

    // The drift flow: the API server echoes the token in an error, and a Secret's value differs from git.
    void driftWithEchoedTokenAndDifferingSecret()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n");
        repo.write(
            QStringLiteral("c1.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: ns\ndata:\n  k: v\n");
        repo.write(QStringLiteral("s1.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s1\n  "
                                              "namespace: ns\nstringData:\n  password: " +
                                                  kSecretValue + "-in-git\n");
        repo.commit(QStringLiteral("cluster"));
        const QByteArray live = QByteArray(kSecretValue + "-live").toBase64();
        HostileKubeServer server([live](const QByteArray&, const QByteArray& target) {
            const QByteArray path =
                target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            if (path == "/api/v1/configmaps")
                return HostileAnswer{403, "application/json",
                                     "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                                     "\"code\":403,\"message\":"
                                     "\"configmaps is forbidden: request with Authorization: Bearer " +
                                         kKubeToken + " denied\"}"};
            if (path == "/api/v1/secrets")
                return HostileAnswer{
                    200, "application/json",
                    R"({"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"s1","namespace":"ns","resourceVersion":"4"}}]})"};
            if (path == "/api/v1/namespaces/ns/secrets/s1")
                return HostileAnswer{
                    200, "application/json",
                    // (a plain literal: Qt 6.4's moc misreads a raw string that ends in a quote)
                    "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s1\",\"namespace\":"
                    "\"ns\",\"resourceVersion\":\"4\"},\"type\":\"Opaque\",\"data\":{\"password\":\"" +
                        live + "\"}}"};
            return HostileKubeServer::healthy(target);
        });
        QTemporaryDir dir;
        const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
        QFile file(kubeconfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: Config\ncurrent-context: h\nclusters:\n- name: h\n  cluster:\n    "
                   "server: " +
                   server.url().toUtf8() + "\nusers:\n- name: u\n  user:\n    token: " + kKubeToken +
                   "\ncontexts:\n- name: h\n  context: {cluster: h, user: u}\n");
        file.close();
        const QList<QByteArray> planted{kKubeToken, kSecretValue, live,
                                        QByteArray(kSecretValue + "-in-git").toBase64()};
        for (const QStringList& mode : {QStringList{QStringLiteral("--json")}, QStringList{}}) {
            const auto r = test::run(QStringLiteral(SHIPLOG_BINARY),
                                     QStringList{QStringLiteral("drift"), QStringLiteral("--repo"),
                                                 repo.path(), QStringLiteral("--kubeconfig"), kubeconfig} +
                                         mode,
                                     {}, cleanEnvironment(m_home), 60000);
            QVERIFY2(r.exitCode == 1,
                     (r.out + r.err).constData()); // drift (the Secret) and a type not readable
            VERIFY_NO_SECRETS(r, planted);
            QVERIFY2(r.out.contains("configmaps is forbidden"), r.out.constData());
            QVERIFY2(r.out.contains("s1"), r.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretChannels)
#include "tst_secret_channels.moc"
