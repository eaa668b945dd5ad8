#include "core/demo/kube_openapi.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QString pathOf(const ResourceType& type)
{
    return type.group.isEmpty() ? u"api/"_s + type.version : u"apis/"_s + type.group + u'/' + type.version;
}

} // namespace

std::optional<QJsonObject> openApiV3Document(const QList<ResourceType>& types,
                                             const QString& groupVersionPath)
{
    QJsonObject paths;
    for (const ResourceType& type : types) {
        if (pathOf(type) != groupVersionPath)
            continue;
        const QString collection = u'/' + groupVersionPath +
                                   (type.namespaced ? u"/namespaces/{namespace}/"_s : u"/"_s) + type.resource;
        const QJsonObject gvk{{u"group"_s, type.group}, {u"version"_s, type.version}, {u"kind"_s, type.kind}};
        const QJsonArray parameters{
            QJsonObject{{u"name"_s, u"fieldValidation"_s},
                        {u"in"_s, u"query"_s},
                        {u"description"_s,
                         u"fieldValidation instructs the server on how to handle objects in the "
                         "request containing unknown or duplicate fields."_s},
                        {u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"uniqueItems"_s, true}}}},
            QJsonObject{{u"name"_s, u"fieldManager"_s},
                        {u"in"_s, u"query"_s},
                        {u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"uniqueItems"_s, true}}}}};
        const QJsonObject responses{{u"200"_s, QJsonObject{{u"description"_s, u"OK"_s}}}};
        auto operation = [&](const QString& action, const QString& verb) {
            return QJsonObject{{u"description"_s, QStringLiteral("%1 the specified %2").arg(verb, type.kind)},
                               {u"operationId"_s, action + type.kind},
                               {u"parameters"_s, parameters},
                               {u"responses"_s, responses},
                               {u"x-kubernetes-action"_s, action},
                               {u"x-kubernetes-group-version-kind"_s, gvk}};
        };
        paths.insert(collection, QJsonObject{{u"post"_s, operation(u"post"_s, u"create"_s)}});
        paths.insert(collection + u"/{name}"_s,
                     QJsonObject{{u"put"_s, operation(u"put"_s, u"replace"_s)},
                                 {u"patch"_s, operation(u"patch"_s, u"partially update"_s)}});
    }
    if (paths.isEmpty())
        return std::nullopt;
    return QJsonObject{{u"openapi"_s, u"3.0.0"_s},
                       {u"info"_s, QJsonObject{{u"title"_s, u"Kubernetes"_s}, {u"version"_s, u"v1.32.3"_s}}},
                       {u"paths"_s, paths},
                       {u"components"_s, QJsonObject{{u"schemas"_s, QJsonObject()}}}};
}

QJsonObject openApiV3Root(const QList<ResourceType>& types)
{
    QSet<QString> seen;
    QJsonObject paths;
    for (const ResourceType& type : types) {
        const QString path = pathOf(type);
        if (seen.contains(path))
            continue;
        seen.insert(path);
        const auto document = openApiV3Document(types, path);
        const QByteArray hash =
            QCryptographicHash::hash(QJsonDocument(*document).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha512)
                .toHex()
                .toUpper()
                .left(128);
        paths.insert(path, QJsonObject{{u"serverRelativeURL"_s,
                                        u"/openapi/v3/"_s + path + u"?hash="_s + QString::fromLatin1(hash)}});
    }
    return {{u"paths"_s, paths}};
}

} // namespace shiplog::core::demo
