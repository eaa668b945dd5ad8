#include "core/kube/discovery.h"

#include "core/kube/client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

namespace shiplog::core::kube {

namespace {

constexpr char kAggregatedAccept[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list.append(v.toString());
    return list;
}

// The state of one discovery run, shared by its callbacks.
struct Walk
{
    DiscoveryResult result;
    int pending = 0;
    bool finished = false;
    std::function<void(Result<DiscoveryResult>)> done;

    void finish(Result<DiscoveryResult> r)
    {
        if (finished)
            return;
        finished = true;
        done(std::move(r));
    }
};

} // namespace

QString ApiResource::collectionPath(const QString& namespaceName) const
{
    QString path = group.isEmpty() ? QStringLiteral("/api/") + version
                                   : QStringLiteral("/apis/") + group + u'/' + version;
    if (namespaced && !namespaceName.isEmpty())
        path += QStringLiteral("/namespaces/") + namespaceName;
    return path + u'/' + name;
}

const ApiResource* DiscoveryResult::find(const QString& group, const QString& kind) const
{
    for (const ApiResource& r : resources)
        if (r.group == group && r.kind == kind)
            return &r;
    return nullptr;
}

QList<ApiResource> parseResourceList(const QByteArray& json, const QString& groupVersion)
{
    QList<ApiResource> list;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QString gv = root.value(u"groupVersion").toString(groupVersion);
    const qsizetype slash = gv.indexOf(u'/');
    const QString group = slash < 0 ? QString() : gv.left(slash);
    const QString version = slash < 0 ? gv : gv.mid(slash + 1);
    for (const QJsonValue& v : root.value(u"resources").toArray()) {
        const QJsonObject o = v.toObject();
        ApiResource r;
        r.name = o.value(u"name").toString();
        if (r.name.isEmpty() || r.name.contains(u'/'))
            continue; // subresources (deployments/scale) are not types of their own
        r.group = group;
        r.version = version;
        r.kind = o.value(u"kind").toString();
        r.namespaced = o.value(u"namespaced").toBool();
        r.verbs = strings(o.value(u"verbs"));
        r.shortNames = strings(o.value(u"shortNames"));
        list.append(r);
    }
    return list;
}

Result<QList<ApiResource>> parseAggregated(const QByteArray& json, bool coreGroup)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return fail(
            QStringLiteral("The aggregated discovery document does not parse: %1.").arg(error.errorString()));
    QList<ApiResource> list;
    for (const QJsonValue& g : doc.object().value(u"items").toArray()) {
        const QJsonObject groupObject = g.toObject();
        const QString group =
            coreGroup ? QString() : groupObject.value(u"metadata").toObject().value(u"name").toString();
        // Versions are listed in preference order; the first is the preferred one.
        const QJsonArray versions = groupObject.value(u"versions").toArray();
        if (versions.isEmpty())
            continue;
        const QJsonObject preferred = versions.first().toObject();
        for (const QJsonValue& v : preferred.value(u"resources").toArray()) {
            const QJsonObject o = v.toObject();
            ApiResource r;
            r.group = group;
            r.version = preferred.value(u"version").toString();
            r.name = o.value(u"resource").toString();
            r.kind = o.value(u"responseKind").toObject().value(u"kind").toString();
            r.namespaced = o.value(u"scope").toString() == u"Namespaced";
            r.verbs = strings(o.value(u"verbs"));
            r.shortNames = strings(o.value(u"shortNames"));
            if (!r.name.isEmpty())
                list.append(r);
        }
    }
    return list;
}

void discover(Client* client, std::function<void(Result<DiscoveryResult>)> done)
{
    auto walk = std::make_shared<Walk>();
    walk->done = std::move(done);
    // Legacy walk of one group version; the last answer finishes the run.
    auto fetchGroupVersion = [client, walk](const QString& gv) {
        ++walk->pending;
        const QString path = gv == u"v1" ? QStringLiteral("/api/v1") : QStringLiteral("/apis/") + gv;
        client->get(path, [walk, gv](Result<Reply> reply) {
            if (reply)
                walk->result.resources.append(parseResourceList(reply->body, gv));
            else if (reply.error().code == 401)
                return walk->finish(std::unexpected(reply.error()));
            else
                walk->result.failedGroups.append(gv);
            if (--walk->pending == 0)
                walk->finish(walk->result);
        });
    };

    client->get(QStringLiteral("/version"), [client, walk, fetchGroupVersion](Result<Reply> version) {
        if (!version)
            return walk->finish(std::unexpected(version.error()));
        walk->result.serverVersion =
            QJsonDocument::fromJson(version->body).object().value(u"gitVersion").toString();
        client->get(
            QStringLiteral("/api"),
            [client, walk, fetchGroupVersion](Result<Reply> core) {
                if (!core)
                    return walk->finish(std::unexpected(core.error()));
                const bool aggregated = core->contentType.contains("apidiscovery.k8s.io");
                client->get(
                    QStringLiteral("/apis"),
                    [walk, fetchGroupVersion, aggregated, coreBody = core->body](Result<Reply> groups) {
                        if (!groups)
                            return walk->finish(std::unexpected(groups.error()));
                        if (aggregated && groups->contentType.contains("apidiscovery.k8s.io")) {
                            auto coreTypes = parseAggregated(coreBody, true);
                            auto groupTypes = parseAggregated(groups->body, false);
                            if (!coreTypes)
                                return walk->finish(std::unexpected(coreTypes.error()));
                            if (!groupTypes)
                                return walk->finish(std::unexpected(groupTypes.error()));
                            walk->result.aggregated = true;
                            walk->result.resources = *coreTypes + *groupTypes;
                            return walk->finish(walk->result);
                        }
                        QStringList groupVersions;
                        for (const QString& v :
                             strings(QJsonDocument::fromJson(coreBody).object().value(u"versions")))
                            if (v == u"v1")
                                groupVersions.append(v);
                        for (const QJsonValue& g :
                             QJsonDocument::fromJson(groups->body).object().value(u"groups").toArray()) {
                            const QJsonObject group = g.toObject();
                            QString gv =
                                group.value(u"preferredVersion").toObject().value(u"groupVersion").toString();
                            if (gv.isEmpty() && !group.value(u"versions").toArray().isEmpty())
                                gv = group.value(u"versions")
                                         .toArray()
                                         .first()
                                         .toObject()
                                         .value(u"groupVersion")
                                         .toString();
                            if (!gv.isEmpty())
                                groupVersions.append(gv);
                        }
                        if (groupVersions.isEmpty())
                            return walk->finish(walk->result);
                        for (const QString& gv : groupVersions)
                            fetchGroupVersion(gv);
                    },
                    kAggregatedAccept);
            },
            kAggregatedAccept);
    });
}

} // namespace shiplog::core::kube
