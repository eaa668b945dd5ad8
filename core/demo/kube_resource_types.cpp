#include "core/demo/kube_resource_types.h"

#include <QJsonArray>

namespace shiplog::core::demo {

namespace {

ResourceType type(QString group, QString resource, QString singular, QString kind, bool namespaced,
                  QStringList shortNames = {}, bool hasStatus = false, bool hasScale = false,
                  QStringList categories = {})
{
    ResourceType t;
    t.group = std::move(group);
    t.version = QStringLiteral("v1");
    t.resource = std::move(resource);
    t.singular = std::move(singular);
    t.kind = std::move(kind);
    t.namespaced = namespaced;
    t.shortNames = std::move(shortNames);
    t.hasStatus = hasStatus;
    t.hasScale = hasScale;
    t.categories = std::move(categories);
    return t;
}

} // namespace

QList<ResourceType> builtinResourceTypes()
{
    const QStringList all{QStringLiteral("all")};
    const QString core;
    const QString apps = QStringLiteral("apps");
    const QString batch = QStringLiteral("batch");
    const QString rbac = QStringLiteral("rbac.authorization.k8s.io");
    const QString networking = QStringLiteral("networking.k8s.io");
    QList<ResourceType> types{
        type(core, "namespaces", "namespace", "Namespace", false, {"ns"}, true),
        type(core, "configmaps", "configmap", "ConfigMap", true, {"cm"}),
        type(core, "secrets", "secret", "Secret", true),
        type(core, "services", "service", "Service", true, {"svc"}, true, false, all),
        type(core, "serviceaccounts", "serviceaccount", "ServiceAccount", true, {"sa"}),
        type(core, "pods", "pod", "Pod", true, {"po"}, true, false, all),
        type(core, "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, {"pvc"},
             true),
        type(core, "persistentvolumes", "persistentvolume", "PersistentVolume", false, {"pv"}, true),
        type(core, "endpoints", "endpoints", "Endpoints", true, {"ep"}),
        type(core, "events", "event", "Event", true, {"ev"}),
        type(core, "limitranges", "limitrange", "LimitRange", true, {"limits"}),
        type(core, "resourcequotas", "resourcequota", "ResourceQuota", true, {"quota"}, true),
        type(core, "nodes", "node", "Node", false, {"no"}, true),
        type(apps, "deployments", "deployment", "Deployment", true, {"deploy"}, true, true, all),
        type(apps, "statefulsets", "statefulset", "StatefulSet", true, {"sts"}, true, true, all),
        type(apps, "daemonsets", "daemonset", "DaemonSet", true, {"ds"}, true, false, all),
        type(apps, "replicasets", "replicaset", "ReplicaSet", true, {"rs"}, true, true, all),
        type(batch, "jobs", "job", "Job", true, {}, true, false, all),
        type(batch, "cronjobs", "cronjob", "CronJob", true, {"cj"}, true, false, all),
        type(networking, "ingresses", "ingress", "Ingress", true, {"ing"}, true),
        type(networking, "networkpolicies", "networkpolicy", "NetworkPolicy", true, {"netpol"}),
        type(networking, "ingressclasses", "ingressclass", "IngressClass", false),
        type(rbac, "roles", "role", "Role", true),
        type(rbac, "rolebindings", "rolebinding", "RoleBinding", true),
        type(rbac, "clusterroles", "clusterrole", "ClusterRole", false),
        type(rbac, "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false),
        type(QStringLiteral("policy"), "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget",
             true, {"pdb"}, true),
        type(QStringLiteral("storage.k8s.io"), "storageclasses", "storageclass", "StorageClass", false,
             {"sc"}),
        type(QStringLiteral("scheduling.k8s.io"), "priorityclasses", "priorityclass", "PriorityClass", false,
             {"pc"}),
        type(QStringLiteral("apiextensions.k8s.io"), "customresourcedefinitions", "customresourcedefinition",
             "CustomResourceDefinition", false, {"crd", "crds"}, true),
        type(QStringLiteral("admissionregistration.k8s.io"), "mutatingwebhookconfigurations",
             "mutatingwebhookconfiguration", "MutatingWebhookConfiguration", false),
        type(QStringLiteral("admissionregistration.k8s.io"), "validatingwebhookconfigurations",
             "validatingwebhookconfiguration", "ValidatingWebhookConfiguration", false),
        // Aggregated APIs (metrics-server, prometheus-adapter) register here; served, not proxied.
        type(QStringLiteral("apiregistration.k8s.io"), "apiservices", "apiservice", "APIService", false, {},
             true),
    };
    ResourceType hpa =
        type(QStringLiteral("autoscaling"), "horizontalpodautoscalers", "horizontalpodautoscaler",
             "HorizontalPodAutoscaler", true, {"hpa"}, true, false, all);
    hpa.version = QStringLiteral("v2");
    types.append(hpa);
    return types;
}

QList<ResourceType> resourceTypesFromCrd(const QJsonObject& crd)
{
    const QJsonObject spec = crd.value(QLatin1String("spec")).toObject();
    const QJsonObject names = spec.value(QLatin1String("names")).toObject();
    const QString group = spec.value(QLatin1String("group")).toString();
    const QString plural = names.value(QLatin1String("plural")).toString();
    const QString kind = names.value(QLatin1String("kind")).toString();
    if (group.isEmpty() || plural.isEmpty() || kind.isEmpty())
        return {};
    QList<ResourceType> types;
    for (const QJsonValue& v : spec.value(QLatin1String("versions")).toArray()) {
        const QJsonObject version = v.toObject();
        if (version.contains(QLatin1String("served")) && !version.value(QLatin1String("served")).toBool())
            continue;
        ResourceType t;
        t.group = group;
        t.version = version.value(QLatin1String("name")).toString();
        t.resource = plural;
        t.singular = names.value(QLatin1String("singular")).toString(kind.toLower());
        t.kind = kind;
        t.namespaced = spec.value(QLatin1String("scope")).toString() != QLatin1String("Cluster");
        for (const QJsonValue& s : names.value(QLatin1String("shortNames")).toArray())
            t.shortNames.append(s.toString());
        for (const QJsonValue& c : names.value(QLatin1String("categories")).toArray())
            t.categories.append(c.toString());
        const QJsonObject subresources = version.value(QLatin1String("subresources")).toObject();
        t.hasStatus = subresources.contains(QLatin1String("status"));
        t.hasScale = subresources.contains(QLatin1String("scale"));
        t.custom = true;
        if (!t.version.isEmpty())
            types.append(t);
    }
    return types;
}

QStringList resourceVerbs()
{
    return {QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
            QStringLiteral("get"),    QStringLiteral("list"),   QStringLiteral("patch"),
            QStringLiteral("update"), QStringLiteral("watch")};
}

} // namespace shiplog::core::demo
