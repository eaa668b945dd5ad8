// Plain kustomize: each kustomization that no other kustomization includes is an environment
// (overlays/staging, overlays/production); the bases they share are read by both.
#include "core/environment/detect.h"

#include <QSet>

namespace shiplog::core::environment {

std::optional<Environments> detectKustomize(const Snapshot& snapshot)
{
    QStringList folders;
    for (const git::FileVersion& f : snapshot.files()) {
        const QString name = f.path.section(u'/', -1);
        if (name == u"kustomization.yaml" || name == u"kustomization.yml" || name == u"Kustomization")
            if (!folders.contains(folderOf(f.path)))
                folders << folderOf(f.path);
    }
    if (folders.isEmpty())
        return std::nullopt;
    QSet<QString> included;
    QHash<QString, KustomizeClosure> closures;
    for (const QString& folder : folders) {
        closures.insert(folder, kustomizeClosure(snapshot, folder));
        for (const QString& other : closures[folder].folders.mid(1))
            if (other != folder)
                included.insert(other);
    }
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::Kustomize;
    for (const QString& folder : folders) {
        // In a cycle every member is included by another: keep the cycle's members as roots so that
        // the error shows, rather than dropping them silently.
        const KustomizeClosure& closure = closures[folder];
        const bool inCycle =
            std::any_of(closure.errors.cbegin(), closure.errors.cend(), [](const EnvironmentError& e) {
                return e.message.startsWith(QLatin1String("kustomizations include each other"));
            });
        if (included.contains(folder) && !inCycle)
            continue;
        Environment env;
        env.name = folder.isEmpty() ? QStringLiteral(".") : folder;
        env.layout = Layout::Kustomize;
        env.definition = snapshot.kustomizationIn(folder);
        Unit unit;
        unit.name = env.name;
        unit.definition = env.definition;
        unit.paths = {folder};
        unit.kustomize = true;
        completeUnit(snapshot, unit, env.errors);
        env.units.append(unit);
        result.environments.append(env);
    }
    return result;
}

} // namespace shiplog::core::environment
