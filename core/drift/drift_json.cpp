#include "core/drift/drift_json.h"

#include <QJsonArray>

namespace shiplog::core::drift {

QJsonObject reportToJson(const DriftReport& report, bool explain)
{
    QJsonArray resources;
    for (const ResourceDrift& r : report.resources) {
        if (r.status == DriftStatus::InSync && !(explain && !r.hidden.isEmpty()))
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
                                                          : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("note"),
                 f.note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.note)}});
        QJsonObject resource{
            {QStringLiteral("group"), r.group}, {QStringLiteral("version"), r.version},
            {QStringLiteral("kind"), r.kind},   {QStringLiteral("namespace"), r.namespaceName},
            {QStringLiteral("name"), r.name},   {QStringLiteral("status"), statusName(r.status)},
            {QStringLiteral("fields"), fields}, {QStringLiteral("reason"), r.reason}};
        if (!r.gitApiVersion.isEmpty())
            resource.insert(QStringLiteral("gitApiVersion"), r.gitApiVersion);
        if (explain) {
            // Values are left out: the rule and its reason say why, and Secret data stays out.
            QJsonArray hidden;
            for (const HiddenDifference& h : r.hidden)
                hidden.append(QJsonObject{{QStringLiteral("path"), h.path},
                                          {QStringLiteral("rule"), reasonName(h.reason)},
                                          {QStringLiteral("reason"), h.detail}});
            resource.insert(QStringLiteral("hidden"), hidden);
        }
        resources.append(resource);
    }
    const QJsonObject summary{{QStringLiteral("inSync"), report.summary.inSync},
                              {QStringLiteral("drifted"), report.summary.drifted},
                              {QStringLiteral("missing"), report.summary.missing},
                              {QStringLiteral("extra"), report.summary.extra},
                              {QStringLiteral("unreadable"), report.summary.unreadable},
                              {QStringLiteral("unserved"), report.summary.unserved}};
    return QJsonObject{{QStringLiteral("context"), report.context},
                       {QStringLiteral("revision"), report.revision},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("resources"), resources}};
}

} // namespace shiplog::core::drift
