#include "core/demo/kube_seed.h"

#include "core/demo/kube_store.h"
#include "core/demo/kube_yaml.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/api_versions.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <algorithm>
#include <optional>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

const QString kApplyManager = u"kubectl-client-side-apply"_s;
const QString kLastApplied = u"kubectl.kubernetes.io/last-applied-configuration"_s;

bool isManifestName(const QString& relative)
{
    if (!(relative.endsWith(u".yaml"_s) || relative.endsWith(u".yml"_s) || relative.endsWith(u".json"_s)))
        return false;
    for (const QString& part : relative.split(u'/'))
        if (part.startsWith(u'.'))
            return false;
    return true;
}

// One manifest file: its path relative to the seeded folder and its bytes (or why it could not be read).
struct ManifestFile
{
    QString path;
    Result<QByteArray> content;
};

// A repository is read from git's objects at HEAD, as every other part of Shiplog reads it: a
// symbolic link checked out in the work tree is a path in git, never a file outside the repository.
std::optional<QList<ManifestFile>> filesFromGit(const QString& path)
{
    auto repo = git::Repository::open(path);
    if (!repo || repo->isEmpty() || QDir(path).canonicalPath() != QDir(repo->path()).canonicalPath())
        return std::nullopt;
    auto tree = git::treeOf(*repo, u"HEAD"_s);
    if (!tree)
        return std::nullopt;
    const auto all = git::filesOfTree(*repo, *tree, git::FileFilter{{u"config-root"_s}, {}});
    const bool jenkinsX = all && !all->isEmpty();
    const QString prefix = jenkinsX ? u"config-root/"_s : QString();
    auto files = git::filesOfTree(*repo, *tree,
                                  git::FileFilter{jenkinsX ? QStringList{u"config-root"_s} : QStringList{},
                                                  [prefix](const QByteArray& file) {
                                                      return isManifestName(
                                                          QString::fromUtf8(file).mid(prefix.size()));
                                                  }});
    if (!files)
        return std::nullopt;
    QList<ManifestFile> result;
    for (const git::FileVersion& file : *files)
        result.append(ManifestFile{file.path.mid(prefix.size()), git::readBlob(*repo, file.id)});
    return result;
}

// A folder that is not a repository's top: its files, without following a symbolic link out of it.
QList<ManifestFile> filesFromFolder(const QString& root)
{
    QList<ManifestFile> result;
    const QString top = QDir(root).canonicalPath();
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    std::sort(paths.begin(), paths.end());
    for (const QString& file : paths) {
        const QString relative = QDir(root).relativeFilePath(file);
        if (!isManifestName(relative))
            continue;
        const QString target = QFileInfo(file).canonicalFilePath();
        if (!target.startsWith(top + u'/')) {
            result.append(ManifestFile{relative, fail(u"a symbolic link out of %1: not read"_s.arg(root))});
            continue;
        }
        QFile f(file);
        result.append(ManifestFile{relative, f.open(QIODevice::ReadOnly) ? Result<QByteArray>(f.readAll())
                                                                         : fail(f.errorString())});
    }
    return result;
}

struct Manifest
{
    QString file;
    QJsonObject object;
};

int order(const QString& kind)
{
    if (kind == u"CustomResourceDefinition"_s)
        return 0;
    if (kind == u"Namespace"_s)
        return 1;
    return 2;
}

QString objectName(const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QString ns = meta.value(u"namespace"_s).toString();
    return ns.isEmpty() ? meta.value(u"name"_s).toString() : ns + u'/' + meta.value(u"name"_s).toString();
}

