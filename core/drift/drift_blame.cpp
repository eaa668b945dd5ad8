#include "core/drift/drift_blame.h"

#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::core::drift {

void loadDriftTimeline(QPromise<Result<diff::Timeline>>& promise, const QString& repositoryPath,
                       const manifest::ResourceKey& key, const QString& revision)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        promise.addResult(std::unexpected(repo.error()));
        return;
    }
    auto& cache = manifest::ParseCache::shared();
    auto timeline = diff::buildTimeline(*repo, key, revision, {}, cache, &promise);
    if (!promise.isCanceled() && timeline && timeline->steps.isEmpty() && !key.namespaceName.isEmpty()) {
        manifest::ResourceKey bare = key;
        bare.namespaceName.clear();
        timeline = diff::buildTimeline(*repo, bare, revision, {}, cache, &promise);
    }
    if (!promise.isCanceled())
        promise.addResult(std::move(timeline));
}

} // namespace shiplog::core::drift
