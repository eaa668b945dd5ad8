#include "core/drift/report_builder.h"

#include "core/drift/compare.h"

#include <QSet>

namespace shiplog::core::drift {

namespace {

QString groupOf(const QString& apiVersion)
{
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
}

ResourceDrift identity(const QJsonObject& o)
{
    ResourceDrift r;
    const QString apiVersion = o.value(u"apiVersion").toString();
    r.group = groupOf(apiVersion);
    r.version = apiVersion.section(u'/', -1);
    r.kind = o.value(u"kind").toString();
    r.namespaceName = o.value(u"metadata").toObject().value(u"namespace").toString();
    r.name = o.value(u"metadata").toObject().value(u"name").toString();
    return r;
}

} // namespace

ResourceDrift compareOne(const QJsonObject& desiredIn, const LiveSnapshot& live,
                         const QList<IgnoreRule>& rules)
{
    ResourceDrift r = identity(desiredIn);
    const auto type = live.types.constFind(LiveSnapshot::typeKey(r.group, r.kind));
    if (type == live.types.cend()) {
        r.status = DriftStatus::Missing;
        r.reason =
            QStringLiteral("The cluster does not serve %1 (is its CustomResourceDefinition installed?).")
                .arg(r.group.isEmpty() ? r.kind : r.kind + u'.' + r.group);
        return r;
    }
    QJsonObject desired = desiredIn;
    if (type->namespaced && r.namespaceName.isEmpty()) {
        r.namespaceName = live.defaultNamespace; // as kubectl apply without -n
        QJsonObject metadata = desired.value(u"metadata").toObject();
        metadata.insert(QStringLiteral("namespace"), r.namespaceName);
        desired.insert(QStringLiteral("metadata"), metadata);
    } else if (!type->namespaced) {
        r.namespaceName.clear();
    }
    if (!type->readable) {
        r.status = DriftStatus::Unreadable;
        r.reason = type->error;
        return r;
    }
    const QString key = r.namespaceName.isEmpty() ? r.name : r.namespaceName + u'/' + r.name;
    if (const auto error = type->objectErrors.constFind(key); error != type->objectErrors.cend()) {
        r.status = DriftStatus::Unreadable;
        r.reason = *error;
        return r;
    }
    const auto object = type->objects.constFind(key);
    if (object == type->objects.cend()) {
        r.status = DriftStatus::Missing;
        r.reason = QStringLiteral("%1 is in git but not in the cluster.").arg(r.displayName());
        r.desired = stripVolatile(desired); // what applying git would create: the diff's only side
        if (r.group.isEmpty() && r.kind == u"Secret")
            maskSecretValues(&r.desired, nullptr);
        return r;
    }
    ResourceDrift compared = compareObjects(desired, *object, rules);
    compared.namespaceName = r.namespaceName;
    return compared;
}

DriftReport buildReport(const QList<QJsonObject>& desired, const LiveSnapshot& live,
                        const QList<IgnoreRule>& rules, const OwnershipMarks& marks)
{
    DriftReport report;
    QSet<QString> declared; // typeKey + "|" + object key
    QSet<QString> desiredTypes;
    for (const QJsonObject& o : desired) {
        ResourceDrift r = compareOne(o, live, rules);
        const QString typeKey = LiveSnapshot::typeKey(r.group, r.kind);
        desiredTypes.insert(typeKey);
        declared.insert(typeKey + u'|' +
                        (r.namespaceName.isEmpty() ? r.name : r.namespaceName + u'/' + r.name));
        report.resources.append(std::move(r));
    }
    // Extras: only among the types git declares (what the operator applies), when marks are known.
    if (!marks.isEmpty()) {
        for (const QString& typeKey : desiredTypes) {
            const auto type = live.types.constFind(typeKey);
            if (type == live.types.cend() || !type->readable)
                continue;
            for (auto it = type->objects.cbegin(); it != type->objects.cend(); ++it) {
                if (declared.contains(typeKey + u'|' + it.key()))
                    continue;
                const QString mark = marks.markOf(*it);
                if (mark.isEmpty())
                    continue;
                ResourceDrift r = identity(*it);
                r.group = type->group;
                r.version = type->version;
                r.kind = type->kind;
                r.status = DriftStatus::Extra;
                r.reason =
                    QStringLiteral("Carries %1, the mark this repository's operator sets, but is not in git.")
                        .arg(mark);
                r.live = stripVolatile(*it, {}, true);
                if (r.group.isEmpty() && r.kind == u"Secret")
                    maskSecretValues(nullptr, &r.live);
                report.resources.append(std::move(r));
            }
        }
    }
    report.recount();
    return report;
}

} // namespace shiplog::core::drift
