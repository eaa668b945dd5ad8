#include "core/drift/desired_state.h"

#include "core/diff/tree_changes.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

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

Result<DesiredState> loadDesiredState(const QString& repositoryPath, const QString& revision,
                                      const QStringList& folders)
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
    auto files = diff::manifestFiles(*repo, *tree, folders);
    if (!files)
        return std::unexpected(files.error());
    QList<manifest::ParseError> errors;
    const auto placed = diff::placeResources(*repo, *files, manifest::ParseCache::shared(), &errors);

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
