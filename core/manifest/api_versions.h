#pragma once

// API versions that Kubernetes stopped serving, and where their objects went. A repository written
// for a 1.1x/1.2x cluster says `batch/v1beta1` or `apiextensions.k8s.io/v1beta1`; a current API
// server stores and serves the same objects as `batch/v1` and `apiextensions.k8s.io/v1`. Both the
// demo API server (storing such a manifest, as the server of the repository's era converted it)
// and the drift comparison (git against what the cluster serves) convert through here, so they
// agree field for field.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::core::manifest {

struct ApiVersionMove
{
    QString from;      // "batch/v1beta1"
    QString kind;      // "CronJob"
    QString to;        // "batch/v1"; empty: removed without a successor (PodSecurityPolicy)
    QString removedIn; // "1.25": the first Kubernetes release that no longer serves `from`
};

// Every move Shiplog knows, removals included.
const QList<ApiVersionMove>& apiVersionMoves();

// The move for git's apiVersion and kind, if Kubernetes no longer serves it.
std::optional<ApiVersionMove> apiVersionMove(const QString& apiVersion, const QString& kind);

// `object` converted to the move's `to` version (fields renamed and restructured as the API server's
// conversion does: HPA v2beta1 metrics, Ingress backends, CRD v1beta1 validation/version). The
// object itself when there is no move with a successor.
QJsonObject convertToServedVersion(const QJsonObject& object);

} // namespace shiplog::core::manifest
