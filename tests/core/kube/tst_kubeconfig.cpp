// Kubeconfig resolution as kubectl does it: file selection, first-wins merge, relative paths,
// -data over path, token over tokenFile, and the CA + insecure-skip-tls-verify error.
#include "core/kube/credentials.h"
#include "core/kube/kubeconfig.h"
#include "tests/support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog::core::kube;

namespace {

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray configA()
{
    return "apiVersion: v1\n"
           "kind: Config\n"
           "current-context: a-ctx\n"
           "clusters:\n"
           "- name: shared\n"
           "  cluster: {server: \"https://a.example:6443\", certificate-authority: certs/ca.pem}\n"
           "- name: only-a\n"
           "  cluster: {server: \"https://only-a:6443\", certificate-authority-data: \"UEVNLURBVEE=\", "
           "certificate-authority: /abs/ca.pem}\n"
           "users:\n"
           "- name: shared-user\n"
           "  user: {client-certificate: client.crt, client-key: ../keys/client.key, tokenFile: tok}\n"
           "- name: plugin\n"
           "  user:\n"
           "    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: "
           "[get-token]}\n"
           "- name: path-plugin\n"
           "  user:\n"
           "    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}\n"
           "contexts:\n"
           "- name: a-ctx\n"
           "  context: {cluster: shared, user: shared-user, namespace: team-a}\n"
           "- name: shared-ctx\n"
           "  context: {cluster: shared, user: shared-user}\n";
}

QByteArray configB()
{
    return "apiVersion: v1\n"
           "kind: Config\n"
           "current-context: b-ctx\n"
           "clusters:\n"
           "- name: shared\n"
           "  cluster: {server: \"https://b.example:6443\"}\n"
           "- name: only-b\n"
           "  cluster: {server: \"https://only-b:6443\", insecure-skip-tls-verify: true}\n"
           "users:\n"
           "- name: shared-user\n"
           "  user: {token: from-b}\n"
           "contexts:\n"
           "- name: b-ctx\n"
           "  context: {cluster: only-b, user: shared-user}\n"
           "- name: shared-ctx\n"
           "  context: {cluster: only-b, user: shared-user, namespace: from-b}\n";
}

QByteArray configInsecure()
{
    return "current-context: x\n"
           "clusters:\n"
           "- name: c\n"
           "  cluster: {server: \"https://x:6443\", certificate-authority-data: \"UEVN\", "
           "insecure-skip-tls-verify: true}\n"
           "- name: insecure\n"
           "  cluster: {server: \"https://x:6443\", insecure-skip-tls-verify: true}\n"
           "contexts:\n"
           "- {name: x, context: {cluster: c, user: nobody}}\n"
           "- {name: y, context: {cluster: insecure, user: nobody}}\n";
}

} // namespace

