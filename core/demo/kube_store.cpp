#include "core/demo/kube_store.h"

#include "core/demo/kube_defaults.h"
#include "core/demo/kube_managed_fields.h"
#include "core/demo/kube_patch.h"

#include <QJsonArray>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QUuid>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

QString nowTimestamp(const QDateTime& now)
{
    return now.toUTC().toString(Qt::ISODate);
}

QString randomSuffix()
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString suffix;
    for (int i = 0; i < 5; ++i)
        suffix.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]));
    return suffix;
}

// Everything but metadata and status: a change here bumps metadata.generation.
QJsonObject specPart(QJsonObject object)
{
    object.remove(u"metadata"_s);
    object.remove(u"status"_s);
    object.remove(u"apiVersion"_s);
    object.remove(u"kind"_s);
    return object;
}

QJsonObject withoutVolatile(QJsonObject object)
{
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    meta.remove(u"managedFields"_s);
    meta.remove(u"resourceVersion"_s);
    object.insert(u"metadata"_s, meta);
    object.remove(u"apiVersion"_s);
    return object;
}

// A null field in a request is no value: the API server decodes it as absent (then defaults it, and
// no manager owns it — kubectl apply of `imagePullPolicy:` with nothing after the colon).
QJsonValue withoutNulls(const QJsonValue& value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end();) {
            if (it.value().isNull()) {
                it = object.erase(it);
            } else {
                it.value() = withoutNulls(it.value());
                ++it;
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = withoutNulls(*it);
        return array;
    }
    return value;
}

bool tracksGeneration(const ResourceType& type)
{
    return (type.hasStatus || type.custom) && type.kind != u"Namespace"_s;
}

} // namespace

QString objectKey(const QString& ns, const QString& name)
{
    return ns + u'/' + name;
}

KubeStore::KubeStore() : m_builtin(builtinResourceTypes())
{
    QMutexLocker lock(&m_mutex);
    seedSystemLocked();
}

void KubeStore::seedSystemLocked()
{
    const auto ns = *findTypeLocked({}, u"v1"_s, u"namespaces"_s);
    const WriteOptions system{u"kube-apiserver"_s, {}, false, false};
    for (const QString& name : {u"default"_s, u"kube-system"_s, u"kube-public"_s, u"kube-node-lease"_s})
        createLocked(ns, {}, QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, name}}}}, system,
                     u"Update"_s);
    const auto svc = *findTypeLocked({}, u"v1"_s, u"services"_s);
    m_nextServiceIp = 1;
    createLocked(
        svc, u"default"_s,
        QJsonObject{
            {u"metadata"_s, QJsonObject{{u"name"_s, u"kubernetes"_s},
                                        {u"labels"_s, QJsonObject{{u"component"_s, u"apiserver"_s},
                                                                  {u"provider"_s, u"kubernetes"_s}}}}},
            {u"spec"_s, QJsonObject{{u"ports"_s, QJsonArray{QJsonObject{{u"name"_s, u"https"_s},
                                                                        {u"port"_s, 443},
                                                                        {u"targetPort"_s, 6443}}}}}}},
        system, u"Update"_s);
    m_nextServiceIp = 10;
}

QList<ResourceType> KubeStore::typesLocked() const
{
    QList<ResourceType> types = m_builtin;
    for (const auto& custom : m_custom)
        types.append(custom);
    return types;
}

QList<ResourceType> KubeStore::types() const
{
    QMutexLocker lock(&m_mutex);
    return typesLocked();
}

std::optional<ResourceType> KubeStore::findTypeLocked(const QString& group, const QString& version,
                                                      const QString& resource) const
{
    for (const ResourceType& t : m_builtin)
        if (t.group == group && t.version == version && t.resource == resource)
            return t;
    for (const auto& custom : m_custom)
        for (const ResourceType& t : custom)
            if (t.group == group && t.version == version && t.resource == resource)
                return t;
    return std::nullopt;
}

std::optional<ResourceType> KubeStore::findType(const QString& group, const QString& version,
                                                const QString& resource) const
{
    QMutexLocker lock(&m_mutex);
    return findTypeLocked(group, version, resource);
}

