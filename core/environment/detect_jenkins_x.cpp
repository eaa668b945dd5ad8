// Jenkins X v3: the git operator applies config-root/ only — cluster/, customresourcedefinitions/
// and namespaces/<ns>/. Each namespace folder is an environment (jx-requirements.yml names dev,
// staging and production); charts/, versionStream/ and helmfiles/ are never applied.
#include "core/environment/detect.h"
#include "core/manifest/yaml_reader.h"

#include <QJsonArray>

namespace shiplog::core::environment {

namespace {

const QString kRequirements = QStringLiteral("jx-requirements.yml");
const QString kNamespaces = QStringLiteral("config-root/namespaces");

QString defaultNamespace(const QString& key)
{
    return key == u"dev" ? QStringLiteral("jx") : QStringLiteral("jx-") + key;
}

} // namespace

std::optional<Environments> detectJenkinsX(const Snapshot& snapshot)
{
    if (!snapshot.hasFile(kRequirements) || !snapshot.hasFolder(QStringLiteral("config-root")))
        return std::nullopt;
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::JenkinsX;

    QList<EnvironmentError> requirementErrors;
    QString clusterName;
    QStringList declared; // namespaces jx-requirements.yml names, in its order
    QStringList remote;
    auto bytes = snapshot.read(kRequirements);
    if (bytes && *bytes) {
        const auto read = manifest::readYamlDocuments((*bytes)->toStdString());
        if (read.error) {
            requirementErrors.append({kRequirements, read.error->line + 1, read.error->message});
        } else if (!read.documents.isEmpty()) {
            QJsonObject root = read.documents.first().value.toObject();
            if (root.contains(u"spec")) // jx-requirements.yml v3 wraps everything in spec:
                root = root.value(u"spec").toObject();
            clusterName = root.value(u"cluster").toObject().value(u"clusterName").toString();
            for (const QJsonValue& v : root.value(u"environments").toArray()) {
                const QJsonObject e = v.toObject();
                const QString key = e.value(u"key").toString();
                if (key.isEmpty())
                    continue;
                const QString ns = e.value(u"namespace").toString().isEmpty()
                                       ? defaultNamespace(key)
                                       : e.value(u"namespace").toString();
                declared << ns;
                if (e.value(u"remoteCluster").toBool())
                    remote << ns;
            }
        }
    } else if (!bytes) {
        requirementErrors.append({kRequirements, 0, bytes.error().message});
    }

    QStringList namespaces = declared;
    for (const git::FileVersion& file : snapshot.filesUnder(kNamespaces)) {
        const QString ns = file.path.mid(kNamespaces.size() + 1).section(u'/', 0, 0);
        if (!ns.isEmpty() && file.path.count(u'/') > 2 && !namespaces.contains(ns))
            namespaces << ns;
    }
    if (!namespaces.contains(QStringLiteral("jx")))
        namespaces.prepend(QStringLiteral("jx"));

    for (const QString& ns : namespaces) {
        Environment env;
        env.name = ns;
        env.layout = Layout::JenkinsX;
        env.cluster = remote.contains(ns)
                          ? QStringLiteral("remote cluster")
                          : (clusterName.isEmpty() ? QStringLiteral("dev cluster") : clusterName);
        env.definition = declared.contains(ns) ? kRequirements : kNamespaces + u'/' + ns;
        Unit unit;
        unit.name = ns;
        unit.definition = env.definition;
        unit.paths = {kNamespaces + u'/' + ns};
        unit.namespaceName = ns;
        if (ns != u"jx") {
            // The namespace's cluster-level files: applied with the dev environment's cluster
            // folders (rendered there), yet what this environment's releases put in the cluster.
            unit.alsoReads = {QStringLiteral("config-root/cluster/namespaces/%1.yaml").arg(ns),
                              QStringLiteral("config-root/cluster/resources/%1").arg(ns),
                              QStringLiteral("config-root/customresourcedefinitions/%1").arg(ns)};
        }
        env.units.append(unit);
        if (ns == u"jx") {
            // The dev environment's repository is the cluster's: cluster-scoped objects and CRDs.
            env.errors = requirementErrors;
            for (const char* folder : {"cluster", "customresourcedefinitions"}) {
                Unit u;
                u.name = QLatin1String(folder);
                u.definition = QStringLiteral("config-root/") + QLatin1String(folder);
                u.paths = {u.definition};
                env.units.append(u);
            }
        }
        result.environments.append(env);
    }
    return result;
}

} // namespace shiplog::core::environment
