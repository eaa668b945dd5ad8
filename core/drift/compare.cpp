#include "core/drift/compare.h"

#include "core/drift/equal_values.h"
#include "core/drift/field_path.h"
#include "core/drift/managed_fields.h"
#include "core/drift/server_defaults.h"
#include "core/manifest/api_versions.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace shiplog::core::drift {

namespace {

constexpr char kLastApplied[] = "kubectl.kubernetes.io/last-applied-configuration";

QString groupOf(const QJsonObject& o)
{
    const QString apiVersion = o.value(u"apiVersion").toString();
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
}

bool isSecret(const QJsonObject& o)
{
    return groupOf(o).isEmpty() && o.value(u"kind").toString() == u"Secret";
}

QJsonObject removeKeys(QJsonObject o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys)
        o.remove(QString::fromLatin1(key));
    return o;
}

// Removes labels/annotations entries and drops the map when it becomes empty.
void removeMapEntries(QJsonObject& metadata, const char* map, const QStringList& keys)
{
    const QString name = QString::fromLatin1(map);
    if (!metadata.value(name).isObject())
        return;
    QJsonObject entries = metadata.value(name).toObject();
    for (const QString& key : keys)
        entries.remove(key);
    if (entries.isEmpty())
        metadata.remove(name);
    else
        metadata.insert(name, entries);
}

// Secret stringData is write-only sugar for base64 data: fold it in so both sides compare alike.
void foldStringData(QJsonObject& secret)
{
    if (!secret.value(u"stringData").isObject())
        return;
    QJsonObject data = secret.value(u"data").toObject();
    const QJsonObject stringData = secret.value(u"stringData").toObject();
    for (auto it = stringData.begin(); it != stringData.end(); ++it) {
        const QString value = it.value().toString();
        data.insert(it.key(),
                    value.startsWith(u"sha256:") ? value : QString::fromLatin1(value.toUtf8().toBase64()));
    }
    secret.remove(QStringLiteral("stringData"));
    secret.insert(QStringLiteral("data"), data);
}

// When desired Secret values are digests (the manifest parser never keeps plain values), compare
// live values as digests of their decoded bytes too.
void digestLike(const QJsonObject& desired, QJsonObject& live)
{
    bool digests = false;
    for (const QJsonValue& v : desired.value(u"data").toObject())
        digests = digests || v.toString().startsWith(u"sha256:");
    if (!digests || !live.value(u"data").isObject())
        return;
    QJsonObject data = live.value(u"data").toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QByteArray plain = QByteArray::fromBase64(it.value().toString().toLatin1());
        it.value() = QStringLiteral("sha256:") +
                     QString::fromLatin1(QCryptographicHash::hash(plain, QCryptographicHash::Sha256).toHex());
    }
    live.insert(QStringLiteral("data"), data);
}

// Removes the value at an RFC 6901 pointer; returns what was there.
QJsonValue removePointer(QJsonValue& node, const QStringList& keys, qsizetype at = 0)
{
    if (at >= keys.size())
        return {};
    const QString& key = keys[at];
    if (node.isObject()) {
        QJsonObject o = node.toObject();
        if (!o.contains(key))
            return {};
        QJsonValue removed;
        if (at == keys.size() - 1) {
            removed = o.take(key);
        } else {
            QJsonValue child = o.value(key);
            removed = removePointer(child, keys, at + 1);
            o.insert(key, child);
        }
        node = o;
        return removed;
    }
    if (node.isArray()) {
        bool ok = false;
        const int index = key.toInt(&ok);
        QJsonArray a = node.toArray();
        if (!ok || index < 0 || index >= a.size())
            return {};
        QJsonValue removed;
        if (at == keys.size() - 1) {
            removed = a.takeAt(index);
        } else {
            QJsonValue child = a.at(index);
            removed = removePointer(child, keys, at + 1);
            a[index] = child;
        }
        node = a;
        return removed;
    }
    return {};
}

