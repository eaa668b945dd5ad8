#include "core/environment/compare.h"

#include "core/diff/field_diff.h"
#include "core/environment/releases.h"
#include "core/environment/value_blame.h"
#include "core/git/repository.h"

#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace shiplog::core::environment {

namespace {

using manifest::ResourceKey;

// The namespaces an environment gives its resources: its units' and its own name (Jenkins X names
// an environment by its namespace).
QStringList namespacesOf(const Environment& environment)
{
    QStringList names;
    for (const Unit& unit : environment.units)
        if (!unit.namespaceName.isEmpty() && !names.contains(unit.namespaceName))
            names.append(unit.namespaceName);
    if (!names.contains(environment.name))
        names.append(environment.name);
    return names;
}

// The namespace most of an environment's resources are in ("" when none is namespaced).
QString mainNamespace(const RenderedEnvironment& environment)
{
    QHash<QString, int> counts;
    for (const RenderedResource& r : environment.resources)
        if (!r.resource.key.namespaceName.isEmpty())
            ++counts[r.resource.key.namespaceName];
    QString best;
    int bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > bestCount || (it.value() == bestCount && it.key() < best)) {
            best = it.key();
            bestCount = it.value();
        }
    return best;
}

// A's namespace → B's: the same unit's namespaces on both sides, then the namespace each side puts
// most of its resources in. Namespaces not mapped stay as they are (a shared `cert-manager`).
QHash<QString, QString> namespaceMap(const RenderedEnvironment& a, const RenderedEnvironment& b)
{
    QHash<QString, QString> map;
    for (const Unit& unitA : a.environment.units)
        for (const Unit& unitB : b.environment.units)
            if (unitA.name == unitB.name && !unitA.namespaceName.isEmpty() && !unitB.namespaceName.isEmpty())
                map.insert(unitA.namespaceName, unitB.namespaceName);
    const QString mainA = mainNamespace(a);
    const QString mainB = mainNamespace(b);
    if (!mainA.isEmpty() && !mainB.isEmpty() && !map.contains(mainA))
        map.insert(mainA, mainB);
    if (!map.contains(a.environment.name) && b.environment.name != a.environment.name)
        map.insert(a.environment.name, b.environment.name);
    return map;
}

struct Identity
{
    QString group, kind, name;
    bool operator==(const Identity&) const = default;
};
size_t qHash(const Identity& id, size_t seed = 0) noexcept
{
    return qHashMulti(seed, id.group, id.kind, id.name);
}

ResourceComparison one(const RenderedResource& r, CompareStatus status)
{
    ResourceComparison c;
    c.group = r.resource.key.group;
    c.kind = r.resource.key.kind;
    c.name = r.resource.key.name;
    c.status = status;
    if (status == CompareStatus::OnlyA) {
        c.namespaceA = r.resource.key.namespaceName;
        c.sourcesA = r.sources;
        c.textA = r.resource.text;
    } else {
        c.namespaceB = r.resource.key.namespaceName;
        c.sourcesB = r.sources;
        c.textB = r.resource.text;
    }
    return c;
}

ResourceComparison pair(const RenderedResource& a, const RenderedResource& b, bool namespacesMapped)
{
    ResourceComparison c;
    c.group = a.resource.key.group;
    c.kind = a.resource.key.kind;
    c.name = a.resource.key.name;
    c.namespaceA = a.resource.key.namespaceName;
    c.namespaceB = b.resource.key.namespaceName;
    c.sourcesA = a.sources;
    c.sourcesB = b.sources;
    c.textA = a.resource.text;
    c.textB = b.resource.text;
    if (a.resource.digest == b.resource.digest && !a.resource.digest.isEmpty()) {
        c.status = CompareStatus::Same;
        return c;
    }
    for (const diff::FieldChange& change : diff::diffFields(a.resource.object, b.resource.object)) {
        // The namespace is what the environments are expected to differ in, once mapped.
        if (namespacesMapped && change.path == u"metadata.namespace")
            continue;
        c.fields.append(FieldDifference{change.path, change.oldValue, change.newValue, {}, {}, {}, {}});
    }
    c.status = c.fields.isEmpty() ? CompareStatus::Same : CompareStatus::Differs;
    return c;
}

// The text a scalar has in YAML ("" for null, objects and lists).
QString scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