std::optional<ResourceType> KubeStore::findTypeByKind(const QString& apiVersion, const QString& kind) const
{
    QMutexLocker lock(&m_mutex);
    for (const ResourceType& t : typesLocked())
        if (t.kind == kind && t.apiVersion() == apiVersion)
            return t;
    return std::nullopt;
}

std::optional<ResourceType> KubeStore::findTypeByName(const QString& name) const
{
    QMutexLocker lock(&m_mutex);
    for (const ResourceType& t : typesLocked())
        if (t.qualifiedResource() == name || t.resource == name || t.kind == name ||
            t.shortNames.contains(name) || t.kind + u'.' + t.group == name)
            return t;
    return std::nullopt;
}

KubeStore::Snapshot KubeStore::list(const ResourceType& type, const QString& ns, const QString& after) const
{
    QMutexLocker lock(&m_mutex);
    Snapshot snapshot;
    snapshot.resourceVersion = m_resourceVersion;
    const auto objects = m_objects.constFind(type.storeKey());
    if (objects == m_objects.cend())
        return snapshot;
    const QString prefix = ns.isEmpty() ? QString() : ns + u'/';
    auto it = after.isEmpty() ? objects->lower_bound(prefix) : objects->upper_bound(after);
    for (; it != objects->end(); ++it) {
        if (!prefix.isEmpty() && !it->first.startsWith(prefix))
            break;
        snapshot.items.append(it->second);
    }
    return snapshot;
}

ApiResult<QJsonObject> KubeStore::get(const ResourceType& type, const QString& ns, const QString& name) const
{
    QMutexLocker lock(&m_mutex);
    const auto objects = m_objects.constFind(type.storeKey());
    if (objects != m_objects.cend()) {
        const auto it = objects->find(objectKey(type.namespaced ? ns : QString(), name));
        if (it != objects->end())
            return it->second;
    }
    return apiFail(notFound(type, name));
}

ApiResult<QJsonObject> KubeStore::create(const ResourceType& type, const QString& ns, const QJsonObject& body,
                                         const WriteOptions& options)
{
    QMutexLocker lock(&m_mutex);
    return createLocked(type, ns, body, options, u"Update"_s);
}

