#include "core/drift/report_builder.h"

#include "core/drift/compare.h"
#include "core/manifest/api_versions.h"

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

QString objectKeyOf(const QString& ns, const QString& name)
{
    return ns.isEmpty() ? name : ns + u'/' + name;
}

// Whether the cluster still serves git's apiVersion for the kind.
bool servesGitVersion(const LiveSnapshot& live, const QString& apiVersion, const QString& kind)
{
    const QString group = groupOf(apiVersion);
    const QString version = apiVersion.section(u'/', -1);
    if (const auto served = live.servedVersions.constFind(group); served != live.servedVersions.cend())
        return served->contains(version);
    if (!manifest::apiVersionMove(apiVersion, kind))
        return true; // unknown either way: only a known removal counts
    const auto type = live.types.constFind(LiveSnapshot::typeKey(group, kind));
    return type != live.types.cend() && type->version == version;
}

ResourceDrift compareServed(const QJsonObject& desiredIn, const LiveSnapshot& live,
                            const QList<IgnoreRule>& rules, const GitFacts& facts);

} // namespace

GitFacts GitFacts::learn(const QList<QJsonObject>& desired, const QString& defaultNamespace)
{
    GitFacts facts;
    for (const QJsonObject& o : desired) {
        if (o.value(u"kind").toString() == u"CustomResourceDefinition") {
            const QJsonObject spec = manifest::convertToServedVersion(o).value(u"spec").toObject();
            if (spec.value(u"scope").toString() == u"Cluster")
                facts.clusterScoped.insert(
                    LiveSnapshot::typeKey(spec.value(u"group").toString(),
                                          spec.value(u"names").toObject().value(u"kind").toString()));
            continue;
        }
        if (o.value(u"kind").toString() != u"HorizontalPodAutoscaler" ||
            groupOf(o.value(u"apiVersion").toString()) != u"autoscaling")
            continue;
        const QJsonObject metadata = o.value(u"metadata").toObject();
        const QJsonObject target = o.value(u"spec").toObject().value(u"scaleTargetRef").toObject();
        const QString ns = metadata.value(u"namespace").toString(defaultNamespace);
        facts.autoscalers.insert(LiveSnapshot::typeKey(groupOf(target.value(u"apiVersion").toString()),
                                                       target.value(u"kind").toString()) +
                                     u'|' + objectKeyOf(ns, target.value(u"name").toString()),
                                 metadata.value(u"name").toString());
    }
    return facts;
}

ResourceDrift compareOne(const QJsonObject& desiredGiven, const LiveSnapshot& live,
                         const QList<IgnoreRule>& rules, const GitFacts& facts)
{
    // Git in an API version the cluster no longer serves: compared through the served version (the
    // API server converted it when it was applied), and reported as its own finding.
    QJsonObject desiredIn = desiredGiven;
    QString unserved;
    const QString gitApiVersion = desiredGiven.value(u"apiVersion").toString();
    const QString gitKind = desiredGiven.value(u"kind").toString();
    if (!servesGitVersion(live, gitApiVersion, gitKind)) {
        const auto move = manifest::apiVersionMove(gitApiVersion, gitKind);
        unserved = QStringLiteral("Git uses %1 for %2, an API version this cluster no longer serves")
                       .arg(gitApiVersion, gitKind);
        if (move && !move->to.isEmpty()) {
            desiredIn = manifest::convertToServedVersion(desiredGiven);
            unserved += QStringLiteral(" (removed in Kubernetes %1; compared as %2, update git to it).")
                            .arg(move->removedIn, move->to);
        } else if (move) {
            ResourceDrift r = identity(desiredGiven);
            if (gitKind == u"PodSecurityPolicy")
                r.namespaceName.clear(); // cluster-scoped; Helm charts render a namespace onto it
            r.status = DriftStatus::Unserved;
            r.gitApiVersion = gitApiVersion;
            r.reason = unserved + QStringLiteral(" (removed in Kubernetes %1 with no successor: applying it "
                                                 "fails; remove it from git).")
                                      .arg(move->removedIn);
            r.desired = stripVolatile(desiredGiven);
            return r;
        } else {
            unserved += u'.';
        }
    }
    ResourceDrift r = compareServed(desiredIn, live, rules, facts);
    if (!unserved.isEmpty() && (r.status == DriftStatus::InSync || r.status == DriftStatus::Drifted)) {
        r.gitApiVersion = gitApiVersion;
        if (r.status == DriftStatus::InSync) {
            r.status = DriftStatus::Unserved;
            r.reason = unserved + QStringLiteral(" Otherwise in sync.");
        } else {
            r.reason = unserved + u' ' + r.reason;
        }
    }
    return r;
}

namespace {

// One object of a type the cluster serves in git's (or the converted) apiVersion.
ResourceDrift compareServed(const QJsonObject& desiredIn, const LiveSnapshot& live,
                            const QList<IgnoreRule>& rules, const GitFacts& facts)
{
    ResourceDrift r = identity(desiredIn);
    const auto type = live.types.constFind(LiveSnapshot::typeKey(r.group, r.kind));
    if (type == live.types.cend()) {
        if (facts.clusterScoped.contains(LiveSnapshot::typeKey(r.group, r.kind)))
            r.namespaceName.clear(); // scope from the CRD in git
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
    CompareContext context;
    context.clusterScoped = !type->namespaced;
    context.autoscaler = facts.autoscalers.value(LiveSnapshot::typeKey(r.group, r.kind) + u'|' +
                                                 objectKeyOf(r.namespaceName, r.name));
    ResourceDrift compared = compareObjects(desired, *object, rules, context);
    compared.namespaceName = r.namespaceName;
    return compared;
}

} // namespace

DriftReport buildReport(const QList<QJsonObject>& desired, const LiveSnapshot& live,
                        const QList<IgnoreRule>& rules, const OwnershipMarks& marks)
{
    DriftReport report;
    QSet<QString> declared; // typeKey + "|" + object key
    QSet<QString> desiredTypes;
    const GitFacts facts = GitFacts::learn(desired, live.defaultNamespace);
    for (const QJsonObject& o : desired) {
        ResourceDrift r = compareOne(o, live, rules, facts);
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
