#pragma once

#include "core/common/error.h"

#include <QString>
#include <QStringList>

namespace shiplog::core::demo {

class KubeStore;

struct SeedReport
{
    int created = 0;
    QStringList skipped; // one sentence per document that could not be loaded
};

// Loads the manifests under `path` (Jenkins X layout: config-root/ when present) as
// `kubectl apply` creates them: last-applied-configuration annotation, manager
// kubectl-client-side-apply, server defaults; CRDs and Namespaces first, missing namespaces created.
Result<SeedReport> seedFromDirectory(KubeStore& store, const QString& path);

// See KubeServer::injectDemoDrift.
QStringList injectDemoDrift(KubeStore& store);

} // namespace shiplog::core::demo
