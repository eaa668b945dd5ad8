#pragma once

// API discovery: which resource types the server serves, in their preferred version. Aggregated
// discovery (apidiscovery.k8s.io/v2, v2beta1) when the server answers it, else the legacy walk of
// /api/v1 and every preferred /apis/{group}/{version}.
#include "core/common/error.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace shiplog::core::kube {

class Client;

// One listable resource type in its preferred version.
struct ApiResource
{
    QString group;   // "" for the core group
    QString version; // "v1"
    QString kind;    // "Deployment"
    QString name;    // plural: "deployments"
    bool namespaced = false;
    QStringList verbs;
    QStringList shortNames;

    QString groupVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    // "deployments.apps", "configmaps" — as kubectl and Status messages name a type.
    QString qualifiedName() const { return group.isEmpty() ? name : name + u'.' + group; }
    // "/apis/apps/v1/deployments" or "/api/v1/namespaces/ns/configmaps".
    QString collectionPath(const QString& namespaceName = {}) const;
    bool can(const QString& verb) const { return verbs.contains(verb); }
};

struct DiscoveryResult
{
    QString serverVersion; // gitVersion of /version, e.g. "v1.32.3"
    bool aggregated = false;
    QList<ApiResource> resources; // subresources excluded
    QStringList failedGroups;     // group versions that could not be read (e.g. a broken aggregated API)
    QHash<QString, QString> failedGroupErrors; // group version → why (names server and endpoint)
    // group ("" for core) → every version the server serves, preferred first (from /api and /apis):
    // tells "git's batch/v1beta1 is no longer served" from "served, just not preferred".
    QHash<QString, QStringList> groupVersions;

    // The type for (group, kind), preferring `version` when the server serves it in that version.
    const ApiResource* find(const QString& group, const QString& kind) const;
};

// Runs discovery on the client's thread; `done` is called once on that thread.
void discover(Client* client, std::function<void(Result<DiscoveryResult>)> done);

// Parsers (exposed for tests).
QList<ApiResource> parseResourceList(const QByteArray& json, const QString& groupVersion);
Result<QList<ApiResource>> parseAggregated(const QByteArray& json, bool coreGroup);

} // namespace shiplog::core::kube
