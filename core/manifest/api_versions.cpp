#include "core/manifest/api_versions.h"

#include <QJsonArray>

namespace shiplog::core::manifest {

namespace {

using namespace Qt::StringLiterals;

QList<ApiVersionMove> buildMoves()
{
    QList<ApiVersionMove> moves;
    auto add = [&moves](const QString& from, const QStringList& kinds, const QString& to, const QString& in) {
        for (const QString& kind : kinds)
            moves.append({from, kind, to, in});
    };
    // Source: the Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/
    // deprecation-guide), the releases that stopped serving each version.
    const QStringList workloads{u"Deployment"_s, u"DaemonSet"_s, u"ReplicaSet"_s, u"StatefulSet"_s};
    add(u"extensions/v1beta1"_s, workloads, u"apps/v1"_s, u"1.16"_s);
    add(u"apps/v1beta1"_s, workloads, u"apps/v1"_s, u"1.16"_s);
    add(u"apps/v1beta2"_s, workloads, u"apps/v1"_s, u"1.16"_s);
    add(u"extensions/v1beta1"_s, {u"NetworkPolicy"_s}, u"networking.k8s.io/v1"_s, u"1.16"_s);
    add(u"extensions/v1beta1"_s, {u"Ingress"_s}, u"networking.k8s.io/v1"_s, u"1.22"_s);
    add(u"networking.k8s.io/v1beta1"_s, {u"Ingress"_s, u"IngressClass"_s}, u"networking.k8s.io/v1"_s,
        u"1.22"_s);
    add(u"extensions/v1beta1"_s, {u"PodSecurityPolicy"_s}, QString(), u"1.16"_s);
    add(u"policy/v1beta1"_s, {u"PodSecurityPolicy"_s}, QString(), u"1.25"_s);
    add(u"policy/v1beta1"_s, {u"PodDisruptionBudget"_s}, u"policy/v1"_s, u"1.25"_s);
    add(u"batch/v1beta1"_s, {u"CronJob"_s}, u"batch/v1"_s, u"1.25"_s);
    add(u"rbac.authorization.k8s.io/v1beta1"_s,
        {u"Role"_s, u"RoleBinding"_s, u"ClusterRole"_s, u"ClusterRoleBinding"_s},
        u"rbac.authorization.k8s.io/v1"_s, u"1.22"_s);
    add(u"apiextensions.k8s.io/v1beta1"_s, {u"CustomResourceDefinition"_s}, u"apiextensions.k8s.io/v1"_s,
        u"1.22"_s);
    add(u"apiregistration.k8s.io/v1beta1"_s, {u"APIService"_s}, u"apiregistration.k8s.io/v1"_s, u"1.22"_s);
    add(u"admissionregistration.k8s.io/v1beta1"_s,
        {u"MutatingWebhookConfiguration"_s, u"ValidatingWebhookConfiguration"_s},
        u"admissionregistration.k8s.io/v1"_s, u"1.22"_s);
    add(u"scheduling.k8s.io/v1beta1"_s, {u"PriorityClass"_s}, u"scheduling.k8s.io/v1"_s, u"1.22"_s);
    add(u"storage.k8s.io/v1beta1"_s, {u"StorageClass"_s}, u"storage.k8s.io/v1"_s, u"1.22"_s);
    add(u"autoscaling/v2beta1"_s, {u"HorizontalPodAutoscaler"_s}, u"autoscaling/v2"_s, u"1.25"_s);
    add(u"autoscaling/v2beta2"_s, {u"HorizontalPodAutoscaler"_s}, u"autoscaling/v2"_s, u"1.26"_s);
    return moves;
}

// v2beta1 metric targets ("targetAverageUtilization": 80) → v2 ("target": {type, averageUtilization}).
QJsonObject hpaMetricV2(QJsonObject metric)
{
    const QString type = metric.value(u"type"_s).toString();
    const QString section = type.isEmpty() ? QString() : type.left(1).toLower() + type.mid(1);
    if (section.isEmpty() || !metric.value(section).isObject())
        return metric;
    QJsonObject source = metric.value(section).toObject();
    QJsonObject target;
    auto moveTarget = [&](const char* from, const QString& targetType, const char* to) {
        const QString key = QString::fromLatin1(from);
        if (!source.contains(key))
            return;
        target.insert(u"type"_s, targetType);
        target.insert(QString::fromLatin1(to), source.take(key));
    };
    moveTarget("targetAverageUtilization", u"Utilization"_s, "averageUtilization");
    moveTarget("targetAverageValue", u"AverageValue"_s, "averageValue");
    moveTarget("targetValue", u"Value"_s, "value");
    if (type == u"Object"_s) {
        moveTarget("averageValue", u"AverageValue"_s, "averageValue");
        if (source.contains(u"target"_s))
            source.insert(u"describedObject"_s, source.take(u"target"_s));
    }
    QJsonObject metricId;
    if (source.contains(u"metricName"_s))
        metricId.insert(u"name"_s, source.take(u"metricName"_s));
    for (const char* selector : {"selector", "metricSelector"})
        if (source.contains(QString::fromLatin1(selector)) && type != u"Resource"_s)
            metricId.insert(u"selector"_s, source.take(QString::fromLatin1(selector)));
    if (!metricId.isEmpty())
        source.insert(u"metric"_s, metricId);
    if (!target.isEmpty())
        source.insert(u"target"_s, target);
    metric.insert(section, source);
    return metric;
}

// v1beta1 backend {serviceName, servicePort} → v1 {service: {name, port: {number|name}}}.
QJsonObject ingressBackendV1(QJsonObject backend)
{
    if (!backend.contains(u"serviceName"_s))
        return backend;
    QJsonObject service{{u"name"_s, backend.take(u"serviceName"_s)}};
    const QJsonValue port = backend.take(u"servicePort"_s);
    if (port.isDouble())
        service.insert(u"port"_s, QJsonObject{{u"number"_s, port}});
    else if (port.isString())
        service.insert(u"port"_s, QJsonObject{{u"name"_s, port}});
    backend.insert(u"service"_s, service);
    return backend;
}

QJsonObject ingressSpecV1(QJsonObject spec)
{
    if (spec.contains(u"backend"_s))
        spec.insert(u"defaultBackend"_s, ingressBackendV1(spec.take(u"backend"_s).toObject()));
    QJsonArray rules = spec.value(u"rules"_s).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        QJsonObject rule = rules[i].toObject();
        QJsonObject http = rule.value(u"http"_s).toObject();
        QJsonArray paths = http.value(u"paths"_s).toArray();
        for (qsizetype j = 0; j < paths.size(); ++j) {
            QJsonObject path = paths[j].toObject();
            if (path.contains(u"backend"_s))
                path.insert(u"backend"_s, ingressBackendV1(path.value(u"backend"_s).toObject()));
            if (!path.contains(u"pathType"_s))
                path.insert(u"pathType"_s, u"ImplementationSpecific"_s); // v1beta1's default
            paths[j] = path;
        }
        if (!http.isEmpty()) {
            http.insert(u"paths"_s, paths);
            rule.insert(u"http"_s, http);
        }
        rules[i] = rule;
    }
    if (!rules.isEmpty())
        spec.insert(u"rules"_s, rules);
    return spec;
}

// Printer columns: v1beta1 "JSONPath" is v1 "jsonPath".
QJsonArray printerColumnsV1(const QJsonArray& columns)
{
    QJsonArray result;
    for (const QJsonValue& c : columns) {
        QJsonObject column = c.toObject();
        if (column.contains(u"JSONPath"_s))
            column.insert(u"jsonPath"_s, column.take(u"JSONPath"_s));
        result.append(column);
    }
    return result;
}

// apiextensions v1beta1 → v1: the top-level version, validation, subresources and printer columns
// move into every entry of spec.versions; v1beta1 defaulted preserveUnknownFields to true.
QJsonObject crdSpecV1(QJsonObject spec)
{
    QJsonArray versions = spec.value(u"versions"_s).toArray();
    if (versions.isEmpty() && spec.contains(u"version"_s))
        versions.append(
            QJsonObject{{u"name"_s, spec.value(u"version"_s)}, {u"served"_s, true}, {u"storage"_s, true}});
    spec.remove(u"version"_s);
    const QJsonValue validation = spec.take(u"validation"_s);
    const QJsonValue subresources = spec.take(u"subresources"_s);
    const QJsonValue columns = spec.take(u"additionalPrinterColumns"_s);
    for (qsizetype i = 0; i < versions.size(); ++i) {
        QJsonObject version = versions[i].toObject();
        if (validation.isObject() && !version.contains(u"schema"_s))
            version.insert(u"schema"_s, validation);
        if (subresources.isObject() && !version.contains(u"subresources"_s))
            version.insert(u"subresources"_s, subresources);
        if (columns.isArray() && !version.contains(u"additionalPrinterColumns"_s))
            version.insert(u"additionalPrinterColumns"_s, columns);
        if (version.contains(u"additionalPrinterColumns"_s))
            version.insert(u"additionalPrinterColumns"_s,
                           printerColumnsV1(version.value(u"additionalPrinterColumns"_s).toArray()));
        versions[i] = version;
    }
    spec.insert(u"versions"_s, versions);
    if (!spec.contains(u"preserveUnknownFields"_s))
        spec.insert(u"preserveUnknownFields"_s, true);
    return spec;
}

} // namespace