// Why the server does not serve `kind` in `apiVersion`: a version Kubernetes removed, or a custom
// resource whose definition is not in the repository.
QString notServedReason(const KubeStore& store, const QString& apiVersion, const QString& kind)
{
    if (const auto move = manifest::apiVersionMove(apiVersion, kind); move && move->to.isEmpty())
        return QStringLiteral("%1 %2 was removed in Kubernetes %3 with no successor; this server is 1.32")
            .arg(apiVersion, kind, move->removedIn);
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    for (const ResourceType& t : store.types())
        if (t.group == group && t.kind == kind)
            return QStringLiteral("the server serves %1 in %2, not in %3")
                .arg(kind, t.apiVersion(), apiVersion);
    if (group.contains(u'.') && !group.endsWith(u".k8s.io"_s))
        return QStringLiteral("no CustomResourceDefinition for %1 in group %2 in the repository")
            .arg(kind, group);
    return QStringLiteral("the server does not serve %1 in %2").arg(kind, apiVersion);
}

} // namespace

QString SeedReport::summary() const
{
    return QStringLiteral("Seeded %1 of %2 objects; %3 skipped").arg(created).arg(total).arg(skipped.size());
}

Result<SeedReport> seedFromDirectory(KubeStore& store, const QString& path)
{
    if (!QFileInfo(path).isDir())
        return fail(
            QStringLiteral("Cannot seed the Kubernetes API server: %1 is not a directory.").arg(path));
    QList<ManifestFile> files;
    if (auto fromGit = filesFromGit(path)) {
        files = std::move(*fromGit);
    } else {
        QString root = path;
        if (QFileInfo(QDir(path).filePath(u"config-root"_s)).isDir())
            root = QDir(path).filePath(u"config-root"_s);
        files = filesFromFolder(root);
    }
    SeedReport report;
    QList<Manifest> manifests;
    for (const ManifestFile& file : std::as_const(files)) {
        // A file that cannot be read counts as one object skipped: how many it holds is unknown.
        if (!file.content) {
            report.skipped.append(QStringLiteral("%1: %2").arg(file.path, file.content.error().message));
            ++report.total;
            continue;
        }
        auto documents = yamlDocumentsToJson(*file.content);
        if (!documents) {
            report.skipped.append(QStringLiteral("%1: %2").arg(file.path, documents.error().message));
            ++report.total;
            continue;
        }
        for (const QJsonValue& document : *documents) {
            QJsonObject object = document.toObject();
            QList<QJsonObject> objects{object};
            if (object.value(u"kind"_s).toString().endsWith(u"List"_s) && object.contains(u"items"_s)) {
                objects.clear();
                for (const QJsonValue& item : object.value(u"items"_s).toArray())
                    objects.append(item.toObject());
            }
            for (const QJsonObject& o : objects)
                if (!o.value(u"apiVersion"_s).toString().isEmpty() &&
                    !o.value(u"kind"_s).toString().isEmpty() &&
                    !o.value(u"metadata"_s).toObject().value(u"name"_s).toString().isEmpty())
                    manifests.append({file.path, o});
        }
    }
    std::stable_sort(manifests.begin(), manifests.end(), [](const Manifest& a, const Manifest& b) {
        return order(a.object.value(u"kind"_s).toString()) < order(b.object.value(u"kind"_s).toString());
    });
    const auto namespaceType = store.findType({}, u"v1"_s, u"namespaces"_s);
    const WriteOptions options{kApplyManager, {}, false, false};
    report.total += int(manifests.size());
    for (const Manifest& manifest : manifests) {
        const QString& file = manifest.file;
        const QString givenVersion = manifest.object.value(u"apiVersion"_s).toString();
        QJsonObject object = manifest::convertToServedVersion(manifest.object);
        const QString apiVersion = object.value(u"apiVersion"_s).toString();
        const QString kind = object.value(u"kind"_s).toString();
        auto type = store.findTypeByKind(apiVersion, kind);
        QJsonObject meta = object.value(u"metadata"_s).toObject();
        if (!type) {
            report.skipped.append(
                QStringLiteral("%1: %2 %3: %4")
                    .arg(file, kind, objectName(object), notServedReason(store, givenVersion, kind)));
            continue;
        }
        QString ns;
        if (type->namespaced) {
            ns = meta.value(u"namespace"_s).toString(u"default"_s);
            meta.insert(u"namespace"_s, ns);
            object.insert(u"metadata"_s, meta);
            if (!store.get(*namespaceType, {}, ns))
                store.create(*namespaceType, {}, QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, ns}}}},
                             options);
        }
        // What kubectl apply records: the manifest itself (in git's apiVersion), without the
        // annotation, as JSON.
        QJsonObject annotations = meta.value(u"annotations"_s).toObject();
        annotations.remove(kLastApplied);
        QJsonObject lastApplied = manifest.object;
        QJsonObject lastMeta = meta;
        if (annotations.isEmpty())
            lastMeta.remove(u"annotations"_s);
        else
            lastMeta.insert(u"annotations"_s, annotations);
        lastApplied.insert(u"metadata"_s, lastMeta);
        annotations.insert(kLastApplied,
                           QString::fromUtf8(QJsonDocument(lastApplied).toJson(QJsonDocument::Compact)) +
                               u'\n');
        meta.insert(u"annotations"_s, annotations);
        object.insert(u"metadata"_s, meta);
        auto created = store.create(*type, ns, object, options);
        if (!created) {
            report.skipped.append(
                QStringLiteral("%1: %2 %3: %4").arg(file, kind, objectName(object), created.error().message));
            continue;
        }
        ++report.created;
    }
    return report;
}