// `field:` with nothing after the colon is null in git; kubectl sends it and the API server reads
// it as absent (then defaults it). Taken out of desired, each recorded for --explain.
QJsonValue withoutNulls(const QJsonValue& value, const FieldPath& path, const QString& kind,
                        QList<HiddenDifference>* nulls)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end();) {
            if (it.value().isNull()) {
                nulls->append(HiddenDifference{
                    formatPath(childKey(path, it.key())), HiddenDifference::Reason::NullInGit,
                    QStringLiteral("no value in git: the API server reads it as unset"), QJsonValue::Null,
                    QJsonValue::Undefined});
                it = object.erase(it);
            } else {
                it.value() = withoutNulls(it.value(), childKey(path, it.key()), kind, nulls);
                ++it;
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        const QString listKey = listKeyFor(path, kind);
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue id = array[i].toObject().value(listKey);
            const FieldPath item = listKey.isEmpty() || id.isUndefined() ? childIndex(path, int(i))
                                                                         : childItem(path, listKey, id);
            array[i] = withoutNulls(array[i], item, kind, nulls);
        }
        return array;
    }
    return value;
}

// Fields a controller other than the applier writes (cert-manager's cainjector and webhooks inject
// their CA into webhook configurations, CRD conversion webhooks and APIServices).
bool controllerOwnedPath(const QString& path)
{
    return path.endsWith(u".caBundle") || path == u"spec.caBundle";
}

// Annotations that ask an operator to act now (`flux reconcile`, Argo CD's refresh) and change
// nothing git declares: what they request, or "" for any other path.
QString syncRequestOf(const QString& path)
{
    static const QList<std::pair<QString, QString>> requests{
        {QStringLiteral("metadata.annotations[\"reconcile.fluxcd.io/requestedAt\"]"),
         QStringLiteral("flux reconcile asks the controller to reconcile now")},
        {QStringLiteral("metadata.annotations[\"reconcile.fluxcd.io/forceAt\"]"),
         QStringLiteral("flux reconcile --force asks the controller to reinstall now")},
        {QStringLiteral("metadata.annotations[\"argocd.argoproj.io/refresh\"]"),
         QStringLiteral("Argo CD's refresh asks the controller to compare again now")}};
    for (const auto& [annotation, meaning] : requests)
        if (path == annotation)
            return meaning;
    return {};
}

QString keyText(const QJsonValue& v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 17) : v.toString();
}

class Walker
{
public:
    Walker(QString kind, const ManagedFields& owners, const QSet<QString>& defaulted, ResourceDrift& out)
        : m_kind(std::move(kind)), m_owners(owners), m_defaulted(defaulted), m_out(out)
    {
    }

