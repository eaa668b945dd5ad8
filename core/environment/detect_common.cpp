#include "core/environment/detect.h"
#include "core/git/objects.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"

#include <QRegularExpression>
#include <QStandardPaths>

namespace shiplog::core::environment {

QString FoundObject::apiGroup() const
{
    return manifest::splitApiVersion(object.value(u"apiVersion").toString()).first;
}

QString FoundObject::name() const
{
    return object.value(u"metadata").toObject().value(u"name").toString();
}

QString FoundObject::namespaceName() const
{
    return object.value(u"metadata").toObject().value(u"namespace").toString();
}

QList<FoundObject> findObjects(const Snapshot& snapshot, const QList<QByteArray>& needles)
{
    // Reading a blob is cheap next to parsing it: parse only the files that can hold such objects.
    QStringList paths;
    for (const QByteArray& needle : needles)
        for (const QString& path : snapshot.filesMentioning(needle))
            if (!paths.contains(path))
                paths << path;
    paths.sort();
    QList<git::ObjectId> ids;
    for (const QString& path : paths)
        ids << snapshot.blobId(path);
    QList<FoundObject> found;
    const auto blobs = manifest::ParseCache::shared().getMany(snapshot.repository(), ids);
    for (qsizetype i = 0; i < blobs.size(); ++i)
        for (const manifest::Resource& r : blobs.at(i)->resources)
            found.append(FoundObject{paths.at(i), r.line, r.object});
    return found;
}

QString normalizeRepositoryUrl(const QString& url)
{
    QString u = url.trimmed();
    static const QRegularExpression scheme(QStringLiteral("^[a-z+]+://"));
    u.remove(scheme);
    // user@host:path (scp form) → host/path
    static const QRegularExpression scp(QStringLiteral("^([^/@]+@)?([^/:]+):(?!\\d+/)"));
    if (!url.contains(QLatin1String("://")))
        u.replace(scp, QStringLiteral("\\2/"));
    const qsizetype at = u.indexOf(u'@');
    if (at >= 0 && at < u.indexOf(u'/'))
        u.remove(0, at + 1);
    while (u.endsWith(u'/'))
        u.chop(1);
    if (u.endsWith(QLatin1String(".git")))
        u.chop(4);
    return u.toLower();
}

bool isThisRepository(const QString& url, const QStringList& remoteUrls)
{
    const QString wanted = normalizeRepositoryUrl(url);
    if (wanted.isEmpty())
        return false;
    for (const QString& remote : remoteUrls)
        if (normalizeRepositoryUrl(remote) == wanted)
            return true;
    return false;
}

bool helmAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("helm")).isEmpty();
}

void completeUnit(const Snapshot& snapshot, Unit& unit, QList<EnvironmentError>& errors)
{
    // The object that defines the unit carries options the operator applies (patches,
    // targetNamespace, kustomize images): changing it changes the environment.
    if (!unit.definition.isEmpty() && snapshot.hasFile(unit.definition) &&
        !unit.alsoReads.contains(unit.definition))
        unit.alsoReads << unit.definition;
    if (unit.paths.isEmpty())
        return;
    const QString root = unit.paths.first();
    if (unit.kustomize && !unit.generated) {
        const KustomizeClosure closure = kustomizeClosure(snapshot, root);
        for (const QString& folder : closure.folders)
            for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
                const QString file =
                    folder.isEmpty() ? QLatin1String(name) : folder + u'/' + QLatin1String(name);
                if (!unit.reads.contains(file))
                    unit.reads << file;
            }
        for (const QString& file : closure.files)
            if (!unit.reads.contains(file))
                unit.reads << file;
        for (const QString& tree : closure.trees)
            if (!unit.reads.contains(tree + u'/'))
                unit.reads << tree + u'/';
        for (const QString& folder : closure.folders)
            if (!unit.paths.contains(folder))
                unit.paths << folder;
        for (const QString& file : closure.files)
            if (!unit.paths.contains(file) && !unit.paths.contains(folderOf(file)))
                unit.paths << file;
        errors += closure.errors;
        unit.helm = unit.helm || closure.helmCharts;
        if (closure.helmCharts && !helmAvailable())
            errors.append({snapshot.kustomizationIn(root), 0,
                           QStringLiteral("helmCharts not rendered: helm not found")});
    } else if (unit.generated) {
        // Flux lists every manifest under the path, and includes the folders that hold their own
        // kustomization.yaml as they are: their closures are read too.
        for (const git::FileVersion& file : snapshot.filesUnder(root)) {
            const QString name = file.path.section(u'/', -1);
            if (name != QLatin1String("kustomization.yaml") && name != QLatin1String("kustomization.yml") &&
                name != QLatin1String("Kustomization"))
                continue;
            const KustomizeClosure closure = kustomizeClosure(snapshot, folderOf(file.path));
            for (const QString& folder : closure.folders)
                if (!folder.startsWith(root + u'/') && folder != root && !unit.paths.contains(folder))
                    unit.paths << folder;
            for (const QString& f : closure.files)
                if (!f.startsWith(root + u'/') && !unit.paths.contains(f))
                    unit.paths << f;
            errors += closure.errors;
        }
    }
}

Environments plainEnvironment(const Snapshot& snapshot)
{
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::Plain;
    Environment env;
    env.name = QStringLiteral("repository");
    env.layout = Layout::Plain;
    Unit unit;
    unit.name = QStringLiteral("repository");
    unit.paths = QStringList{QString()};
    env.units.append(unit);
    result.environments.append(env);
    return result;
}

} // namespace shiplog::core::environment