namespace {

bool seeded(const QJsonObject& object)
{
    for (const QJsonValue& entry : object.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray())
        if (entry.toObject().value(u"manager"_s).toString() == kApplyManager)
            return true;
    return false;
}

std::optional<QJsonObject> firstSeeded(KubeStore& store, const ResourceType& type,
                                       const std::function<bool(const QJsonObject&)>& accept = {})
{
    for (const QJsonObject& object : store.list(type, {}).items)
        if (seeded(object) && (!accept || accept(object)))
            return object;
    return std::nullopt;
}

QString nameOf(const QJsonObject& object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QString ns = meta.value(u"namespace"_s).toString();
    return ns.isEmpty() ? meta.value(u"name"_s).toString() : ns + u'/' + meta.value(u"name"_s).toString();
}

// The ownership label the repository's operator puts on what it applies, learned from the objects.
std::pair<QString, QString> ownershipLabel(KubeStore& store)
{
    static const QStringList known{u"gitops.jenkins-x.io/pipeline"_s, u"app.kubernetes.io/instance"_s,
                                   u"kustomize.toolkit.fluxcd.io/name"_s, u"argocd.argoproj.io/instance"_s};
    QMap<QString, QMap<QString, int>> counts;
    for (const ResourceType& type : store.types())
        for (const QJsonObject& object : store.list(type, {}).items) {
            if (!seeded(object))
                continue;
            const QJsonObject labels = object.value(u"metadata"_s).toObject().value(u"labels"_s).toObject();
            for (const QString& key : known)
                if (labels.contains(key))
                    counts[key][labels.value(key).toString()]++;
        }
    for (const QString& key : known) {
        const auto values = counts.value(key);
        if (values.isEmpty())
            continue;
        QString best;
        int most = 0;
        for (auto it = values.begin(); it != values.end(); ++it)
            if (it.value() > most) {
                most = it.value();
                best = it.key();
            }
        return {key, best};
    }
    return {u"gitops.jenkins-x.io/pipeline"_s, u"namespaces"_s};
}

} // namespace