// The last key of a field path: `image` of `spec.template.spec.containers[name=web].image`,
// `app.kubernetes.io/name` of `metadata.labels["app.kubernetes.io/name"]`; "" for a list item
// (`hostnames[0]`: YAML writes it as `- value`, on a line of its own).
QString lastKey(const QString& path)
{
    static const QRegularExpression quoted(QStringLiteral(R"re(\["([^"]+)"\]$)re"));
    if (const auto m = quoted.match(path); m.hasMatch())
        return m.captured(1);
    if (path.endsWith(u']'))
        return {};
    return path.section(u'.', -1);
}

// The first scalar of a value with the key it is written under: (`enable`, `false`) for
// `{"enable": false}`; a scalar keeps `key`.
std::pair<QString, QString> firstScalar(const QJsonValue& value, const QString& key)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (const auto found = firstScalar(it.value(), it.key()); !found.second.isEmpty())
                return found;
        return {};
    }
    if (value.isArray()) {
        for (const QJsonValue& inner : value.toArray())
            if (const auto found = firstScalar(inner, {}); !found.second.isEmpty())
                return found;
        return {};
    }
    return {key, scalarText(value)};
}

// A file holds the value when one of its lines has both the field's key and the value's text — a
// bounded, format-agnostic test that also finds values in patches and helm values files.
ValueBlame::Predicate holdsField(const QString& path, const QJsonValue& value, const QJsonValue& other)
{
    auto [keyText, valueText] = firstScalar(value, lastKey(path));
    if (valueText.contains(u'\n')) {
        // A block of text (a patch, a script): the first of its lines the other side lacks.
        const QString otherText = other.toString();
        const QStringList lines = valueText.split(u'\n', Qt::SkipEmptyParts);
        const auto own = std::find_if(lines.cbegin(), lines.cend(),
                                      [&](const QString& line) { return !otherText.contains(line); });
        valueText = (own != lines.cend() ? *own : lines.value(0)).trimmed();
        keyText.clear();
    }
    const QByteArray key = keyText.toUtf8();
    const QByteArray text = valueText.toUtf8();
    if (text.isEmpty())
        return {};
    return [key, text](const QByteArray& bytes) {
        qsizetype at = 0;
        while ((at = bytes.indexOf(text, at)) >= 0) {
            const qsizetype start = bytes.lastIndexOf('\n', at) + 1;
            qsizetype end = bytes.indexOf('\n', at);
            if (end < 0)
                end = bytes.size();
            if (key.isEmpty() || bytes.mid(start, end - start).contains(key))
                return true;
            at = end;
        }
        return false;
    };
}

Result<void> blame(EnvironmentComparison& comparison, const QString& repositoryPath,
                   const CompareOptions& options)
{
    ValueBlame blamer(repositoryPath, comparison.revision, options.blameDepth);
    blamer.setFollowRegenerations(options.followRegenerations);
    for (ResourceComparison& resource : comparison.resources) {
        if (options.cancelled && options.cancelled())
            return fail(QStringLiteral("Cancelled"));
        for (FieldDifference& field : resource.fields) {
            if (const auto holds = holdsField(field.path, field.a, field.b)) {
                auto found = blamer.commitThatSet(resource.sourcesA, holds);
                if (!found)
                    return std::unexpected(found.error());
                field.commitA = found->id;
                field.subjectA = found->subject;
                field.appliedByA = found->appliedBy;
                field.appliedBySubjectA = found->appliedBySubject;
            }
            if (const auto holds = holdsField(field.path, field.b, field.a)) {
                auto found = blamer.commitThatSet(resource.sourcesB, holds);
                if (!found)
                    return std::unexpected(found.error());
                field.commitB = found->id;
                field.subjectB = found->subject;
                field.appliedByB = found->appliedBy;
                field.appliedBySubjectB = found->appliedBySubject;
            }
        }
    }
    return {};
}

// Flux HelmReleases' chart versions, by name.
QMap<QString, QString> helmReleaseVersions(const RenderedEnvironment& environment)
{
    QMap<QString, QString> versions;
    for (const RenderedResource& r : environment.resources) {
        if (r.resource.key.group != u"helm.toolkit.fluxcd.io" || r.resource.key.kind != u"HelmRelease")
            continue;
        const QJsonObject spec = r.resource.object.value(u"spec").toObject();
        // A chartRef (OCIRepository, HelmChart) carries its version elsewhere: not a release row.
        const QString version =
            spec.value(u"chart").toObject().value(u"spec").toObject().value(u"version").toString();
        if (!version.isEmpty())
            versions.insert(r.resource.key.name, version);
    }
    return versions;
}

} // namespace

