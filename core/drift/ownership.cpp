#include "core/drift/ownership.h"

namespace shiplog::core::drift {

namespace {

const QStringList kMarkLabels{
    QStringLiteral("gitops.jenkins-x.io/pipeline"), QStringLiteral("app.kubernetes.io/instance"),
    QStringLiteral("kustomize.toolkit.fluxcd.io/name"), QStringLiteral("argocd.argoproj.io/instance")};
const QString kTrackingId = QStringLiteral("argocd.argoproj.io/tracking-id");

QJsonObject labelsOf(const QJsonObject& o)
{
    return o.value(u"metadata").toObject().value(u"labels").toObject();
}
QJsonObject annotationsOf(const QJsonObject& o)
{
    return o.value(u"metadata").toObject().value(u"annotations").toObject();
}

} // namespace

OwnershipMarks OwnershipMarks::learn(const QList<QJsonObject>& desired, const QStringList& configured)
{
    OwnershipMarks marks;
    for (const QJsonObject& o : desired) {
        const QJsonObject labels = labelsOf(o);
        for (const QString& key : kMarkLabels)
            if (labels.value(key).isString())
                marks.m_labels.insert(key + u'=' + labels.value(key).toString());
        const QString tracking = annotationsOf(o).value(kTrackingId).toString();
        if (!tracking.isEmpty())
            marks.m_trackingApps.insert(tracking.section(u':', 0, 0));
    }
    for (const QString& mark : configured)
        if (mark.contains(u'='))
            marks.m_labels.insert(mark);
    return marks;
}

QString OwnershipMarks::markOf(const QJsonObject& live) const
{
    const QJsonObject labels = labelsOf(live);
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        const QString mark = it.key() + u'=' + it.value().toString();
        if (m_labels.contains(mark))
            return mark;
    }
    const QString tracking = annotationsOf(live).value(kTrackingId).toString();
    if (!tracking.isEmpty() && m_trackingApps.contains(tracking.section(u':', 0, 0)))
        return kTrackingId + u'=' + tracking;
    return {};
}

QStringList OwnershipMarks::describe() const
{
    QStringList list(m_labels.begin(), m_labels.end());
    for (const QString& app : m_trackingApps)
        list.append(kTrackingId + QStringLiteral("=") + app + QStringLiteral(":…"));
    list.sort();
    return list;
}

} // namespace shiplog::core::drift