ApiResult<QJsonObject> KubeStore::createLocked(const ResourceType& type, const QString& pathNamespace,
                                               const QJsonObject& body, const WriteOptions& options,
                                               const QString& operation)
{
    QJsonObject object = withoutNulls(body).toObject();
    if (object.contains(u"kind"_s) && object.value(u"kind"_s).toString() != type.kind)
        return apiFail(
            badRequest(QStringLiteral("the kind \"%1\" of the object does not match the resource \"%2\"")
                           .arg(object.value(u"kind"_s).toString(), type.qualifiedResource())));
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    QString name = meta.value(u"name"_s).toString();
    if (name.isEmpty() && !meta.value(u"generateName"_s).toString().isEmpty())
        name = meta.value(u"generateName"_s).toString() + randomSuffix();
    if (name.isEmpty())
        return apiFail(
            invalid(type, name, u"metadata.name: Required value: name or generateName is required"_s));
    QString ns;
    if (type.namespaced) {
        const QString bodyNamespace = meta.value(u"namespace"_s).toString();
        if (!pathNamespace.isEmpty() && !bodyNamespace.isEmpty() && bodyNamespace != pathNamespace)
            return apiFail(badRequest(
                u"the namespace of the provided object does not match the namespace sent on the request"_s));
        ns = !pathNamespace.isEmpty()   ? pathNamespace
             : !bodyNamespace.isEmpty() ? bodyNamespace
                                        : u"default"_s;
        if (!m_objects.value(u"/namespaces"_s).contains(objectKey({}, ns))) {
            const auto nsType = *findTypeLocked({}, u"v1"_s, u"namespaces"_s);
            return apiFail(notFound(nsType, ns));
        }
        meta.insert(u"namespace"_s, ns);
    } else {
        meta.remove(u"namespace"_s);
    }
    const QString key = objectKey(ns, name);
    if (m_objects.value(type.storeKey()).contains(key))
        return apiFail(alreadyExists(type, name));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    meta.insert(u"name"_s, name);
    meta.insert(u"uid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    meta.insert(u"creationTimestamp"_s, nowTimestamp(now));
    meta.remove(u"resourceVersion"_s);
    meta.remove(u"managedFields"_s);
    meta.remove(u"deletionTimestamp"_s);
    meta.remove(u"selfLink"_s);
    if (tracksGeneration(type))
        meta.insert(u"generation"_s, 1);
    else
        meta.remove(u"generation"_s);
    object.insert(u"apiVersion"_s, type.apiVersion());
    object.insert(u"kind"_s, type.kind);
    object.insert(u"metadata"_s, meta);
    if (type.hasStatus && type.kind != u"Pod"_s)
        object.remove(u"status"_s);

    QJsonObject request = withoutNulls(body).toObject();
    request.remove(u"status"_s);
    applyDefaults(type, object);
    allocateLocked(type, object, {});
    updateStatus(type, object);
    const QJsonObject fields = fieldSetOf(request);
    meta = object.value(u"metadata"_s).toObject();
    meta.insert(u"managedFields"_s,
                recordWrite({}, options.manager, operation, type.apiVersion(), {}, now, fields, fields, {}));
    object.insert(u"metadata"_s, meta);
    if (options.dryRun)
        return object;
    commitLocked(type, u"ADDED"_s, object);
    if (type.kind == u"CustomResourceDefinition"_s)
        registerCrdLocked(object, false);
    return object;
}

void KubeStore::allocateLocked(const ResourceType& type, QJsonObject& object, const QJsonObject& previous)
{
    if (type.kind != u"Service"_s || type.custom)
        return;
    QJsonObject spec = object.value(u"spec"_s).toObject();
    const QJsonObject before = previous.value(u"spec"_s).toObject();
    const QString serviceType = spec.value(u"type"_s).toString();
    if (serviceType == u"ExternalName"_s)
        return;
    if (!spec.contains(u"clusterIP"_s) || spec.value(u"clusterIP"_s).toString().isEmpty()) {
        if (before.contains(u"clusterIP"_s)) {
            spec.insert(u"clusterIP"_s, before.value(u"clusterIP"_s));
        } else {
            const quint32 n = m_nextServiceIp++;
            spec.insert(u"clusterIP"_s, QStringLiteral("10.96.%1.%2").arg(n / 256).arg(n % 256));
        }
    }
    if (!spec.contains(u"clusterIPs"_s))
        spec.insert(u"clusterIPs"_s, QJsonArray{spec.value(u"clusterIP"_s)});
    if (!spec.contains(u"ipFamilies"_s))
        spec.insert(u"ipFamilies"_s, QJsonArray{u"IPv4"_s});
    if (!spec.contains(u"ipFamilyPolicy"_s))
        spec.insert(u"ipFamilyPolicy"_s, u"SingleStack"_s);
    if (serviceType == u"NodePort"_s || serviceType == u"LoadBalancer"_s) {
        QJsonArray ports = spec.value(u"ports"_s).toArray();
        const QJsonArray oldPorts = before.value(u"ports"_s).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject port = ports.at(i).toObject();
            if (!port.contains(u"nodePort"_s)) {
                int nodePort = 0;
                for (const QJsonValue& old : oldPorts)
                    if (old.toObject().value(u"port"_s) == port.value(u"port"_s))
                        nodePort = old.toObject().value(u"nodePort"_s).toInt();
                port.insert(u"nodePort"_s, nodePort ? nodePort : m_nextNodePort++);
            }
            ports.replace(i, port);
        }
        spec.insert(u"ports"_s, ports);
    }
    object.insert(u"spec"_s, spec);
}

void KubeStore::commitLocked(const ResourceType& type, const QString& eventType, QJsonObject& object)
{
    ++m_resourceVersion;
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    meta.insert(u"resourceVersion"_s, QString::number(m_resourceVersion));
    object.insert(u"metadata"_s, meta);
    const QString key = objectKey(meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString());
    if (eventType == u"DELETED"_s)
        m_objects[type.storeKey()].erase(key);
    else
        m_objects[type.storeKey()][key] = object;
    StoredEvent event{m_resourceVersion, eventType, type.storeKey(), object};
    m_history.append(event);
    while (m_history.size() > m_historyLimit) {
        m_compactedResourceVersion = m_history.first().resourceVersion;
        m_history.removeFirst();
    }
    if (m_listener)
        m_listener(event);
}

