#include "core/drift/managed_fields.h"

#include <QJsonDocument>

namespace shiplog::core::drift {

namespace {

// The FieldsV1 node for one path segment, or null.
QJsonValue step(const QJsonObject& node, const PathSegment& segment)
{
    if (!segment.isListItem())
        return node.value(QStringLiteral("f:") + segment.key);
    if (!segment.listKey.isEmpty()) {
        // "k:{\"name\":\"web\"}" — compare parsed, since key order and number format may vary.
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it.key().startsWith(u"k:"))
                continue;
            const QJsonObject key = QJsonDocument::fromJson(it.key().mid(2).toUtf8()).object();
            const QJsonValue value = key.value(segment.listKey);
            if (value == segment.keyValue || (value.isDouble() && segment.keyValue.isDouble() &&
                                              value.toDouble() == segment.keyValue.toDouble()))
                return it.value();
        }
        return {};
    }
    return node.value(QStringLiteral("i:%1").arg(segment.index));
}

} // namespace

ManagedFields::ManagedFields(const QJsonArray& managedFields)
{
    for (const QJsonValue& v : managedFields) {
        const QJsonObject entry = v.toObject();
        if (entry.value(u"subresource").toString() == u"status")
            continue; // status is never compared
        Entry e;
        e.owner.manager = entry.value(u"manager").toString();
        e.owner.operation = entry.value(u"operation").toString();
        e.owner.subresource = entry.value(u"subresource").toString();
        e.owner.time = QDateTime::fromString(entry.value(u"time").toString(), Qt::ISODate);
        e.fields = entry.value(u"fieldsV1").toObject();
        m_entries.append(e);
    }
}

FieldOwner ManagedFields::ownerOf(const FieldPath& path) const
{
    FieldOwner best;
    for (const Entry& entry : m_entries) {
        QJsonObject node = entry.fields;
        bool found = true;
        for (const PathSegment& segment : path) {
            const QJsonValue next = step(node, segment);
            if (!next.isObject()) {
                found = false;
                break;
            }
            node = next.toObject();
        }
        // A scalar leaf is {} in FieldsV1; a map or list item is owned when anything under it is.
        if (!found)
            continue;
        if (!best.isValid() ||
            (entry.owner.time.isValid() && (!best.time.isValid() || entry.owner.time > best.time)))
            best = entry.owner;
    }
    return best;
}

bool ManagedFields::isManualManager(const QString& manager)
{
    static const QStringList manual{QStringLiteral("kubectl-edit"),      QStringLiteral("kubectl-patch"),
                                    QStringLiteral("kubectl-scale"),     QStringLiteral("kubectl-label"),
                                    QStringLiteral("kubectl-annotate"),  QStringLiteral("kubectl-set"),
                                    QStringLiteral("kubectl-replace"),   QStringLiteral("kubectl-rollout"),
                                    QStringLiteral("kubectl-autoscale"), QStringLiteral("kubectl-taint"),
                                    QStringLiteral("kubectl-expose"),    QStringLiteral("kubectl-run"),
                                    QStringLiteral("kubectl-create")};
    // "kubectl" without a suffix is a kubectl command that sends no --field-manager: the API server
    // names it after the user agent. kubectl 1.32's `scale` is one (recorded with subresource
    // "scale"), as is `apply --server-side` without --field-manager; both are a person at a terminal.
    // The Flux CLI (`flux suspend`, `flux resume`) and the Helm CLI write as "flux" and "helm" (their
    // user agents); the controllers write as kustomize-controller, helm-controller, argocd-controller.
    return manual.contains(manager) || manager == u"kubectl" || manager == u"flux" || manager == u"helm";
}

} // namespace shiplog::core::drift
