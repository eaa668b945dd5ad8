#include "core/environment/environment.h"

#include "core/environment/detect.h"
#include "core/environment/detection_cache.h"
#include "core/git/remotes.h"

#include <mutex>

namespace shiplog::core::environment {

bool Unit::readsFilesAsTheyAre() const
{
    return !kustomize && !helm && !generated && source.isEmpty() && kustomizeOptions.isEmpty() &&
           substitute.isEmpty() && !substituteFromSecret;
}

QString layoutName(Layout layout)
{
    switch (layout) {
    case Layout::JenkinsX:
        return QStringLiteral("jenkins-x");
    case Layout::Flux:
        return QStringLiteral("flux");
    case Layout::ArgoCd:
        return QStringLiteral("argocd");
    case Layout::Kustomize:
        return QStringLiteral("kustomize");
    case Layout::Plain:
        return QStringLiteral("plain");
    case Layout::Config:
        return QStringLiteral("config");
    }
    return {};
}

const Environment* Environments::find(const QString& name) const
{
    for (const Environment& env : environments)
        if (env.name == name)
            return &env;
    return nullptr;
}

Error Environments::unknown(const QString& name) const
{
    QStringList names;
    for (const Environment& env : environments)
        names << env.name;
    return Error{QStringLiteral("No environment '%1' at %2 (%3 layout: %4)")
                     .arg(name, revision.left(12), layoutName(layout),
                          names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")))};
}

namespace {

Environments detectUncached(const Snapshot& snapshot, const QStringList& remotes)
{
    // Most specific first: what the user declared, then the operators' own files.
    if (auto found = detectConfig(snapshot))
        return *found;
    if (auto found = detectJenkinsX(snapshot))
        return *found;
    if (auto found = detectFlux(snapshot, remotes))
        return *found;
    if (auto found = detectArgoCd(snapshot, remotes))
        return *found;
    if (auto found = detectKustomize(snapshot))
        return *found;
    return plainEnvironment(snapshot);
}

} // namespace

DetectionInputs detectionInputs(const Snapshot& snapshot)
{
    auto remotes = git::remoteUrls(snapshot.repository());
    DetectionInputs inputs{remotes ? *remotes : QStringList(), {}};
    inputs.key =
        snapshot.tree().toString() + u'|' + inputs.remoteUrls.join(u' ') + (helmAvailable() ? u'h' : u'-');
    return inputs;
}

Environments detectIn(const Snapshot& snapshot)
{
    return detectIn(snapshot, detectionInputs(snapshot));
}

Environments detectIn(const Snapshot& snapshot, const DetectionInputs& inputs)
{
    static std::mutex mutex;
    static QHash<QString, Environments> cache;
    {
        std::lock_guard lock(mutex);
        const auto it = cache.constFind(inputs.key);
        if (it != cache.cend()) {
            Environments found = *it;
            found.revision = snapshot.commit();
            return found;
        }
    }
    Environments found = detectUncached(snapshot, inputs.remoteUrls);
    std::lock_guard lock(mutex);
    if (cache.size() > 512)
        cache.clear(); // a bound, not an LRU: detection is cheap to redo
    cache.insert(inputs.key, found);
    return found;
}

Result<Environments> detectEnvironments(const QString& repositoryPath, const QString& revision)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto snapshot = Snapshot::open(*repo, revision);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    return detectIn(*snapshot);
}

} // namespace shiplog::core::environment