void KubeStore::registerCrdLocked(const QJsonObject& crd, bool removed)
{
    const QString name = crd.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    if (removed)
        m_custom.remove(name);
    else
        m_custom.insert(name, resourceTypesFromCrd(crd));
}

ApiResult<QJsonObject> KubeStore::writeLocked(const ResourceType& type, const QJsonObject& current,
                                              QJsonObject next, const WriteOptions& options)
{
    next = withoutNulls(next).toObject();
    const QJsonObject currentMeta = current.value(u"metadata"_s).toObject();
    QJsonObject meta = next.value(u"metadata"_s).toObject();
    const QString name = currentMeta.value(u"name"_s).toString();
    if (meta.contains(u"name"_s) && meta.value(u"name"_s).toString() != name)
        return apiFail(
            badRequest(QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                           .arg(meta.value(u"name"_s).toString(), name)));
    const QString requestedVersion = meta.value(u"resourceVersion"_s).toString();
    if (!requestedVersion.isEmpty() && requestedVersion != currentMeta.value(u"resourceVersion"_s).toString())
        return apiFail(modifiedConflict(type, name));
    if (options.subresource == u"status"_s) {
        // Only status changes through the status subresource.
        QJsonObject merged = current;
        merged.insert(u"status"_s, next.value(u"status"_s));
        next = merged;
        meta = currentMeta;
    }
    for (const QString& field : {u"uid"_s, u"creationTimestamp"_s, u"namespace"_s, u"generation"_s,
                                 u"managedFields"_s, u"deletionTimestamp"_s})
        if (currentMeta.contains(field))
            meta.insert(field, currentMeta.value(field));
        else
            meta.remove(field);
    meta.insert(u"name"_s, name);
    meta.insert(u"resourceVersion"_s, currentMeta.value(u"resourceVersion"_s));
    next.insert(u"metadata"_s, meta);
    next.insert(u"apiVersion"_s, type.apiVersion());
    next.insert(u"kind"_s, type.kind);
    if (type.hasStatus && options.subresource != u"status"_s) {
        if (current.contains(u"status"_s))
            next.insert(u"status"_s, current.value(u"status"_s));
        else
            next.remove(u"status"_s);
    }
    applyDefaults(type, next);
    allocateLocked(type, next, current);
    if (tracksGeneration(type) && specPart(next) != specPart(current)) {
        meta = next.value(u"metadata"_s).toObject();
        meta.insert(u"generation"_s, currentMeta.value(u"generation"_s).toInteger(1) + 1);
        next.insert(u"metadata"_s, meta);
    }
    if (options.subresource != u"status"_s)
        updateStatus(type, next);
    if (withoutVolatile(next) == withoutVolatile(current))
        return current; // a no-op write changes nothing, not even the resourceVersion

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString fieldScope = options.subresource == u"status"_s ? u"status"_s : QString();
    const QJsonObject gained = changedFieldSet(current, next, fieldScope);
    const QJsonObject removed = removedFieldSet(current, next);
    meta = next.value(u"metadata"_s).toObject();
    meta.insert(u"managedFields"_s,
                recordWrite(currentMeta.value(u"managedFields"_s).toArray(), options.manager, u"Update"_s,
                            type.apiVersion(), options.subresource, now, gained, gained, removed));
    next.insert(u"metadata"_s, meta);
    if (options.dryRun)
        return next;
    commitLocked(type, u"MODIFIED"_s, next);
    if (type.kind == u"CustomResourceDefinition"_s)
        registerCrdLocked(next, false);
    return next;
}

ApiResult<QJsonObject> KubeStore::replace(const ResourceType& type, const QString& ns, const QString& name,
                                          const QJsonObject& body, const WriteOptions& options)
{
    QMutexLocker lock(&m_mutex);
    const auto objects = m_objects.constFind(type.storeKey());
    const QString key = objectKey(type.namespaced ? ns : QString(), name);
    if (objects == m_objects.cend() || !objects->contains(key))
        return apiFail(notFound(type, name));
    return writeLocked(type, objects->at(key), body, options);
}

