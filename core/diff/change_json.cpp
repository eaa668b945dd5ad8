#include "core/diff/change_json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace shiplog::core::diff {

namespace {

QJsonValue stringOrNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString isoTime(const git::Person& person)
{
    return QDateTime::fromSecsSinceEpoch(person.time, Qt::OffsetFromUTC, person.offsetMinutes * 60)
        .toString(Qt::ISODate);
}

} // namespace

QJsonObject fieldChangeToJson(const FieldChange& field)
{
    return QJsonObject{
        {QStringLiteral("path"), field.path},
        {QStringLiteral("op"), opName(field.op)},
        {QStringLiteral("old"), field.oldValue.isUndefined() ? QJsonValue(QJsonValue::Null) : field.oldValue},
        {QStringLiteral("new"),
         field.newValue.isUndefined() ? QJsonValue(QJsonValue::Null) : field.newValue}};
}

QJsonObject resourceChangeToJson(const ResourceChange& change)
{
    QJsonArray fields;
    for (const FieldChange& f : change.fields)
        fields.append(fieldChangeToJson(f));
    QJsonObject object{{QStringLiteral("group"), change.key.group},
                       {QStringLiteral("version"), change.version()},
                       {QStringLiteral("kind"), change.key.kind},
                       {QStringLiteral("namespace"), change.key.namespaceName},
                       {QStringLiteral("name"), change.key.name},
                       {QStringLiteral("change"), changeKindName(change.change)},
                       {QStringLiteral("oldPath"), stringOrNull(change.oldPath)},
                       {QStringLiteral("newPath"), stringOrNull(change.newPath)},
                       {QStringLiteral("fields"), fields}};
    if (!change.environment.isEmpty())
        object.insert(QStringLiteral("environment"), change.environment);
    return object;
}

QJsonObject parseErrorToJson(const manifest::ParseError& error)
{
    return QJsonObject{{QStringLiteral("path"), error.path},
                       {QStringLiteral("line"), error.line},
                       {QStringLiteral("message"), error.message}};
}

QJsonObject changeSetToJson(const ChangeSet& set)
{
    QJsonArray resources;
    for (const ResourceChange& r : set.resources)
        resources.append(resourceChangeToJson(r));
    QJsonArray errors;
    for (const manifest::ParseError& e : set.errors)
        errors.append(parseErrorToJson(e));
    return QJsonObject{{QStringLiteral("from"), stringOrNull(set.from)},
                       {QStringLiteral("to"), set.to},
                       {QStringLiteral("resources"), resources},
                       {QStringLiteral("errors"), errors}};
}

QJsonObject timelineToJson(const Timeline& timeline)
{
    QJsonArray steps;
    for (const TimelineStep& step : timeline.steps) {
        QJsonObject o = resourceChangeToJson(step.change);
        o.insert(QStringLiteral("commit"), step.commit.id);
        o.insert(QStringLiteral("parents"), QJsonArray::fromStringList(step.commit.parents));
        o.insert(QStringLiteral("author"), step.commit.author.name);
        o.insert(QStringLiteral("email"), step.commit.author.email);
        o.insert(QStringLiteral("date"), isoTime(step.commit.author));
        o.insert(QStringLiteral("subject"), step.commit.subject);
        steps.append(o);
    }
    const manifest::ResourceKey& k = timeline.key;
    return QJsonObject{
        {QStringLiteral("resource"), QJsonObject{{QStringLiteral("group"), k.group},
                                                 {QStringLiteral("kind"), k.kind},
                                                 {QStringLiteral("namespace"), k.namespaceName},
                                                 {QStringLiteral("name"), k.name}}},
        {QStringLiteral("commitsScanned"), timeline.commitsScanned},
        {QStringLiteral("steps"), steps}};
}

} // namespace shiplog::core::diff
