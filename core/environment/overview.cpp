#include "core/environment/overview.h"

namespace shiplog::core::environment {

Result<Environments> environmentOverview(const QString& repositoryPath, const QString& revision,
                                         const std::function<bool()>& cancelled)
{
    auto detected = detectEnvironments(repositoryPath, revision);
    if (!detected)
        return detected;
    for (Environment& environment : detected->environments) {
        if (cancelled && cancelled())
            return fail(QStringLiteral("Cancelled"));
        auto rendered = renderEnvironment(repositoryPath, detected->revision, environment.name);
        if (!rendered) {
            environment.errors.append(EnvironmentError{environment.definition, 0, rendered.error().message});
            continue;
        }
        environment.resources = rendered->environment.resources >= 0 ? rendered->environment.resources
                                                                     : int(rendered->resources.size());
        environment.units = rendered->environment.units;
        environment.errors += rendered->errors;
    }
    return detected;
}

void environmentOverviewJob(QPromise<Result<Environments>>& promise, const QString& repositoryPath,
                            const QString& revision)
{
    promise.setProgressRange(0, 0);
    auto result = environmentOverview(repositoryPath, revision, [&promise] { return promise.isCanceled(); });
    if (!promise.isCanceled())
        promise.addResult(std::move(result));
}

} // namespace shiplog::core::environment
