#include "core/kube/discovery.h"

#include "core/kube/client.h"
#include "core/kube/decode.h"

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

// Versions per group from /apis, legacy (groups[].versions[].version) or aggregated
// (items[].metadata.name, items[].versions[].version).
void readGroupVersions(const QJsonObject& document, bool aggregated, QHash<QString, QStringList>& into)
{
    const QJsonArray groups = document.value(aggregated ? u"items" : u"groups").toArray();
    for (const QJsonValue& g : groups) {
        const QJsonObject group = g.toObject();
        const QString name = aggregated ? group.value(u"metadata").toObject().value(u"name").toString()
                                        : group.value(u"name").toString();
        QStringList versions;
        for (const QJsonValue& v : group.value(u"versions").toArray())
            versions.append(v.toObject().value(u"version").toString());
        if (!name.isEmpty())
            into.insert(name, versions);
    }
}

} // namespace

namespace {

Result<QJsonObject> discoveryObject(const Client* client, const QString& path, const Reply& reply,
                                    DiscoveryDocument document)
{
    return decodeDiscoveryDocument(client->server(), path, reply.contentType, reply.body, document);
}

} // namespace

void discover(Client* client, std::function<void(Result<DiscoveryResult>)> done)
{
    auto walk = std::make_shared<Walk>();
    walk->done = std::move(done);
    // Legacy walk of one group version; the last answer finishes the run. The core group is
    // essential: its failure fails discovery. Another group's failure is remembered, with why, so
    // that its resources are reported unreadable rather than missing.
    auto fetchGroupVersion = [client, walk](const QString& gv) {
        ++walk->pending;
        const QString path = gv == u"v1" ? QStringLiteral("/api/v1") : QStringLiteral("/apis/") + gv;
        client->get(
            path,
            [client, walk, gv, path](Result<Reply> reply) {
                if (walk->finished)
                    return;
                Result<QJsonObject> list =
                    reply ? discoveryObject(client, path, *reply, DiscoveryDocument::ResourceList)
                          : Result<QJsonObject>(std::unexpected(reply.error()));
                if (list) {
                    walk->result.resources.append(parseResourceList(reply->body, gv));
                } else if (gv == u"v1" || list.error().code == 401) {
                    return walk->finish(std::unexpected(list.error()));
                } else {
                    walk->result.failedGroups.append(gv);
                    walk->result.failedGroupErrors.insert(gv, list.error().message);
                }
                if (--walk->pending == 0)
                    walk->finish(walk->result);
            },
            "application/json", ResponseKind::Discovery);
    };

    client->get(
        QStringLiteral("/version"),
        [client, walk, fetchGroupVersion](Result<Reply> version) {
            if (!version)
                return walk->finish(std::unexpected(version.error()));
            auto versionObject =
                discoveryObject(client, QStringLiteral("/version"), *version, DiscoveryDocument::Version);
            if (!versionObject)
                return walk->finish(std::unexpected(versionObject.error()));
            walk->result.serverVersion = versionObject->value(u"gitVersion").toString();
            client->get(
                QStringLiteral("/api"),
                [client, walk, fetchGroupVersion](Result<Reply> core) {
                    if (!core)
                        return walk->finish(std::unexpected(core.error()));
                    auto coreObject = discoveryObject(client, QStringLiteral("/api"), *core,
                                                      DiscoveryDocument::CoreVersions);
                    if (!coreObject)
                        return walk->finish(std::unexpected(coreObject.error()));
                    const bool aggregated = core->contentType.contains("apidiscovery.k8s.io");
                    client->get(
                        QStringLiteral("/apis"),
                        [client, walk, fetchGroupVersion, aggregated, coreBody = core->body,
                         coreObject = *coreObject](Result<Reply> groups) {
                            if (!groups)
                                return walk->finish(std::unexpected(groups.error()));
                            auto groupsObject = discoveryObject(client, QStringLiteral("/apis"), *groups,
                                                                DiscoveryDocument::Groups);
                            if (!groupsObject)
                                return walk->finish(std::unexpected(groupsObject.error()));
                            const bool aggregatedGroups = groups->contentType.contains("apidiscovery.k8s.io");
                            readGroupVersions(*groupsObject, aggregatedGroups, walk->result.groupVersions);
                            walk->result.groupVersions.insert(QString(), {QStringLiteral("v1")});
                            if (aggregated && groups->contentType.contains("apidiscovery.k8s.io")) {
                                auto coreTypes = parseAggregated(coreBody, true);
                                auto groupTypes = parseAggregated(groups->body, false);
                                if (!coreTypes)
                                    return walk->finish(std::unexpected(coreTypes.error()));
                                if (!groupTypes)
                                    return walk->finish(std::unexpected(groupTypes.error()));
                                walk->result.aggregated = true;
                                walk->result.resources = *coreTypes + *groupTypes;
                                if (walk->result.resources.isEmpty())
                                    return walk->finish(fail(
                                        QStringLiteral("The server %1 answered GET /api and GET /apis with "
                                                       "aggregated discovery that lists no resource types.")
                                            .arg(client->server())));
                                return walk->finish(walk->result);
                            }
                            QStringList groupVersions;
                            // An aggregated /api beside a legacy /apis: the core group is walked too.
                            if (strings(coreObject.value(u"versions")).contains(QStringLiteral("v1")) ||
                                aggregated)
                                groupVersions.append(QStringLiteral("v1"));
                            for (const QJsonValue& g : groupsObject->value(u"groups").toArray()) {
                                const QJsonObject group = g.toObject();
                                QString gv = group.value(u"preferredVersion")
                                                 .toObject()
                                                 .value(u"groupVersion")
                                                 .toString();
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
                            for (const QString& gv : groupVersions)
                                fetchGroupVersion(gv);
                        },
                        kAggregatedAccept, ResponseKind::Discovery);
                },
                kAggregatedAccept, ResponseKind::Discovery);
        },
        "application/json", ResponseKind::Discovery);
}

} // namespace shiplog::core::kube
