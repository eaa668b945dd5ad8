// Rendering an environment: each unit's resources, kustomize units through the real kustomize on a
// temporary export of exactly the files they read (from git objects, never the working tree),
// plain folders through the shared parse cache; then the namespace each operator gives, and
// duplicate keys reported. Kustomize renders are cached by the blob ids of everything exported, in
// memory and (what kustomize printed) on disk.
#include "core/environment/render.h"

#include "core/common/recent_memo.h"
#include "core/environment/detect.h"
#include "core/environment/detection_cache.h"
#include "core/environment/kustomize_tool.h"
#include "core/environment/render_store.h"
#include "core/environment/rendered_text.h"
#include "core/git/objects.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <future>
#include <mutex>
#include <vector>

namespace shiplog::core::environment {

namespace {

struct UnitRender
{
    QList<RenderedResource> resources;
    QList<EnvironmentError> errors;
    bool failed = false; // nothing is known of its resources
};

// Kustomize renders by content: same tool, same wrapper, same blobs → same output.
class RenderCache
{
public:
    std::optional<UnitRender> find(const QByteArray& key)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.constFind(key);
        return it == m_entries.cend() ? std::nullopt : std::optional<UnitRender>(*it);
    }
    void insert(const QByteArray& key, const UnitRender& render)
    {
        std::lock_guard lock(m_mutex);
        if (m_entries.size() >= 256)
            m_entries.clear(); // a bound, not an LRU: renders are redone on demand
        m_entries.insert(key, render);
    }
    static RenderCache& shared()
    {
        static RenderCache cache;
        return cache;
    }

private:
    std::mutex m_mutex;
    QHash<QByteArray, UnitRender> m_entries;
};

QString kustomizeFileName(const QString& path)
{
    const QString name = path.section(u'/', -1);
    return name == u"kustomization.yaml" || name == u"kustomization.yml" || name == u"Kustomization"
               ? name
               : QString();
}

// Flux's generated kustomization for a path without one: every manifest file under it that holds
// Kubernetes objects, and the sub-folders with their own kustomization.yaml as they are.
QJsonArray generatedResources(const Snapshot& snapshot, const QString& root,
                              QList<git::FileVersion>& exported)
{
    const QList<git::FileVersion> files = snapshot.filesUnder(root);
    QStringList kustomized;
    for (const git::FileVersion& f : files)
        if (!kustomizeFileName(f.path).isEmpty())
            kustomized << folderOf(f.path);
    QJsonArray resources;
    const QString prefix = root.isEmpty() ? QString() : root + u'/';
    QStringList added;
    QList<git::ObjectId> ids;
    QList<git::FileVersion> manifests;
    for (const git::FileVersion& f : files) {
        const auto under = std::find_if(kustomized.cbegin(), kustomized.cend(), [&](const QString& k) {
            return k != root && (k.isEmpty() || f.path.startsWith(k + u'/'));
        });
        if (under != kustomized.cend()) {
            exported.append(f);
            // the topmost kustomized folder under root
            QString top = *under;
            for (const QString& k : kustomized)
                if (k != root && top.startsWith(k + u'/'))
                    top = k;
            if (!added.contains(top)) {
                added << top;
                resources.append(top.mid(prefix.size()));
            }
            continue;
        }
        if (manifest::isManifestPath(f.path)) {
            ids << f.id;
            manifests << f;
        }
    }
    const auto blobs =
        manifest::ParseCache::shared().getMany(snapshot.repository(), ids, manifest::ParseCache::Need::Keys);
    for (qsizetype i = 0; i < blobs.size(); ++i) {
        if (blobs.at(i)->resources.isEmpty())
            continue;
        exported.append(manifests.at(i));
        resources.append(manifests.at(i).path.mid(prefix.size()));
    }
    return resources;
}

QString clean(QString message, const QString& base)
{
    // kubectl prints through klog: `E1202 10:40:44.215 31620 run.go:72] "command failed" err="…"`.
    static const QRegularExpression klog(
        QStringLiteral("^E\\d{4} [0-9:.]+\\s+\\d+ \\S+\\] \"command failed\" err=\"(.*)\"\\s*$"),
        QRegularExpression::MultilineOption);
    message.replace(klog, QStringLiteral("\\1"));
    message.replace(QStringLiteral("../repo/"), QString());
    message.replace(base + QStringLiteral("/repo/"), QString());
    message.replace(base + u'/', QString());
    message.replace(base, QString());
    return message.trimmed();
}

// A kustomize render in two halves: what needs the repository (the export, the patches for
// provenance) on the caller's thread, then the process and the parsing, which may run beside others.
struct KustomizeJob
{
    const Unit* unit = nullptr;
    QString definition;
    KustomizeTool build;
    QByteArray key;
    std::shared_ptr<QTemporaryDir> dir;
    QList<KustomizeClosure::Patch> patches;
    std::optional<UnitRender> done;         // from the cache, or failed before any process ran
    std::optional<QByteArray> storedOutput; // kustomize's output from the render store: no process
    bool storable = false; // the output depends on the repository alone (no remote base, no chart)
};

KustomizeJob prepareKustomize(const Snapshot& snapshot, const Unit& unit)
{
    KustomizeJob job;
    job.unit = &unit;
    UnitRender result;
    const QString root = unit.paths.first();
    const QString definition = unit.generated ? unit.definition : snapshot.kustomizationIn(root);
    job.definition = definition;
    const auto tool = findKustomizeTool();
    result.failed = true; // until kustomize has answered
    if (!tool) {
        result.errors.append(
            {definition, 0,
             QStringLiteral("%1 not rendered: neither kustomize nor kubectl is on PATH").arg(unit.name)});
        job.done = result;
        return job;
    }
    // What to export: the unit's folders (their own files) and the files its kustomizations name.
    QList<git::FileVersion> exported;
    QJsonObject generated;
    if (unit.generated)
        generated.insert(QStringLiteral("resources"), generatedResources(snapshot, root, exported));
    for (const QString& path : unit.paths) {
        if (unit.generated && path == root)
            continue;
        if (snapshot.hasFile(path))
            exported.append({path, snapshot.blobId(path)});
        else
            exported += snapshot.filesUnder(path, false);
    }
    std::sort(exported.begin(), exported.end(),
              [](const git::FileVersion& a, const git::FileVersion& b) { return a.path < b.path; });
    exported.erase(
        std::unique(exported.begin(), exported.end(),
                    [](const git::FileVersion& a, const git::FileVersion& b) { return a.path == b.path; }),
        exported.end());

    QJsonObject wrapper = unit.kustomizeOptions;
    wrapper.insert(
        QStringLiteral("resources"),
        QJsonArray{root.isEmpty() ? QStringLiteral("../repo") : QStringLiteral("../repo/") + root});
    wrapper.insert(QStringLiteral("buildMetadata"), QJsonArray{QStringLiteral("originAnnotations")});
    if (wrapper.contains(u"components")) {
        QJsonArray components;
        for (const QJsonValue& c : wrapper.value(u"components").toArray())
            components.append(QStringLiteral("../repo/") + (root.isEmpty() ? QString() : root + u'/') +
                              c.toString());
        wrapper.insert(QStringLiteral("components"), components);
    }
    const QByteArray wrapperText = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    const QByteArray generatedText = generated.isEmpty() ? QByteArray() : QJsonDocument(generated).toJson();

    QCryptographicHash hash(QCryptographicHash::Sha1);
    // The tool's binary too: another kustomize version may render the same files differently.
    const QFileInfo binary(tool->program);
    hash.addData(tool->name.toUtf8() + (unit.helm ? "+helm" : "") + '\0' + tool->program.toUtf8() + '\0' +
                 QByteArray::number(binary.size()) + '\0' +
                 QByteArray::number(binary.lastModified().toMSecsSinceEpoch()) + '\0' + wrapperText + '\0' +
                 generatedText + '\0' + root.toUtf8() + '\0');
    for (const git::FileVersion& f : exported)
        hash.addData(f.path.toUtf8() + '\0' + f.id.toRaw());
    hash.addData(QJsonDocument(unit.substitute).toJson(QJsonDocument::Compact) +
                 (unit.substituteFromSecret ? "s" : "-"));
    const QByteArray key = hash.result();
    job.key = key;
    if (auto cached = RenderCache::shared().find(key)) {
        job.done = *cached;
        return job;
    }
    // Provenance: kustomize's origin annotation names the base file; patches aimed at it add theirs.
    // A remote base or a Helm chart is fetched by kustomize: such a render is not kept on disk.
    bool fetches = unit.helm;
    for (const QString& folder : unit.paths) {
        if (snapshot.kustomizationIn(folder).isEmpty())
            continue;
        const KustomizeClosure closure = kustomizeClosure(snapshot, folder);
        job.patches += closure.patches;
        fetches = fetches || closure.remote || closure.helmCharts;
    }
    job.storable = !fetches;
    if (RenderStore* store = RenderStore::shared(); store && job.storable) {
        if (auto output = store->find(key)) {
            job.storedOutput = std::move(*output);
            return job;
        }
    }

    job.dir = std::make_shared<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/shiplog-render-XXXXXX"));
    if (!job.dir->isValid()) {
        result.errors.append(
            {definition, 0,
             QStringLiteral("cannot create a temporary folder: %1").arg(job.dir->errorString())});
        job.done = result;
        return job;
    }
    const QString base = job.dir->path();
    const auto writeFile = [&](const QString& path, const QByteArray& bytes) {
        const QString target = base + u'/' + path;
        QDir().mkpath(QFileInfo(target).path());
        QFile file(target);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    for (const git::FileVersion& f : exported) {
        auto bytes = git::readBlob(snapshot.repository(), f.id);
        if (!bytes || !writeFile(QStringLiteral("repo/") + f.path, *bytes)) {
            result.errors.append(
                {f.path, 0,
                 bytes ? QStringLiteral("cannot be exported for kustomize") : bytes.error().message});
            job.done = result;
            return job;
        }
    }
    if (!generatedText.isEmpty())
        writeFile(QStringLiteral("repo/") + (root.isEmpty() ? QString() : root + u'/') +
                      QStringLiteral("kustomization.yaml"),
                  generatedText);
    writeFile(QStringLiteral("shiplog-render/kustomization.yaml"), wrapperText);

    job.build = *tool;
    if (unit.helm) // helmCharts: kustomize runs helm itself (helm is on PATH: renderIn checked)
        job.build.arguments << QStringLiteral("--enable-helm");
    return job;
}

UnitRender finishKustomize(const KustomizeJob& job)
{
    if (job.done)
        return *job.done;
    const Unit& unit = *job.unit;
    const QString& definition = job.definition;
    const KustomizeTool* tool = &job.build;
    const QByteArray& key = job.key;
    UnitRender result;
    result.failed = true;
    ToolRun run;
    if (job.storedOutput) {
        run.started = true;
        run.exitCode = 0;
        run.out = *job.storedOutput;
    } else {
        run =
            runKustomize(job.build, job.dir->path(), QStringLiteral("shiplog-render"), kustomizeTimeoutMs());
    }
    if (!run.started) {
        result.errors.append(
            {definition, 0,
             QStringLiteral("%1 did not start: %2").arg(tool->name, QString::fromUtf8(run.err))});
        return result;
    }
    if (run.timedOut) {
        result.errors.append({definition, 0,
                              QStringLiteral("%1 did not finish within %2 s and was stopped")
                                  .arg(tool->name)
                                  .arg(kustomizeTimeoutMs() / 1000.0)});
        return result; // not cached: a slow network may answer next time
    }
    if (run.exitCode != 0) {
        result.errors.append({definition, 0,
                              QStringLiteral("%1 failed: %2")
                                  .arg(tool->name, clean(QString::fromUtf8(run.err), job.dir->path()))});
        RenderCache::shared().insert(key, result);
        return result;
    }

    result.failed = false;
    const QList<KustomizeClosure::Patch>& patches = job.patches;
    static const QRegularExpression separator(QStringLiteral("^---\\s*$"),
                                              QRegularExpression::MultilineOption);
    const QString output = QString::fromUtf8(run.out);
    qsizetype start = 0;
    QList<QByteArray> documents;
    for (auto it = separator.globalMatch(output); it.hasNext();) {
        const auto m = it.next();
        documents << output.mid(start, m.capturedStart() - start).toUtf8();
        start = m.capturedEnd() + 1;
    }
    documents << output.mid(start).toUtf8();
    for (QByteArray& document : documents) {
        if (document.trimmed().isEmpty())
            continue;
        QString origin = takeOrigin(document);
        if (!unit.substitute.isEmpty() || unit.substituteFromSecret)
            document = substituteVariables(document, unit.substitute, unit.substituteFromSecret);
        const manifest::ParsedBlob parsed = manifest::parseManifest(document);
        if (parsed.error) {
            result.errors.append(
                {definition, 0,
                 QStringLiteral("%1 output does not parse: %2").arg(tool->name, parsed.error->message)});
            continue;
        }
        if (origin.startsWith(QLatin1String("../repo/")))
            origin = origin.mid(8);
        else if (origin == u"../repo")
            origin.clear();
        else if (!origin.isEmpty())
            origin = normalizePath(QStringLiteral("shiplog-render/") + origin)
                         .value_or(origin)
                         .remove(QRegularExpression(QStringLiteral("^repo/")));
        for (const manifest::Resource& r : parsed.resources) {
            RenderedResource rendered;
            rendered.resource = r;
            rendered.unit = unit.name;
            if (!origin.isEmpty())
                rendered.sources << origin;
            else
                rendered.sources << definition;
            for (const auto& p : patches)
                if ((p.kind.isEmpty() || p.kind == r.key.kind) &&
                    (p.name.isEmpty() || p.name == r.key.name) && !rendered.sources.contains(p.file))
                    rendered.sources << p.file;
            result.resources.append(rendered);
        }
    }
    RenderCache::shared().insert(key, result);
    // On disk for the next process, unless a Secret with values is among the objects (its values
    // stay out of the cache; an empty Secret, as installs ship them, holds none) or some document
    // did not parse (rendered again, so the error is seen again).
    const bool holdsSecretValues =
        std::any_of(result.resources.cbegin(), result.resources.cend(), [](const RenderedResource& r) {
            const QJsonObject& o = r.resource.object;
            return r.resource.key.group.isEmpty() && r.resource.key.kind == u"Secret" &&
                   (!o.value(u"data").toObject().isEmpty() || !o.value(u"stringData").toObject().isEmpty());
        });
    if (RenderStore* store = RenderStore::shared();
        store && job.storable && !job.storedOutput && !holdsSecretValues && result.errors.isEmpty())
        store->add(key, run.out);
    return result;
}

UnitRender renderKustomize(const Snapshot& snapshot, const Unit& unit)
{
    return finishKustomize(prepareKustomize(snapshot, unit));
}

bool matchesGlobs(const QString& relative, const QStringList& globs)
{
    const QString name = relative.section(u'/', -1);
    return std::any_of(globs.cbegin(), globs.cend(), [&](const QString& glob) {
        const auto re = QRegularExpression::fromWildcard(glob, Qt::CaseSensitive);
        return re.match(relative).hasMatch() || re.match(name).hasMatch();
    });
}

UnitRender renderFolder(const Snapshot& snapshot, const Unit& unit)
{
    UnitRender result;
    QList<git::FileVersion> files;
    for (const QString& path : unit.paths) {
        if (snapshot.hasFile(path)) {
            files.append({path, snapshot.blobId(path)});
            continue;
        }
        for (const git::FileVersion& f : snapshot.filesUnder(path, unit.recurse)) {
            if (!manifest::isManifestPath(f.path))
                continue;
            const QString relative = path.isEmpty() ? f.path : f.path.mid(path.size() + 1);
            if ((!unit.include.isEmpty() && !matchesGlobs(relative, unit.include)) ||
                (!unit.exclude.isEmpty() && matchesGlobs(relative, unit.exclude)))
                continue;
            files.append(f);
        }
    }
    QList<git::ObjectId> ids;
    for (const git::FileVersion& f : files)
        ids << f.id;
    const auto blobs = manifest::ParseCache::shared().getMany(snapshot.repository(), ids);
    for (qsizetype i = 0; i < blobs.size(); ++i) {
        if (blobs.at(i)->error)
            result.errors.append({files.at(i).path, blobs.at(i)->error->line, blobs.at(i)->error->message});
        for (const manifest::Resource& r : blobs.at(i)->resources) {
            if (r.key.group == u"kustomize.config.k8s.io")
                continue; // a kustomization file is not a Kubernetes object
            RenderedResource rendered;
            rendered.resource = r;
            rendered.unit = unit.name;
            rendered.sources << files.at(i).path;
            result.resources.append(rendered);
        }
    }
    return result;
}

// An Argo CD Helm source: `helm template` on an export of the chart folder and its value files.
UnitRender renderHelm(const Snapshot& snapshot, const Unit& unit)
{
    UnitRender result;
    result.failed = true;
    const QString chart = unit.paths.first();
    const QString definition = chart + QStringLiteral("/Chart.yaml");
    const QString helm = QStandardPaths::findExecutable(QStringLiteral("helm"));
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/shiplog-helm-XXXXXX"));
    if (helm.isEmpty() || !dir.isValid()) {
        result.errors.append(
            {definition, 0, QStringLiteral("%1 not rendered: helm not found").arg(unit.name)});
        return result;
    }
    QList<git::FileVersion> exported = snapshot.filesUnder(chart);
    for (const QString& path : unit.paths.mid(1))
        if (snapshot.hasFile(path))
            exported.append({path, snapshot.blobId(path)});
    for (const git::FileVersion& f : exported) {
        auto bytes = git::readBlob(snapshot.repository(), f.id);
        const QString target = dir.path() + QStringLiteral("/repo/") + f.path;
        QDir().mkpath(QFileInfo(target).path());
        QFile file(target);
        if (!bytes || !file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size()) {
            result.errors.append(
                {f.path, 0, bytes ? QStringLiteral("cannot be exported for helm") : bytes.error().message});
            return result;
        }
    }
    const QJsonObject options = unit.helmOptions;
    QStringList arguments{QStringLiteral("template"), options.value(u"releaseName").toString(),
                          QStringLiteral("repo/") + chart};
    if (!unit.namespaceName.isEmpty())
        arguments << QStringLiteral("--namespace") << unit.namespaceName;
    for (const QJsonValue& v : options.value(u"valueFiles").toArray())
        if (const auto file = resolveRelative(chart, v.toString()); file && snapshot.hasFile(*file))
            arguments << QStringLiteral("--values") << QStringLiteral("repo/") + *file;
    QByteArray inlineValues;
    if (options.value(u"values").isString())
        inlineValues = options.value(u"values").toString().toUtf8();
    else if (options.value(u"valuesObject").isObject())
        inlineValues = QJsonDocument(options.value(u"valuesObject").toObject()).toJson(); // JSON is YAML
    if (!inlineValues.isEmpty()) {
        QFile values(dir.path() + QStringLiteral("/inline-values.yaml"));
        if (values.open(QIODevice::WriteOnly) && values.write(inlineValues) == inlineValues.size())
            arguments << QStringLiteral("--values") << QStringLiteral("inline-values.yaml");
    }
    const ToolRun run = runTool(helm, arguments, dir.path(), kustomizeTimeoutMs());
    if (!run.started || run.timedOut || run.exitCode != 0) {
        result.errors.append({definition, 0,
                              run.timedOut
                                  ? QStringLiteral("helm template did not finish within %1 s and was stopped")
                                        .arg(kustomizeTimeoutMs() / 1000.0)
                                  : QStringLiteral("helm template failed: %1")
                                        .arg(clean(QString::fromUtf8(run.err), dir.path()))});
        return result;
    }
    result.failed = false;
    // helm writes "# Source: <chart>/templates/x.yaml" above each document: the file it came from.
    static const QRegularExpression separator(QStringLiteral("^---\\s*$"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression source(QStringLiteral("^# Source: [^/]+/(.*)$"),
                                           QRegularExpression::MultilineOption);
    const QString output = QString::fromUtf8(run.out);
    for (const QString& document : output.split(separator)) {
        if (document.trimmed().isEmpty())
            continue;
        const auto m = source.match(document);
        const manifest::ParsedBlob parsed = manifest::parseManifest(document.toUtf8());
        if (parsed.error) {
            result.errors.append(
                {definition, 0,
                 QStringLiteral("helm template output does not parse: %1").arg(parsed.error->message)});
            continue;
        }
        for (const manifest::Resource& r : parsed.resources) {
            RenderedResource rendered;
            rendered.resource = r;
            rendered.unit = unit.name;
            rendered.sources << (m.hasMatch() ? chart + u'/' + m.captured(1).trimmed() : definition);
            result.resources.append(rendered);
        }
    }
    return result;
}

RenderedEnvironment renderIn(const Snapshot& snapshot, const Environment& environment)
{
    RenderedEnvironment out;
    out.environment = environment;
    out.errors = environment.errors;
    // Kustomize processes run side by side (one per core); everything else here reads the repository.
    QList<KustomizeJob> jobs(environment.units.size());
    for (qsizetype i = 0; i < environment.units.size(); ++i) {
        const Unit& unit = environment.units.at(i);
        if (unit.kustomize && unit.source.isEmpty() && !unit.paths.isEmpty() &&
            !(unit.helm && !helmAvailable()) &&
            (unit.paths.first().isEmpty() || snapshot.hasFolder(unit.paths.first()) ||
             snapshot.hasFile(unit.paths.first())))
            jobs[i] = prepareKustomize(snapshot, unit);
    }
    QList<std::optional<UnitRender>> kustomized(environment.units.size());
    const int parallel = std::max(1, QThread::idealThreadCount());
    for (qsizetype first = 0; first < jobs.size(); first += parallel) {
        std::vector<std::pair<qsizetype, std::future<UnitRender>>> running;
        for (qsizetype i = first; i < std::min(jobs.size(), first + parallel); ++i)
            if (jobs.at(i).unit)
                running.emplace_back(i,
                                     std::async(std::launch::async, finishKustomize, std::cref(jobs.at(i))));
        for (auto& [i, future] : running)
            kustomized[i] = future.get();
    }
    QList<QList<RenderedResource>> perUnit;
    for (qsizetype index = 0; index < environment.units.size(); ++index) {
        const Unit& unit = environment.units.at(index);
        UnitRender render;
        if (!unit.source.isEmpty() || unit.paths.isEmpty() || (unit.helm && !helmAvailable()) ||
            (!unit.paths.first().isEmpty() && !snapshot.hasFolder(unit.paths.first()) &&
             !snapshot.hasFile(unit.paths.first())))
            ; // another repository, a chart without helm, a missing path: said at detection
        else if (unit.kustomize)
            render = kustomized.at(index) ? *kustomized.at(index) : renderKustomize(snapshot, unit);
        else if (unit.helm)
            render = renderHelm(snapshot, unit);
        else
            render = renderFolder(snapshot, unit);
        out.errors += render.errors;
        if (render.failed)
            out.failedUnits << unit.name;
        perUnit.append(render.resources);
    }
    // The namespace the operator gives to namespaced objects without one.
    QList<manifest::Resource> all;
    for (const auto& list : perUnit)
        for (const RenderedResource& r : list)
            all.append(r.resource);
    const QHash<QString, bool> scopes = crdScopes(all);
    QHash<manifest::ResourceKey, QString> seen; // key → where it was first defined
    int total = 0;
    for (qsizetype u = 0; u < perUnit.size(); ++u) {
        Unit& unit = out.environment.units[u];
        int count = 0;
        for (RenderedResource& r : perUnit[u]) {
            if (r.resource.key.namespaceName.isEmpty() && !unit.namespaceName.isEmpty() &&
                !isClusterScoped(r.resource.key, scopes))
                setNamespace(r.resource, unit.namespaceName);
            const QString where = r.sources.value(0);
            if (const auto it = seen.constFind(r.resource.key); it != seen.cend()) {
                out.errors.append({where, r.resource.line,
                                   QStringLiteral("%1 is defined twice (first in %2)")
                                       .arg(r.resource.key.displayName(), *it)});
                continue;
            }
            seen.insert(r.resource.key, where);
            out.resources.append(r);
            ++count;
        }
        unit.resources = count;
        total += count;
    }
    out.environment.resources = total;
    return out;
}

} // namespace

Result<Environments> detectEnvironments(const git::Repository& repo, const QString& revision)
{
    auto snapshot = Snapshot::open(repo, revision);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    return detectIn(*snapshot);
}

Result<RenderedEnvironment> renderEnvironment(const git::Repository& repo, const QString& revision,
                                              const QString& environmentName)
{
    auto snapshot = Snapshot::open(repo, revision);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    // The last renders, by what they are a function of: the tree, the environment, and what
    // detection reads besides the tree (the remotes, whether helm is here). A timeline through an
    // environment renders most revisions twice (as a commit and as the next one's parent), and the
    // Changes tab asks again for the commit it shows. A render with a failed unit is not kept: the
    // tool may work next time.
    static RecentMemo<QString, RenderedEnvironment, 8> recent;
    const DetectionInputs inputs = detectionInputs(*snapshot);
    const QString key = inputs.key + u'\n' + environmentName;
    if (auto found = recent.find(key))
        return *found;
    const Environments environments = detectIn(*snapshot, inputs);
    const Environment* env = environments.find(environmentName);
    if (!env)
        return std::unexpected(environments.unknown(environmentName));
    RenderedEnvironment rendered = renderIn(*snapshot, *env);
    if (rendered.failedUnits.isEmpty())
        recent.insert(key, std::make_shared<const RenderedEnvironment>(rendered));
    return rendered;
}

Result<RenderedEnvironment> renderEnvironment(const QString& repositoryPath, const QString& revision,
                                              const QString& environmentName)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    return renderEnvironment(*repo, revision, environmentName);
}

Result<QList<RenderedEnvironment>> renderEnvironments(const git::Repository& repo, const QString& revision)
{
    auto snapshot = Snapshot::open(repo, revision);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    QList<RenderedEnvironment> result;
    for (const Environment& env : detectIn(*snapshot).environments)
        result.append(renderIn(*snapshot, env));
    return result;
}

Result<QList<RenderedEnvironment>> renderEnvironments(const QString& repositoryPath, const QString& revision)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    return renderEnvironments(*repo, revision);
}

QStringList readPaths(const Environment& environment)
{
    QStringList paths;
    for (const Unit& unit : environment.units)
        for (const QStringList* list : {&unit.paths, &unit.alsoReads})
            for (QString p : *list) {
                if (p.endsWith(u'/'))
                    p.chop(1);
                if (!paths.contains(p))
                    paths << p;
            }
    return paths;
}

namespace {

bool under(const QString& path, const QString& folder)
{
    return folder.isEmpty() || path == folder || path.startsWith(folder + u'/');
}

bool unitReads(const Unit& unit, const QString& path)
{
    for (const QString& also : unit.alsoReads)
        if (under(path, also.endsWith(u'/') ? also.chopped(1) : also))
            return true;
    if (!unit.reads.isEmpty()) {
        return std::any_of(unit.reads.cbegin(), unit.reads.cend(), [&path](const QString& r) {
            return r.endsWith(u'/') ? path.startsWith(r) : path == r;
        });
    }
    for (const QString& p : unit.paths) {
        if (p.isEmpty() && unit.include.isEmpty() && unit.exclude.isEmpty())
            return true; // the whole repository
        if (path == p)
            return true;
        if (!under(path, p))
            continue;
        if (unit.generated || unit.kustomize || unit.helm)
            return true; // Flux reads every file under the path (its generated kustomization); a
                         // chart reads its templates, helpers and values
        const QString relative = p.isEmpty() ? path : path.mid(p.size() + 1);
        if (!unit.recurse && relative.contains(u'/'))
            continue;
        if (!manifest::isManifestPath(path))
            continue;
        if ((!unit.include.isEmpty() && !matchesGlobs(relative, unit.include)) ||
            (!unit.exclude.isEmpty() && matchesGlobs(relative, unit.exclude)))
            continue;
        return true;
    }
    return false;
}

} // namespace

bool reads(const Environment& environment, const QString& path)
{
    return std::any_of(environment.units.cbegin(), environment.units.cend(),
                       [&path](const Unit& unit) { return unitReads(unit, path); });
}

} // namespace shiplog::core::environment