ApiResult<QJsonObject> KubeStore::modify(const ResourceType& type, const QString& ns, const QString& name,
                                         const Change& change, const WriteOptions& options)
{
    QMutexLocker lock(&m_mutex);
    const auto objects = m_objects.constFind(type.storeKey());
    const QString key = objectKey(type.namespaced ? ns : QString(), name);
    if (objects == m_objects.cend() || !objects->contains(key))
        return apiFail(notFound(type, name));
    const QJsonObject current = objects->at(key);
    auto next = change(current);
    if (!next)
        return next;
    return writeLocked(type, current, *next, options);
}

ApiResult<QJsonObject> KubeStore::apply(const ResourceType& type, const QString& ns, const QString& name,
                                        const QJsonObject& config, const WriteOptions& options)
{
    QMutexLocker lock(&m_mutex);
    const QString configName = config.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    if (configName != name)
        return apiFail(
            badRequest(QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                           .arg(configName, name)));
    const auto objects = m_objects.constFind(type.storeKey());
    const QString key = objectKey(type.namespaced ? ns : QString(), name);
    if (objects == m_objects.cend() || !objects->contains(key))
        return createLocked(type, ns, config, options, u"Apply"_s);
    const QJsonObject current = objects->at(key);
    const QJsonObject currentMeta = current.value(u"metadata"_s).toObject();
    const QJsonArray managed = currentMeta.value(u"managedFields"_s).toArray();

    QJsonObject configBody = config;
    configBody.remove(u"status"_s);
    const QJsonObject configSet = fieldSetOf(configBody);
    QJsonObject merged = applyStrategicMergePatch(current, configBody);
    // Fields this manager applied before and no longer applies go, unless someone else owns them.
    QJsonObject previouslyApplied;
    QJsonObject ownedByOthers;
    for (const QJsonValue& value : managed) {
        const QJsonObject entry = value.toObject();
        const bool mine = entry.value(u"manager"_s).toString() == options.manager &&
                          entry.value(u"operation"_s).toString() == u"Apply"_s;
        (mine ? previouslyApplied : ownedByOthers) =
            uniteFieldSets(mine ? previouslyApplied : ownedByOthers, entry.value(u"fieldsV1"_s).toObject());
    }
    const QJsonObject dropped =
        subtractFieldSet(subtractFieldSet(previouslyApplied, configSet), ownedByOthers);
    merged = removeFieldSet(merged, dropped);

    // Conflicts: fields the config sets to another value than another manager left there.
    const QJsonObject changed = intersectFieldSets(changedFieldSet(current, merged), configSet);
    QStringList conflicts;
    for (const QJsonValue& value : managed) {
        const QJsonObject entry = value.toObject();
        const QString manager = entry.value(u"manager"_s).toString();
        if (manager == options.manager && entry.value(u"operation"_s).toString() == u"Apply"_s)
            continue;
        const QJsonObject overlap = intersectFieldSets(entry.value(u"fieldsV1"_s).toObject(), changed);
        QString who = QStringLiteral("conflict with \"%1\"").arg(manager);
        if (!entry.value(u"subresource"_s).toString().isEmpty())
            who += QStringLiteral(" with subresource \"%1\"").arg(entry.value(u"subresource"_s).toString());
        who += QStringLiteral(" using %1").arg(entry.value(u"apiVersion"_s).toString());
        for (const QString& path : fieldSetPaths(overlap))
            conflicts.append(who + u": "_s + path);
    }
    if (!conflicts.isEmpty() && !options.force) {
        ApiError error = conflict(type, name, {});
        error.message = QStringLiteral("Apply failed with %1 conflict%2: %3")
                            .arg(conflicts.size())
                            .arg(conflicts.size() == 1 ? QString() : u"s"_s)
                            .arg(conflicts.join(u"\n"_s));
        QJsonArray causes;
        for (const QString& c : conflicts)
            causes.append(QJsonObject{{u"reason"_s, u"FieldManagerConflict"_s},
                                      {u"message"_s, c.section(u": "_s, 0, 0)},
                                      {u"field"_s, c.section(u": "_s, 1)}});
        error.details.insert(u"causes"_s, causes);
        return apiFail(error);
    }

    WriteOptions update = options;
    QJsonObject mergedMeta = merged.value(u"metadata"_s).toObject();
    mergedMeta.remove(u"resourceVersion"_s);
    merged.insert(u"metadata"_s, mergedMeta);
    // Write with ownership recorded as an Apply: the manager owns exactly what it applied.
    update.dryRun = true;
    auto written = writeLocked(type, current, merged, update);
    if (!written)
        return written;
    QJsonObject result = *written;
    QJsonObject meta = result.value(u"metadata"_s).toObject();
    meta.insert(u"managedFields"_s, recordWrite(managed, options.manager, u"Apply"_s, type.apiVersion(), {},
                                                QDateTime::currentDateTimeUtc(), configSet, changed,
                                                removedFieldSet(current, result)));
    result.insert(u"metadata"_s, meta);
    if (options.dryRun || withoutVolatile(result) == withoutVolatile(current))
        return options.dryRun ? result : current;
    commitLocked(type, u"MODIFIED"_s, result);
    return result;
}

