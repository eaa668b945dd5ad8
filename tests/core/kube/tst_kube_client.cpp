// The API client against a canned server: TLS with a CA made by the openssl CLI (verified, wrong CA
// refused, tls-server-name, insecure flag, client certificate), Status errors, exec re-run after
// 401, discovery (legacy and aggregated), paging with an expired continue token, and the proxy
// environment rules.
#include "core/kube/client.h"
#include "core/kube/discovery.h"
#include "core/kube/list.h"
#include "core/kube/proxy.h"
#include "tests/core/kube/fake_api_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog::core;
using namespace shiplog::core::kube;
using shiplog::test::FakeApiServer;
using shiplog::test::FakeRequest;
using shiplog::test::FakeResponse;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Result<Reply> get(Client* client, const QString& path)
{
    std::optional<Result<Reply>> value;
    client->get(path, [&value](Result<Reply> r) { value = std::move(r); });
    for (int i = 0; i < 1000 && !value; ++i)
        QTest::qWait(10);
    return value ? *value : fail(QStringLiteral("no answer within 10 s"));
}

const QByteArray kVersion = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.3\"}";

} // namespace

class TestKubeClient : public QObject
{
    Q_OBJECT

    QTemporaryDir m_pki;

    QString pki(const QString& name) const { return m_pki.filePath(name); }

    bool openssl(const QStringList& arguments)
    {
        const auto r = shiplog::test::run(QStringLiteral("openssl"), arguments, m_pki.path());
        if (r.exitCode != 0)
            qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')), r.err.constData());
        return r.exitCode == 0;
    }

