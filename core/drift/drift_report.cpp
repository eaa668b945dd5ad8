#include "core/drift/drift_report.h"

namespace shiplog::core::drift {

QString statusName(DriftStatus status)
{
    switch (status) {
    case DriftStatus::InSync:
        return QStringLiteral("in-sync");
    case DriftStatus::Drifted:
        return QStringLiteral("drifted");
    case DriftStatus::Missing:
        return QStringLiteral("missing");
    case DriftStatus::Extra:
        return QStringLiteral("extra");
    case DriftStatus::Unreadable:
        return QStringLiteral("unreadable");
    case DriftStatus::Unserved:
        return QStringLiteral("unserved");
    }
    return {};
}

QString reasonName(HiddenDifference::Reason reason)
{
    switch (reason) {
    case HiddenDifference::Reason::ServerDefault:
        return QStringLiteral("server default");
    case HiddenDifference::Reason::ServerOwned:
        return QStringLiteral("server-owned field");
    case HiddenDifference::Reason::Rule:
        return QStringLiteral("rule");
    case HiddenDifference::Reason::EqualEncoding:
        return QStringLiteral("equal encoding");
    case HiddenDifference::Reason::ClusterScoped:
        return QStringLiteral("cluster-scoped");
    case HiddenDifference::Reason::AutoscalerOwned:
        return QStringLiteral("autoscaler");
    case HiddenDifference::Reason::ControllerOwned:
        return QStringLiteral("controller-owned field");
    case HiddenDifference::Reason::NullInGit:
        return QStringLiteral("null in git");
    case HiddenDifference::Reason::SyncRequest:
        return QStringLiteral("sync request");
    }
    return {};
}

QString ResourceDrift::displayName() const
{
    const QString type = group.isEmpty() ? kind : group + u'/' + kind;
    return namespaceName.isEmpty() ? type + u' ' + name : type + u' ' + namespaceName + u'/' + name;
}

int DriftSummary::count(DriftStatus status) const
{
    switch (status) {
    case DriftStatus::InSync:
        return inSync;
    case DriftStatus::Drifted:
        return drifted;
    case DriftStatus::Missing:
        return missing;
    case DriftStatus::Extra:
        return extra;
    case DriftStatus::Unreadable:
        return unreadable;
    case DriftStatus::Unserved:
        return unserved;
    }
    return 0;
}

DriftStatus DriftSummary::worst() const
{
    for (DriftStatus status : {DriftStatus::Missing, DriftStatus::Drifted, DriftStatus::Unserved,
                               DriftStatus::Extra, DriftStatus::Unreadable})
        if (count(status) > 0)
            return status;
    return DriftStatus::InSync;
}

void DriftReport::recount()
{
    summary = {};
    for (const ResourceDrift& r : resources) {
        switch (r.status) {
        case DriftStatus::InSync:
            ++summary.inSync;
            break;
        case DriftStatus::Drifted:
            ++summary.drifted;
            break;
        case DriftStatus::Missing:
            ++summary.missing;
            break;
        case DriftStatus::Extra:
            ++summary.extra;
            break;
        case DriftStatus::Unreadable:
            ++summary.unreadable;
            break;
        case DriftStatus::Unserved:
            ++summary.unserved;
            break;
        }
    }
}

} // namespace shiplog::core::drift