QString compareStatusName(CompareStatus status)
{
    switch (status) {
    case CompareStatus::OnlyA:
        return QStringLiteral("only-a");
    case CompareStatus::OnlyB:
        return QStringLiteral("only-b");
    case CompareStatus::Same:
        return QStringLiteral("same");
    case CompareStatus::Differs:
        return QStringLiteral("differs");
    }
    return {};
}

int EnvironmentComparison::count(CompareStatus status) const
{
    return int(std::count_if(resources.cbegin(), resources.cend(),
                             [status](const ResourceComparison& r) { return r.status == status; }));
}

EnvironmentComparison compareRendered(const RenderedEnvironment& a, const RenderedEnvironment& b)
{
    EnvironmentComparison comparison;
    comparison.a = a.environment.name;
    comparison.b = b.environment.name;
    // The render repeats detection's errors at times: each once.
    const auto unique = [](const QList<EnvironmentError>& errors) {
        QList<EnvironmentError> out;
        for (const EnvironmentError& e : errors)
            if (std::none_of(out.cbegin(), out.cend(), [&](const EnvironmentError& o) {
                    return o.path == e.path && o.line == e.line && o.message == e.message;
                }))
                out.append(e);
        return out;
    };
    comparison.errorsA = unique(a.environment.errors + a.errors);
    comparison.errorsB = unique(b.environment.errors + b.errors);

    const QHash<QString, QString> map = namespaceMap(a, b);
    const auto mapped = [&map](const QString& ns) { return map.value(ns, ns); };
    QHash<Identity, QList<const RenderedResource*>> byIdentityB;
    QList<Identity> orderB;
    for (const RenderedResource& r : b.resources) {
        const Identity id{r.resource.key.group, r.resource.key.kind, r.resource.key.name};
        if (!byIdentityB.contains(id))
            orderB.append(id);
        byIdentityB[id].append(&r);
    }
    QSet<const RenderedResource*> pairedB;
    for (const RenderedResource& r : a.resources) {
        const Identity id{r.resource.key.group, r.resource.key.kind, r.resource.key.name};
        const QList<const RenderedResource*> candidates = byIdentityB.value(id);
        const RenderedResource* match = nullptr;
        // The namespace-mapped twin first; else the only one of that name on the other side.
        for (const RenderedResource* other : candidates)
            if (!pairedB.contains(other) &&
                other->resource.key.namespaceName == mapped(r.resource.key.namespaceName))
                match = other;
        if (!match && candidates.size() == 1 && !pairedB.contains(candidates.first()))
            match = candidates.first();
        if (!match) {
            comparison.resources.append(one(r, CompareStatus::OnlyA));
            continue;
        }
        pairedB.insert(match);
        const bool nsMapped = mapped(r.resource.key.namespaceName) == match->resource.key.namespaceName;
        ResourceComparison c = pair(r, *match, nsMapped);
        for (FieldDifference& f : c.fields) {
            if (!f.a.isString() || !f.b.isString())
                continue;
            QString renamed = f.a.toString();
            for (auto it = map.cbegin(); it != map.cend(); ++it)
                if (it.key() != it.value())
                    renamed.replace(it.key(), it.value());
            f.namespaceOnly = renamed == f.b.toString();
        }
        comparison.resources.append(c);
    }
    for (const RenderedResource& r : b.resources)
        if (!pairedB.contains(&r))
            comparison.resources.append(one(r, CompareStatus::OnlyB));
    std::stable_sort(comparison.resources.begin(), comparison.resources.end(),
                     [](const ResourceComparison& x, const ResourceComparison& y) {
                         return std::tie(x.group, x.kind, x.name, x.namespaceA, x.namespaceB) <
                                std::tie(y.group, y.kind, y.name, y.namespaceA, y.namespaceB);
                     });

    const QMap<QString, QString> helmA = helmReleaseVersions(a);
    const QMap<QString, QString> helmB = helmReleaseVersions(b);
    QStringList names = helmA.keys() + helmB.keys();
    names.removeDuplicates();
    names.sort();
    for (const QString& name : names)
        comparison.releases.append(ReleaseComparison{name, helmA.value(name), helmB.value(name)});
    return comparison;
}

