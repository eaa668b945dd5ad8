#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace shiplog::core::demo {

// One resource type as the API server's discovery describes it (an APIResource entry).
struct ResourceType
{
    QString group;    // "" for the core group
    QString version;  // "v1"
    QString resource; // plural, lower case: "deployments"
    QString singular; // "deployment"
    QString kind;     // "Deployment"
    bool namespaced = true;
    QStringList shortNames;
    QStringList categories;
    bool hasStatus = false; // a status subresource; such objects also carry metadata.generation
    bool hasScale = false;  // a scale subresource (autoscaling/v1 Scale)
    bool custom = false;    // served for a CustomResourceDefinition (no strategic merge patch)

    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    // "deployments.apps", "configmaps": how Status messages name the type.
    QString qualifiedResource() const { return group.isEmpty() ? resource : resource + u'.' + group; }
    // The key of the type's objects in the store (independent of the version).
    QString storeKey() const { return group + u'/' + resource; }
};

// The built-in types the stand-in serves (a subset of Kubernetes 1.32).
QList<ResourceType> builtinResourceTypes();

// The types a CustomResourceDefinition object declares (one per served version), or nothing when
// the definition is incomplete.
QList<ResourceType> resourceTypesFromCrd(const QJsonObject& crd);

// The verbs discovery lists for a type.
QStringList resourceVerbs();

} // namespace shiplog::core::demo
