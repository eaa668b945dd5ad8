#pragma once

#include "core/common/error.h"
#include "core/diff/timeline.h"
#include "core/manifest/resource.h"

#include <QPromise>
#include <QString>

namespace shiplog::core::drift {

// The job (jobs::Job<Result<diff::Timeline>>::start) behind "which commit set this drifted field":
// the timeline of the resource as git names it. A manifest without metadata.namespace is applied
// into the context's namespace, so when the namespaced key finds no step, the bare key is tried.
// Progress and cancel through `promise`; opens its own repository.
void loadDriftTimeline(QPromise<Result<diff::Timeline>>& promise, const QString& repositoryPath,
                       const manifest::ResourceKey& key, const QString& revision);

} // namespace shiplog::core::drift