ApiResult<QJsonObject> KubeStore::remove(const ResourceType& type, const QString& ns, const QString& name,
                                         const WriteOptions& options)
{
    QMutexLocker lock(&m_mutex);
    auto objects = m_objects.find(type.storeKey());
    const QString key = objectKey(type.namespaced ? ns : QString(), name);
    if (objects == m_objects.end() || !objects->contains(key))
        return apiFail(notFound(type, name));
    QJsonObject object = objects->at(key);
    if (options.dryRun)
        return object;
    if (type.kind == u"Namespace"_s && !type.custom) {
        // The namespace controller deletes everything in it; here that happens at once.
        for (const ResourceType& t : typesLocked()) {
            if (!t.namespaced)
                continue;
            auto contents = m_objects.find(t.storeKey());
            if (contents == m_objects.end())
                continue;
            QList<QJsonObject> doomed;
            for (auto it = contents->lower_bound(name + u'/');
                 it != contents->end() && it->first.startsWith(name + u'/'); ++it)
                doomed.append(it->second);
            for (QJsonObject& o : doomed)
                commitLocked(t, u"DELETED"_s, o);
        }
    }
    if (type.kind == u"CustomResourceDefinition"_s) {
        const QList<ResourceType> served = m_custom.value(name);
        if (!served.isEmpty()) {
            auto contents = m_objects.find(served.first().storeKey());
            if (contents != m_objects.end()) {
                QList<QJsonObject> doomed;
                for (const auto& [k, o] : *contents)
                    doomed.append(o);
                for (QJsonObject& o : doomed)
                    commitLocked(served.first(), u"DELETED"_s, o);
            }
        }
        registerCrdLocked(object, true);
    }
    commitLocked(type, u"DELETED"_s, object);
    return object;
}

qint64 KubeStore::resourceVersion() const
{
    QMutexLocker lock(&m_mutex);
    return m_resourceVersion;
}

ApiResult<KubeStore::History> KubeStore::eventsSince(qint64 resourceVersion, const QString& storeKey) const
{
    QMutexLocker lock(&m_mutex);
    if (resourceVersion < m_compactedResourceVersion)
        return apiFail(expired(QStringLiteral("too old resource version: %1 (%2)")
                                   .arg(resourceVersion)
                                   .arg(m_compactedResourceVersion + 1)));
    History history;
    history.upTo = m_resourceVersion;
    for (const StoredEvent& e : m_history)
        if (e.resourceVersion > resourceVersion && e.storeKey == storeKey)
            history.events.append(e);
    return history;
}

void KubeStore::compact()
{
    QMutexLocker lock(&m_mutex);
    m_history.clear();
    m_compactedResourceVersion = m_resourceVersion;
}

qint64 KubeStore::compactedResourceVersion() const
{
    QMutexLocker lock(&m_mutex);
    return m_compactedResourceVersion;
}

void KubeStore::setHistoryLimit(int events)
{
    QMutexLocker lock(&m_mutex);
    m_historyLimit = qMax(1, events);
}

void KubeStore::setListener(std::function<void(const StoredEvent&)> listener)
{
    QMutexLocker lock(&m_mutex);
    m_listener = std::move(listener);
}

} // namespace shiplog::core::demo
