// What a kustomization reads from the repository: the export for `kustomize build` holds exactly
// these folders and files, and a commit changes an environment's render only by touching them.
#include "core/environment/detect.h"
#include "core/manifest/yaml_reader.h"

#include <QJsonArray>

namespace shiplog::core::environment {

namespace {

bool isRemote(const QString& entry)
{
    return entry.contains(QLatin1String("://")) || entry.startsWith(QLatin1String("github.com/")) ||
           entry.startsWith(QLatin1String("git@")) || entry.contains(QLatin1String("?ref="));
}

class ClosureWalker
{
public:
    ClosureWalker(const Snapshot& snapshot, KustomizeClosure& out) : m_snapshot(snapshot), m_out(out) {}

    void visit(const QString& folder)
    {
        if (m_stack.contains(folder)) {
            QStringList cycle = m_stack.mid(m_stack.indexOf(folder));
            cycle << folder;
            m_out.errors.append({m_snapshot.kustomizationIn(m_stack.last()), 0,
                                 QStringLiteral("kustomizations include each other: %1")
                                     .arg(cycle.join(QStringLiteral(" → ")))});
            return;
        }
        if (m_out.folders.contains(folder))
            return;
        m_out.folders << folder;
        const QString file = m_snapshot.kustomizationIn(folder);
        if (file.isEmpty())
            return; // kustomize says so itself, with its own words
        auto bytes = m_snapshot.read(file);
        if (!bytes || !*bytes) {
            m_out.errors.append({file, 0, bytes ? QStringLiteral("cannot be read") : bytes.error().message});
            return;
        }
        const auto read = manifest::readYamlDocuments((*bytes)->toStdString());
        if (read.error) {
            m_out.errors.append({file, read.error->line + 1, read.error->message});
            return;
        }
        if (read.documents.isEmpty() || !read.documents.first().value.isObject())
            return;
        const QJsonObject k = read.documents.first().value.toObject();
        m_stack << folder;
        for (const char* key : {"resources", "bases", "components"})
            for (const QJsonValue& v : k.value(QLatin1String(key)).toArray())
                entry(folder, file, v.toString(), true);
        for (const char* key : {"patchesStrategicMerge", "crds", "generators", "transformers", "validators"})
            for (const QJsonValue& v : k.value(QLatin1String(key)).toArray())
                if (!v.toString().contains(u'\n')) {
                    const std::string_view name(key);
                    entry(folder, file, v.toString(), name == "generators" || name == "transformers");
                    if (name == "patchesStrategicMerge")
                        patch(folder, v.toString(), {});
                }
        for (const char* key : {"patches", "patchesJson6902", "replacements"})
            for (const QJsonValue& v : k.value(QLatin1String(key)).toArray())
                if (v.isObject() && v.toObject().contains(u"path")) {
                    entry(folder, file, v.toObject().value(u"path").toString(), false);
                    if (std::string_view(key) != "replacements")
                        patch(folder, v.toObject().value(u"path").toString(),
                              v.toObject().value(u"target").toObject());
                }
        for (const char* key : {"configMapGenerator", "secretGenerator"})
            for (const QJsonValue& g : k.value(QLatin1String(key)).toArray()) {
                const QJsonObject generator = g.toObject();
                QStringList names;
                for (const QJsonValue& f : generator.value(u"files").toArray())
                    names << f.toString().section(u'=', -1);
                for (const QJsonValue& f : generator.value(u"envs").toArray())
                    names << f.toString();
                if (generator.value(u"env").isString())
                    names << generator.value(u"env").toString();
                for (const QString& name : names)
                    entry(folder, file, name, false);
            }
        for (const QJsonValue& v : k.value(u"configurations").toArray())
            entry(folder, file, v.toString(), false); // transformer configurations
        if (const QString openapi = k.value(u"openapi").toObject().value(u"path").toString();
            !openapi.isEmpty())
            entry(folder, file, openapi, false);
        if (k.contains(u"helmCharts")) {
            m_out.helmCharts = true;
            // Local charts live in the chart home (default "charts"); charts pulled from a
            // repository land there too, so it need not exist.
            const QString home =
                k.value(u"helmGlobals").toObject().value(u"chartHome").toString(QStringLiteral("charts"));
            if (const auto tree = resolveRelative(folder, home); tree && !m_out.trees.contains(*tree))
                m_out.trees << *tree;
            for (const QJsonValue& c : k.value(u"helmCharts").toArray()) {
                const QJsonObject chart = c.toObject();
                entry(folder, file, chart.value(u"valuesFile").toString(), false);
                for (const QJsonValue& v : chart.value(u"additionalValuesFiles").toArray())
                    entry(folder, file, v.toString(), false);
            }
        }
        m_stack.removeLast();
    }

private:
    void patch(const QString& folder, const QString& name, const QJsonObject& target)
    {
        const auto path = resolveRelative(folder, name);
        if (!path || !m_snapshot.hasFile(*path))
            return;
        KustomizeClosure::Patch p{*path, target.value(u"kind").toString(), target.value(u"name").toString()};
        if (target.isEmpty()) {
            // No target: the patch names its resource itself (strategic merge).
            if (const auto parsed = m_snapshot.parsed(*path); parsed && !parsed->resources.isEmpty()) {
                p.kind = parsed->resources.first().key.kind;
                p.name = parsed->resources.first().key.name;
            }
        }
        m_out.patches.append(p);
    }

    void entry(const QString& folder, const QString& file, const QString& name, bool mayBeFolder)
    {
        if (name.isEmpty())
            return;
        if (isRemote(name)) {
            m_out.remote = true;
            return; // remote bases are fetched by kustomize itself
        }
        const auto path = resolveRelative(folder, name);
        if (!path) {
            m_out.errors.append({file, 0, QStringLiteral("'%1' lies outside the repository").arg(name)});
            return;
        }
        if (mayBeFolder && m_snapshot.hasFolder(*path) && !m_snapshot.hasFile(*path)) {
            visit(*path);
            return;
        }
        if (m_snapshot.hasFile(*path)) {
            if (!m_out.files.contains(*path))
                m_out.files << *path;
            return;
        }
        m_out.errors.append({file, 0, QStringLiteral("'%1' does not exist (%2)").arg(name, *path)});
    }

    const Snapshot& m_snapshot;
    KustomizeClosure& m_out;
    QStringList m_stack;
};

} // namespace

KustomizeClosure kustomizeClosure(const Snapshot& snapshot, const QString& folder)
{
    KustomizeClosure closure;
    ClosureWalker(snapshot, closure).visit(folder);
    return closure;
}

} // namespace shiplog::core::environment
