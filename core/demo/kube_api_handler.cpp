#include "core/demo/kube_api_handler.h"

#include "core/demo/kube_discovery.h"
#include "core/demo/kube_openapi.h"
#include "core/demo/kube_patch.h"
#include "core/demo/kube_protobuf.h"
#include "core/demo/kube_table.h"
#include "core/demo/kube_yaml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

ApiResult<QJsonValue> decodeBody(const HttpRequest& request)
{
    const QByteArray type = request.header("content-type").toLower();
    if (type.contains("protobuf") || isKubeProtobuf(request.body)) {
        // kubectl's typed clients (kubectl create configmap|secret|namespace…) send protobuf.
        auto object = decodeKubeProtobuf(request.body);
        if (!object)
            return apiFail(unsupportedMediaType(object.error().message));
        return QJsonValue(*object);
    }
    if (type.contains("yaml")) {
        auto value = yamlToJson(request.body);
        if (!value)
            return apiFail(badRequest(
                QStringLiteral("the request body is not valid YAML: %1").arg(value.error().message)));
        return *value;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return apiFail(badRequest(QStringLiteral("the request body is not valid JSON: %1 at offset %2")
                                      .arg(error.errorString())
                                      .arg(error.offset)));
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

QString fieldManagerOf(const HttpRequest& request)
{
    const QString manager = request.param(u"fieldManager"_s);
    if (!manager.isEmpty())
        return manager;
    // kube-apiserver falls back to the user agent's program name ("kubectl/v1.32.4 (…)" → "kubectl").
    const QString agent = QString::fromUtf8(request.header("user-agent"));
    return agent.isEmpty() ? u"unknown"_s : agent.section(u'/', 0, 0).left(128);
}

WriteOptions writeOptions(const HttpRequest& request, const QString& subresource)
{
    WriteOptions options;
    options.manager = fieldManagerOf(request);
    options.subresource = subresource;
    options.dryRun = request.param(u"dryRun"_s) == u"All"_s;
    options.force = request.param(u"force"_s) == u"true"_s;
    return options;
}

QString verbOf(const HttpRequest& request, const QString& name)
{
    const QByteArray& m = request.method;
    if (m == "GET" || m == "HEAD") {
        const QString watch = request.param(u"watch"_s);
        if (watch == u"true"_s || watch == u"1"_s)
            return u"watch"_s;
        return name.isEmpty() ? u"list"_s : u"get"_s;
    }
    if (m == "POST")
        return u"create"_s;
    if (m == "PUT")
        return u"update"_s;
    if (m == "PATCH")
        return u"patch"_s;
    if (m == "DELETE")
        return name.isEmpty() ? u"deletecollection"_s : u"delete"_s;
    return QString::fromLatin1(m.toLower());
}

QString encodeContinue(qint64 resourceVersion, const QString& key)
{
    const QJsonObject token{{u"v"_s, u"meta.k8s.io/v1"_s}, {u"rv"_s, resourceVersion}, {u"start"_s, key}};
    return QString::fromLatin1(
        toJson(token).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<qint64, QString>> decodeContinue(const QString& text)
{
    const QByteArray json = QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonObject token = QJsonDocument::fromJson(json).object();
    if (!token.contains(u"rv"_s) || !token.contains(u"start"_s))
        return std::nullopt;
    return std::make_pair(qint64(token.value(u"rv"_s).toInteger()), token.value(u"start"_s).toString());
}

QString scaleSelector(const QJsonObject& object)
{
    const QJsonObject selector = object.value(u"spec"_s).toObject().value(u"selector"_s).toObject();
    QStringList terms;
    const QJsonObject labels = selector.value(u"matchLabels"_s).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        terms.append(it.key() + u'=' + it.value().toString());
    return terms.join(u',');
}

QJsonObject scaleOf(const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject scaleMeta;
    for (const QString& field :
         {u"name"_s, u"namespace"_s, u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s})
        if (meta.contains(field))
            scaleMeta.insert(field, meta.value(field));
    QJsonObject status{{u"replicas"_s, object.value(u"status"_s).toObject().value(u"replicas"_s).toInt()}};
    const QString selector = scaleSelector(object);
    if (!selector.isEmpty())
        status.insert(u"selector"_s, selector);
    return {{u"kind"_s, u"Scale"_s},
            {u"apiVersion"_s, u"autoscaling/v1"_s},
            {u"metadata"_s, scaleMeta},
            {u"spec"_s,
             QJsonObject{{u"replicas"_s, object.value(u"spec"_s).toObject().value(u"replicas"_s).toInt(1)}}},
            {u"status"_s, status}};
}

ApiResult<QJsonObject> applyPatchDocument(const HttpRequest& request, const ResourceType& type,
                                          const QJsonObject& current)
{
    const QByteArray contentType = request.header("content-type").toLower().split(';').first().trimmed();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return apiFail(
            badRequest(QStringLiteral("the patch is not valid JSON: %1").arg(error.errorString())));
    if (contentType == "application/json-patch+json") {
        if (!document.isArray())
            return apiFail(badRequest(u"a JSON patch must be an array of operations"_s));
        auto patched = applyJsonPatch(current, document.array());
        if (!patched)
            return apiFail(ApiError{422, u"Invalid"_s, patched.error().message, {}});
        return patched->toObject();
    }
    if (!document.isObject())
        return apiFail(badRequest(u"the patch must be a JSON object"_s));
    if (contentType == "application/merge-patch+json")
        return applyMergePatch(current, document.object()).toObject();
    if (contentType == "application/strategic-merge-patch+json") {
        if (type.custom)
            return apiFail(unsupportedMediaType(QStringLiteral(
                "the body of the request was in an unknown format - accepted media types include: "
                "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")));
        return applyStrategicMergePatch(current, document.object());
    }
    return apiFail(unsupportedMediaType(
        QStringLiteral("the body of the request was in an unknown format - accepted media types include: "
                       "application/json-patch+json, application/merge-patch+json, "
                       "application/apply-patch+yaml, application/strategic-merge-patch+json")));
}

QJsonObject successStatus(const ResourceType& type, const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject details{
        {u"name"_s, meta.value(u"name"_s)}, {u"kind"_s, type.resource}, {u"uid"_s, meta.value(u"uid"_s)}};
    if (!type.group.isEmpty())
        details.insert(u"group"_s, type.group);
    return {{u"kind"_s, u"Status"_s},
            {u"apiVersion"_s, u"v1"_s},
            {u"metadata"_s, QJsonObject()},
            {u"status"_s, u"Success"_s},
            {u"details"_s, details}};
}

} // namespace

ApiReply errorReply(const ApiError& error)
{
    return {error.code, "application/json", toJson(error.status())};
}

ApiReply jsonReply(int status, const QJsonObject& object, const QByteArray& contentType)
{
    return {status, contentType, toJson(object)};
}

OutputForm outputFormFor(const QByteArray& accept)
{
    // The first acceptable media type decides (kubectl lists Table first, then plain JSON).
    const QByteArray first = accept.split(',').value(0);
    if (first.contains("as=Table"))
        return OutputForm::Table;
    if (first.contains("as=PartialObjectMetadata"))
        return OutputForm::Metadata;
    return OutputForm::Object;
}

QJsonObject servedObject(const ResourceType& type, QJsonObject object)
{
    object.insert(u"apiVersion"_s, type.apiVersion());
    object.insert(u"kind"_s, type.kind);
    return object;
}

KubeApiHandler::KubeApiHandler(KubeStore* store) : m_store(store) {}

void KubeApiHandler::setPolicy(const AccessPolicy& policy)
{
    QMutexLocker lock(&m_mutex);
    m_policy = policy;
}

AccessPolicy KubeApiHandler::policy() const
{
    QMutexLocker lock(&m_mutex);
    return m_policy;
}

void KubeApiHandler::setServerAddress(const QString& hostPort)
{
    QMutexLocker lock(&m_mutex);
    m_serverAddress = hostPort;
}

std::variant<ApiReply, WatchSpec> KubeApiHandler::handle(const HttpRequest& request) const
{
    const AccessPolicy access = policy();
    if (!access.token.isEmpty()) {
        const QByteArray authorization = request.header("authorization");
        if (authorization != "Bearer " + access.token.toUtf8())
            return errorReply(unauthorized());
    }
    const QString& path = request.path;
    const bool get = request.method == "GET";
    if (path == u"/version"_s || path == u"/version/"_s)
        return jsonReply(200, versionDocument());
    if (path == u"/healthz"_s || path == u"/livez"_s || path == u"/readyz"_s)
        return ApiReply{200, "text/plain; charset=utf-8", "ok"};
    if (path == u"/api"_s || path == u"/api/"_s) {
        QMutexLocker lock(&m_mutex);
        return jsonReply(200, coreApiVersions(m_serverAddress));
    }
    if (path == u"/apis"_s || path == u"/apis/"_s)
        return jsonReply(200, apiGroupList(m_store->types()));
    if (path == u"/openapi/v3"_s || path == u"/openapi/v3/"_s)
        return jsonReply(200, openApiV3Root(m_store->types()));
    if (path.startsWith(u"/openapi/v3/"_s)) {
        const auto document = openApiV3Document(m_store->types(), path.mid(12));
        return document ? jsonReply(200, *document) : errorReply(pathNotFound(path));
    }

    QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    QString group;
    QString version;
    QStringList rest;
    if (segments.size() >= 2 && segments.first() == u"api"_s) {
        version = segments.at(1);
        rest = segments.mid(2);
    } else if (segments.size() >= 2 && segments.first() == u"apis"_s) {
        group = segments.at(1);
        if (segments.size() == 2) {
            const auto g = apiGroup(m_store->types(), group);
            return g ? jsonReply(200, *g) : errorReply(pathNotFound(path));
        }
        version = segments.at(2);
        rest = segments.mid(3);
    } else {
        return errorReply(pathNotFound(path));
    }
    if (rest.isEmpty()) {
        if (!get)
            return errorReply(
                methodNotAllowed(u"the server does not allow this method on the requested resource"_s));
        const auto list = apiResourceList(m_store->types(), group, version);
        return list ? jsonReply(200, *list) : errorReply(pathNotFound(path));
    }
    QString ns;
    QString resource;
    QString name;
    QString subresource;
    if (rest.first() == u"namespaces"_s && rest.size() >= 3) {
        if (rest.size() > 5)
            return errorReply(pathNotFound(path));
        ns = rest.at(1);
        resource = rest.at(2);
        name = rest.value(3);
        subresource = rest.value(4);
    } else {
        if (rest.size() > 3)
            return errorReply(pathNotFound(path));
        resource = rest.at(0);
        name = rest.value(1);
        subresource = rest.value(2);
    }
    const auto type = m_store->findType(group, version, resource);
    if (!type || (!ns.isEmpty() && !type->namespaced))
        return errorReply(pathNotFound(path));
    if (!subresource.isEmpty() && !(subresource == u"scale"_s && type->hasScale) &&
        !(subresource == u"status"_s && type->hasStatus))
        return errorReply(pathNotFound(path));

    if (access.denied.contains(type->storeKey()))
        return errorReply(forbidden(*type, verbOf(request, name), access.user, ns, name));

    std::optional<WatchSpec> watch;
    ApiReply reply = handleResource(request, *type, ns, name, subresource, watch);
    if (watch)
        return *watch;
    return reply;
}

ApiReply KubeApiHandler::handleResource(const HttpRequest& request, const ResourceType& type,
                                        const QString& ns, const QString& name, const QString& subresource,
                                        std::optional<WatchSpec>& watch) const
{
    const QString verb = verbOf(request, name);
    const OutputForm form = outputFormFor(request.header("accept"));
    if (verb == u"watch"_s) {
        WatchSpec spec;
        spec.type = type;
        spec.ns = ns;
        auto labels = parseLabelSelector(request.param(u"labelSelector"_s));
        if (!labels)
            return errorReply(labels.error());
        QString fieldText = request.param(u"fieldSelector"_s);
        if (!name.isEmpty())
            fieldText = (fieldText.isEmpty() ? QString() : fieldText + u',') + u"metadata.name="_s + name;
        auto fields = parseFieldSelector(fieldText, type);
        if (!fields)
            return errorReply(fields.error());
        spec.labels = *labels;
        spec.fields = *fields;
        const QString rv = request.param(u"resourceVersion"_s);
        if (rv.isEmpty() || rv == u"0"_s) {
            spec.initialEvents = true;
        } else {
            bool ok = false;
            spec.since = rv.toLongLong(&ok);
            if (!ok)
                return errorReply(badRequest(QStringLiteral("invalid resource version: %1").arg(rv)));
        }
        spec.bookmarks = request.param(u"allowWatchBookmarks"_s) == u"true"_s;
        spec.timeoutSeconds = request.param(u"timeoutSeconds"_s).toInt();
        spec.form = form;
        watch = spec;
        return {};
    }
    if (subresource == u"scale"_s)
        return scale(request, type, ns, name);
    if (verb == u"list"_s)
        return list(request, type, ns);
    if (verb == u"get"_s) {
        auto object = m_store->get(type, ns, name);
        if (!object)
            return errorReply(object.error());
        if (form == OutputForm::Table)
            return jsonReply(
                200,
                tableOf(type, {*object},
                        QJsonObject{{u"resourceVersion"_s,
                                     object->value(u"metadata"_s).toObject().value(u"resourceVersion"_s)}}),
                "application/json;as=Table;v=v1;g=meta.k8s.io");
        if (form == OutputForm::Metadata)
            return jsonReply(200, partialMetadata(*object),
                             "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io");
        return jsonReply(200, servedObject(type, *object));
    }
    if (verb == u"create"_s) {
        if (!name.isEmpty())
            return errorReply(
                methodNotAllowed(u"the server does not allow this method on the requested resource"_s));
        auto body = decodeBody(request);
        if (!body)
            return errorReply(body.error());
        auto created = m_store->create(type, ns, body->toObject(), writeOptions(request, {}));
        if (!created)
            return errorReply(created.error());
        return jsonReply(201, servedObject(type, *created));
    }
    if (verb == u"update"_s) {
        auto body = decodeBody(request);
        if (!body)
            return errorReply(body.error());
        auto replaced =
            m_store->replace(type, ns, name, body->toObject(), writeOptions(request, subresource));
        if (!replaced)
            return errorReply(replaced.error());
        return jsonReply(200, servedObject(type, *replaced));
    }
    if (verb == u"patch"_s)
        return patch(request, type, ns, name, subresource);
    if (verb == u"delete"_s) {
        auto removed = m_store->remove(type, ns, name, writeOptions(request, {}));
        if (!removed)
            return errorReply(removed.error());
        if (type.kind == u"Pod"_s)
            return jsonReply(200, servedObject(type, *removed));
        return jsonReply(200, successStatus(type, *removed));
    }
    if (verb == u"deletecollection"_s) {
        auto labels = parseLabelSelector(request.param(u"labelSelector"_s));
        if (!labels)
            return errorReply(labels.error());
        const auto snapshot = m_store->list(type, ns);
        for (const QJsonObject& object : snapshot.items) {
            const QJsonObject meta = object.value(u"metadata"_s).toObject();
            if (labels->matches(meta.value(u"labels"_s).toObject()))
                m_store->remove(type, meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString(),
                                writeOptions(request, {}));
        }
        return jsonReply(200, QJsonObject{{u"kind"_s, u"Status"_s},
                                          {u"apiVersion"_s, u"v1"_s},
                                          {u"metadata"_s, QJsonObject()},
                                          {u"status"_s, u"Success"_s}});
    }
    return errorReply(methodNotAllowed(u"the server does not allow this method on the requested resource"_s));
}

ApiReply KubeApiHandler::list(const HttpRequest& request, const ResourceType& type, const QString& ns) const
{
    auto labels = parseLabelSelector(request.param(u"labelSelector"_s));
    if (!labels)
        return errorReply(labels.error());
    auto fields = parseFieldSelector(request.param(u"fieldSelector"_s), type);
    if (!fields)
        return errorReply(fields.error());
    const int limit = request.param(u"limit"_s).toInt();
    QString after;
    qint64 listVersion = 0;
    const QString continueToken = request.param(u"continue"_s);
    if (!continueToken.isEmpty()) {
        const auto token = decodeContinue(continueToken);
        if (!token)
            return errorReply(
                badRequest(u"continue key is not valid: incorrect encoded start resourceVersion "
                           "(version meta.k8s.io/v1)"_s));
        if (token->first < m_store->compactedResourceVersion())
            return errorReply(expired(u"The provided continue parameter is too old to display a consistent "
                                      u"list result. You can start a "
                                      "new list without the continue parameter, or use the continue token in "
                                      "this response to retrieve "
                                      "the remainder of the results. Continuing with the provided token "
                                      "results in an inconsistent list "
                                      "- objects that were created, modified, or deleted between the time "
                                      "the first chunk was returned "
                                      "and now may show up in the list."_s));
        listVersion = token->first;
        after = token->second;
    }
    const KubeStore::Snapshot snapshot = m_store->list(type, ns, after);
    if (listVersion == 0)
        listVersion = snapshot.resourceVersion;
    QList<QJsonObject> page;
    QString lastKey;
    int remaining = 0;
    for (const QJsonObject& object : snapshot.items) {
        const QJsonObject meta = object.value(u"metadata"_s).toObject();
        if (!labels->matches(meta.value(u"labels"_s).toObject()) ||
            !fields->matches(selectableFields(object)))
            continue;
        if (limit > 0 && page.size() >= limit) {
            ++remaining;
            continue;
        }
        page.append(object);
        lastKey = objectKey(meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString());
    }
    QJsonObject metadata{{u"resourceVersion"_s, QString::number(listVersion)}};
    if (remaining > 0) {
        metadata.insert(u"continue"_s, encodeContinue(listVersion, lastKey));
        metadata.insert(u"remainingItemCount"_s, remaining);
    }
    const OutputForm form = outputFormFor(request.header("accept"));
    if (form == OutputForm::Table)
        return jsonReply(200, tableOf(type, page, metadata), "application/json;as=Table;v=v1;g=meta.k8s.io");
    QJsonArray items;
    if (form == OutputForm::Metadata) {
        for (const QJsonObject& object : page)
            items.append(partialMetadata(object));
        return jsonReply(200,
                         QJsonObject{{u"kind"_s, u"PartialObjectMetadataList"_s},
                                     {u"apiVersion"_s, u"meta.k8s.io/v1"_s},
                                     {u"metadata"_s, metadata},
                                     {u"items"_s, items}},
                         "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
    }
    for (QJsonObject object : page) {
        if (type.custom) {
            object = servedObject(type, object);
        } else {
            // Built-in lists carry kind and apiVersion on the list only.
            object.remove(u"kind"_s);
            object.remove(u"apiVersion"_s);
        }
        items.append(object);
    }
    return jsonReply(200, QJsonObject{{u"kind"_s, type.kind + u"List"_s},
                                      {u"apiVersion"_s, type.apiVersion()},
                                      {u"metadata"_s, metadata},
                                      {u"items"_s, items}});
}

ApiReply KubeApiHandler::patch(const HttpRequest& request, const ResourceType& type, const QString& ns,
                               const QString& name, const QString& subresource) const
{
    const QByteArray contentType = request.header("content-type").toLower().split(';').first().trimmed();
    WriteOptions options = writeOptions(request, subresource);
    if (contentType == "application/apply-patch+yaml") {
        if (request.param(u"fieldManager"_s).isEmpty())
            return errorReply(
                ApiError{422,
                         u"Invalid"_s,
                         u"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
                         "required for apply patch"_s,
                         {}});
        auto body = yamlToJson(request.body);
        if (!body || !body->isObject())
            return errorReply(
                badRequest(QStringLiteral("the apply configuration is not a YAML or JSON object%1")
                               .arg(body ? QString() : u": "_s + body.error().message)));
        QJsonObject config = body->toObject();
        if (config.value(u"apiVersion"_s).toString() != type.apiVersion() ||
            config.value(u"kind"_s).toString() != type.kind)
            return errorReply(
                badRequest(QStringLiteral("the apply configuration must have apiVersion \"%1\" and kind "
                                          "\"%2\"")
                               .arg(type.apiVersion(), type.kind)));
        QJsonObject meta = config.value(u"metadata"_s).toObject();
        if (type.namespaced && meta.value(u"namespace"_s).toString().isEmpty()) {
            meta.insert(u"namespace"_s, ns);
            config.insert(u"metadata"_s, meta);
        }
        auto applied = m_store->apply(type, ns, name, config, options);
        if (!applied)
            return errorReply(applied.error());
        return jsonReply(200, servedObject(type, *applied));
    }
    auto patched = m_store->modify(
        type, ns, name,
        [&](const QJsonObject& current) { return applyPatchDocument(request, type, current); }, options);
    if (!patched)
        return errorReply(patched.error());
    return jsonReply(200, servedObject(type, *patched));
}

ApiReply KubeApiHandler::scale(const HttpRequest& request, const ResourceType& type, const QString& ns,
                               const QString& name) const
{
    const QString verb = verbOf(request, name);
    if (verb == u"get"_s) {
        auto object = m_store->get(type, ns, name);
        if (!object)
            return errorReply(object.error());
        return jsonReply(200, scaleOf(*object));
    }
    if (verb != u"update"_s && verb != u"patch"_s)
        return errorReply(
            methodNotAllowed(u"the server does not allow this method on the requested resource"_s));
    const WriteOptions options = writeOptions(request, u"scale"_s);
    auto written = m_store->modify(
        type, ns, name,
        [&](const QJsonObject& current) -> ApiResult<QJsonObject> {
            const QJsonObject before = scaleOf(current);
            QJsonObject after;
            if (verb == u"update"_s) {
                auto body = decodeBody(request);
                if (!body)
                    return apiFail(body.error());
                after = body->toObject();
            } else {
                ResourceType scaleType = type;
                scaleType.custom = false;
                auto patched = applyPatchDocument(request, scaleType, before);
                if (!patched)
                    return patched;
                after = *patched;
            }
            const QString rv = after.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
            if (!rv.isEmpty() &&
                rv != before.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString())
                return apiFail(modifiedConflict(type, name));
            QJsonObject next = current;
            QJsonObject spec = next.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, after.value(u"spec"_s).toObject().value(u"replicas"_s).toInt());
            next.insert(u"spec"_s, spec);
            return next;
        },
        options);
    if (!written)
        return errorReply(written.error());
    return jsonReply(200, scaleOf(*written));
}

bool KubeApiHandler::watchMatches(const WatchSpec& watch, const QJsonObject& object) const
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (!watch.ns.isEmpty() && meta.value(u"namespace"_s).toString() != watch.ns)
        return false;
    return watch.labels.matches(meta.value(u"labels"_s).toObject()) &&
           watch.fields.matches(selectableFields(object));
}

QByteArray KubeApiHandler::watchEvent(const WatchSpec& watch, const QString& type,
                                      const QJsonObject& object) const
{
    QJsonObject rendered;
    if (type == u"BOOKMARK"_s || type == u"ERROR"_s)
        rendered = object;
    else if (watch.form == OutputForm::Table)
        rendered = tableOf(watch.type, {object},
                           QJsonObject{{u"resourceVersion"_s,
                                        object.value(u"metadata"_s).toObject().value(u"resourceVersion"_s)}});
    else if (watch.form == OutputForm::Metadata)
        rendered = partialMetadata(object);
    else
        rendered = servedObject(watch.type, object);
    return toJson(QJsonObject{{u"type"_s, type}, {u"object"_s, rendered}}) + '\n';
}

} // namespace shiplog::core::demo
