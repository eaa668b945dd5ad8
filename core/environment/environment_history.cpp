#include "core/environment/environment_history.h"

#include "core/environment/render.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"

#include <QSet>
#include <memory>
#include <mutex>
#include <optional>

namespace shiplog::core::environment {

namespace {

struct State
{
    QString path;
    QString revision;
    QString name;
    std::mutex mutex; // one walk at a time (a history job may be restarted while one winds down)
    std::unique_ptr<git::Repository> repo;
    std::optional<Environment> atRevision;
    bool folderOnly = true; // no unit whose reads change with history (no kustomize closure)
    QStringList folders;    // readPaths at the revision
};

Result<void> open(State& state)
{
    if (state.repo)
        return {};
    auto repo = git::Repository::open(state.path);
    if (!repo)
        return std::unexpected(repo.error());
    auto detected =
        detectEnvironments(*repo, state.revision.isEmpty() ? QStringLiteral("HEAD") : state.revision);
    if (!detected)
        return std::unexpected(detected.error());
    const Environment* env = detected->find(state.name);
    if (!env)
        return std::unexpected(detected->unknown(state.name));
    state.atRevision = *env;
    state.folderOnly = std::none_of(env->units.cbegin(), env->units.cend(),
                                    [](const Unit& unit) { return !unit.reads.isEmpty(); });
    state.folders = readPaths(*env);
    state.repo = std::make_unique<git::Repository>(std::move(*repo));
    return {};
}

// The environment `name` as detected at `commit` (nullopt: not there, or "" = the empty tree).
Result<std::optional<Environment>> environmentAt(const git::Repository& repo, const QString& commit,
                                                 const QString& name)
{
    if (commit.isEmpty())
        return std::optional<Environment>();
    auto detected = detectEnvironments(repo, commit);
    if (!detected)
        return std::unexpected(detected.error());
    const Environment* env = detected->find(name);
    return env ? std::optional<Environment>(*env) : std::optional<Environment>();
}

Result<bool> test(State& state, const git::CommitInfo& commit)
{
    std::lock_guard lock(state.mutex);
    if (auto opened = open(state); !opened)
        return std::unexpected(opened.error());
    auto id = git::ObjectId::fromString(commit.id);
    if (!id)
        return std::unexpected(id.error());
    const QString parent = commit.grafted ? QString() : commit.parents.value(0);
    // Folder-only environments read nothing outside their paths: only those folders are compared.
    // Kustomize closures may reach elsewhere at older commits, so those compare the whole tree.
    git::FileFilter filter;
    if (state.folderOnly)
        filter.folders = state.folders;
    auto delta = [&]() -> Result<git::TreeDelta> {
        if (!commit.grafted)
            return git::deltaToParent(*state.repo, *id, 0, filter);
        // A shallow boundary: its parent is not here; everything it holds counts as changed.
        auto tree = git::treeOf(*state.repo, commit.id);
        if (!tree)
            return std::unexpected(tree.error());
        return git::treeDelta(*state.repo, git::ObjectId(), *tree, filter);
    }();
    if (!delta)
        return std::unexpected(delta.error());
    QSet<QString> changed; // a regeneration changes hundreds of files, most on both sides
    for (const auto* side : {&delta->before, &delta->after})
        for (const git::FileVersion& f : *side)
            changed.insert(f.path);
    const auto readBy = [&changed](const std::optional<Environment>& env) {
        return env && std::any_of(changed.cbegin(), changed.cend(),
                                  [&env](const QString& path) { return reads(*env, path); });
    };
    if (state.folderOnly)
        return readBy(state.atRevision);
    auto after = environmentAt(*state.repo, commit.id, state.name);
    if (!after)
        return std::unexpected(after.error());
    if (readBy(*after))
        return true;
    auto before = environmentAt(*state.repo, parent, state.name);
    if (!before)
        return std::unexpected(before.error());
    if (!*after && !*before)
        return readBy(state.atRevision); // older than the layout: what the environment reads now
    return readBy(*before);
}

} // namespace

CommitTest environmentCommitTest(const QString& repositoryPath, const QString& revision,
                                 const QString& environment)
{
    auto state = std::make_shared<State>();
    state->path = repositoryPath;
    state->revision = revision;
    state->name = environment;
    return [state](const git::CommitInfo& commit) { return test(*state, commit); };
}

} // namespace shiplog::core::environment