Result<EnvironmentComparison> compareEnvironments(const QString& repositoryPath, const QString& revision,
                                                  const QString& a, const QString& b,
                                                  const CompareOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto commit = repo->resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit)
        return std::unexpected(commit.error());
    auto environments = detectEnvironments(repositoryPath, *commit);
    if (!environments)
        return std::unexpected(environments.error());
    for (const QString& name : {a, b}) {
        if (!environments->find(name))
            return std::unexpected(environments->unknown(name));
    }
    auto renderedA = renderEnvironment(repositoryPath, *commit, a);
    if (!renderedA)
        return std::unexpected(renderedA.error());
    if (options.cancelled && options.cancelled())
        return fail(QStringLiteral("Cancelled"));
    auto renderedB = renderEnvironment(repositoryPath, *commit, b);
    if (!renderedB)
        return std::unexpected(renderedB.error());

    // A unit that did not render has unknown resources, not none: comparing it would call every
    // resource of the other side "only in" that side. The error names the files and kustomize's words.
    for (const RenderedEnvironment* side : {&*renderedA, &*renderedB}) {
        if (side->failedUnits.isEmpty())
            continue;
        QStringList reasons;
        for (const EnvironmentError& e : side->errors)
            reasons << (e.path.isEmpty() ? e.message : e.path + QStringLiteral(": ") + e.message);
        reasons.removeDuplicates();
        return fail(QStringLiteral("%1 cannot be compared: %2 did not render (%3)")
                        .arg(side->environment.name, side->failedUnits.join(QStringLiteral(", ")),
                             reasons.join(QStringLiteral("; "))));
    }

    EnvironmentComparison comparison = compareRendered(*renderedA, *renderedB);
    comparison.revision = *commit;

    // Jenkins X: the helmfile releases of each side's namespaces.
    auto releases = readReleases(*repo, *commit);
    if (!releases)
        return std::unexpected(releases.error());
    const QStringList namespacesA = namespacesOf(renderedA->environment);
    const QStringList namespacesB = namespacesOf(renderedB->environment);
    QMap<QString, ReleaseComparison> byName;
    for (const ReleaseComparison& r : std::as_const(comparison.releases))
        byName.insert(r.name, r);
    for (const Release& release : *releases) {
        ReleaseComparison& row = byName[release.name];
        row.name = release.name;
        if (namespacesA.contains(release.environment))
            row.a = release.version;
        if (namespacesB.contains(release.environment))
            row.b = release.version;
    }
    comparison.releases.clear();
    for (const ReleaseComparison& r : std::as_const(byName))
        if (!r.a.isEmpty() || !r.b.isEmpty())
            comparison.releases.append(r);

    if (options.blame) {
        auto blamed = blame(comparison, repositoryPath, options);
        if (!blamed)
            return std::unexpected(blamed.error());
    }
    return comparison;
}

void compareEnvironmentsJob(QPromise<Result<EnvironmentComparison>>& promise, const QString& repositoryPath,
                            const QString& revision, const QString& a, const QString& b)
{
    CompareOptions options;
    options.cancelled = [&promise] { return promise.isCanceled(); };
    auto result = compareEnvironments(repositoryPath, revision, a, b, options);
    if (!promise.isCanceled())
        promise.addResult(std::move(result));
}

QJsonObject comparisonToJson(const EnvironmentComparison& comparison)
{
    const auto text = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonArray resources;
    for (const ResourceComparison& r : comparison.resources) {
        QJsonArray fields;
        for (const FieldDifference& f : r.fields)
            fields.append(QJsonObject{{QStringLiteral("path"), f.path},
                                      {QStringLiteral("a"), f.a},
                                      {QStringLiteral("b"), f.b},
                                      {QStringLiteral("commitA"), text(f.commitA)},
                                      {QStringLiteral("commitB"), text(f.commitB)},
                                      {QStringLiteral("appliedByA"), text(f.appliedByA)},
                                      {QStringLiteral("appliedByB"), text(f.appliedByB)}});
        resources.append(QJsonObject{{QStringLiteral("group"), r.group},
                                     {QStringLiteral("kind"), r.kind},
                                     {QStringLiteral("name"), r.name},
                                     {QStringLiteral("namespaceA"), r.namespaceA},
                                     {QStringLiteral("namespaceB"), r.namespaceB},
                                     {QStringLiteral("status"), compareStatusName(r.status)},
                                     {QStringLiteral("fields"), fields}});
    }
    QJsonArray releases;
    for (const ReleaseComparison& r : comparison.releases)
        releases.append(QJsonObject{{QStringLiteral("name"), r.name},
                                    {QStringLiteral("a"), text(r.a)},
                                    {QStringLiteral("b"), text(r.b)}});
    return QJsonObject{{QStringLiteral("a"), comparison.a},
                       {QStringLiteral("b"), comparison.b},
                       {QStringLiteral("resources"), resources},
                       {QStringLiteral("releases"), releases}};
}

} // namespace shiplog::core::environment