    void walk(const FieldPath& path, const QJsonValue& d, const QJsonValue& l, const QJsonValue& lastApplied)
    {
        if (d.isUndefined()) {
            if (l.isUndefined() || isEmptyValue(l))
                return;
            if (l.isObject() && lastApplied.isObject()) {
                // Only what was applied before goes; what others added stays.
                const QJsonObject lObject = l.toObject();
                const QJsonObject laObject = lastApplied.toObject();
                for (auto it = lObject.begin(); it != lObject.end(); ++it)
                    walk(childKey(path, it.key()), QJsonValue::Undefined, it.value(),
                         laObject.value(it.key()));
                return;
            }
            if (!lastApplied.isUndefined())
                return drift(path, QJsonValue::Null, l); // removed from git: apply would delete it
            if (l.isObject()) {
                // Each field on its own: the exact path and the manager that wrote it (a restart's
                // annotation, not the whole annotations map).
                const QJsonObject lObject = l.toObject();
                for (auto it = lObject.begin(); it != lObject.end(); ++it)
                    walk(childKey(path, it.key()), QJsonValue::Undefined, it.value(), QJsonValue::Undefined);
                return;
            }
            return liveOnly(path, l);
        }
        const QString formatted = formatPath(path);
        if (l.isUndefined()) {
            if (isEmptyValue(d) || onlyDefaults(path, d))
                return; // a default the server did not (yet) report is not a change
            return drift(path, d, QJsonValue::Null);
        }
        if (m_defaulted.contains(formatted)) {
            // Git does not set it: the default only explains live when they are equal.
            if (compareValues(d, l, isQuantityPath(formatted)) != Equality::Different)
                return hide(path, HiddenDifference::Reason::ServerDefault,
                            QStringLiteral("defaulted by the API server"), QJsonValue::Null, l);
            return liveOnly(path, l);
        }
        if (d.isObject() && l.isObject()) {
            const QJsonObject dObject = d.toObject();
            const QJsonObject lObject = l.toObject();
            const QJsonObject laObject = lastApplied.toObject();
            QStringList keys = dObject.keys();
            for (const QString& key : lObject.keys())
                if (!dObject.contains(key))
                    keys.append(key);
            for (const QString& key : keys)
                walk(childKey(path, key), dObject.value(key), lObject.value(key),
                     lastApplied.isObject() ? laObject.value(key) : QJsonValue(QJsonValue::Undefined));
            return;
        }
        if (d.isArray() && l.isArray()) {
            const QString listKey = listKeyFor(path, m_kind);
            if (!listKey.isEmpty() && keyed(d.toArray(), listKey) && keyed(l.toArray(), listKey))
                return walkKeyedList(path, listKey, d.toArray(), l.toArray(), lastApplied.toArray());
        }
        const Equality e = compareValues(d, l, isQuantityPath(formatted));
        if (e == Equality::Different)
            return drift(path, d, l);
        if (e == Equality::EqualEncoding)
            hide(path, HiddenDifference::Reason::EqualEncoding,
                 QStringLiteral("the same value written differently"), d, l);
    }

private:
    // Whether every leaf under `path` is a default we filled in (git sets none of it).
    bool onlyDefaults(const FieldPath& path, const QJsonValue& d) const
    {
        if (d.isObject()) {
            const QJsonObject o = d.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                if (!onlyDefaults(childKey(path, it.key()), it.value()))
                    return false;
            return !o.isEmpty();
        }
        return m_defaulted.contains(formatPath(path));
    }

    static bool keyed(const QJsonArray& list, const QString& key)
    {
        for (const QJsonValue& item : list)
            if (!item.isObject() || !item.toObject().contains(key))
                return false;
        return true;
    }

    void walkKeyedList(const FieldPath& path, const QString& key, const QJsonArray& d, const QJsonArray& l,
                       const QJsonArray& lastApplied)
    {
        QHash<QString, QJsonObject> live;
        for (const QJsonValue& item : l)
            live.insert(keyText(item.toObject().value(key)), item.toObject());
        QSet<QString> applied;
        for (const QJsonValue& item : lastApplied)
            applied.insert(keyText(item.toObject().value(key)));
        QHash<QString, QJsonObject> lastAppliedItems;
        for (const QJsonValue& item : lastApplied)
            lastAppliedItems.insert(keyText(item.toObject().value(key)), item.toObject());
        QSet<QString> seen;
        for (const QJsonValue& item : d) {
            const QJsonObject desiredItem = item.toObject();
            const QJsonValue id = desiredItem.value(key);
            const QString idText = keyText(id);
            seen.insert(idText);
            const FieldPath itemPath = childItem(path, key, id);
            auto it = live.constFind(idText);
            if (it == live.cend()) {
                drift(itemPath, desiredItem, QJsonValue::Null);
                continue;
            }
            walk(itemPath, desiredItem, *it,
                 lastAppliedItems.contains(idText) ? QJsonValue(lastAppliedItems.value(idText))
                                                   : QJsonValue(QJsonValue::Undefined));
        }
        for (const QJsonValue& item : l) {
            const QJsonObject liveItem = item.toObject();
            const QJsonValue id = liveItem.value(key);
            if (seen.contains(keyText(id)))
                continue;
            const FieldPath itemPath = childItem(path, key, id);
            if (applied.contains(keyText(id)))
                drift(itemPath, QJsonValue::Null, liveItem);
            else
                liveOnly(itemPath, liveItem);
        }
    }