    bool makeCa(const QString& name)
    {
        return openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj",
                        "/CN=" + name});
    }

    bool makeLeaf(const QString& name, const QString& ca, const QString& san, const QString& usage)
    {
        QFile ext(pki(name + ".ext"));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write(QStringLiteral("subjectAltName=%1\nextendedKeyUsage=%2\n").arg(san, usage).toUtf8());
        ext.close();
        return openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name}) &&
               openssl({"x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                        "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext"});
    }

    void serveTls(FakeApiServer& server, const QString& leaf)
    {
        server.certificate = QSslCertificate(readAll(pki(leaf + ".crt")));
        server.key = QSslKey(readAll(pki(leaf + ".key")), QSsl::Ec);
        QVERIFY(!server.certificate.isNull() && !server.key.isNull());
        server.clientCa = QSslCertificate::fromData(readAll(pki("cluster-ca.crt")));
        server.handler = [](const FakeRequest&) { return FakeResponse{200, kVersion}; };
        QVERIFY(server.startOnLoopback());
    }

    static ConnectionConfig connection(const QString& server)
    {
        ConnectionConfig c;
        c.contextName = QStringLiteral("test-ctx");
        c.namespaceName = QStringLiteral("default");
        c.cluster.name = QStringLiteral("test-cluster");
        c.cluster.server = server;
        c.user.name = QStringLiteral("test-user");
        c.user.token = QStringLiteral("secret-token");
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(makeCa("cluster-ca"));
        QVERIFY(makeCa("other-ca"));
        QVERIFY(makeLeaf("apiserver", "cluster-ca", "IP:127.0.0.1,DNS:localhost", "serverAuth"));
        QVERIFY(makeLeaf("internal", "cluster-ca", "DNS:kube.internal", "serverAuth"));
        QVERIFY(makeLeaf("alice", "cluster-ca", "DNS:alice", "clientAuth"));
    }

    void tlsVerifiedWithClusterCaAndClientCertificate()
    {
        FakeApiServer server;
        serveTls(server, "apiserver");
        ConnectionConfig c = connection(server.url());
        c.cluster.certificateAuthority = pki("cluster-ca.crt");
        c.user.token.clear();
        c.user.clientCertificate = pki("alice.crt");
        c.user.clientKeyData = readAll(pki("alice.key"));
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        QVERIFY(!(*client)->insecure());
        auto reply = get(client->get(), "/version");
        QVERIFY2(reply.has_value(), shiplog::test::why(reply));
        QVERIFY(reply->body.contains("v1.32.3"));
        QCOMPARE(server.requests.last().clientCommonName, QStringLiteral("alice"));
        QVERIFY(server.requests.last().header("authorization").isEmpty());
    }

    void wrongCaIsRefusedNamingTheServer()
    {
        FakeApiServer server;
        serveTls(server, "apiserver");
        ConnectionConfig c = connection(server.url());
        c.cluster.certificateAuthorityData = readAll(pki("other-ca.crt"));
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        auto reply = get(client->get(), "/version");
        QVERIFY(!reply.has_value());
        QVERIFY2(reply.error().message.contains(server.url()), qPrintable(reply.error().message));
        QVERIFY2(reply.error().message.contains(u"not signed by the cluster's CA"),
                 qPrintable(reply.error().message));
        QVERIFY(server.requests.isEmpty()); // nothing, not even the token, was sent
    }

    void systemTrustIsNotUsedWithoutCa()
    {
        // Without a CA and without insecure mode, a private CA does not verify either.
        FakeApiServer server;
        serveTls(server, "apiserver");
        auto client = Client::create(connection(server.url()));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        QVERIFY(!get(client->get(), "/version").has_value());
    }

    void insecureSkipVerifyWorksAndIsReported()
    {
        FakeApiServer server;
        serveTls(server, "apiserver");
        ConnectionConfig c = connection(server.url());
        c.cluster.insecureSkipTlsVerify = true;
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        QVERIFY((*client)->insecure());
        auto reply = get(client->get(), "/version");
        QVERIFY2(reply.has_value(), shiplog::test::why(reply));
        QCOMPARE(server.requests.last().header("authorization"), QByteArray("Bearer secret-token"));
    }

    void tlsServerName()
    {
        FakeApiServer server;
        serveTls(server, "internal"); // valid only for kube.internal
        ConnectionConfig c = connection(server.url());
        c.cluster.certificateAuthority = pki("cluster-ca.crt");
        auto mismatched = Client::create(c);
        QVERIFY2(mismatched.has_value(), shiplog::test::why(mismatched));
        auto refused = get(mismatched->get(), "/version");
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(u"not valid for the name 127.0.0.1"),
                 qPrintable(refused.error().message));

        c.cluster.tlsServerName = QStringLiteral("kube.internal");
        auto named = Client::create(c);
        QVERIFY2(named.has_value(), shiplog::test::why(named));
        auto reply = get(named->get(), "/version");
        QVERIFY2(reply.has_value(), shiplog::test::why(reply));
    }

    void statusErrorsNameUserAndResource()
    {
        FakeApiServer server;
        server.handler = [](const FakeRequest& r) {
            if (r.path() == "/api/v1/secrets")
                return FakeResponse{
                    403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                         "\"secrets is forbidden: User \\\"dev\\\" cannot list resource \\\"secrets\\\" in "
                         "API group \\\"\\\" at the cluster scope\",\"reason\":\"Forbidden\",\"code\":403}"};
            if (r.path() == "/apis/apps/v1/namespaces/x/deployments/web")
                return FakeResponse{404, "{\"kind\":\"Status\",\"message\":\"deployments.apps \\\"web\\\" "
                                         "not found\",\"reason\":\"NotFound\",\"code\":404}"};
            return FakeResponse{401,
                                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"};
        };
        QVERIFY(server.startOnLoopback());
        auto client = Client::create(connection(server.url()));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        auto unauthorized = get(client->get(), "/version");
        QVERIFY(!unauthorized.has_value());
        QCOMPARE(unauthorized.error().code, 401);
        QVERIFY2(unauthorized.error().message.contains(u"\"test-user\"") &&
                     unauthorized.error().message.contains(u"\"test-ctx\""),
                 qPrintable(unauthorized.error().message));
        QVERIFY(!unauthorized.error().message.contains(u"secret-token"));
        auto forbidden = get(client->get(), "/api/v1/secrets");
        QVERIFY(!forbidden.has_value());
        QCOMPARE(forbidden.error().code, 403);
        QVERIFY2(forbidden.error().message.contains(u"cannot list resource \"secrets\""),
                 qPrintable(forbidden.error().message));
        auto missing = get(client->get(), "/apis/apps/v1/namespaces/x/deployments/web");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, 404);
        QVERIFY2(missing.error().message.contains(u"deployments.apps \"web\" not found"),
                 qPrintable(missing.error().message));
    }

    void connectionRefusedNamesServer()
    {
        FakeApiServer server;
        QVERIFY(server.startOnLoopback());
        const QString url = server.url();
        server.close();
        auto client = Client::create(connection(url));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        auto reply = get(client->get(), "/version");
        QVERIFY(!reply.has_value());
        QVERIFY2(reply.error().message.contains(url), qPrintable(reply.error().message));
    }

    void unauthorizedRerunsExecPluginExactlyOnce()
    {
        clearCredentialCache();
        QTemporaryDir dir;
        const QString script = dir.filePath("plugin.sh");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // First run hands out a token the server rejects, later runs a good one.
        file.write("#!/bin/sh\necho run >> \"$0.count\"\nn=$(wc -l < \"$0.count\")\n"
                   "if [ \"$n\" -eq 1 ]; then t=stale; else t=fresh; fi\n"
                   "printf "
                   "'{\"apiVersion\":\"client.authentication.k8s.io/"
                   "v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}' $t\n");
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        FakeApiServer server;
        bool alwaysReject = false;
        server.handler = [&alwaysReject](const FakeRequest& r) {
            if (alwaysReject || r.header("authorization") != "Bearer fresh")
                return FakeResponse{401, "{\"kind\":\"Status\",\"message\":\"Unauthorized\",\"reason\":"
                                         "\"Unauthorized\",\"code\":401}"};
            return FakeResponse{200, kVersion};
        };
        QVERIFY(server.startOnLoopback());
        ConnectionConfig c = connection(server.url());
        c.user.token.clear();
        c.user.exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
        c.user.exec.command = script;
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        auto reply = get(client->get(), "/version");
        QVERIFY2(reply.has_value(), shiplog::test::why(reply));
        QCOMPARE(readAll(script + ".count").count('\n'), 2);
        QCOMPARE(server.requests.size(), 2);

        alwaysReject = true;
        auto rejected = get(client->get(), "/version");
        QVERIFY(!rejected.has_value());
        QCOMPARE(rejected.error().code, 401);
        QCOMPARE(readAll(script + ".count").count('\n'), 3); // one re-run, not a loop
        QCOMPARE(server.requests.size(), 4);
        QVERIFY2(rejected.error().message.contains(u"exec plugin plugin.sh"),
                 qPrintable(rejected.error().message));
    }

    void legacyDiscovery()
    {
        FakeApiServer server;
        server.handler = [](const FakeRequest& r) {
            if (r.path() == "/version")
                return FakeResponse{200, kVersion};
            if (r.path() == "/api")
                return FakeResponse{200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}"};
            if (r.path() == "/apis")
                return FakeResponse{200,
                                    "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":"
                                    "\"apps\",\"versions\":[{\"groupVersion\":\"apps/"
                                    "v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"apps/"
                                    "v1\",\"version\":\"v1\"}},{\"name\":\"broken.example.com\",\"versions\":"
                                    "[{\"groupVersion\":\"broken.example.com/"
                                    "v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":"
                                    "\"broken.example.com/v1\",\"version\":\"v1\"}}]}"};
            if (r.path() == "/api/v1")
                return FakeResponse{
                    200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":"
                         "\"configmaps\",\"namespaced\":true,\"kind\":\"ConfigMap\",\"verbs\":[\"get\","
                         "\"list\",\"watch\"]},{\"name\":\"namespaces\",\"namespaced\":false,\"kind\":"
                         "\"Namespace\",\"verbs\":[\"get\",\"list\",\"watch\"]},{\"name\":\"pods/"
                         "log\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"get\"]}]}"};
            if (r.path() == "/apis/apps/v1")
                return FakeResponse{
                    200, "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"apps/"
                         "v1\",\"resources\":[{\"name\":\"deployments\",\"singularName\":\"deployment\","
                         "\"namespaced\":true,\"kind\":\"Deployment\",\"verbs\":[\"get\",\"list\",\"watch\"],"
                         "\"shortNames\":[\"deploy\"]},{\"name\":\"deployments/"
                         "scale\",\"namespaced\":true,\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":"
                         "\"Scale\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}"};
            return FakeResponse{503, "{\"kind\":\"Status\",\"message\":\"the server is currently unable to "
                                     "handle the request\",\"reason\":\"ServiceUnavailable\",\"code\":503}"};
        };
        QVERIFY(server.startOnLoopback());
        auto client = Client::create(connection(server.url()));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        std::optional<Result<DiscoveryResult>> result;
        discover(client->get(), [&result](Result<DiscoveryResult> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->has_value(), shiplog::test::why(*result));
        const DiscoveryResult& d = **result;
        QCOMPARE(d.serverVersion, QStringLiteral("v1.32.3"));
        QVERIFY(!d.aggregated);
        QCOMPARE(d.resources.size(), 3); // subresources excluded
        const ApiResource* deployments = d.find(QStringLiteral("apps"), QStringLiteral("Deployment"));
        QVERIFY(deployments);
        QCOMPARE(deployments->collectionPath(QStringLiteral("team")),
                 QStringLiteral("/apis/apps/v1/namespaces/team/deployments"));
        QCOMPARE(d.find(QString(), QStringLiteral("Namespace"))->collectionPath(QStringLiteral("x")),
                 QStringLiteral("/api/v1/namespaces"));
        QCOMPARE(d.failedGroups, QStringList{QStringLiteral("broken.example.com/v1")});
        QVERIFY(server.requests[1].header("accept").contains("as=APIGroupDiscoveryList"));
    }

    void aggregatedDiscovery()
    {
        FakeApiServer server;
        const QByteArray type = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
        server.handler = [type](const FakeRequest& r) {
            if (r.path() == "/version")
                return FakeResponse{200, kVersion};
            if (r.path() == "/api")
                return FakeResponse{
                    200,
                    "{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/"
                    "v2\",\"metadata\":{},\"items\":[{\"metadata\":{},\"versions\":[{\"version\":\"v1\","
                    "\"resources\":[{\"resource\":\"services\",\"scope\":\"Namespaced\",\"responseKind\":{"
                    "\"group\":\"\",\"version\":\"\",\"kind\":\"Service\"},\"verbs\":[\"get\",\"list\","
                    "\"watch\"]}]}]}]}",
                    type};
            return FakeResponse{
                200,
                "{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/"
                "v2\",\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"apps\"},\"versions\":[{"
                "\"version\":\"v1\",\"freshness\":\"Current\",\"resources\":[{\"resource\":\"deployments\","
                "\"singularResource\":\"deployment\",\"scope\":\"Namespaced\",\"responseKind\":{\"group\":"
                "\"\",\"version\":\"\",\"kind\":\"Deployment\"},\"verbs\":[\"get\",\"list\",\"watch\"],"
                "\"subresources\":[{\"subresource\":\"scale\"}]}]},{\"version\":\"v1beta2\",\"resources\":[]}"
                "]}]}",
                type};
        };
        QVERIFY(server.startOnLoopback());
        auto client = Client::create(connection(server.url()));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        std::optional<Result<DiscoveryResult>> result;
        discover(client->get(), [&result](Result<DiscoveryResult> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->has_value(), shiplog::test::why(*result));
        QVERIFY((*result)->aggregated);
        QCOMPARE((*result)->resources.size(), 2);
        QCOMPARE((*result)->find(QStringLiteral("apps"), QStringLiteral("Deployment"))->version,
                 QStringLiteral("v1"));
        QCOMPARE(server.requests.size(), 3); // no per-group requests
    }

    void pagingRestartsAfterExpiredContinue()
    {
        FakeApiServer server;
        int expireOnce = 1;
        server.handler = [&expireOnce](const FakeRequest& r) {
            auto page = [](int from, int to, const QByteArray& cont) {
                QJsonArray items;
                for (int i = from; i < to; ++i)
                    items.append(
                        QJsonObject{{"metadata", QJsonObject{{"name", QStringLiteral("cm-%1").arg(i)},
                                                             {"namespace", "ns"}}}});
                return QJsonDocument(
                           QJsonObject{{"kind", "ConfigMapList"},
                                       {"apiVersion", "v1"},
                                       {"metadata", QJsonObject{{"resourceVersion", "77"},
                                                                {"continue", QString::fromLatin1(cont)}}},
                                       {"items", items}})
                    .toJson();
            };
            if (!r.target.contains("continue="))
                return FakeResponse{200, page(0, 2, "tok+/=1")};
            if (expireOnce-- > 0)
                return FakeResponse{410, "{\"kind\":\"Status\",\"message\":\"The provided continue parameter "
                                         "is too old\",\"reason\":\"Expired\",\"code\":410}"};
            return FakeResponse{200, page(2, 3, "")};
        };
        QVERIFY(server.startOnLoopback());
        auto client = Client::create(connection(server.url()));
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        ApiResource configMaps{QString(), "v1", "ConfigMap", "configmaps", true, {"list", "watch"}, {}};
        std::optional<Result<ObjectList>> result;
        listAll(client->get(), configMaps, {}, [&result](Result<ObjectList> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY2(result->has_value(), shiplog::test::why(*result));
        QCOMPARE((*result)->items.size(), 3);
        QCOMPARE((*result)->resourceVersion, QStringLiteral("77"));
        QCOMPARE((*result)->items.first().value(u"kind").toString(), QStringLiteral("ConfigMap"));
        QCOMPARE((*result)->items.first().value(u"apiVersion").toString(), QStringLiteral("v1"));
        QCOMPARE(server.requests.size(), 4); // first page, expired continue, first page again, last page
        QVERIFY(server.requests[0].target.contains("limit=500"));
        QVERIFY2(server.requests[1].target.contains("continue=tok%2B%2F%3D1"),
                 server.requests[1].target.constData());
    }

    void proxyEnvironment_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<bool>("proxied");
        QTest::addRow("proxied") << "https://api.example.com:6443"
                                 << "" << true;
        QTest::addRow("loopback never") << "https://127.0.0.1:6443"
                                        << "" << false;
        QTest::addRow("localhost never") << "https://localhost:6443"
                                         << "" << false;
        QTest::addRow("suffix") << "https://api.corp.example"
                                << "corp.example" << false;
        QTest::addRow("dot suffix") << "https://api.corp.example"
                                    << ".corp.example" << false;
        QTest::addRow("other suffix") << "https://api.example.com"
                                      << "corp.example,10.0.0.0/8" << true;
        QTest::addRow("cidr") << "https://10.1.2.3:6443"
                              << "10.0.0.0/8" << false;
        QTest::addRow("star") << "https://api.example.com"
                              << "*" << false;
        QTest::addRow("port mismatch") << "https://api.example.com:6443"
                                       << "api.example.com:443" << true;
    }

    void proxyEnvironment()
    {
        QFETCH(QString, target);
        QFETCH(QString, noProxy);
        QFETCH(bool, proxied);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://proxy.corp:3128"));
        env.insert(QStringLiteral("no_proxy"), noProxy);
        const QNetworkProxy proxy = environmentProxy(QUrl(target), env);
        QCOMPARE(proxy.type() == QNetworkProxy::HttpProxy, proxied);
        if (proxied)
            QCOMPARE(proxy.hostName(), QStringLiteral("proxy.corp"));
    }

    void proxyUrl()
    {
        auto socks = proxyFromUrl(QStringLiteral("socks5://user:pw@127.0.0.1:1080"));
        QVERIFY2(socks.has_value(), shiplog::test::why(socks));
        QCOMPARE(socks->type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(socks->user(), QStringLiteral("user"));
        auto http = proxyFromUrl(QStringLiteral("http://proxy:8080"));
        QVERIFY2(http.has_value(), shiplog::test::why(http));
        QCOMPARE(http->port(), quint16(8080));
        QVERIFY(!proxyFromUrl(QStringLiteral("ftp://proxy")).has_value());
    }

    void requestsGoThroughProxyUrl()
    {
        // An HTTP proxy sees the absolute URL of the request.
        FakeApiServer proxy;
        proxy.handler = [](const FakeRequest&) { return FakeResponse{200, kVersion}; };
        QVERIFY(proxy.startOnLoopback());
        ConnectionConfig c = connection(QStringLiteral("http://kube.invalid:8080"));
        c.cluster.proxyUrl = proxy.url();
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        auto reply = get(client->get(), "/version");
        QVERIFY2(reply.has_value(), shiplog::test::why(reply));
        QCOMPARE(proxy.requests.first().target, QByteArray("http://kube.invalid:8080/version"));
    }
};

QTEST_GUILESS_MAIN(TestKubeClient)
#include "tst_kube_client.moc"
