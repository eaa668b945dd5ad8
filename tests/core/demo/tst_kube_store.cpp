// The pieces of the local Kubernetes API server that need no network: patches, selectors,
// defaults, managedFields, watch history, protobuf and YAML decoding.
#include "core/demo/kube_defaults.h"
#include "core/demo/kube_managed_fields.h"
#include "core/demo/kube_patch.h"
#include "core/demo/kube_protobuf.h"
#include "core/demo/kube_selectors.h"
#include "core/demo/kube_store.h"
#include "core/demo/kube_yaml.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace shiplog;
using namespace shiplog::core::demo;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject at(const QJsonObject& object, const QStringList& path)
{
    QJsonObject current = object;
    for (const QString& key : path)
        current = current.value(key).toObject();
    return current;
}

ResourceType typeOf(const KubeStore& store, const QString& group, const QString& resource)
{
    return *store.findType(
        group, group == QLatin1String("autoscaling") ? QStringLiteral("v2") : QStringLiteral("v1"), resource);
}

} // namespace

class TestKubeStore : public QObject
{
    Q_OBJECT
private slots:
    void strategicMergeUsesListKeysAndDirectives()
    {
        const QJsonObject live = json(R"({"spec":{"containers":[
            {"name":"web","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}],
             "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "volumeMounts":[{"name":"data","mountPath":"/data"}]},
            {"name":"sidecar","image":"envoy"}],
            "volumes":[{"name":"data","emptyDir":{}}],"args":["a","b"]}})");
        const QJsonObject patch = json(R"({"spec":{
            "$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],
            "containers":[{"name":"web","image":"nginx:2","env":[{"name":"B","$patch":"delete"},{"name":"C","value":"3"}],
                           "volumeMounts":[{"mountPath":"/data","readOnly":true}],"ports":[{"containerPort":8080}]},
                          {"name":"sidecar","$patch":"delete"}],
            "args":["c"]}})");
        const QJsonObject merged = applyStrategicMergePatch(live, patch);
        const QJsonArray containers = at(merged, {"spec"}).value("containers").toArray();
        QCOMPARE(containers.size(), 1);
        const QJsonObject web = containers.first().toObject();
        QCOMPARE(web.value("image").toString(), QStringLiteral("nginx:2"));
        QCOMPARE(web.value("ports").toArray().size(), 2); // merged by containerPort
        QCOMPARE(web.value("env").toArray().size(), 2);   // B deleted, C added
        QCOMPARE(web.value("env").toArray().at(1).toObject().value("name").toString(), QStringLiteral("C"));
        QCOMPARE(web.value("volumeMounts").toArray().first().toObject().value("name").toString(),
                 QStringLiteral("data"));
        QVERIFY(web.value("volumeMounts").toArray().first().toObject().value("readOnly").toBool());
        QCOMPARE(at(merged, {"spec"}).value("args").toArray(), QJsonArray{"c"}); // no key: replaced
        QVERIFY(!QJsonDocument(merged).toJson().contains("$"));

        const QJsonObject service =
            json(R"({"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443}]}})");
        const QJsonObject servicePatched =
            applyStrategicMergePatch(service, json(R"({"spec":{"ports":[{"port":443,"targetPort":8443}]}})"));
        QCOMPARE(at(servicePatched, {"spec"}).value("ports").toArray().size(), 2);
        QCOMPARE(at(servicePatched, {"spec"})
                     .value("ports")
                     .toArray()
                     .at(1)
                     .toObject()
                     .value("targetPort")
                     .toInt(),
                 8443);
    }

    void mergeAndJsonPatch()
    {
        const QJsonObject target = json(R"({"a":{"b":1,"c":2},"list":[1,2,3]})");
        const QJsonValue merged = applyMergePatch(target, json(R"({"a":{"b":null,"d":4},"list":[9]})"));
        QCOMPARE(merged.toObject(), json(R"({"a":{"c":2,"d":4},"list":[9]})"));

        auto patched = applyJsonPatch(target, QJsonDocument::fromJson(R"([
            {"op":"add","path":"/list/-","value":4},{"op":"remove","path":"/list/0"},
            {"op":"replace","path":"/a/b","value":10},{"op":"copy","from":"/a/c","path":"/e"},
            {"op":"move","from":"/e","path":"/a~1x"},{"op":"test","path":"/a/b","value":10}])")
                                                  .array());
        QVERIFY2(patched.has_value(), test::why(patched).constData());
        QCOMPARE(patched->toObject(), json(R"({"a":{"b":10,"c":2},"list":[2,3,4],"a/x":2})"));
        auto failed = applyJsonPatch(
            target, QJsonDocument::fromJson(R"([{"op":"test","path":"/a/b","value":5}])").array());
        QVERIFY(!failed);
        auto missing = applyJsonPatch(
            target, QJsonDocument::fromJson(R"([{"op":"replace","path":"/zz","value":5}])").array());
        QVERIFY(!missing);
    }

    void labelAndFieldSelectors()
    {
        const QJsonObject labels{{"app", "web"}, {"tier", "front"}};
        auto match = [&](const QString& text) {
            auto s = parseLabelSelector(text);
            return s.has_value() && s->matches(labels);
        };
        QVERIFY(match("app=web"));
        QVERIFY(match("app==web,tier=front"));
        QVERIFY(!match("app!=web"));
        QVERIFY(match("tier in (front, back)"));
        QVERIFY(!match("tier notin (front)"));
        QVERIFY(match("app"));
        QVERIFY(match("!canary"));
        QVERIFY(!match("!app"));
        QVERIFY(match(""));
        const KubeStore store;
        const ResourceType cm = typeOf(store, {}, "configmaps");
        QVERIFY(parseFieldSelector("metadata.name=x,metadata.namespace!=y", cm).has_value());
        auto bad = parseFieldSelector("spec.nodeName=x", cm);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, 400);
        QCOMPARE(bad.error().message, QStringLiteral("field label not supported: spec.nodeName"));
    }

    void defaultsOfWorkloadsAndServices()
    {
        KubeStore store;
        const WriteOptions options{QStringLiteral("test"), {}, false, false};
        auto deployment = store.create(typeOf(store, "apps", "deployments"), "default", json(R"({
            "metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{
            "metadata":{"labels":{"app":"web"}},"spec":{"containers":[
              {"name":"a","image":"nginx","ports":[{"containerPort":80}],
               "readinessProbe":{"httpGet":{"port":80}}},
              {"name":"b","image":"registry:5000/team/app:1.2"},
              {"name":"c","image":"app:latest"}],
              "volumes":[{"name":"cfg","configMap":{"name":"cfg"}},{"name":"scratch"}]}}}})"),
                                       options);
        QVERIFY(deployment.has_value());
        const QJsonObject spec = at(*deployment, {"spec"});
        QCOMPARE(spec.value("replicas").toInt(), 1);
        QCOMPARE(spec.value("progressDeadlineSeconds").toInt(), 600);
        QCOMPARE(at(spec, {"strategy", "rollingUpdate"}).value("maxSurge").toString(), QStringLiteral("25%"));
        const QJsonObject pod = at(spec, {"template", "spec"});
        QCOMPARE(pod.value("dnsPolicy").toString(), QStringLiteral("ClusterFirst"));
        QCOMPARE(pod.value("terminationGracePeriodSeconds").toInt(), 30);
        QCOMPARE(pod.value("schedulerName").toString(), QStringLiteral("default-scheduler"));
        const QJsonArray containers = pod.value("containers").toArray();
        QCOMPARE(containers.at(0).toObject().value("imagePullPolicy").toString(), QStringLiteral("Always"));
        QCOMPARE(containers.at(1).toObject().value("imagePullPolicy").toString(),
                 QStringLiteral("IfNotPresent"));
        QCOMPARE(containers.at(2).toObject().value("imagePullPolicy").toString(), QStringLiteral("Always"));
        QCOMPARE(containers.at(0)
                     .toObject()
                     .value("ports")
                     .toArray()
                     .first()
                     .toObject()
                     .value("protocol")
                     .toString(),
                 QStringLiteral("TCP"));
        const QJsonObject probe = containers.at(0).toObject().value("readinessProbe").toObject();
        QCOMPARE(probe.value("failureThreshold").toInt(), 3);
        QCOMPARE(at(probe, {"httpGet"}).value("path").toString(), QStringLiteral("/"));
        QCOMPARE(at(probe, {"httpGet"}).value("scheme").toString(), QStringLiteral("HTTP"));
        QCOMPARE(pod.value("volumes")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("configMap")
                     .toObject()
                     .value("defaultMode")
                     .toInt(),
                 420);
        QVERIFY(pod.value("volumes").toArray().at(1).toObject().contains("emptyDir"));
        QCOMPARE(at(*deployment, {"metadata"}).value("generation").toInt(), 1);
        QCOMPARE(at(*deployment, {"status"}).value("availableReplicas").toInt(), 1);

        auto service = store.create(
            typeOf(store, {}, "services"), "default",
            json(R"({"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":80}]}})"), options);
        QVERIFY(service.has_value());
        const QJsonObject serviceSpec = at(*service, {"spec"});
        QVERIFY(serviceSpec.value("clusterIP").toString().startsWith("10.96."));
        QCOMPARE(serviceSpec.value("clusterIPs").toArray().first(), serviceSpec.value("clusterIP"));
        QCOMPARE(serviceSpec.value("ipFamilyPolicy").toString(), QStringLiteral("SingleStack"));
        QCOMPARE(serviceSpec.value("externalTrafficPolicy").toString(), QStringLiteral("Cluster"));
        const QJsonObject port = serviceSpec.value("ports").toArray().first().toObject();
        QCOMPARE(port.value("targetPort").toInt(), 80);
        QVERIFY(port.value("nodePort").toInt() >= 30000);

        auto ns = store.create(typeOf(store, {}, "namespaces"), {}, json(R"({"metadata":{"name":"team"}})"),
                               options);
        QVERIFY(ns.has_value());
        QCOMPARE(at(*ns, {"metadata", "labels"}).value("kubernetes.io/metadata.name").toString(),
                 QStringLiteral("team"));
        QCOMPARE(at(*ns, {"spec"}).value("finalizers").toArray(), QJsonArray{"kubernetes"});

        auto secret =
            store.create(typeOf(store, {}, "secrets"), "default",
                         json(R"({"metadata":{"name":"s"},"stringData":{"password":"pw"}})"), options);
        QVERIFY(secret.has_value());
        QCOMPARE(secret->value("type").toString(), QStringLiteral("Opaque"));
        QCOMPARE(at(*secret, {"data"}).value("password").toString(), QStringLiteral("cHc="));
        QVERIFY(!secret->contains("stringData"));

        auto missingNamespace = store.create(typeOf(store, {}, "configmaps"), "nowhere",
                                             json(R"({"metadata":{"name":"x"}})"), options);
        QVERIFY(!missingNamespace);
        QCOMPARE(missingNamespace.error().message, QStringLiteral("namespaces \"nowhere\" not found"));
    }

    void updatesTrackManagersGenerationAndConflicts()
    {
        KubeStore store;
        const ResourceType deployments = typeOf(store, "apps", "deployments");
        auto created =
            store.create(deployments, "default", json(R"({"metadata":{"name":"web","labels":{"a":"1"}},
            "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}})"),
                         {QStringLiteral("kubectl-client-side-apply"), {}, false, false});
        QVERIFY(created.has_value());
        const QString rv = at(*created, {"metadata"}).value("resourceVersion").toString();
        auto scaled = store.modify(deployments, "default", "web",
                                   [](const QJsonObject& current) -> ApiResult<QJsonObject> {
                                       QJsonObject next = current;
                                       QJsonObject spec = next.value("spec").toObject();
                                       spec.insert("replicas", 5);
                                       next.insert("spec", spec);
                                       return next;
                                   },
                                   {QStringLiteral("kubectl-scale"), QStringLiteral("scale"), false, false});
        QVERIFY(scaled.has_value());
        QCOMPARE(at(*scaled, {"metadata"}).value("generation").toInt(), 2);
        QVERIFY(at(*scaled, {"metadata"}).value("resourceVersion").toString() != rv);
        const QJsonArray managed = at(*scaled, {"metadata"}).value("managedFields").toArray();
        QCOMPARE(managed.size(), 2);
        const QJsonObject applier = managed.at(0).toObject();
        const QJsonObject scaler = managed.at(1).toObject();
        QCOMPARE(scaler.value("manager").toString(), QStringLiteral("kubectl-scale"));
        QCOMPARE(scaler.value("subresource").toString(), QStringLiteral("scale"));
        QCOMPARE(fieldSetPaths(scaler.value("fieldsV1").toObject()), QStringList{".spec.replicas"});
        // The applier lost .spec.replicas to kubectl-scale but still owns the image.
        const QStringList applierPaths = fieldSetPaths(applier.value("fieldsV1").toObject());
        QVERIFY(!applierPaths.contains(".spec.replicas"));
        QVERIFY2(applierPaths.contains(".spec.template.spec.containers[name=\"web\"].image"),
                 qPrintable(applierPaths.join(' ')));

        // A stale resourceVersion is a 409 Conflict; a no-op write keeps the resourceVersion.
        QJsonObject stale = *created;
        auto conflict =
            store.replace(deployments, "default", "web", stale, {QStringLiteral("x"), {}, false, false});
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().code, 409);
        QCOMPARE(conflict.error().reason, QStringLiteral("Conflict"));
        auto same =
            store.replace(deployments, "default", "web", *scaled, {QStringLiteral("x"), {}, false, false});
        QVERIFY(same.has_value());
        QCOMPARE(at(*same, {"metadata"}).value("resourceVersion"),
                 at(*scaled, {"metadata"}).value("resourceVersion"));
    }

    void watchHistoryExpires()
    {
        KubeStore store;
        const ResourceType cms = typeOf(store, {}, "configmaps");
        const qint64 start = store.resourceVersion();
        QVERIFY(store.create(cms, "default", json(R"({"metadata":{"name":"a"}})"), {"t", {}, false, false}));
        QVERIFY(store.create(cms, "default", json(R"({"metadata":{"name":"b"}})"), {"t", {}, false, false}));
        auto history = store.eventsSince(start, cms.storeKey());
        QVERIFY(history.has_value());
        QCOMPARE(history->events.size(), 2);
        QCOMPARE(history->events.first().type, QStringLiteral("ADDED"));
        store.compact();
        auto expired = store.eventsSince(start, cms.storeKey());
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, 410);
        QCOMPARE(expired.error().reason, QStringLiteral("Expired"));
        QVERIFY(store.eventsSince(store.resourceVersion(), cms.storeKey()).has_value());
    }

    void customResourcesFromCrds()
    {
        KubeStore store;
        auto crd =
            store.create(typeOf(store, "apiextensions.k8s.io", "customresourcedefinitions"), {}, json(R"({
            "metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced",
            "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"]},
            "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}}]}})"),
                         {"t", {}, false, false});
        QVERIFY(crd.has_value());
        const auto widgets = store.findType("example.com", "v1", "widgets");
        QVERIFY(widgets.has_value());
        QVERIFY(widgets->custom && widgets->namespaced && widgets->hasStatus);
        QVERIFY(store.findTypeByName("wd").has_value());
        QVERIFY(store.create(*widgets, "default", json(R"({"metadata":{"name":"w"},"spec":{"size":1}})"),
                             {"t", {}, false, false}));
        QVERIFY(store.remove(typeOf(store, "apiextensions.k8s.io", "customresourcedefinitions"), {},
                             "widgets.example.com", {}));
        QVERIFY(!store.findType("example.com", "v1", "widgets"));
    }

    void yamlScalarsResolveLikeKubectl()
    {
        auto value =
            yamlToJson("a: yes\nb: '0755'\nc: 0755\nd: 1.5\ne: ~\nf: \"true\"\ng: 10\nh: 0x1F\ni: on\n");
        QVERIFY2(value.has_value(), test::why(value).constData());
        const QJsonObject o = value->toObject();
        QCOMPARE(o.value("a"), QJsonValue(true));
        QCOMPARE(o.value("b"), QJsonValue("0755"));
        QCOMPARE(o.value("c"), QJsonValue(493));
        QCOMPARE(o.value("d"), QJsonValue(1.5));
        QVERIFY(o.value("e").isNull());
        QCOMPARE(o.value("f"), QJsonValue("true"));
        QCOMPARE(o.value("g"), QJsonValue(10));
        QCOMPARE(o.value("h"), QJsonValue(31));
        QCOMPARE(o.value("i"), QJsonValue(true));
        QVERIFY(!yamlToJson("a: [unclosed\n"));
    }

    void protobufConfigMap()
    {
        // k8s\0 + Unknown{typeMeta{v1, ConfigMap}, raw=ConfigMap{metadata{name:"made",namespace:"ns"},
        // data{a:b}}}
        auto field = [](int number, const QByteArray& payload) {
            return QByteArray(1, char((number << 3) | 2)) + QByteArray(1, char(payload.size())) + payload;
        };
        const QByteArray meta =
            field(1, "made") + field(3, "ns") + field(11, field(1, "team") + field(2, "blue"));
        const QByteArray configMap = field(1, meta) + field(2, field(1, "a") + field(2, "b"));
        const QByteArray unknown = field(1, field(1, "v1") + field(2, "ConfigMap")) + field(2, configMap) +
                                   field(4, "application/vnd.kubernetes.protobuf");
        const QByteArray body = QByteArray("k8s\0", 4) + unknown;
        QVERIFY(isKubeProtobuf(body));
        auto decoded = decodeKubeProtobuf(body);
        QVERIFY2(decoded.has_value(), test::why(decoded).constData());
        QCOMPARE(*decoded,
                 json(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"made","namespace":"ns",
            "labels":{"team":"blue"}},"data":{"a":"b"}})"));
        const QByteArray deployment =
            QByteArray("k8s\0", 4) + field(1, field(1, "apps/v1") + field(2, "Deployment"));
        auto unsupported = decodeKubeProtobuf(deployment);
        QVERIFY(!unsupported);
        QVERIFY(unsupported.error().message.contains("apps/v1 Deployment"));
    }
};

QTEST_GUILESS_MAIN(TestKubeStore)
#include "tst_kube_store.moc"