    // In live, not in git: drift when a person put it there, else a field some controller owns.
    void liveOnly(const FieldPath& path, const QJsonValue& l)
    {
        const FieldOwner owner = m_owners.ownerOf(path);
        if (const QString request = syncRequestOf(formatPath(path)); !request.isEmpty())
            return hide(path, HiddenDifference::Reason::SyncRequest,
                        owner.isValid() ? QStringLiteral("%1; written by %2").arg(request, owner.manager)
                                        : request,
                        QJsonValue::Null, l);
        if (owner.isValid() && ManagedFields::isManualManager(owner.manager))
            return drift(path, QJsonValue::Null, l, owner);
        hide(path, HiddenDifference::Reason::ServerOwned,
             owner.isValid() ? QStringLiteral("not in git; written by %1").arg(owner.manager)
                             : QStringLiteral("not in git; set by the cluster"),
             QJsonValue::Null, l);
    }

    void drift(const FieldPath& path, const QJsonValue& d, const QJsonValue& l, FieldOwner owner = {})
    {
        if (!owner.isValid())
            owner = m_owners.ownerOf(path);
        FieldDrift f;
        f.path = formatPath(path);
        f.desired = d;
        f.live = l;
        f.manager = owner.manager;
        f.operation = owner.operation;
        f.subresource = owner.subresource;
        f.time = owner.time;
        m_out.fields.append(f);
    }

    void hide(const FieldPath& path, HiddenDifference::Reason reason, const QString& detail,
              const QJsonValue& d, const QJsonValue& l)
    {
        m_out.hidden.append(HiddenDifference{formatPath(path), reason, detail, d, l});
    }

    QString m_kind;
    const ManagedFields& m_owners;
    const QSet<QString>& m_defaulted;
    ResourceDrift& m_out;
};

QString maskFor(QHash<QString, QString>& masks, const QString& value)
{
    auto it = masks.constFind(value);
    if (it != masks.cend())
        return *it;
    const QString mask = QString(8 + 4 * masks.size(), u'+');
    masks.insert(value, mask);
    return mask;
}

} // namespace

