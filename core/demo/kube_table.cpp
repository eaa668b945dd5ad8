#include "core/demo/kube_table.h"

#include <QJsonArray>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QJsonObject column(const QString& name, const QString& type = u"string"_s, const QString& format = {},
                   int priority = 0)
{
    return {{u"name"_s, name},
            {u"type"_s, type},
            {u"format"_s, format},
            {u"description"_s, u""_s},
            {u"priority"_s, priority}};
}

QString portsText(const QJsonArray& ports)
{
    QStringList parts;
    for (const QJsonValue& p : ports) {
        const QJsonObject port = p.toObject();
        QString text = QString::number(port.value(u"port"_s).toInt());
        if (port.contains(u"nodePort"_s))
            text += u':' + QString::number(port.value(u"nodePort"_s).toInt());
        parts.append(text + u'/' + port.value(u"protocol"_s).toString(u"TCP"_s));
    }
    return parts.isEmpty() ? u"<none>"_s : parts.join(u',');
}

} // namespace

QString humanDuration(qint64 seconds)
{
    if (seconds < -1)
        return u"<invalid>"_s;
    if (seconds < 0)
        return u"0s"_s;
    if (seconds < 120)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10)
        return seconds % 60 == 0 ? QStringLiteral("%1m").arg(minutes)
                                 : QStringLiteral("%1m%2s").arg(minutes).arg(seconds % 60);
    if (minutes < 180)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8)
        return minutes % 60 == 0 ? QStringLiteral("%1h").arg(hours)
                                 : QStringLiteral("%1h%2m").arg(hours).arg(minutes % 60);
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8)
        return hours % 24 == 0 ? QStringLiteral("%1d").arg(hours / 24)
                               : QStringLiteral("%1d%2h").arg(hours / 24).arg(hours % 24);
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 days = (hours / 24) % 365;
        return days == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                         : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(days);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

QJsonObject partialMetadata(const QJsonObject& object)
{
    return {{u"kind"_s, u"PartialObjectMetadata"_s},
            {u"apiVersion"_s, u"meta.k8s.io/v1"_s},
            {u"metadata"_s, object.value(u"metadata"_s)}};
}

QJsonObject tableOf(const ResourceType& type, const QList<QJsonObject>& objects,
                    const QJsonObject& listMetadata, const QDateTime& now)
{
    const QString& kind = type.kind;
    QJsonArray columns{column(u"Name"_s, u"string"_s, u"name"_s)};
    auto append = [](QJsonArray& array, std::initializer_list<QJsonObject> items) {
        for (const QJsonObject& item : items)
            array.append(item);
    };
    if (kind == u"Deployment"_s)
        append(columns, {column(u"Ready"_s), column(u"Up-to-date"_s, u"integer"_s),
                         column(u"Available"_s, u"integer"_s)});
    else if (kind == u"StatefulSet"_s)
        append(columns, {column(u"Ready"_s)});
    else if (kind == u"Pod"_s)
        append(columns, {column(u"Ready"_s), column(u"Status"_s), column(u"Restarts"_s)});
    else if (kind == u"Service"_s)
        append(columns,
               {column(u"Type"_s), column(u"Cluster-IP"_s), column(u"External-IP"_s), column(u"Port(s)"_s)});
    else if (kind == u"ConfigMap"_s)
        append(columns, {column(u"Data"_s, u"integer"_s)});
    else if (kind == u"Secret"_s)
        append(columns, {column(u"Type"_s), column(u"Data"_s, u"integer"_s)});
    else if (kind == u"Namespace"_s)
        append(columns, {column(u"Status"_s)});
    columns.append(column(u"Age"_s));

    QJsonArray rows;
    for (const QJsonObject& object : objects) {
        const QJsonObject meta = object.value(u"metadata"_s).toObject();
        const QJsonObject spec = object.value(u"spec"_s).toObject();
        const QJsonObject status = object.value(u"status"_s).toObject();
        QJsonArray cells{meta.value(u"name"_s).toString()};
        if (kind == u"Deployment"_s || kind == u"StatefulSet"_s) {
            const int replicas = spec.value(u"replicas"_s).toInt(1);
            cells.append(QStringLiteral("%1/%2").arg(status.value(u"readyReplicas"_s).toInt()).arg(replicas));
            if (kind == u"Deployment"_s) {
                cells.append(status.value(u"updatedReplicas"_s).toInt());
                cells.append(status.value(u"availableReplicas"_s).toInt());
            }
        } else if (kind == u"Pod"_s) {
            const int containers = int(spec.value(u"containers"_s).toArray().size());
            cells.append(QStringLiteral("%1/%1").arg(containers));
            cells.append(status.value(u"phase"_s).toString(u"Running"_s));
            cells.append(u"0"_s);
        } else if (kind == u"Service"_s) {
            cells.append(spec.value(u"type"_s).toString());
            cells.append(spec.value(u"clusterIP"_s).toString(u"<none>"_s));
            cells.append(spec.value(u"type"_s).toString() == u"LoadBalancer"_s ? u"<pending>"_s
                                                                               : u"<none>"_s);
            cells.append(portsText(spec.value(u"ports"_s).toArray()));
        } else if (kind == u"ConfigMap"_s) {
            cells.append(object.value(u"data"_s).toObject().size() +
                         object.value(u"binaryData"_s).toObject().size());
        } else if (kind == u"Secret"_s) {
            cells.append(object.value(u"type"_s).toString());
            cells.append(object.value(u"data"_s).toObject().size());
        } else if (kind == u"Namespace"_s) {
            cells.append(status.value(u"phase"_s).toString(u"Active"_s));
        }
        const QDateTime created =
            QDateTime::fromString(meta.value(u"creationTimestamp"_s).toString(), Qt::ISODate);
        cells.append(created.isValid() ? humanDuration(created.secsTo(now)) : u"<unknown>"_s);
        rows.append(QJsonObject{{u"cells"_s, cells}, {u"object"_s, partialMetadata(object)}});
    }
    return {{u"kind"_s, u"Table"_s},
            {u"apiVersion"_s, u"meta.k8s.io/v1"_s},
            {u"metadata"_s, listMetadata},
            {u"columnDefinitions"_s, columns},
            {u"rows"_s, rows}};
}

} // namespace shiplog::core::demo