class TestKubeconfig : public QObject
{
    Q_OBJECT

private slots:
    void explicitFileOnly()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        writeFile(dir.filePath("b/config"), configB());
        KubeconfigSources s;
        s.explicitPath = dir.filePath("b/config");
        s.kubeconfigVariableSet = true;
        s.kubeconfigVariable = dir.filePath("a/config");
        auto config = loadKubeconfig(s);
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        QCOMPARE(config->files, QStringList{dir.filePath("b/config")});
        QCOMPARE(config->currentContext, QStringLiteral("b-ctx"));
        QVERIFY(!config->cluster("only-a"));
    }

    void explicitFileMustExist()
    {
        QTemporaryDir dir;
        KubeconfigSources s;
        s.explicitPath = dir.filePath("nope");
        auto config = loadKubeconfig(s);
        QVERIFY(!config.has_value());
        QVERIFY(config.error().message.contains(dir.filePath("nope")));
    }

    void variableMergeFirstWins()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        writeFile(dir.filePath("b/config"), configB());
        KubeconfigSources s;
        s.kubeconfigVariableSet = true;
        // b first, a missing file in the middle, b again (duplicate dropped), then a.
        s.kubeconfigVariable = QStringList{dir.filePath("b/config"), dir.filePath("missing"),
                                           dir.filePath("b/config"), dir.filePath("a/config"), QString()}
                                   .join(QDir::listSeparator());
        QCOMPARE(kubeconfigFiles(s).size(), 3);
        auto config = loadKubeconfig(s);
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        QCOMPARE(config->files, (QStringList{dir.filePath("b/config"), dir.filePath("a/config")}));
        QCOMPARE(config->currentContext, QStringLiteral("b-ctx"));
        // The whole entry comes from the first file that names it: no field-wise merge.
        QCOMPARE(config->cluster("shared")->server, QStringLiteral("https://b.example:6443"));
        QVERIFY(config->cluster("shared")->certificateAuthority.isEmpty());
        QCOMPARE(config->user("shared-user")->token, QStringLiteral("from-b"));
        QVERIFY(config->user("shared-user")->clientCertificate.isEmpty());
        QCOMPARE(config->context("shared-ctx")->namespaceName, QStringLiteral("from-b"));
        QVERIFY(config->cluster("only-a"));
        QVERIFY(config->cluster("only-b"));
        QCOMPARE(config->contexts.size(), 3);
    }

    void fileThatDoesNotParseIsAnError()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        writeFile(dir.filePath("bad"), "clusters: [unclosed\n  - {");
        KubeconfigSources s;
        s.kubeconfigVariableSet = true;
        s.kubeconfigVariable = dir.filePath("a/config") + QDir::listSeparator() + dir.filePath("bad");
        auto config = loadKubeconfig(s);
        QVERIFY(!config.has_value());
        QVERIFY2(config.error().message.contains(dir.filePath("bad")), qPrintable(config.error().message));
    }

    void homeDefault()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(".kube/config"), configA());
        KubeconfigSources s;
        s.homeDirectory = dir.path();
        auto config = loadKubeconfig(s);
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        QCOMPARE(config->currentContext, QStringLiteral("a-ctx"));
        // A missing ~/.kube/config is an empty config, and then no context can be resolved.
        KubeconfigSources empty;
        QTemporaryDir nothing;
        empty.homeDirectory = nothing.path();
        auto none = loadKubeconfig(empty);
        QVERIFY2(none.has_value(), shiplog::test::why(none));
        QVERIFY(!resolveContext(*none).has_value());
    }

    void relativePathsResolveAgainstDefiningFile()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        KubeconfigSources s;
        s.explicitPath = dir.filePath("a/config");
        auto config = loadKubeconfig(s);
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        QCOMPARE(config->cluster("shared")->certificateAuthority, dir.filePath("a/certs/ca.pem"));
        QCOMPARE(config->user("shared-user")->clientCertificate, dir.filePath("a/client.crt"));
        QCOMPARE(config->user("shared-user")->clientKey, QDir::cleanPath(dir.filePath("keys/client.key")));
        QCOMPARE(config->user("shared-user")->tokenFile, dir.filePath("a/tok"));
        QCOMPARE(config->user("plugin")->exec.command, dir.filePath("a/bin/plugin"));
        QCOMPARE(config->user("path-plugin")->exec.command, QStringLiteral("aws")); // looked up in PATH
        QCOMPARE(config->cluster("only-a")->certificateAuthority, QStringLiteral("/abs/ca.pem"));
    }

    void resolveContexts()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        writeFile(dir.filePath("a/tok"), "token-from-file\n");
        auto config = loadKubeconfig(dir.filePath("a/config"));
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        auto current = resolveContext(*config);
        QVERIFY2(current.has_value(), shiplog::test::why(current));
        QCOMPARE(current->contextName, QStringLiteral("a-ctx"));
        QCOMPARE(current->namespaceName, QStringLiteral("team-a"));
        auto other = resolveContext(*config, QStringLiteral("shared-ctx"));
        QVERIFY2(other.has_value(), shiplog::test::why(other));
        QCOMPARE(other->namespaceName, QStringLiteral("default"));
        auto unknown = resolveContext(*config, QStringLiteral("nope"));
        QVERIFY(!unknown.has_value());
        QVERIFY(unknown.error().message.contains(u"\"nope\""));
    }

    void dataOverridesPath()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a/config"), configA());
        auto config = loadKubeconfig(dir.filePath("a/config"));
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        auto pem = clusterCaPem(*config->cluster("only-a")); // /abs/ca.pem does not exist: data must win
        QVERIFY2(pem.has_value(), shiplog::test::why(pem));
        QCOMPARE(*pem, QByteArray("PEM-DATA"));
    }

    void tokenWinsOverTokenFile()
    {
        ConnectionConfig c;
        c.user.name = QStringLiteral("u");
        c.user.token = QStringLiteral("inline");
        c.user.tokenFile = QStringLiteral("/does/not/exist");
        auto creds = resolveCredentials(c);
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QCOMPARE(creds->token, QStringLiteral("inline"));
        QCOMPARE(creds->source, Credentials::Source::Token);

        QTemporaryDir dir;
        writeFile(dir.filePath("tok"), "  file-token\n");
        c.user.token.clear();
        c.user.tokenFile = dir.filePath("tok");
        creds = resolveCredentials(c);
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QCOMPARE(creds->token, QStringLiteral("file-token"));
        QCOMPARE(creds->source, Credentials::Source::TokenFile);
    }

    void basicOidcAndCertificates()
    {
        ConnectionConfig c;
        c.user.name = QStringLiteral("u");
        c.user.username = QStringLiteral("admin");
        c.user.password = QStringLiteral("pw");
        auto creds = resolveCredentials(c);
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QCOMPARE(creds->source, Credentials::Source::Basic);
        QVERIFY(!creds->describe(c.user).contains(u"pw"));

        ConnectionConfig oidc;
        oidc.user.authProviderName = QStringLiteral("oidc");
        oidc.user.authProviderConfig.insert(QStringLiteral("id-token"), QStringLiteral("eyJ.id.token"));
        creds = resolveCredentials(oidc);
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QCOMPARE(creds->token, QStringLiteral("eyJ.id.token"));
        oidc.user.authProviderName = QStringLiteral("gcp");
        QVERIFY(!resolveCredentials(oidc).has_value());

        ConnectionConfig cert;
        cert.user.clientCertificateData = "CERT";
        cert.user.clientKeyData = "KEY";
        cert.user.clientCertificate = QStringLiteral("/does/not/exist");
        creds = resolveCredentials(cert);
        QVERIFY2(creds.has_value(), shiplog::test::why(creds));
        QCOMPARE(creds->source, Credentials::Source::ClientCertificate);
        QCOMPARE(creds->clientCertificatePem, QByteArray("CERT"));
    }

    void caWithInsecureIsAnError()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("config"), configInsecure());
        auto config = loadKubeconfig(dir.filePath("config"));
        QVERIFY2(config.has_value(), shiplog::test::why(config));
        auto bad = resolveContext(*config);
        QVERIFY(!bad.has_value());
        QVERIFY2(bad.error().message.contains(u"insecure-skip-tls-verify"), qPrintable(bad.error().message));
        auto ok = resolveContext(*config, QStringLiteral("y"));
        QVERIFY2(ok.has_value(), shiplog::test::why(ok));
        QVERIFY(ok->cluster.insecureSkipTlsVerify);
    }
};

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
