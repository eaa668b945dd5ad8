#pragma once

// The Environments tab's list: every environment of a revision with its resource count and errors,
// which needs each one rendered (detection alone does not count resources).
#include "core/common/error.h"
#include "core/environment/environment.h"

#include <QPromise>
#include <functional>

namespace shiplog::core::environment {

// Detects the environments at `revision` and renders each: Environment::resources and each unit's
// count filled in, render errors added to the environment's errors (one failing environment never
// hides the others). `cancelled` is asked between environments.
Result<Environments> environmentOverview(const QString& repositoryPath, const QString& revision,
                                         const std::function<bool()>& cancelled = {});

// The job form (jobs::Job<Result<Environments>>::start).
void environmentOverviewJob(QPromise<Result<Environments>>& promise, const QString& repositoryPath,
                            const QString& revision);

} // namespace shiplog::core::environment