QJsonObject stripVolatile(const QJsonObject& object, const QJsonObject& desired, bool isLive)
{
    QJsonObject o = removeKeys(object, {"status", "apiVersion"});
    const QString kind = o.value(u"kind").toString();
    const QString group = groupOf(object);
    QJsonObject metadata =
        removeKeys(o.value(u"metadata").toObject(),
                   {"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "managedFields", "selfLink"});
    const QJsonObject desiredMetadata = desired.value(u"metadata").toObject();
    if (isLive) {
        // Controllers add these; they are drift only when git sets them.
        if (!desiredMetadata.contains(u"ownerReferences"))
            metadata.remove(QStringLiteral("ownerReferences"));
        if (!desiredMetadata.contains(u"finalizers"))
            metadata.remove(QStringLiteral("finalizers"));
    }
    removeMapEntries(
        metadata, "annotations",
        {QString::fromLatin1(kLastApplied), QStringLiteral("deployment.kubernetes.io/revision")});
    if (group.isEmpty() && kind == u"Namespace") {
        removeMapEntries(metadata, "labels", {QStringLiteral("kubernetes.io/metadata.name")});
        QJsonObject spec = o.value(u"spec").toObject();
        spec.remove(QStringLiteral("finalizers"));
        if (spec.isEmpty())
            o.remove(QStringLiteral("spec"));
        else
            o.insert(QStringLiteral("spec"), spec);
    }
    if (group == u"batch" && kind == u"Job") {
        // The generated selector and its labels (controller-uid, job-name) exist only in live — and
        // in a server-side dry run's prediction, which stands for desired with --server-side.
        const QStringList generated{
            QStringLiteral("controller-uid"), QStringLiteral("batch.kubernetes.io/controller-uid"),
            QStringLiteral("job-name"), QStringLiteral("batch.kubernetes.io/job-name")};
        QJsonObject spec = o.value(u"spec").toObject();
        if (isLive && !desired.value(u"spec").toObject().contains(u"selector"))
            spec.remove(QStringLiteral("selector"));
        QJsonObject templ = spec.value(u"template").toObject();
        QJsonObject templMetadata = templ.value(u"metadata").toObject();
        removeMapEntries(templMetadata, "labels", generated);
        templ.insert(QStringLiteral("metadata"), templMetadata);
        spec.insert(QStringLiteral("template"), templ);
        o.insert(QStringLiteral("spec"), spec);
        removeMapEntries(metadata, "labels", generated);
    }
    if (isLive && group.isEmpty() && kind == u"Service") {
        // Allocated by the API server unless git pins them.
        const QJsonObject desiredSpec = desired.value(u"spec").toObject();
        QJsonObject spec = o.value(u"spec").toObject();
        for (const char* allocated :
             {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort"})
            if (!desiredSpec.contains(QString::fromLatin1(allocated)))
                spec.remove(QString::fromLatin1(allocated));
        QSet<QString> pinnedNodePorts;
        for (const QJsonValue& p : desiredSpec.value(u"ports").toArray())
            if (p.toObject().contains(u"nodePort"))
                pinnedNodePorts.insert(keyText(p.toObject().value(u"port")));
        QJsonArray ports = spec.value(u"ports").toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject port = ports[i].toObject();
            if (!pinnedNodePorts.contains(keyText(port.value(u"port"))))
                port.remove(QStringLiteral("nodePort"));
            ports[i] = port;
        }
        if (!ports.isEmpty())
            spec.insert(QStringLiteral("ports"), ports);
        o.insert(QStringLiteral("spec"), spec);
    }
    if (metadata.isEmpty())
        o.remove(QStringLiteral("metadata"));
    else
        o.insert(QStringLiteral("metadata"), metadata);
    return o;
}

void maskSecretValues(QJsonObject* desired, QJsonObject* live)
{
    QHash<QString, QHash<QString, QString>> masks; // key → value → mask
    auto maskSide = [&masks](QJsonObject* secret) {
        if (!secret)
            return;
        for (const char* section : {"data", "stringData"}) {
            const QString name = QString::fromLatin1(section);
            if (!secret->value(name).isObject())
                continue;
            QJsonObject values = secret->value(name).toObject();
            for (auto it = values.begin(); it != values.end(); ++it)
                it.value() = maskFor(masks[it.key()], it.value().toString());
            secret->insert(name, values);
        }
        QJsonObject metadata = secret->value(u"metadata").toObject();
        QJsonObject annotations = metadata.value(u"annotations").toObject();
        if (annotations.contains(QString::fromLatin1(kLastApplied))) {
            annotations.insert(QString::fromLatin1(kLastApplied), QStringLiteral("++++++++"));
            metadata.insert(QStringLiteral("annotations"), annotations);
            secret->insert(QStringLiteral("metadata"), metadata);
        }
    };
    maskSide(desired);
    maskSide(live);
}

ResourceDrift compareObjects(const QJsonObject& desiredGiven, const QJsonObject& liveIn,
                             const QList<IgnoreRule>& rules, const CompareContext& context)
{
    ResourceDrift result;
    QList<HiddenDifference> nulls;
    QJsonObject desiredIn =
        withoutNulls(desiredGiven, {}, desiredGiven.value(u"kind").toString(), &nulls).toObject();
    if (context.clusterScoped) {
        // The API server drops metadata.namespace of a cluster-scoped object (Helm renders one onto
        // webhooks and ClusterRoleBindings): not drift.
        QJsonObject metadata = desiredIn.value(u"metadata").toObject();
        if (metadata.contains(u"namespace")) {
            result.hidden.append(HiddenDifference{
                QStringLiteral("metadata.namespace"), HiddenDifference::Reason::ClusterScoped,
                QStringLiteral("%1 is cluster-scoped: the API server drops the namespace")
                    .arg(desiredIn.value(u"kind").toString()),
                metadata.take(QStringLiteral("namespace")), QJsonValue::Null});
            desiredIn.insert(QStringLiteral("metadata"), metadata);
        }
    }
    const QJsonObject desiredMetadata = desiredIn.value(u"metadata").toObject();
    result.group = groupOf(desiredIn);
    const QString apiVersion = desiredIn.value(u"apiVersion").toString();
    result.version = apiVersion.section(u'/', -1);
    result.kind = desiredIn.value(u"kind").toString();
    result.namespaceName = desiredMetadata.value(u"namespace").toString();
    if (result.namespaceName.isEmpty())
        result.namespaceName = liveIn.value(u"metadata").toObject().value(u"namespace").toString();
    result.name = desiredMetadata.value(u"name").toString();

    const ManagedFields owners(liveIn.value(u"metadata").toObject().value(u"managedFields").toArray());
    const QJsonValue lastApplied = [&]() -> QJsonValue {
        const QString text = liveIn.value(u"metadata")
                                 .toObject()
                                 .value(u"annotations")
                                 .toObject()
                                 .value(QString::fromLatin1(kLastApplied))
                                 .toString();
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (!doc.isObject())
            return QJsonValue(QJsonValue::Undefined);
        // Applied in a version the cluster converted (batch/v1beta1 stored as batch/v1): compare the
        // converted form, as the live object is.
        QJsonObject applied = doc.object();
        if (applied.value(u"apiVersion") != liveIn.value(u"apiVersion")) {
            const QJsonObject converted = manifest::convertToServedVersion(applied);
            if (converted.value(u"apiVersion") == liveIn.value(u"apiVersion"))
                applied = converted;
        }
        return QJsonValue(stripVolatile(applied));
    }();

    QJsonObject desired = stripVolatile(desiredIn);
    QJsonObject live = stripVolatile(liveIn, desiredIn, true);
    // What stripVolatile took out of live because controllers write it: explained, never drift.
    if (const QJsonValue status = liveIn.value(u"status"); !isEmptyValue(status) && !status.isUndefined())
        result.hidden.append(HiddenDifference{QStringLiteral("status"),
                                              HiddenDifference::Reason::ControllerOwned,
                                              QStringLiteral("written by controllers through the status "
                                                             "subresource; never compared"),
                                              desiredIn.value(u"status"), status});
    if (const QJsonValue finalizers = liveIn.value(u"metadata").toObject().value(u"finalizers");
        !desiredMetadata.contains(u"finalizers") && !isEmptyValue(finalizers) && !finalizers.isUndefined())
        result.hidden.append(HiddenDifference{
            QStringLiteral("metadata.finalizers"), HiddenDifference::Reason::ControllerOwned,
            QStringLiteral("added by controllers; git sets none"), QJsonValue::Null, finalizers});
    if (!context.autoscaler.isEmpty()) {
        // The HPA owns the replica count (Argo CD users add ignoreDifferences for it by hand).
        QJsonObject dSpec = desired.value(u"spec").toObject();
        QJsonObject lSpec = live.value(u"spec").toObject();
        const QJsonValue d = dSpec.take(QStringLiteral("replicas"));
        const QJsonValue l = lSpec.take(QStringLiteral("replicas"));
        if (!l.isUndefined())
            result.hidden.append(HiddenDifference{
                QStringLiteral("spec.replicas"), HiddenDifference::Reason::AutoscalerOwned,
                QStringLiteral("managed by HorizontalPodAutoscaler %1").arg(context.autoscaler), d, l});
        if (desired.contains(u"spec"))
            desired.insert(QStringLiteral("spec"), dSpec);
        if (live.contains(u"spec"))
            live.insert(QStringLiteral("spec"), lSpec);
    }
    if (!desiredMetadata.contains(u"namespace"))
        if (QJsonObject m = live.value(u"metadata").toObject(); m.contains(u"namespace")) {
            QJsonObject dm = desired.value(u"metadata").toObject();
            dm.insert(QStringLiteral("namespace"),
                      m.value(u"namespace")); // kubectl applies into the context's namespace
            desired.insert(QStringLiteral("metadata"), dm);
        }
    const bool secret = isSecret(desiredIn);
    if (secret) {
        foldStringData(desired);
        foldStringData(live);
        digestLike(desired, live);
    }
    QSet<QString> defaulted;
    QJsonObject defaultedDesired = desired;
    defaultedDesired.insert(QStringLiteral("apiVersion"), apiVersion); // the defaulter keys on group and kind
    applyServerDefaults(defaultedDesired, &defaulted);
    defaultedDesired.remove(QStringLiteral("apiVersion"));

    // Ignore rules take their fields out of both sides.
    QList<const IgnoreRule*> matching;
    for (const IgnoreRule& rule : rules)
        if (rule.matches(result.group, result.kind, result.namespaceName, result.name))
            matching.append(&rule);
    for (const IgnoreRule* rule : matching) {
        for (const QString& pointer : rule->jsonPointers) {
            QJsonValue d = defaultedDesired;
            QJsonValue l = live;
            const QStringList keys = pointerKeys(pointer);
            const QJsonValue dRemoved = removePointer(d, keys);
            const QJsonValue lRemoved = removePointer(l, keys);
            defaultedDesired = d.toObject();
            live = l.toObject();
            if (compareValues(dRemoved, lRemoved, false) == Equality::Different)
                result.hidden.append(HiddenDifference{pointer.mid(1).replace(u'/', u'.'),
                                                      HiddenDifference::Reason::Rule, rule->describe(),
                                                      dRemoved, lRemoved});
        }
    }

    Walker walker(result.kind, owners, defaulted, result);
    walker.walk({}, defaultedDesired, live, lastApplied);

    // A CA bundle git leaves empty is injected by its controller: explained, not drift.
    for (qsizetype i = result.fields.size() - 1; i >= 0; --i) {
        const FieldDrift& f = result.fields[i];
        if (controllerOwnedPath(f.path) && (isEmptyValue(f.desired) || f.desired.toString().isEmpty())) {
            result.hidden.append(HiddenDifference{
                f.path, HiddenDifference::Reason::ControllerOwned,
                f.manager.isEmpty()
                    ? QStringLiteral("a CA bundle git leaves empty: injected by cert-manager's cainjector or "
                                     "the webhook itself")
                    : QStringLiteral("a CA bundle git leaves empty: injected by %1").arg(f.manager),
                f.desired, f.live});
            result.fields.removeAt(i);
        }
    }
    for (HiddenDifference& h : result.hidden)
        if (h.reason == HiddenDifference::Reason::ServerOwned && controllerOwnedPath(h.path))
            h.reason = HiddenDifference::Reason::ControllerOwned;
    // Nulls in git that live fills without a default explaining it (those say "server default").
    QSet<QString> explained;
    for (const HiddenDifference& h : std::as_const(result.hidden))
        explained.insert(h.path);
    for (HiddenDifference& n : nulls) {
        if (explained.contains(n.path))
            continue;
        QJsonValue node = liveIn;
        for (const PathSegment& segment : parsePath(n.path).value_or(FieldPath{})) {
            if (!segment.isListItem()) {
                node = node.toObject().value(segment.key);
            } else if (segment.index >= 0) {
                node = node.toArray().at(segment.index);
            } else {
                QJsonValue found;
                for (const QJsonValue& item : node.toArray())
                    if (scalarText(item.toObject().value(segment.listKey)) == scalarText(segment.keyValue))
                        found = item;
                node = found;
            }
        }
        if (node.isUndefined() || node.isNull())
            continue;
        n.live = node;
        result.hidden.append(n);
    }
    // `kubectl rollout restart` writes this annotation: drift, named as what it is.
    for (FieldDrift& f : result.fields)
        if (f.path.endsWith(u"[\"kubectl.kubernetes.io/restartedAt\"]") && f.live.isString())
            f.note = QStringLiteral("kubectl rollout restart at %1").arg(f.live.toString());
    // `flux suspend` (spec.suspend on a Flux object): git's later changes to it are not applied.
    if (result.group.endsWith(u".toolkit.fluxcd.io"))
        for (FieldDrift& f : result.fields)
            if (f.path == u"spec.suspend" && f.live == QJsonValue(true))
                f.note = QStringLiteral("flux suspend: Flux no longer reconciles this object");

    // managedFieldsManagers rules: fields last written by those managers are not drift.
    for (const IgnoreRule* rule : matching) {
        if (rule->managedFieldsManagers.isEmpty())
            continue;
        for (qsizetype i = result.fields.size() - 1; i >= 0; --i) {
            if (rule->managedFieldsManagers.contains(result.fields[i].manager)) {
                const FieldDrift f = result.fields.takeAt(i);
                result.hidden.append(HiddenDifference{f.path, HiddenDifference::Reason::Rule,
                                                      rule->describe(), f.desired, f.live});
            }
        }
    }

    result.desired = desired;
    result.live = live;
    if (secret) {
        maskSecretValues(&result.desired, &result.live);
        // Field values of Secret data take the masks of the objects: equal values, equal masks.
        auto masked = [](const QString& path, const QJsonValue& value,
                         const QJsonObject& side) -> QJsonValue {
            if (value.isNull() || value.isUndefined())
                return value;
            const QJsonObject data = side.value(u"data").toObject();
            if (path == u"data")
                return data;
            for (auto it = data.begin(); it != data.end(); ++it)
                if (formatPath(childKey(childKey({}, QStringLiteral("data")), it.key())) == path)
                    return it.value();
            return QStringLiteral("++++++++");
        };
        for (FieldDrift& f : result.fields) {
            if (!f.path.startsWith(u"data"))
                continue;
            f.desired = masked(f.path, f.desired, result.desired);
            f.live = masked(f.path, f.live, result.live);
        }
        for (HiddenDifference& h : result.hidden)
            if (h.path.startsWith(u"data") || h.path.startsWith(u"stringData")) {
                h.desired = h.desired.isNull() ? h.desired : QJsonValue(QStringLiteral("++++++++"));
                h.live = h.live.isNull() ? h.live : QJsonValue(QStringLiteral("++++++++"));
            }
    }

    result.status = result.fields.isEmpty() ? DriftStatus::InSync : DriftStatus::Drifted;
    if (!result.fields.isEmpty()) {
        QStringList who;
        for (const FieldDrift& f : result.fields)
            if (!f.manager.isEmpty() && !who.contains(f.manager))
                who.append(f.manager);
        result.reason = who.isEmpty()
                            ? QStringLiteral("%1 field(s) differ from git.").arg(result.fields.size())
                            : QStringLiteral("%1 field(s) differ from git; last written by %2.")
                                  .arg(result.fields.size())
                                  .arg(who.join(u", "));
        for (const FieldDrift& f : result.fields)
            if (!f.note.isEmpty()) {
                const QString what = f.note.startsWith(u"flux suspend") ? QStringLiteral("Suspended")
                                                                        : QStringLiteral("Restarted");
                result.reason = QStringLiteral("%1 (%2). ").arg(what, f.note) + result.reason;
                break;
            }
    }
    return result;
}

} // namespace shiplog::core::drift
