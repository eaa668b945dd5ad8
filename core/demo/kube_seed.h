#pragma once

#include "core/common/error.h"

#include <QString>
#include <QStringList>

namespace shiplog::core::demo {

class KubeStore;

struct SeedReport
{
    int total = 0;       // objects found in the manifests (items of lists counted one by one)
    int created = 0;     // of those, stored
    QStringList skipped; // one line per object or file that could not be loaded, with the reason
    // "Seeded N of M objects; K skipped"
    QString summary() const;
};

// Loads the manifests under `path` (Jenkins X layout: config-root/ when present) as
// `kubectl apply` creates them: last-applied-configuration annotation, manager
// kubectl-client-side-apply, server defaults; CRDs and Namespaces first, missing namespaces created.
// Objects in API versions Kubernetes no longer serves (batch/v1beta1, apiextensions v1beta1, …) are
// stored converted to the served version, as the server of the repository's era converted them.
Result<SeedReport> seedFromDirectory(KubeStore& store, const QString& path);

// See KubeServer::injectDemoDrift.
QStringList injectDemoDrift(KubeStore& store);

} // namespace shiplog::core::demo
