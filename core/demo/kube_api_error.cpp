#include "core/demo/kube_api_error.h"

namespace shiplog::core::demo {

namespace {

QJsonObject typeDetails(const ResourceType& type, const QString& name)
{
    QJsonObject details;
    if (!name.isEmpty())
        details.insert(QLatin1String("name"), name);
    if (!type.group.isEmpty())
        details.insert(QLatin1String("group"), type.group);
    details.insert(QLatin1String("kind"), type.resource);
    return details;
}

} // namespace

QJsonObject ApiError::status() const
{
    QJsonObject status{{QLatin1String("kind"), QLatin1String("Status")},
                       {QLatin1String("apiVersion"), QLatin1String("v1")},
                       {QLatin1String("metadata"), QJsonObject()},
                       {QLatin1String("status"), QLatin1String("Failure")},
                       {QLatin1String("message"), message},
                       {QLatin1String("reason"), reason},
                       {QLatin1String("code"), code}};
    if (!details.isEmpty())
        status.insert(QLatin1String("details"), details);
    return status;
}

ApiError notFound(const ResourceType& type, const QString& name)
{
    return {404, QStringLiteral("NotFound"),
            QStringLiteral("%1 \"%2\" not found").arg(type.qualifiedResource(), name),
            typeDetails(type, name)};
}

ApiError alreadyExists(const ResourceType& type, const QString& name)
{
    return {409, QStringLiteral("AlreadyExists"),
            QStringLiteral("%1 \"%2\" already exists").arg(type.qualifiedResource(), name),
            typeDetails(type, name)};
}

ApiError conflict(const ResourceType& type, const QString& name, const QString& why)
{
    return {409, QStringLiteral("Conflict"),
            QStringLiteral("Operation cannot be fulfilled on %1 \"%2\": %3")
                .arg(type.qualifiedResource(), name, why),
            typeDetails(type, name)};
}

ApiError modifiedConflict(const ResourceType& type, const QString& name)
{
    return conflict(
        type, name,
        QStringLiteral("the object has been modified; please apply your changes to the latest version "
                       "and try again"));
}

ApiError forbidden(const ResourceType& type, const QString& verb, const QString& user, const QString& ns,
                   const QString& name)
{
    const QString scope = ns.isEmpty() ? QStringLiteral("at the cluster scope")
                                       : QStringLiteral("in the namespace \"%1\"").arg(ns);
    const QString subject = name.isEmpty() ? type.qualifiedResource()
                                           : QStringLiteral("%1 \"%2\"").arg(type.qualifiedResource(), name);
    return {403, QStringLiteral("Forbidden"),
            QStringLiteral("%1 is forbidden: User \"%2\" cannot %3 resource \"%4\" in API group \"%5\" %6")
                .arg(subject, user, verb, type.resource, type.group, scope),
            typeDetails(type, name)};
}

ApiError unauthorized()
{
    return {401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"), {}};
}

ApiError badRequest(const QString& message)
{
    return {400, QStringLiteral("BadRequest"), message, {}};
}

ApiError invalid(const ResourceType& type, const QString& name, const QString& message)
{
    return {422, QStringLiteral("Invalid"),
            QStringLiteral("%1 \"%2\" is invalid: %3").arg(type.kind, name, message),
            typeDetails(type, name)};
}

ApiError expired(const QString& message)
{
    return {410, QStringLiteral("Expired"), message, {}};
}

ApiError methodNotAllowed(const QString& message)
{
    return {405, QStringLiteral("MethodNotAllowed"), message, {}};
}

ApiError unsupportedMediaType(const QString& message)
{
    return {415, QStringLiteral("UnsupportedMediaType"), message, {}};
}

ApiError pathNotFound(const QString& path)
{
    Q_UNUSED(path);
    return {404,
            QStringLiteral("NotFound"),
            QStringLiteral("the server could not find the requested resource"),
            {}};
}

} // namespace shiplog::core::demo
