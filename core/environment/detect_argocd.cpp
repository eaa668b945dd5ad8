// Argo CD: each Application (and each element of an ApplicationSet's list or git-directory
// generator) whose source is this repository is a unit; units group into environments by
// destination cluster. Applications of other repositories are listed as such, not rendered.
#include "core/environment/detect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace shiplog::core::environment {

namespace {

bool isArgo(const FoundObject& o, const char* kind)
{
    return o.apiGroup() == u"argoproj.io" && o.kind() == QLatin1String(kind);
}

QString clusterOf(const QJsonObject& destination)
{
    const QString name = destination.value(u"name").toString();
    if (!name.isEmpty())
        return name;
    const QString server = destination.value(u"server").toString();
    if (server.isEmpty() || server == u"https://kubernetes.default.svc")
        return QStringLiteral("in-cluster"); // Argo CD's name for the cluster it runs in
    return server;
}

// {{.x}}, {{ .x }}, {{x}}, {{ x }} (Go templates and Argo CD's fasttemplate) → the element's values.
QJsonObject fillTemplate(const QJsonObject& templ, const QHash<QString, QString>& params)
{
    QString text = QString::fromUtf8(QJsonDocument(templ).toJson(QJsonDocument::Compact));
    static const QRegularExpression placeholder(
        QStringLiteral("\\{\\{-?\\s*\\.?([A-Za-z0-9_.\\[\\]]+)\\s*-?\\}\\}"));
    QString filled;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        filled += text.mid(last, m.capturedStart() - last);
        const QString key = m.captured(1);
        const QString value = params.value(key, m.captured(0));
        // The value goes inside a JSON string: escape it as one.
        filled += QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                      .mid(2)
                      .chopped(2);
        last = m.capturedEnd();
    }
    filled += text.mid(last);
    return QJsonDocument::fromJson(filled.toUtf8()).object();
}

class ArgoUnits
{
public:
    ArgoUnits(const Snapshot& snapshot, const QStringList& remoteUrls)
        : m_snapshot(snapshot), m_remotes(remoteUrls)
    {
    }

    void application(const QString& file, int line, const QString& name, const QJsonObject& spec)
    {
        const QString cluster = clusterOf(spec.value(u"destination").toObject());
        Environment& env = environment(cluster, file);
        QJsonArray sources = spec.value(u"sources").toArray();
        if (spec.contains(u"source"))
            sources.prepend(spec.value(u"source"));
        for (const QJsonValue& s : sources) {
            const QJsonObject source = s.toObject();
            Unit unit;
            unit.name = name;
            unit.definition = file;
            unit.namespaceName = spec.value(u"destination").toObject().value(u"namespace").toString();
            const QString url = source.value(u"repoURL").toString();
            if (!isThisRepository(url, m_remotes)) {
                unit.source = url;
                env.units.append(unit);
                continue;
            }
            const QString raw = source.value(u"path").toString();
            const auto path = normalizePath(raw);
            if (!path || raw.startsWith(u'/')) {
                env.errors.append({file, line,
                                   QStringLiteral("Application '%1': source path '%2' points outside the "
                                                  "repository")
                                       .arg(name, raw)});
                env.units.append(unit);
                continue;
            }
            unit.paths = {*path};
            if (!m_snapshot.hasFolder(*path)) {
                env.errors.append(
                    {file, line,
                     QStringLiteral("Application '%1': source path '%2' does not exist in the repository")
                         .arg(name, raw)});
                env.units.append(unit);
                continue;
            }
            if (m_snapshot.hasFile(*path + QStringLiteral("/Chart.yaml")) || source.contains(u"chart") ||
                source.contains(u"helm")) {
                unit.helm = true;
                unit.helmOptions = source.value(u"helm").toObject();
                if (!unit.helmOptions.contains(u"releaseName"))
                    unit.helmOptions.insert(QStringLiteral("releaseName"), name);
                for (const QJsonValue& v : unit.helmOptions.value(u"valueFiles").toArray())
                    if (const auto file = resolveRelative(*path, v.toString());
                        file && !unit.paths.contains(*file) && !file->startsWith(*path + u'/'))
                        unit.paths << *file;
                if (!helmAvailable())
                    env.errors.append(
                        {*path + QStringLiteral("/Chart.yaml"), 0,
                         QStringLiteral("Application '%1' not rendered: helm not found").arg(name)});
            } else if (!m_snapshot.kustomizationIn(*path).isEmpty()) {
                unit.kustomize = true;
                const QJsonObject k = source.value(u"kustomize").toObject();
                for (const char* key : {"namePrefix", "nameSuffix", "namespace", "images", "commonLabels",
                                        "commonAnnotations", "components", "patches"})
                    if (k.contains(QLatin1String(key)))
                        unit.kustomizeOptions.insert(QLatin1String(key), k.value(QLatin1String(key)));
                completeUnit(m_snapshot, unit, env.errors);
            } else {
                const QJsonObject d = source.value(u"directory").toObject();
                unit.recurse = d.value(u"recurse").toBool(false);
                for (const auto& [key, list] :
                     {std::pair{"include", &unit.include}, std::pair{"exclude", &unit.exclude}}) {
                    // "{a.yaml,b.yaml}" or one glob
                    QString globs = d.value(QLatin1String(key)).toString();
                    if (globs.startsWith(u'{') && globs.endsWith(u'}'))
                        globs = globs.mid(1).chopped(1);
                    for (const QString& g : globs.split(u',', Qt::SkipEmptyParts))
                        list->append(g.trimmed());
                }
            }
            env.units.append(unit);
        }
    }

