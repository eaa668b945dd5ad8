#include "core/drift/desired_state.h"

#include "core/diff/tree_changes.h"
#include "core/git/git_error.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <git2.h>
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

Result<DesiredState> loadDesiredState(const QString& repositoryPath, const QString& revision, const QStringList& folders)
{
    git::ensureLibgit2();
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto commit = repo->resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit)
        return std::unexpected(commit.error());
    auto tree = diff::treeOfCommit(repo->raw(), *commit);
    if (!tree)
        return std::unexpected(tree.error());
    auto delta = diff::manifestDelta(repo->raw(), nullptr, tree->get(), folders);
    if (!delta)
        return std::unexpected(delta.error());
    QList<manifest::ParseError> errors;
    const auto placed = diff::placeResources(repo->raw(), delta->after, manifest::ParseCache::shared(), &errors);

    DesiredState state;
    state.revision = *commit;
    // `.shiplog.yaml` at the root of that revision.
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree->get(), ".shiplog.yaml") == 0) {
        git_blob* blob = nullptr;
        if (git_blob_lookup(&blob, repo->raw(), git_tree_entry_id(entry)) == 0) {
            const QByteArray text(static_cast<const char*>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob)));
            git_blob_free(blob);
            auto settings = parseRepositorySettings(text, state);
            git_tree_entry_free(entry);
            if (!settings)
                return fail(QStringLiteral("%1 at %2").arg(settings.error().message, commit->left(12)));
            state = *settings;
        } else {
            git_tree_entry_free(entry);
        }
    }
    state.objects.reserve(placed.size());
    for (auto it = placed.cbegin(); it != placed.cend(); ++it)
        state.objects.append(it->resource->object);
    // Stable order (the hash is not): namespace, kind, name.
    std::sort(state.objects.begin(), state.objects.end(), [](const QJsonObject& a, const QJsonObject& b) {
        const QJsonObject ma = a.value(u"metadata").toObject();
        const QJsonObject mb = b.value(u"metadata").toObject();
        const auto ka = std::tuple(ma.value(u"namespace").toString(), a.value(u"kind").toString(), ma.value(u"name").toString());
        const auto kb = std::tuple(mb.value(u"namespace").toString(), b.value(u"kind").toString(), mb.value(u"name").toString());
        return ka < kb;
    });
    return state;
}

}  // namespace shiplog::core::drift
