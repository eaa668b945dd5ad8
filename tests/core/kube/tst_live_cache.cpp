// The informer-like cache: list then watch; a dropped stream re-watches from the last
// resourceVersion; a 410 (in-stream ERROR or HTTP) relists; bookmarks advance the resourceVersion;
// a 403 on one type marks it unreadable and leaves the others working.
#include "core/kube/client.h"
#include "core/kube/live_cache.h"
#include "tests/core/kube/fake_api_server.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace shiplog::core;
using namespace shiplog::core::kube;
using shiplog::test::FakeApiServer;
using shiplog::test::FakeRequest;
using shiplog::test::FakeResponse;

namespace {

QJsonObject configMap(const QString& name, const QString& rv, const QString& value)
{
    return QJsonObject{
        {"metadata", QJsonObject{{"name", name}, {"namespace", "app"}, {"resourceVersion", rv}}},
        {"data", QJsonObject{{"k", value}}}};
}

QByteArray watchEvent(const char* type, QJsonObject object)
{
    object.insert("kind", "ConfigMap");
    object.insert("apiVersion", "v1");
    return QJsonDocument(QJsonObject{{"type", type}, {"object", object}}).toJson(QJsonDocument::Compact);
}

const ApiResource kConfigMaps{QString(), "v1", "ConfigMap", "configmaps", true, {"list", "watch"}, {}};
const ApiResource kSecrets{QString(), "v1", "Secret", "secrets", true, {"list", "watch"}, {}};

} // namespace

class TestLiveCache : public QObject
{
    Q_OBJECT

    FakeApiServer m_server;
    QString m_listRv = QStringLiteral("10");
    QString m_value = QStringLiteral("one");
    bool m_watchGone = false; // answer the next watch with HTTP 410
    std::unique_ptr<Client> m_client;

private slots:
    void init()
    {
        m_server.requests.clear();
        m_server.handler = [this](const FakeRequest& r) {
            if (r.path() == "/api/v1/secrets")
                return FakeResponse{403,
                                    "{\"kind\":\"Status\",\"message\":\"secrets is forbidden: User "
                                    "\\\"dev\\\" cannot list resource \\\"secrets\\\" in API group \\\"\\\" "
                                    "at the cluster scope\",\"reason\":\"Forbidden\",\"code\":403}"};
            if (r.path() != "/api/v1/configmaps")
                return FakeResponse{404, "{\"kind\":\"Status\",\"code\":404}"};
            if (r.target.contains("watch=true")) {
                if (m_watchGone) {
                    m_watchGone = false;
                    return FakeResponse{410, "{\"kind\":\"Status\",\"message\":\"too old resource "
                                             "version\",\"reason\":\"Expired\",\"code\":410}"};
                }
                return FakeResponse{200, {}, "application/json", true};
            }
            const QJsonObject list{{"kind", "ConfigMapList"},
                                   {"apiVersion", "v1"},
                                   {"metadata", QJsonObject{{"resourceVersion", m_listRv}}},
                                   {"items", QJsonArray{configMap("settings", m_listRv, m_value)}}};
            return FakeResponse{200, QJsonDocument(list).toJson()};
        };
        if (!m_server.isListening())
            QVERIFY(m_server.startOnLoopback());
        ConnectionConfig c;
        c.contextName = QStringLiteral("ctx");
        c.cluster.server = m_server.url();
        c.user.token = QStringLiteral("t");
        auto client = Client::create(c);
        QVERIFY2(client.has_value(), shiplog::test::why(client));
        m_client = std::move(*client);
        m_listRv = QStringLiteral("10");
        m_value = QStringLiteral("one");
    }

    void cleanup()
    {
        m_server.dropStreams();
        m_client.reset();
    }

