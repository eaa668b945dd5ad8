#pragma once

// Desired (git) against live (cluster) for one object — KUBE-API.md §6 approach 2, read-only:
// strip what is never drift, apply server defaults to desired, merge by strategic-merge list keys,
// honour last-applied removals, and report each differing field with the manager that last wrote
// it. Pure function: runs on whatever thread holds the values.
#include "core/drift/drift_report.h"
#include "core/drift/ignore_rules.h"

#include <QJsonObject>

namespace shiplog::core::drift {

// What the comparison of one object needs to know beyond the two objects.
struct CompareContext
{
    bool clusterScoped = false; // the kind has no namespace (discovery, or the CRD in git)
    QString autoscaler;         // the HorizontalPodAutoscaler in git that scales this workload
};

// Compares one desired object with its live object. Identity fields of the result are taken from
// `desired`. Status is InSync or Drifted. Secrets: `data`/`stringData` compared decoded, in memory;
// the result holds masks only. Every difference left out of `fields` is in `hidden` with its rule.
ResourceDrift compareObjects(const QJsonObject& desired, const QJsonObject& live,
                             const QList<IgnoreRule>& rules = {}, const CompareContext& context = {});

// The fields that are never drift, removed from a copy of `object` (status, uid, resourceVersion,
// managedFields, last-applied, …); `desired` decides which controller-added fields go from live.
QJsonObject stripVolatile(const QJsonObject& object, const QJsonObject& desired = {}, bool isLive = false);

// Argo CD style Secret masks on both sides (equal values equal masks).
void maskSecretValues(QJsonObject* desired, QJsonObject* live);

} // namespace shiplog::core::drift
