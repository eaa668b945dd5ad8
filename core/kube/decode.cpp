#include "core/kube/decode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace shiplog::core::kube {

namespace {

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list.append(v.toString());
    return list;
}

bool aggregatedList(const QJsonObject& o)
{
    return o.value(u"kind").toString() == u"APIGroupDiscoveryList";
}

// What a document of each kind always has; "" when it has it.
QString missingFields(const QJsonObject& o, DiscoveryDocument document)
{
    switch (document) {
    case DiscoveryDocument::Version:
        return o.value(u"gitVersion").isString() ? QString() : QStringLiteral("has no gitVersion");
    case DiscoveryDocument::CoreVersions:
        if (aggregatedList(o))
            return o.value(u"items").isArray() ? QString() : QStringLiteral("has no items");
        return strings(o.value(u"versions")).contains(QStringLiteral("v1"))
                   ? QString()
                   : QStringLiteral("does not list the version v1");
    case DiscoveryDocument::Groups:
        if (aggregatedList(o))
            return o.value(u"items").isArray() ? QString() : QStringLiteral("has no items");
        return o.value(u"groups").isArray() ? QString() : QStringLiteral("has no groups");
    case DiscoveryDocument::ResourceList:
        return o.value(u"resources").isArray() ? QString() : QStringLiteral("has no resources");
    }
    return {};
}

} // namespace

QString ApiResource::collectionPath(const QString& namespaceName) const
{
    QString path = group.isEmpty() ? QStringLiteral("/api/") + version
                                   : QStringLiteral("/apis/") + group + u'/' + version;
    if (namespaced && !namespaceName.isEmpty())
        path += QStringLiteral("/namespaces/") + namespaceName;
    return path + u'/' + name;
}

const ApiResource* DiscoveryResult::find(const QString& group, const QString& kind) const
{
    for (const ApiResource& r : resources)
        if (r.group == group && r.kind == kind)
            return &r;
    return nullptr;
}

QList<ApiResource> parseResourceList(const QByteArray& json, const QString& groupVersion)
{
    QList<ApiResource> list;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QString gv = root.value(u"groupVersion").toString(groupVersion);
    const qsizetype slash = gv.indexOf(u'/');
    const QString group = slash < 0 ? QString() : gv.left(slash);
    const QString version = slash < 0 ? gv : gv.mid(slash + 1);
    for (const QJsonValue& v : root.value(u"resources").toArray()) {
        const QJsonObject o = v.toObject();
        ApiResource r;
        r.name = o.value(u"name").toString();
        if (r.name.isEmpty() || r.name.contains(u'/'))
            continue; // subresources (deployments/scale) are not types of their own
        r.group = group;
        r.version = version;
        r.kind = o.value(u"kind").toString();
        r.namespaced = o.value(u"namespaced").toBool();
        r.verbs = strings(o.value(u"verbs"));
        r.shortNames = strings(o.value(u"shortNames"));
        list.append(r);
    }
    return list;
}

Result<QList<ApiResource>> parseAggregated(const QByteArray& json, bool coreGroup)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return fail(
            QStringLiteral("The aggregated discovery document does not parse: %1.").arg(error.errorString()));
    QList<ApiResource> list;
    for (const QJsonValue& g : doc.object().value(u"items").toArray()) {
        const QJsonObject groupObject = g.toObject();
        const QString group =
            coreGroup ? QString() : groupObject.value(u"metadata").toObject().value(u"name").toString();
        // Versions are listed in preference order; the first is the preferred one.
        const QJsonArray versions = groupObject.value(u"versions").toArray();
        if (versions.isEmpty())
            continue;
        const QJsonObject preferred = versions.first().toObject();
        for (const QJsonValue& v : preferred.value(u"resources").toArray()) {
            const QJsonObject o = v.toObject();
            ApiResource r;
            r.group = group;
            r.version = preferred.value(u"version").toString();
            r.name = o.value(u"resource").toString();
            r.kind = o.value(u"responseKind").toObject().value(u"kind").toString();
            r.namespaced = o.value(u"scope").toString() == u"Namespaced";
            r.verbs = strings(o.value(u"verbs"));
            r.shortNames = strings(o.value(u"shortNames"));
            if (!r.name.isEmpty())
                list.append(r);
        }
    }
    return list;
}

Result<QJsonObject> decodeDiscoveryDocument(const QString& server, const QString& path,
                                            const QByteArray& contentType, const QByteArray& body,
                                            DiscoveryDocument document)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const QString where = QStringLiteral("The server %1 answered GET %2").arg(server, path);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const QByteArray type = contentType.isEmpty() ? QByteArray("no content type") : contentType;
        const QString what =
            type.contains("html") || body.trimmed().startsWith('<')
                ? QStringLiteral("an HTML page")
                : QStringLiteral("something that is not a JSON object (%1)")
                      .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                   : QStringLiteral("not an object"));
        return fail(QStringLiteral("%1 with %2 (%3, %4 bytes) instead of Kubernetes API discovery; is this a "
                                   "Kubernetes API server?")
                        .arg(where, what, QString::fromLatin1(type).left(100))
                        .arg(body.size()));
    }
    const QJsonObject object = doc.object();
    if (const QString problem = missingFields(object, document); !problem.isEmpty())
        return fail(QStringLiteral("%1 with a discovery document that %2; is this a Kubernetes API server?")
                        .arg(where, problem));
    return object;
}

Result<ListPage> decodeListPage(const QByteArray& body, const ApiResource& type, const QString& server,
                                const QString& path)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (!doc.isObject())
        return fail(QStringLiteral("The list of %1 from %2 (GET %3) does not parse: %4.")
                        .arg(type.qualifiedName(), server, path, error.errorString()));
    const QJsonObject root = doc.object();
    const QJsonValue items = root.value(u"items");
    if (!items.isArray() && !items.isNull())
        return fail(
            QStringLiteral("The server %1 answered GET %2 with JSON that is not a list (no \"items\").")
                .arg(server, path));
    ListPage page;
    const QJsonObject metadata = root.value(u"metadata").toObject();
    page.resourceVersion = metadata.value(u"resourceVersion").toString();
    page.continueToken = metadata.value(u"continue").toString();
    const QString apiVersion = type.groupVersion();
    for (const QJsonValue& item : items.toArray()) {
        if (!item.isObject())
            return fail(
                QStringLiteral("The server %1 answered GET %2 with a list item that is not an object.")
                    .arg(server, path));
        QJsonObject object = item.toObject();
        object.insert(QStringLiteral("kind"), type.kind); // items of a list carry no kind
        object.insert(QStringLiteral("apiVersion"), apiVersion);
        page.items.append(std::move(object));
    }
    return page;
}

StatusInfo decodeStatus(const QByteArray& body, int httpStatus)
{
    const QJsonObject status = QJsonDocument::fromJson(body).object();
    StatusInfo info;
    info.message = status.value(u"message").toString();
    if (info.message.isEmpty())
        info.message = QString::fromUtf8(body.left(300)).trimmed();
    info.reason = status.value(u"reason").toString();
    const QJsonValue code = status.value(u"code");
    info.code = code.isDouble() && code.toInt() >= 100 && code.toInt() <= 599 ? code.toInt() : httpStatus;
    return info;
}

} // namespace shiplog::core::kube
