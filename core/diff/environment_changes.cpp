#include "core/diff/environment_changes.h"

#include "core/diff/chunked_work.h"
#include "core/diff/resource_pair.h"
#include "core/environment/render.h"
#include "core/git/git_error.h"
#include "core/git/objects.h"
#include "core/git/tree_walk.h"
#include "core/manifest/document_slices.h"
#include "core/manifest/identity_scanner.h"
#include "core/manifest/manifest_parser.h"

#include <QLocale>
#include <QSet>
#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

namespace shiplog::core::diff {

namespace {

using environment::Environments;
using environment::RenderedEnvironment;

QHash<manifest::ResourceKey, Placed> placed(const RenderedEnvironment& env)
{
    QHash<manifest::ResourceKey, Placed> out;
    for (const environment::RenderedResource& r : env.resources)
        out.insert(r.resource.key, Placed{&r.resource, r.sources.value(0), nullptr});
    return out;
}

// Whether a manifest file's content may bear on `key` in an environment of files read as they are:
// a document of the key's kind and name (its definition, a second one, a List item), a
// CustomResourceDefinition (it decides whether a kind is namespaced, and so the namespace a
// document without one gets), or anything the identity scanner cannot read as the parser would.
bool mayBearOn(QByteArrayView data, const manifest::ResourceKey& key)
{
    if (data.size() > manifest::ParseOptions{}.maxFileBytes)
        return true; // refused by the parser: an error at one revision, not at the other
    const auto concerns = [&key](const QString& kind, const QString& name) {
        return (kind == key.kind && name == key.name) || kind == u"CustomResourceDefinition";
    };
    for (const manifest::DocumentSlice& slice : manifest::splitDocuments(data)) {
        const manifest::ScannedIdentity scanned =
            manifest::scanIdentity(data.sliced(slice.begin, slice.end - slice.begin));
        switch (scanned.verdict) {
        case manifest::ScannedIdentity::Verdict::Undecided:
            return true;
        case manifest::ScannedIdentity::Verdict::NotResource:
            break;
        case manifest::ScannedIdentity::Verdict::Resource:
            if (concerns(scanned.kind, scanned.name))
                return true;
            break;
        case manifest::ScannedIdentity::Verdict::List:
            for (const manifest::ScannedItem& item : scanned.items)
                if (concerns(item.kind, item.name))
                    return true;
            break;
        }
    }
    return false;
}

// False when the commit from `parent` to `commit` certainly leaves `key` as the environment renders
// it: the environment exists at both with the same units, all of files read as they are, and no
// manifest the commit changed under them (at either side) bears on the key. A render of such an
// environment is its files' documents with the units' namespace given to namespaced ones, the first
// definition of a key winning; only those documents, and CRDs for the scopes, can move the key.
// True (render and compare) wherever that is not certain, an error included.
bool mayChangeResource(const git::Repository& repo, const QString& parent, const QString& commit,
                       const manifest::ResourceKey& key, const QString& name)
{
    if (parent.isEmpty())
        return true;
    auto before = environment::detectEnvironments(repo, parent);
    auto after = environment::detectEnvironments(repo, commit);
    if (!before || !after)
        return true;
    const environment::Environment* old = before->find(name);
    const environment::Environment* now = after->find(name);
    if (!old || !now || old->units != now->units)
        return true;
    QStringList folders;
    for (const environment::Unit& unit : now->units) {
        if (!unit.readsFilesAsTheyAre())
            return true;
        folders += unit.paths;
    }
    if (folders.contains(QString()))
        folders.clear(); // the whole repository
    auto from = git::treeOf(repo, parent);
    auto to = git::treeOf(repo, commit);
    if (!from || !to)
        return true;
    auto delta = git::treeDelta(repo, *from, *to, git::FileFilter{folders, {}});
    auto odb = git::ObjectDatabase::open(repo);
    if (!delta || !odb)
        return true;
    for (const auto* side : {&delta->before, &delta->after}) {
        for (const git::FileVersion& file : *side) {
            if (!manifest::isManifestPath(file.path))
                continue; // a plain unit reads manifests only
            auto object = git::readRawObject(*odb, file.id, QStringLiteral("file"));
            if (!object || mayBearOn(QByteArrayView(object->data(), qsizetype(object->size())), key))
                return true;
        }
    }
    return false;
}

} // namespace

Result<std::optional<ChangeSet>> environmentChangeSet(const git::Repository& repo, const QString& from,
                                                      const QString& to, const ChangeSetOptions& options)
{
    auto after = environment::detectEnvironments(repo, to);
    if (!after)
        return std::unexpected(after.error());
    Environments before;
    if (!from.isEmpty()) {
        auto detected = environment::detectEnvironments(repo, from);
        if (!detected)
            return std::unexpected(detected.error());
        before = *detected;
    }
    if (after->layout == environment::Layout::Plain &&
        (from.isEmpty() || before.layout == environment::Layout::Plain) && options.environment.isEmpty())
        return std::optional<ChangeSet>();

    // Which files changed: an environment that reads none of them did not change.
    auto beforeTree = git::treeOf(repo, from);
    if (!beforeTree)
        return std::unexpected(beforeTree.error());
    auto afterTree = git::treeOf(repo, to);
    if (!afterTree)
        return std::unexpected(afterTree.error());
    auto delta = git::treeDelta(repo, *beforeTree, *afterTree, {});
    if (!delta)
        return std::unexpected(delta.error());
    QSet<QString> changed;
    for (const auto* side : {&delta->before, &delta->after})
        for (const git::FileVersion& f : *side)
            changed.insert(f.path);

    QStringList names;
    for (const environment::Environment& e : after->environments)
        names << e.name;
    for (const environment::Environment& e : before.environments)
        if (!names.contains(e.name))
            names << e.name;
    if (!options.environment.isEmpty()) {
        if (!names.contains(options.environment))
            return fail(QStringLiteral("No environment '%1' at %2 (%3)")
                            .arg(options.environment, to.left(12), names.join(QStringLiteral(", "))));
        names = {options.environment};
    }

    ChangeSet set;
    set.from = from;
    set.to = to;
    for (const QString& name : names) {
        const environment::Environment* now = after->find(name);
        const environment::Environment* old = before.find(name);
        const bool touched = std::any_of(changed.cbegin(), changed.cend(), [&](const QString& path) {
            return (now && environment::reads(*now, path)) || (old && environment::reads(*old, path)) ||
                   (now && path == now->definition) || (old && path == old->definition);
        });
        if (!touched)
            continue;
        RenderedEnvironment oldRender, newRender;
        if (old) {
            auto r = environment::renderEnvironment(repo, from, name);
            if (!r)
                return std::unexpected(r.error());
            oldRender = *r;
        }
        if (now) {
            auto r = environment::renderEnvironment(repo, to, name);
            if (!r)
                return std::unexpected(r.error());
            newRender = *r;
            for (const environment::EnvironmentError& e : newRender.errors)
                set.errors.append({e.path, e.line, QStringLiteral("%1: %2").arg(name, e.message)});
        }
        if (!oldRender.failedUnits.isEmpty() || !newRender.failedUnits.isEmpty()) {
            // Unknown is not deleted: no changes for this environment, only the error.
            set.errors.append({now ? now->definition : old->definition, 0,
                               QStringLiteral("%1: not compared, the render failed at %2")
                                   .arg(name, (!newRender.failedUnits.isEmpty() ? to : from).left(12))});
            continue;
        }
        QList<ResourceChange> changes = compareSides(placed(oldRender), placed(newRender), options.details);
        for (ResourceChange& c : changes) {
            c.environment = name;
            set.resources.append(std::move(c));
        }
    }
    return std::optional<ChangeSet>(std::move(set));
}

Result<Timeline> buildEnvironmentTimeline(const git::Repository& repo, const manifest::ResourceKey& key,
                                          const QString& revision, const QString& environment,
                                          QPromise<Result<Timeline>>* promise,
                                          const EnvironmentTimelineOptions& timelineOptions)
{
    auto detected = environment::detectEnvironments(repo, revision);
    if (!detected)
        return std::unexpected(detected.error());
    const environment::Environment* env = detected->find(environment);
    if (!env)
        return std::unexpected(detected->unknown(environment));
    QStringList paths = environment::readPaths(*env);
    if (paths.contains(QString()))
        paths.clear(); // the whole repository
    auto commits = git::reachableCommits(repo, revision);
    if (!commits)
        return std::unexpected(commits.error());
    Timeline timeline;
    timeline.key = key;
    ChangeSetOptions options;
    options.byEnvironment = true;
    options.environment = environment;
    const int total = int(commits->size());
    if (promise)
        promise->setProgressRange(0, total);
    // Each commit is read on its own (its environment rendered at it and at its parent), so the
    // commits are read on every core, by chunks; the steps are then put in log order. Where the
    // environment did not exist yet (an older layout), the history ends for it: the commits after
    // (older) are not read.
    std::vector<std::optional<TimelineStep>> steps(size_t(commits->size()));
    constexpr int kEnvironmentEnds = 1;
    std::mutex endsMutex;
    qsizetype endsAt = commits->size(); // the first commit (in log order) without the environment
    const auto workerFor = [&](int) -> ItemWork {
        return [&](const git::Repository& own, qsizetype k) -> Result<void> {
            const git::ObjectId& id = commits->at(k);
            auto delta = git::deltaToParent(own, id, 0, git::FileFilter{paths, {}});
            if (!delta)
                return std::unexpected(delta.error());
            if (delta->isEmpty())
                return {};
            auto commit = git::readCommit(own, id);
            if (!commit)
                return std::unexpected(commit.error());
            const QString parent =
                commit->parents.isEmpty() || commit->grafted ? QString() : commit->parents.first();
            if (timelineOptions.skipCommitsThatCannotChangeIt &&
                !mayChangeResource(own, parent, id.toString(), key, environment))
                return {};
            auto set = environmentChangeSet(own, parent, id.toString(), options);
            if (!set) {
                auto here = environment::detectEnvironments(own, id.toString());
                if (here && !here->find(environment)) {
                    std::lock_guard lock(endsMutex);
                    endsAt = std::min(endsAt, k);
                    return fail(QString(), kEnvironmentEnds);
                }
                return std::unexpected(set.error());
            }
            if (!*set)
                return {};
            for (const ResourceChange& change : (*set)->resources) {
                if (change.key == key) {
                    steps[size_t(k)] = TimelineStep{*commit, change};
                    break;
                }
            }
            return {};
        };
    };
    auto ran = runInChunks(
        repo, commits->size(), workerFor, [](qsizetype) {},
        [&](qsizetype done) {
            if (!promise)
                return true;
            promise->setProgressValueAndText(int(done), QStringLiteral("Reading commit %1 of %2 in %3")
                                                            .arg(QLocale().toString(qint64(done) + 1),
                                                                 QLocale().toString(total), environment));
            return !promise->isCanceled();
        },
        timelineOptions.threads);
    if (!ran) {
        if (promise && promise->isCanceled())
            return fail(QStringLiteral("Canceled."), git::kErrorCanceled);
        if (ran.error().code != kEnvironmentEnds || !ran.error().message.isEmpty())
            return std::unexpected(ran.error());
    }
    // Read up to the commit where the environment ends (it counts as read); a thread may have read
    // older commits before it was known, which do not count.
    timeline.commitsScanned = int(std::min(endsAt + 1, commits->size()));
    for (qsizetype k = 0; k < std::min(endsAt, commits->size()); ++k) {
        if (steps[size_t(k)])
            timeline.steps.append(std::move(*steps[size_t(k)]));
    }
    return timeline;
}

void loadEnvironmentTimeline(QPromise<Result<Timeline>>& promise, const QString& repositoryPath,
                             const manifest::ResourceKey& key, const QString& revision,
                             const QString& environment)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        promise.addResult(std::unexpected(repo.error()));
        return;
    }
    auto timeline = buildEnvironmentTimeline(*repo, key, revision, environment, &promise);
    if (!promise.isCanceled())
        promise.addResult(std::move(timeline));
}

Result<QList<ResourceInEnvironment>> loadResourceEnvironments(const QString& repositoryPath,
                                                              const manifest::ResourceKey& key,
                                                              const QString& revision)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto detected = environment::detectEnvironments(*repo, revision);
    if (!detected)
        return std::unexpected(detected.error());
    QList<ResourceInEnvironment> found;
    if (detected->layout == environment::Layout::Plain)
        return found; // read as files: no environment to follow it in
    for (const environment::Environment& env : detected->environments) {
        auto rendered = environment::renderEnvironment(*repo, revision, env.name);
        if (!rendered)
            continue;
        // The same namespace first; else the environment's only resource of that group/kind/name.
        QList<manifest::ResourceKey> matches;
        for (const environment::RenderedResource& r : rendered->resources) {
            const manifest::ResourceKey& k = r.resource.key;
            if (k.group == key.group && k.kind == key.kind && k.name == key.name)
                matches << k;
        }
        const auto same = std::find(matches.cbegin(), matches.cend(), key);
        if (same != matches.cend())
            found.append({env.name, *same});
        else if (matches.size() == 1)
            found.append({env.name, matches.first()});
    }
    return found;
}

} // namespace shiplog::core::diff