QStringList injectDemoDrift(KubeStore& store)
{
    QStringList done;
    const auto deployments = store.findType(u"apps"_s, u"v1"_s, u"deployments"_s);
    const auto configMaps = store.findType({}, u"v1"_s, u"configmaps"_s);
    const auto services = store.findType({}, u"v1"_s, u"services"_s);
    const auto secrets = store.findType({}, u"v1"_s, u"secrets"_s);
    QString homeNamespace = u"default"_s;
    if (auto deployment = firstSeeded(store, *deployments)) {
        const QJsonObject meta = deployment->value(u"metadata"_s).toObject();
        homeNamespace = meta.value(u"namespace"_s).toString();
        const int before = deployment->value(u"spec"_s).toObject().value(u"replicas"_s).toInt(1);
        const int after = before + 2;
        auto scaled = store.modify(
            *deployments, homeNamespace, meta.value(u"name"_s).toString(),
            [after](const QJsonObject& current) -> ApiResult<QJsonObject> {
                QJsonObject next = current;
                QJsonObject spec = next.value(u"spec"_s).toObject();
                spec.insert(u"replicas"_s, after);
                next.insert(u"spec"_s, spec);
                return next;
            },
            WriteOptions{u"kubectl-scale"_s, u"scale"_s, false, false});
        if (scaled)
            done.append(QStringLiteral("Scaled Deployment %1 from %2 to %3 replicas (kubectl-scale).")
                            .arg(nameOf(*deployment))
                            .arg(before)
                            .arg(after));
    }
    if (auto configMap = firstSeeded(store, *configMaps, [](const QJsonObject& o) {
            return !o.value(u"data"_s).toObject().isEmpty();
        })) {
        const QJsonObject meta = configMap->value(u"metadata"_s).toObject();
        const QJsonObject data = configMap->value(u"data"_s).toObject();
        const QString key = data.keys().first();
        const QString value = data.value(key).toString();
        const QString edited = value == u"true"_s      ? u"false"_s
                               : value == u"false"_s   ? u"true"_s
                               : value.contains(u'\n') ? value + u"# edited by hand\n"_s
                                                       : value + u"-hotfix"_s;
        auto changed = store.modify(
            *configMaps, meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString(),
            [&](const QJsonObject& current) -> ApiResult<QJsonObject> {
                QJsonObject next = current;
                QJsonObject d = next.value(u"data"_s).toObject();
                d.insert(key, edited);
                next.insert(u"data"_s, d);
                return next;
            },
            WriteOptions{u"kubectl-edit"_s, {}, false, false});
        if (changed)
            done.append(QStringLiteral("Edited key \"%1\" of ConfigMap %2 (kubectl-edit).")
                            .arg(key, nameOf(*configMap)));
    }
    if (auto service = firstSeeded(store, *services)) {
        const QJsonObject meta = service->value(u"metadata"_s).toObject();
        if (store.remove(*services, meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString(),
                         {}))
            done.append(QStringLiteral("Deleted Service %1.").arg(nameOf(*service)));
    }
    {
        const auto [label, value] = ownershipLabel(store);
        const QJsonObject extra{{u"metadata"_s, QJsonObject{{u"name"_s, u"debug-overrides"_s},
                                                            {u"namespace"_s, homeNamespace},
                                                            {u"labels"_s, QJsonObject{{label, value}}}}},
                                {u"data"_s, QJsonObject{{u"LOG_LEVEL"_s, u"debug"_s}}}};
        if (store.create(*configMaps, homeNamespace, extra,
                         WriteOptions{u"kubectl-create"_s, {}, false, false}))
            done.append(
                QStringLiteral("Created ConfigMap %1/debug-overrides with label %2=%3, which git does not "
                               "have (kubectl-create).")
                    .arg(homeNamespace, label, value));
    }
    if (auto secret = firstSeeded(
            store, *secrets, [](const QJsonObject& o) { return !o.value(u"data"_s).toObject().isEmpty(); })) {
        const QJsonObject meta = secret->value(u"metadata"_s).toObject();
        const QString key = secret->value(u"data"_s).toObject().keys().first();
        auto changed = store.modify(
            *secrets, meta.value(u"namespace"_s).toString(), meta.value(u"name"_s).toString(),
            [&](const QJsonObject& current) -> ApiResult<QJsonObject> {
                QJsonObject next = current;
                QJsonObject d = next.value(u"data"_s).toObject();
                const QByteArray value =
                    QByteArray::fromBase64(d.value(key).toString().toLatin1()) + "-rotated";
                d.insert(key, QString::fromLatin1(value.toBase64()));
                next.insert(u"data"_s, d);
                return next;
            },
            WriteOptions{u"kubectl-edit"_s, {}, false, false});
        if (changed)
            done.append(QStringLiteral("Changed the value of key \"%1\" of Secret %2 (kubectl-edit).")
                            .arg(key, nameOf(*secret)));
    }
    return done;
}

} // namespace shiplog::core::demo
