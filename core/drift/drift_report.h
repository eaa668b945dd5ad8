#pragma once

// What the Drift view and `shiplog drift` show: per resource, whether the live object matches git,
// and per drifted field who last wrote it. Plain values; Secret values are already masked.
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::drift {

enum class DriftStatus
{
    InSync,
    Drifted,
    Missing,
    Extra,
    Unreadable,
    // Git writes the object in an API version the cluster no longer serves (batch/v1beta1 on 1.25+):
    // applying git would fail. Compared through the served version when there is one; drift found
    // that way is reported as Drifted, with the same note in the reason.
    Unserved
};
// "in-sync", "drifted", "missing", "extra", "unreadable", "unserved"
QString statusName(DriftStatus status);

// One field where the live object differs from what applying git would produce.
struct FieldDrift
{
    QString path;        // spec.template.spec.containers[name=web].image
    QJsonValue desired;  // Null when git does not set it
    QJsonValue live;     // Null when the cluster does not have it
    QString manager;     // managedFields manager that last wrote it ("kubectl-scale"), "" if unknown
    QString operation;   // "Update" / "Apply"
    QString subresource; // "scale" when written through the scale subresource (kubectl scale), else ""
    QDateTime time;      // when that manager last wrote the object
    QString note;        // what the change is when it has a name: "kubectl rollout restart at …"
};

// A difference between the raw objects that the normalized comparison hides, and why.
struct HiddenDifference
{
    enum class Reason
    {
        ServerDefault,
        ServerOwned,
        Rule,
        EqualEncoding,
        ClusterScoped,   // metadata.namespace on a kind without namespaces: the API server drops it
        AutoscalerOwned, // replicas of a workload a HorizontalPodAutoscaler in git scales
        ControllerOwned, // status, finalizers, caBundle: written by controllers unless git sets them
        NullInGit,       // "field:" with no value in git: the API server reads it as absent
        SyncRequest      // an annotation asking the operator to sync now (flux reconcile, Argo CD refresh)
    };
    QString path;
    Reason reason = Reason::ServerOwned;
    QString detail; // "written by kube-controller-manager", ".shiplog.yaml rule 2", "1000m = 1"
    QJsonValue desired;
    QJsonValue live;
};
// "server default", "server-owned field", "rule", "equal encoding", "cluster-scoped",
// "autoscaler", "controller-owned field", "null in git", "sync request": the rule's name in --explain
// and Raw.
QString reasonName(HiddenDifference::Reason reason);

struct ResourceDrift
{
    QString group;
    QString version;
    QString kind;
    QString namespaceName;
    QString name;
    DriftStatus status = DriftStatus::InSync;
    QList<FieldDrift> fields;       // Drifted only
    QList<HiddenDifference> hidden; // for the raw/normalized toggle
    QString reason; // Missing/Extra/Unreadable: a sentence; Drifted: who, e.g. "changed by kubectl-scale"
    // Git's apiVersion when the cluster no longer serves it ("batch/v1beta1"); the identity above is
    // then the served one the comparison went through.
    QString gitApiVersion;
    QJsonObject desired;         // normalized, as compared (Secrets masked) — the diff view's left side
    QJsonObject live;            // normalized live (Secrets masked) — the right side
    QString displayName() const; // "apps/Deployment jx-staging/web"
};

struct DriftSummary
{
    int inSync = 0;
    int drifted = 0;
    int missing = 0;
    int extra = 0;
    int unreadable = 0;
    int unserved = 0;
    bool clean() const
    {
        return drifted == 0 && missing == 0 && extra == 0 && unreadable == 0 && unserved == 0;
    }
    int count(DriftStatus status) const;
    int outOfSync() const { return drifted + missing + extra + unreadable + unserved; }
    // The status that matters most for an operator, for one icon: missing, then drifted, unserved,
    // extra, unreadable; InSync when none is counted.
    DriftStatus worst() const;
};

struct DriftReport
{
    QString context;
    QString server;
    QString revision;
    bool insecure = false; // insecure-skip-tls-verify in use: show the warning badge
    QDateTime computedAt;
    DriftSummary summary;
    QList<ResourceDrift> resources; // every compared resource, in-sync ones included
    QStringList warnings;           // e.g. types that could not be listed for extras
    void recount();
};

} // namespace shiplog::core::drift
