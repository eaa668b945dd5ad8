#include "core/drift/desired_state.h"

#include "core/diff/tree_changes.h"
#include "core/environment/render.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QSet>
#include <yaml-cpp/yaml.h>

namespace shiplog::core::drift {

Result<DesiredState> parseRepositorySettings(const QByteArray& yaml, DesiredState state)
{
    auto rules = parseIgnoreRules(yaml);
    if (!rules)
        return std::unexpected(rules.error());
    state.rules = *rules;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root && root.IsMap() && root["ownershipMarks"] && root["ownershipMarks"].IsSequence())
            for (const YAML::Node& mark : root["ownershipMarks"])
                if (mark.IsScalar())
                    state.extraMarks.append(QString::fromStdString(mark.as<std::string>()));
    } catch (const YAML::Exception&) {
        // parseIgnoreRules already reported a file that does not parse
    }
    return state;
}

namespace {

// What the environments drift compares apply: their objects, and the labels their operator puts
// on every object it applies (Flux's kustomize-controller labels each with its Kustomization's
// name, Argo CD with its Application's), which are not in git but mark what the operator owns.
struct EnvironmentObjects
{
    QList<QJsonObject> objects;
    QStringList operatorMarks; // "kustomize.toolkit.fluxcd.io/name=apps"
};

QStringList operatorMarksOf(const environment::Environment& env)
{
    QStringList marks;
    for (const environment::Unit& unit : env.units) {
        if (env.layout == environment::Layout::Flux)
            marks << QStringLiteral("kustomize.toolkit.fluxcd.io/name=") + unit.name;
        else if (env.layout == environment::Layout::ArgoCd)
            marks << QStringLiteral("argocd.argoproj.io/instance=") + unit.name;
    }
    return marks;
}

// The environments' objects and marks, or nullopt for a repository without a layout.
Result<std::optional<EnvironmentObjects>> environmentObjects(const git::Repository& repo,
                                                             const QString& commit, const QString& name)
{
    auto detected = environment::detectEnvironments(repo, commit);
    if (!detected)
        return std::unexpected(detected.error());
    if (detected->layout == environment::Layout::Plain && name.isEmpty())
        return std::optional<EnvironmentObjects>();
    QList<const environment::Environment*> chosen;
    QStringList names;
    for (const environment::Environment& env : detected->environments) {
        names << env.name;
        if (name.isEmpty() || env.name == name)
            chosen << &env;
    }
    if (!name.isEmpty() && chosen.isEmpty())
        return std::unexpected(detected->unknown(name));
    if (name.isEmpty() && !comparesAllAtOnce(*detected))
        return fail(
            QStringLiteral("The repository defines %1 environments for different clusters (%2, %3 layout): "
                           "choose one with --env")
                .arg(chosen.size())
                .arg(names.join(QStringLiteral(", ")), environment::layoutName(detected->layout)));
    EnvironmentObjects result;
    QSet<manifest::ResourceKey> seen;
    for (const environment::Environment* env : chosen) {
        result.operatorMarks << operatorMarksOf(*env);
        auto rendered = environment::renderEnvironment(repo, commit, env->name);
        if (!rendered)
            return std::unexpected(rendered.error());
        if (!rendered->failedUnits.isEmpty()) {
            QStringList messages;
            for (const environment::EnvironmentError& e : rendered->errors)
                messages << QStringLiteral("%1: %2").arg(e.path, e.message);
            return fail(QStringLiteral("The environment '%1' could not be rendered at %2 (%3): %4")
                            .arg(env->name, commit.left(12), rendered->failedUnits.join(QStringLiteral(", ")),
                                 messages.join(QStringLiteral("; "))));
        }
        for (const environment::RenderedResource& r : rendered->resources)
            if (!seen.contains(r.resource.key)) {
                seen.insert(r.resource.key);
                result.objects.append(r.resource.object);
            }
    }
    return std::optional<EnvironmentObjects>(result);
}

} // namespace

bool comparesAllAtOnce(const environment::Environments& detected)
{
    if (detected.environments.size() <= 1 || detected.layout == environment::Layout::JenkinsX)
        return true;
    QSet<QString> clusters;
    for (const environment::Environment& env : detected.environments)
        clusters.insert(env.cluster);
    return clusters.size() == 1 && !clusters.contains(QString());
}

Result<DesiredState> loadDesiredState(const QString& repositoryPath, const QString& revision,
                                      const QStringList& folders, const QString& environmentName)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto commit = repo->resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit)
        return std::unexpected(commit.error());
    auto tree = git::treeOf(*repo, *commit);
    if (!tree)
        return std::unexpected(tree.error());
    std::optional<EnvironmentObjects> fromEnvironments;
    if (folders.isEmpty() || !environmentName.isEmpty()) {
        auto objects = environmentObjects(*repo, *commit, environmentName);
        if (!objects)
            return std::unexpected(objects.error());
        fromEnvironments = *objects;
    }
    QList<manifest::ParseError> errors;
    QHash<manifest::ResourceKey, diff::Placed> placed;
    if (!fromEnvironments) {
        auto files = diff::manifestFiles(*repo, *tree, folders);
        if (!files)
            return std::unexpected(files.error());
        placed = diff::placeResources(*repo, *files, manifest::ParseCache::shared(), &errors);
    }

    DesiredState state;
    state.revision = *commit;
    // `.shiplog.yaml` at the root of that revision.
    auto settingsFile = git::readBlobAtPath(*repo, *tree, QStringLiteral(".shiplog.yaml"));
    if (!settingsFile)
        return std::unexpected(settingsFile.error());
    if (*settingsFile) {
        auto settings = parseRepositorySettings(**settingsFile, state);
        if (!settings)
            return fail(QStringLiteral("%1 at %2").arg(settings.error().message, commit->left(12)));
        state = *settings;
    }
    state.objects.reserve(placed.size());
    for (auto it = placed.cbegin(); it != placed.cend(); ++it)
        state.objects.append(it->resource->object);
    if (fromEnvironments) {
        state.objects = fromEnvironments->objects;
        state.extraMarks << fromEnvironments->operatorMarks;
        if (!environmentName.isEmpty()) {
            QSet<QString> namespaces;
            for (const QJsonObject& o : state.objects)
                if (const QString ns = o.value(u"metadata").toObject().value(u"namespace").toString();
                    !ns.isEmpty())
                    namespaces.insert(ns);
            state.extraNamespaces = namespaces;
        }
    }
    // Stable order (the hash is not): namespace, kind, name.
    std::sort(state.objects.begin(), state.objects.end(), [](const QJsonObject& a, const QJsonObject& b) {
        const QJsonObject ma = a.value(u"metadata").toObject();
        const QJsonObject mb = b.value(u"metadata").toObject();
        const auto ka = std::tuple(ma.value(u"namespace").toString(), a.value(u"kind").toString(),
                                   ma.value(u"name").toString());
        const auto kb = std::tuple(mb.value(u"namespace").toString(), b.value(u"kind").toString(),
                                   mb.value(u"name").toString());
        return ka < kb;
    });
    return state;
}

} // namespace shiplog::core::drift
