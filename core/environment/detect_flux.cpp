// Flux: an environment is what one cluster runs — the tree of kustomize.toolkit.fluxcd.io
// Kustomizations rooted at the cluster's sync folder (clusters/<name>, from flux bootstrap's
// gotk-sync.yaml, a FluxInstance's sync path, or a Kustomization no other one includes). Each
// Kustomization whose source is this repository (the flux-system GitRepository, or an
// ExternalArtifact an ArtifactGenerator copies from it) is a unit.
#include "core/environment/detect.h"
#include "core/manifest/yaml_reader.h"

#include <QJsonArray>
#include <QSet>

namespace shiplog::core::environment {

namespace {

bool isFluxKustomization(const FoundObject& o)
{
    return o.kind() == u"Kustomization" && o.apiGroup() == u"kustomize.toolkit.fluxcd.io";
}

QString stripDot(QString path)
{
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    if (path == u".")
        path.clear();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

// A copy rule of an ArtifactGenerator: repository folder `from` appears at `to` in the artifact.
struct CopyRule
{
    QString from; // "apps/staging"
    QString to;   // "staging" ("" = the artifact's root)
};

class FluxTree
{
public:
    FluxTree(const Snapshot& snapshot, const QStringList& remoteUrls) : m_snapshot(snapshot)
    {
        const QList<FoundObject> objects = findObjects(
            snapshot, {QByteArrayLiteral("fluxcd.io"), QByteArrayLiteral("fluxcd.controlplane.io")});
        QSet<QString> ourRepositories; // GitRepository names that fetch this repository
        for (const FoundObject& o : objects) {
            if (isFluxKustomization(o))
                m_kustomizations.append(o);
            else if (o.kind() == u"GitRepository" && o.apiGroup() == u"source.toolkit.fluxcd.io") {
                const QString url = o.object.value(u"spec").toObject().value(u"url").toString();
                if (o.name() == u"flux-system" || isThisRepository(url, remoteUrls))
                    ourRepositories.insert(o.name());
                else
                    m_otherSources.insert(o.name(), url);
            } else if (o.kind() == u"FluxInstance") {
                const QString path =
                    o.object.value(u"spec").toObject().value(u"sync").toObject().value(u"path").toString();
                if (!path.isEmpty())
                    m_syncRoots.append({stripDot(path), o.path});
            } else if (o.kind() == u"HelmRelease" && o.name() == u"flux-instance") {
                const QString path = o.object.value(u"spec")
                                         .toObject()
                                         .value(u"values")
                                         .toObject()
                                         .value(u"instance")
                                         .toObject()
                                         .value(u"sync")
                                         .toObject()
                                         .value(u"path")
                                         .toString();
                if (!path.isEmpty())
                    m_syncRoots.append({stripDot(path), o.path});
            }
        }
        ourRepositories.insert(QStringLiteral("flux-system")); // flux bootstrap's own source
        m_ourRepositories = ourRepositories;
        for (const FoundObject& o : objects) {
            if (o.kind() != u"ArtifactGenerator")
                continue;
            const QJsonObject spec = o.object.value(u"spec").toObject();
            QSet<QString> aliases; // sources that are this repository
            for (const QJsonValue& s : spec.value(u"sources").toArray())
                if (s.toObject().value(u"kind").toString() == u"GitRepository" &&
                    ourRepositories.contains(s.toObject().value(u"name").toString()))
                    aliases.insert(s.toObject().value(u"alias").toString());
            for (const QJsonValue& a : spec.value(u"artifacts").toArray()) {
                const QJsonObject artifact = a.toObject();
                QList<CopyRule> rules;
                for (const QJsonValue& c : artifact.value(u"copy").toArray()) {
                    QString from = c.toObject().value(u"from").toString();
                    QString to = c.toObject().value(u"to").toString();
                    if (!from.startsWith(u'@') || !to.startsWith(QLatin1String("@artifact")))
                        continue;
                    const QString alias = from.mid(1).section(u'/', 0, 0);
                    if (!aliases.contains(alias))
                        continue;
                    from = from.section(u'/', 1);
                    while (from.endsWith(QLatin1String("/**")) || from.endsWith(QLatin1String("/*")))
                        from = from.section(u'/', 0, -2);
                    rules.append({stripDot(from), stripDot(to.section(u'/', 1))});
                }
                if (!rules.isEmpty())
                    m_artifacts[artifact.value(u"name").toString()].append({o.path, rules});
            }
        }
    }

    // The environments: one per sync root.
    QList<Environment> environments() const
    {
        QList<std::pair<QString, QString>> roots = m_syncRoots; // (folder, definition)
        for (const git::FileVersion& f : m_snapshot.files())
            if (f.path.endsWith(QLatin1String("/flux-system/gotk-sync.yaml")))
                roots.append({folderOf(folderOf(f.path)), f.path});
        if (roots.isEmpty()) {
            // No bootstrap file: roots are the folders of Kustomizations no other one includes.
            for (const FoundObject& k : m_kustomizations) {
                bool included = false;
                for (const FoundObject& other : m_kustomizations) {
                    const auto path = repoPath(other);
                    if (&other != &k && path && (path->isEmpty() || k.path.startsWith(*path + u'/')))
                        included = true;
                }
                const QString folder = folderOf(k.path);
                if (!included && std::none_of(roots.cbegin(), roots.cend(),
                                              [&](const auto& r) { return r.first == folder; }))
                    roots.append({folder, k.path});
            }
        }
        QList<Environment> result;
        for (const auto& [folder, definition] : roots) {
            Environment env;
            env.layout = Layout::Flux;
            env.name = folder.section(u'/', -1);
            if (env.name.isEmpty())
                env.name = QStringLiteral("cluster");
            env.cluster = folder;
            env.definition = definition;
            if (!m_snapshot.hasFolder(folder)) {
                env.errors.append(
                    {definition, 0,
                     QStringLiteral("the sync path '%1' does not exist in the repository").arg(folder)});
                result.append(env);
                continue;
            }
            Unit root;
            root.name = QStringLiteral("flux-system");
            root.definition = definition;
            root.paths = {folder};
            root.namespaceName = QStringLiteral("flux-system");
            root.kustomize = true;
            root.generated = m_snapshot.kustomizationIn(folder).isEmpty();
            completeUnit(m_snapshot, root, env.errors);
            env.units.append(root);
            QSet<QString> seen{definition + u'#' + root.name};
            walk(env, root.paths.first(), seen);
            result.append(env);
        }
        return result;
    }

private:
    // The repository folder a Kustomization applies, nullopt when its source is not this repository.
    std::optional<QString> repoPath(const FoundObject& k) const
    {
        const QJsonObject spec = k.object.value(u"spec").toObject();
        const QJsonObject source = spec.value(u"sourceRef").toObject();
        const QString path = stripDot(spec.value(u"path").toString());
        const QString kind = source.value(u"kind").toString();
        const QString name = source.value(u"name").toString();
        if (kind == u"GitRepository" && m_ourRepositories.contains(name))
            return normalizePath(path);
        if (kind == u"ExternalArtifact" && m_artifacts.contains(name)) {
            // Each cluster folder may define its own generator of that name: take the nearest one.
            const QList<std::pair<QString, QList<CopyRule>>>& generators = m_artifacts[name];
            qsizetype nearest = 0, shared = -1;
            for (qsizetype i = 0; i < generators.size(); ++i) {
                qsizetype common = 0;
                const QString& other = generators.at(i).first;
                while (common < other.size() && common < k.path.size() &&
                       other.at(common) == k.path.at(common))
                    ++common;
                if (common > shared) {
                    shared = common;
                    nearest = i;
                }
            }
            const CopyRule* best = nullptr;
            for (const CopyRule& rule : generators.at(nearest).second)
                if ((rule.to.isEmpty() || path == rule.to || path.startsWith(rule.to + u'/')) &&
                    (!best || rule.to.size() > best->to.size()))
                    best = &rule;
            if (best)
                return normalizePath(best->from +
                                     (best->to.isEmpty() ? u'/' + path : path.mid(best->to.size())));
        }
        return std::nullopt;
    }

    // Adds the Kustomizations defined under `folder` (and, in turn, under theirs) as units.
    void walk(Environment& env, const QString& folder, QSet<QString>& seen) const
    {
        for (const FoundObject& k : m_kustomizations) {
            if (!(folder.isEmpty() || k.path.startsWith(folder + u'/')))
                continue;
            const QString id = k.path + u'#' + k.name();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            const QJsonObject spec = k.object.value(u"spec").toObject();
            Unit unit;
            unit.name = k.name();
            unit.definition = k.path;
            const auto path = repoPath(k);
            if (!path) {
                const QJsonObject source = spec.value(u"sourceRef").toObject();
                const QString name = source.value(u"name").toString();
                unit.source = m_otherSources.value(
                    name, QStringLiteral("%1/%2").arg(source.value(u"kind").toString(), name));
                env.units.append(unit);
                continue;
            }
            unit.paths = {*path};
            const QString target = spec.value(u"targetNamespace").toString();
            unit.namespaceName =
                target.isEmpty()
                    ? (k.namespaceName().isEmpty() ? QStringLiteral("flux-system") : k.namespaceName())
                    : target;
            unit.kustomize = true;
            if (!target.isEmpty())
                unit.kustomizeOptions.insert(QStringLiteral("namespace"), target);
            for (const char* key :
                 {"namePrefix", "nameSuffix", "patches", "components", "images", "commonMetadata"})
                if (spec.contains(QLatin1String(key)))
                    unit.kustomizeOptions.insert(QLatin1String(key), spec.value(QLatin1String(key)));
            const QJsonObject postBuild = spec.value(u"postBuild").toObject();
            unit.substitute = postBuild.value(u"substitute").toObject();
            for (const QJsonValue& from : postBuild.value(u"substituteFrom").toArray()) {
                const QJsonObject ref = from.toObject();
                if (ref.value(u"kind").toString() == u"Secret") {
                    unit.substituteFromSecret = true;
                    env.errors.append(
                        {k.path, k.line,
                         QStringLiteral("%1: variables from Secret '%2' are not in git: left as ${VAR}")
                             .arg(unit.name, ref.value(u"name").toString())});
                    continue;
                }
                if (!substituteFromConfigMap(unit, ref.value(u"name").toString()) &&
                    !ref.value(u"optional").toBool())
                    env.errors.append(
                        {k.path, k.line,
                         QStringLiteral("%1: ConfigMap '%2' (postBuild.substituteFrom) is not in the "
                                        "repository")
                             .arg(unit.name, ref.value(u"name").toString())});
            }
            if (!m_snapshot.hasFolder(*path) && !m_snapshot.hasFile(*path)) {
                env.errors.append({k.path, k.line,
                                   QStringLiteral("%1: spec.path '%2' does not exist in the repository (%3)")
                                       .arg(unit.name, spec.value(u"path").toString(), *path)});
                env.units.append(unit);
                continue;
            }
            unit.generated = m_snapshot.kustomizationIn(*path).isEmpty();
            completeUnit(m_snapshot, unit, env.errors);
            env.units.append(unit);
            walk(env, *path, seen);
        }
    }

    bool substituteFromConfigMap(Unit& unit, const QString& name) const
    {
        if (!m_configMapsRead) {
            m_configMaps = findObjects(m_snapshot, {QByteArrayLiteral("ConfigMap")});
            m_configMapsRead = true;
        }
        for (const FoundObject& o : m_configMaps) {
            if (o.kind() != u"ConfigMap" || !o.apiGroup().isEmpty() || o.name() != name)
                continue;
            const QJsonObject data = o.object.value(u"data").toObject();
            for (auto it = data.begin(); it != data.end(); ++it)
                if (!unit.substitute.contains(it.key())) // substitute wins over substituteFrom
                    unit.substitute.insert(it.key(), it.value());
            return true;
        }
        return false;
    }

    const Snapshot& m_snapshot;
    QList<FoundObject> m_kustomizations;
    QList<std::pair<QString, QString>> m_syncRoots;
    QSet<QString> m_ourRepositories;
    QHash<QString, QString> m_otherSources;
    QHash<QString, QList<std::pair<QString, QList<CopyRule>>>> m_artifacts; // name → (file, rules)
    mutable QList<FoundObject> m_configMaps;
    mutable bool m_configMapsRead = false;
};

} // namespace

std::optional<Environments> detectFlux(const Snapshot& snapshot, const QStringList& remoteUrls)
{
    FluxTree tree(snapshot, remoteUrls);
    QList<Environment> environments = tree.environments();
    if (environments.isEmpty())
        return std::nullopt;
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::Flux;
    result.environments = environments;
    return result;
}

} // namespace shiplog::core::environment