const QList<ApiVersionMove>& apiVersionMoves()
{
    static const QList<ApiVersionMove> moves = buildMoves();
    return moves;
}

std::optional<ApiVersionMove> apiVersionMove(const QString& apiVersion, const QString& kind)
{
    for (const ApiVersionMove& move : apiVersionMoves())
        if (move.from == apiVersion && move.kind == kind)
            return move;
    return std::nullopt;
}

QJsonObject convertToServedVersion(const QJsonObject& object)
{
    const QString kind = object.value(u"kind"_s).toString();
    const auto move = apiVersionMove(object.value(u"apiVersion"_s).toString(), kind);
    if (!move || move->to.isEmpty())
        return object;
    QJsonObject converted = object;
    converted.insert(u"apiVersion"_s, move->to);
    QJsonObject spec = object.value(u"spec"_s).toObject();
    if (kind == u"HorizontalPodAutoscaler"_s && move->from == u"autoscaling/v2beta1"_s) {
        QJsonArray metrics = spec.value(u"metrics"_s).toArray();
        for (qsizetype i = 0; i < metrics.size(); ++i)
            metrics[i] = hpaMetricV2(metrics[i].toObject());
        if (!metrics.isEmpty())
            spec.insert(u"metrics"_s, metrics);
    } else if (kind == u"Ingress"_s) {
        spec = ingressSpecV1(spec);
    } else if (kind == u"CustomResourceDefinition"_s) {
        spec = crdSpecV1(spec);
    } else {
        return converted; // the same fields in both versions
    }
    if (object.contains(u"spec"_s))
        converted.insert(u"spec"_s, spec);
    return converted;
}

} // namespace shiplog::core::manifest