    void applicationSet(const FoundObject& o)
    {
        const QJsonObject spec = o.object.value(u"spec").toObject();
        const QJsonObject templ = spec.value(u"template").toObject();
        bool any = false;
        for (const QJsonValue& g : spec.value(u"generators").toArray()) {
            const QJsonObject generator = g.toObject();
            for (const QJsonValue& e : generator.value(u"list").toObject().value(u"elements").toArray()) {
                QHash<QString, QString> params;
                const QJsonObject element = e.toObject();
                for (auto it = element.begin(); it != element.end(); ++it)
                    params.insert(
                        it.key(),
                        it.value().isString()
                            ? it.value().toString()
                            : QString::fromUtf8(
                                  QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact))
                                  .mid(1)
                                  .chopped(1));
                add(o, templ, params);
                any = true;
            }
            const QJsonObject git = generator.value(u"git").toObject();
            if (!git.isEmpty() && isThisRepository(git.value(u"repoURL").toString(), m_remotes)) {
                QStringList included, excluded;
                for (const QJsonValue& d : git.value(u"directories").toArray())
                    (d.toObject().value(u"exclude").toBool() ? excluded : included)
                        << d.toObject().value(u"path").toString();
                for (const QString& folder : folders()) {
                    const auto matches = [&](const QStringList& globs) {
                        return std::any_of(globs.cbegin(), globs.cend(), [&](const QString& glob) {
                            return QRegularExpression::fromWildcard(
                                       glob, Qt::CaseSensitive, QRegularExpression::DefaultWildcardConversion)
                                .match(folder)
                                .hasMatch();
                        });
                    };
                    if (!matches(included) || matches(excluded))
                        continue;
                    const QString base = folder.section(u'/', -1);
                    add(o, templ,
                        {{QStringLiteral("path"), folder},
                         {QStringLiteral("path.path"), folder},
                         {QStringLiteral("path.basename"), base},
                         {QStringLiteral("path.basenameNormalized"), base.toLower().replace(u'_', u'-')},
                         {QStringLiteral("path[0]"), folder.section(u'/', 0, 0)}});
                    any = true;
                }
            }
        }
        if (!any)
            environment(QStringLiteral("in-cluster"), o.path)
                .errors.append(
                    {o.path, o.line,
                     QStringLiteral("ApplicationSet '%1': only list and git-directory generators are read")
                         .arg(o.name())});
    }

    QList<Environment> result() const { return m_environments; }

private:
    void add(const FoundObject& o, const QJsonObject& templ, const QHash<QString, QString>& params)
    {
        const QJsonObject app = fillTemplate(templ, params);
        application(o.path, o.line, app.value(u"metadata").toObject().value(u"name").toString(),
                    app.value(u"spec").toObject());
    }

    QStringList folders() const
    {
        QSet<QString> seen;
        QStringList result;
        for (const git::FileVersion& f : m_snapshot.files())
            for (QString folder = folderOf(f.path); !folder.isEmpty() && !seen.contains(folder);
                 folder = folderOf(folder)) {
                seen.insert(folder);
                result << folder;
            }
        result.sort();
        return result;
    }

    Environment& environment(const QString& cluster, const QString& file)
    {
        for (Environment& env : m_environments)
            if (env.name == cluster)
                return env;
        Environment env;
        env.name = cluster;
        env.cluster = cluster;
        env.layout = Layout::ArgoCd;
        env.definition = file;
        m_environments.append(env);
        return m_environments.last();
    }

    const Snapshot& m_snapshot;
    const QStringList m_remotes;
    QList<Environment> m_environments;
};

} // namespace

std::optional<Environments> detectArgoCd(const Snapshot& snapshot, const QStringList& remoteUrls)
{
    ArgoUnits units(snapshot, remoteUrls);
    bool any = false;
    for (const FoundObject& o : findObjects(snapshot, {QByteArrayLiteral("argoproj.io")})) {
        if (isArgo(o, "Application")) {
            units.application(o.path, o.line, o.name(), o.object.value(u"spec").toObject());
            any = true;
        } else if (isArgo(o, "ApplicationSet")) {
            units.applicationSet(o);
            any = true;
        }
    }
    if (!any)
        return std::nullopt;
    Environments result;
    result.revision = snapshot.commit();
    result.layout = Layout::ArgoCd;
    result.environments = units.result();
    return result;
}

} // namespace shiplog::core::environment
