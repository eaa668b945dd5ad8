// `.shiplog.yaml` at the repository root may declare the environments itself; it overrides detection:
//   environments:
//     - name: staging
//       paths: [overlays/staging]     # folders (kustomize when they hold a kustomization.yaml)
//       namespace: shop-staging       # for namespaced objects without one
//       context: kind-staging         # the kubeconfig context drift compares with
#include "core/environment/detect.h"
#include "core/manifest/yaml_reader.h"

#include <QJsonArray>

namespace shiplog::core::environment {

std::optional<Environments> detectConfig(const Snapshot& snapshot)
{
    const QString file = QStringLiteral(".shiplog.yaml");
    auto bytes = snapshot.read(file);
    if (!bytes || !*bytes)
        return std::nullopt; // no file (an unreadable one: drift's settings reader says why)
    const auto read = manifest::readYamlDocuments((*bytes)->toStdString());
    if (read.error || read.documents.isEmpty())
        return std::nullopt;
    const QJsonValue declared = read.documents.first().value.toObject().value(u"environments");
    if (!declared.isArray())
        return std::nullopt;
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::Config;
    int index = 0;
    for (const QJsonValue& v : declared.toArray()) {
        ++index;
        const QJsonObject e = v.toObject();
        Environment env;
        env.layout = Layout::Config;
        env.name = e.value(u"name").toString();
        env.definition = file;
        env.context = e.value(u"context").toString();
        env.cluster = env.context;
        if (env.name.isEmpty()) {
            env.name = QStringLiteral("environment-%1").arg(index);
            env.errors.append({file, 0, QStringLiteral("environment %1 has no name").arg(index)});
        }
        QStringList paths;
        for (const QJsonValue& p : e.value(u"paths").toArray())
            paths << p.toString();
        if (e.value(u"path").isString())
            paths << e.value(u"path").toString();
        for (const QString& raw : paths) {
            const auto path = normalizePath(raw);
            Unit unit;
            unit.name = raw;
            unit.definition = file;
            unit.namespaceName = e.value(u"namespace").toString();
            if (!path) {
                env.errors.append(
                    {file, 0,
                     QStringLiteral("%1: path '%2' points outside the repository").arg(env.name, raw)});
                continue;
            }
            unit.paths = {*path};
            if (!snapshot.hasFolder(*path) && !snapshot.hasFile(*path))
                env.errors.append(
                    {file, 0, QStringLiteral("%1: path '%2' does not exist").arg(env.name, raw)});
            else if (!snapshot.kustomizationIn(*path).isEmpty()) {
                unit.kustomize = true;
                completeUnit(snapshot, unit, env.errors);
            }
            env.units.append(unit);
        }
        result.environments.append(env);
    }
    return result;
}

} // namespace shiplog::core::environment
