#include "core/drift/drift_json.h"

#include <QJsonArray>

namespace shiplog::core::drift {

QJsonObject reportToJson(const DriftReport& report)
{
    QJsonArray resources;
    for (const ResourceDrift& r : report.resources) {
        if (r.status == DriftStatus::InSync)
            continue;
        QJsonArray fields;
        for (const FieldDrift& f : r.fields)
            fields.append(QJsonObject{
                {QStringLiteral("path"), f.path},
                {QStringLiteral("desired"),
                 f.desired.isUndefined() ? QJsonValue(QJsonValue::Null) : f.desired},
                {QStringLiteral("live"), f.live.isUndefined() ? QJsonValue(QJsonValue::Null) : f.live},
                {QStringLiteral("manager"),
                 f.manager.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.manager)},
                {QStringLiteral("time"), f.time.isValid() ? QJsonValue(f.time.toUTC().toString(Qt::ISODate))
                                                          : QJsonValue(QJsonValue::Null)}});
        resources.append(QJsonObject{{QStringLiteral("group"), r.group},
                                     {QStringLiteral("version"), r.version},
                                     {QStringLiteral("kind"), r.kind},
                                     {QStringLiteral("namespace"), r.namespaceName},
                                     {QStringLiteral("name"), r.name},
                                     {QStringLiteral("status"), statusName(r.status)},
                                     {QStringLiteral("fields"), fields},
                                     {QStringLiteral("reason"), r.reason}});
    }
    const QJsonObject summary{{QStringLiteral("inSync"), report.summary.inSync},
                              {QStringLiteral("drifted"), report.summary.drifted},
                              {QStringLiteral("missing"), report.summary.missing},
                              {QStringLiteral("extra"), report.summary.extra},
                              {QStringLiteral("unreadable"), report.summary.unreadable}};
    return QJsonObject{{QStringLiteral("context"), report.context},
                       {QStringLiteral("revision"), report.revision},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("resources"), resources}};
}

} // namespace shiplog::core::drift