    void listWatchAndForbiddenType()
    {
        LiveCache cache(m_client.get());
        QSignalSpy synced(&cache, &LiveCache::allTypesSynced);
        QSignalSpy changed(&cache, &LiveCache::objectChanged);
        QSignalSpy failed(&cache, &LiveCache::typeFailed);
        cache.add(kConfigMaps);
        cache.add(kSecrets, true);
        QTRY_COMPARE_WITH_TIMEOUT(synced.size(), 1, 20000);
        QCOMPARE(cache.state(kSecrets).phase, TypeState::Phase::Unreadable);
        QVERIFY2(cache.state(kSecrets).error.message.contains(u"cannot list resource \"secrets\""),
                 qPrintable(cache.state(kSecrets).error.message));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(cache.state(kConfigMaps).phase, TypeState::Phase::Synced);
        QCOMPARE(cache.objects(kConfigMaps).size(), 1);
        QVERIFY(m_server.requests.last().target.contains("limit=500") ||
                m_server.count("/api/v1/configmaps", "watch=true") == 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openStreams(), 1, 20000);
        QVERIFY(m_server.count("/api/v1/configmaps", "resourceVersion=10") == 1);
        QVERIFY(m_server.count("/api/v1/configmaps", "allowWatchBookmarks=true") == 1);
        QCOMPARE(m_server.count("/api/v1/secrets", "accept"), 0);
        QVERIFY(m_server.requests[1].header("accept").contains("PartialObjectMetadataList") ||
                m_server.requests[0].header("accept").contains("PartialObjectMetadataList"));

        m_server.push(watchEvent("MODIFIED", configMap("settings", "11", "two")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 20000);
        QCOMPARE(changed.first().at(1).toString(), QStringLiteral("app/settings"));
        QCOMPARE(changed.first().at(2).toString(), QStringLiteral("MODIFIED"));
        QCOMPARE(cache.object(kConfigMaps, "app/settings")->value("data").toObject().value("k").toString(),
                 QStringLiteral("two"));

        m_server.push(watchEvent("ADDED", configMap("extra", "12", "x")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 20000);
        m_server.push(watchEvent("DELETED", configMap("extra", "13", "x")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, 20000);
        QCOMPARE(changed.last().at(2).toString(), QStringLiteral("DELETED"));
        QCOMPARE(cache.objects(kConfigMaps).size(), 1);
    }

    void droppedStreamRewatchesFromLastResourceVersion()
    {
        LiveCache cache(m_client.get());
        QSignalSpy trouble(&cache, &LiveCache::connectionTrouble);
        cache.add(kConfigMaps);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openStreams(), 1, 20000);
        m_server.push(watchEvent("MODIFIED", configMap("settings", "15", "two")));
        QTRY_COMPARE_WITH_TIMEOUT(cache.state(kConfigMaps).resourceVersion, QStringLiteral("15"), 20000);
        m_server.dropStreams();
        QTRY_COMPARE_WITH_TIMEOUT(m_server.count("/api/v1/configmaps", "resourceVersion=15"), 1, 20000);
        QCOMPARE(m_server.count("/api/v1/configmaps?limit"), 1); // no relist for a dropped stream
        // A bookmark moves the resourceVersion; a clean end of the watch continues from it.
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openStreams(), 1, 20000);
        m_server.push(QByteArray("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":"
                                 "\"v1\",\"metadata\":{\"resourceVersion\":\"40\"}}}"));
        QTRY_COMPARE_WITH_TIMEOUT(cache.state(kConfigMaps).resourceVersion, QStringLiteral("40"), 20000);
        m_server.endStreams();
        QTRY_COMPARE_WITH_TIMEOUT(m_server.count("/api/v1/configmaps", "resourceVersion=40"), 1, 20000);
        QCOMPARE(cache.objects(kConfigMaps).size(), 1);
    }

    void expiredInStreamRelists()
    {
        LiveCache cache(m_client.get());
        QSignalSpy changed(&cache, &LiveCache::objectChanged);
        cache.add(kConfigMaps);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openStreams(), 1, 20000);
        // While we were not looking, the object changed and history was compacted.
        m_listRv = QStringLiteral("90");
        m_value = QStringLiteral("changed-meanwhile");
        m_server.push(QByteArray("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                 "\"status\":\"Failure\",\"message\":\"too old resource version: 10 "
                                 "(85)\",\"reason\":\"Expired\",\"code\":410}}"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.count("/api/v1/configmaps?limit"), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.count("/api/v1/configmaps", "resourceVersion=90"), 1, 20000);
        QCOMPARE(cache.state(kConfigMaps).relists, 1);
        QCOMPARE(changed.size(), 1); // the relist reports what changed meanwhile
        QCOMPARE(cache.object(kConfigMaps, "app/settings")->value("data").toObject().value("k").toString(),
                 QStringLiteral("changed-meanwhile"));
    }

    void expiredWatchRequestRelists()
    {
        m_watchGone = true;
        LiveCache cache(m_client.get());
        cache.add(kConfigMaps);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.count("/api/v1/configmaps?limit"), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openStreams(), 1, 20000);
        QCOMPARE(cache.state(kConfigMaps).relists, 1);
    }
};

QTEST_GUILESS_MAIN(TestLiveCache)
#include "tst_live_cache.moc"
