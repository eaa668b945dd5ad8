#pragma once

// The whole drift report from desired objects (git) and a snapshot of the live cache: in sync,
// drifted, missing, extra (ownership marks), unreadable (403 on the type).
#include "core/drift/drift_report.h"
#include "core/drift/ignore_rules.h"
#include "core/drift/ownership.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>

namespace shiplog::core::drift {

// What the cluster serves for one (group, kind), as listed.
struct LiveType
{
    QString group;
    QString version;
    QString kind;
    bool namespaced = true;
    bool readable = true; // false: 403 (or another list error) — see `error`
    QString error;
    QHash<QString, QJsonObject> objects; // "ns/name" or "name"
    // Objects of a readable type that could not be read one by one (a declared Secret's GET
    // failed): reported not readable with this reason, never compared with what was inventoried.
    QHash<QString, QString> objectErrors;
};

struct LiveSnapshot
{
    QHash<QString, LiveType> types; // key: typeKey(group, kind)
    QString defaultNamespace = QStringLiteral("default");
    // group → the versions the cluster serves ("" → [v1]), from discovery; a group missing here is
    // not known (only a known API removal then makes git's version unserved).
    QHash<QString, QStringList> servedVersions;
    static QString typeKey(const QString& group, const QString& kind) { return group + u'/' + kind; }
};

// `desired`: objects as parsed from git (typed values; Secrets may carry digests instead of values).
DriftReport buildReport(const QList<QJsonObject>& desired, const LiveSnapshot& live,
                        const QList<IgnoreRule>& rules, const OwnershipMarks& marks);

// What the whole of git says about single objects.
struct GitFacts
{
    // "apps/Deployment|ns/name" → the HorizontalPodAutoscaler in git that targets it.
    QHash<QString, QString> autoscalers;
    // typeKey of kinds whose CustomResourceDefinition in git says scope: Cluster.
    QSet<QString> clusterScoped;
    static GitFacts learn(const QList<QJsonObject>& desired, const QString& defaultNamespace);
};

// One resource (used when a watch event changes one object).
ResourceDrift compareOne(const QJsonObject& desired, const LiveSnapshot& live, const QList<IgnoreRule>& rules,
                         const GitFacts& facts = {});

} // namespace shiplog::core::drift
