#include "core/environment/promotion.h"

#include "core/environment/releases.h"
#include "core/environment/value_blame.h"
#include "core/git/repository.h"

#include <QJsonArray>
#include <QMap>
#include <algorithm>

namespace shiplog::core::environment {

namespace {

struct Found
{
    QString version;
    QStringList files; // where the version may be written (a rendered resource's sources)
    ValueBlame::Predicate holds;
};

using Key = std::pair<PromotionRow::Kind, QString>;

QStringList namespacesOf(const Environment& environment)
{
    QStringList names{environment.name};
    for (const Unit& unit : environment.units)
        if (!unit.namespaceName.isEmpty() && !names.contains(unit.namespaceName))
            names.append(unit.namespaceName);
    return names;
}

// "ghcr.io/stefanprodan/podinfo:6.5.0" → ("ghcr.io/stefanprodan/podinfo", "6.5.0"); a registry
// port is not a tag; a digest is the version ("sha256:…").
std::pair<QString, QString> splitImage(const QString& image)
{
    if (const qsizetype at = image.indexOf(u'@'); at >= 0)
        return {image.left(at), image.mid(at + 1)};
    const qsizetype colon = image.lastIndexOf(u':');
    if (colon > image.lastIndexOf(u'/'))
        return {image.left(colon), image.mid(colon + 1)};
    return {image, QStringLiteral("latest")};
}

void collectImages(const QJsonValue& value, QStringList& images)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if ((it.key() == u"containers" || it.key() == u"initContainers") && it->isArray()) {
                for (const QJsonValue& container : it->toArray())
                    if (const QString image = container.toObject().value(u"image").toString();
                        !image.isEmpty())
                        images.append(image);
            } else if (it->isObject()) {
                collectImages(*it, images);
            }
        }
    }
}

// What one rendered environment runs, by application.
QMap<Key, Found> applicationsOf(const RenderedEnvironment& rendered)
{
    QMap<Key, Found> found;
    const auto add = [&found](PromotionRow::Kind kind, const QString& name, const QString& version,
                              const QStringList& sources, const QString& needle) {
        Found& f = found[{kind, name}];
        if (!f.version.isEmpty() && f.version.split(QStringLiteral(", ")).contains(version))
            return;
        f.version = f.version.isEmpty() ? version : f.version + QStringLiteral(", ") + version;
        if (f.files.isEmpty()) {
            f.files = sources;
            f.holds = ValueBlame::containsText(needle);
        }
    };
    for (const RenderedResource& r : rendered.resources) {
        const manifest::ResourceKey& key = r.resource.key;
        const QJsonObject spec = r.resource.object.value(u"spec").toObject();
        if (key.group == u"helm.toolkit.fluxcd.io" && key.kind == u"HelmRelease") {
            const QString version =
                spec.value(u"chart").toObject().value(u"spec").toObject().value(u"version").toString();
            if (!version.isEmpty())
                add(PromotionRow::Kind::HelmRelease, key.name, version, r.sources, version);
        } else if (key.group == u"argoproj.io" && key.kind == u"Application") {
            QJsonObject source = spec.value(u"source").toObject();
            if (source.isEmpty())
                source = spec.value(u"sources").toArray().at(0).toObject();
            const QString version = source.value(u"targetRevision").toString(QStringLiteral("HEAD"));
            add(PromotionRow::Kind::Application, key.name, version, r.sources, version);
        }
        QStringList images;
        collectImages(spec, images);
        for (const QString& image : std::as_const(images)) {
            const auto [repository, tag] = splitImage(image);
            add(PromotionRow::Kind::Image, repository, tag, r.sources, tag);
        }
    }
    return found;
}

} // namespace

QString promotionKindName(PromotionRow::Kind kind)
{
    switch (kind) {
    case PromotionRow::Kind::Release:
        return QStringLiteral("release");
    case PromotionRow::Kind::HelmRelease:
        return QStringLiteral("helmrelease");
    case PromotionRow::Kind::Application:
        return QStringLiteral("application");
    case PromotionRow::Kind::Image:
        return QStringLiteral("image");
    }
    return {};
}

bool PromotionRow::differs() const
{
    QString first;
    for (const PromotionCell& cell : cells) {
        if (cell.version.isEmpty())
            continue;
        if (first.isEmpty())
            first = cell.version;
        else if (cell.version != first)
            return true;
    }
    return false;
}

Result<PromotionBoard> buildPromotionBoard(const QString& repositoryPath, const QString& revision,
                                           const PromotionOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return std::unexpected(repo.error());
    auto commit = repo->resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit)
        return std::unexpected(commit.error());
    auto detected = detectEnvironments(repositoryPath, *commit);
    if (!detected)
        return std::unexpected(detected.error());

    PromotionBoard board;
    board.revision = *commit;
    QList<const Environment*> environments;
    for (const Environment& e : detected->environments)
        if (options.environments.isEmpty() || options.environments.contains(e.name))
            environments.append(&e);
    for (const Environment* e : environments)
        board.environments.append(e->name);

    // application → one Found per column
    QMap<Key, QList<Found>> table;
    const auto cellsFor = [&table, &environments](const Key& key) -> QList<Found>& {
        QList<Found>& cells = table[key];
        cells.resize(environments.size());
        return cells;
    };

    if (detected->layout == Layout::JenkinsX) {
        // The helmfile releases are the applications; rendering config-root adds nothing to them.
        auto releases = readReleases(*repo, *commit);
        if (!releases)
            return std::unexpected(releases.error());
        for (const Release& release : *releases) {
            for (qsizetype column = 0; column < environments.size(); ++column) {
                if (!namespacesOf(*environments.at(column)).contains(release.environment))
                    continue;
                const QString name = release.name;
                const QString version = release.version;
                cellsFor({PromotionRow::Kind::Release, name})[column] = Found{
                    version, QStringList{release.file},
                    [name, version, file = release.file](const QByteArray& text) {
                        const auto parsed = parseHelmfile(text, file);
                        return parsed && std::any_of(parsed->cbegin(), parsed->cend(), [&](const Release& r) {
                                   return r.name == name && r.version == version;
                               });
                    }};
            }
        }
    } else {
        for (qsizetype column = 0; column < environments.size(); ++column) {
            if (options.cancelled && options.cancelled())
                return fail(QStringLiteral("Cancelled"));
            auto rendered = renderEnvironment(repositoryPath, *commit, environments.at(column)->name);
            if (!rendered) {
                board.errors.append(
                    EnvironmentError{environments.at(column)->definition, 0, rendered.error().message});
                board.unrendered.append(environments.at(column)->name);
                continue;
            }
            board.errors += rendered->errors;
            if (!rendered->failedUnits.isEmpty())
                board.unrendered.append(environments.at(column)->name);
            const QMap<Key, Found> found = applicationsOf(*rendered);
            for (auto it = found.cbegin(); it != found.cend(); ++it)
                cellsFor(it.key())[column] = it.value();
        }
    }

    ValueBlame blamer(repositoryPath, *commit, options.blameDepth);
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        PromotionRow row;
        row.kind = it.key().first;
        row.application = it.key().second;
        for (const Found& found : it.value()) {
            PromotionCell cell{found.version, {}, {}, found.files.value(0)};
            if (options.blame && !found.version.isEmpty() && !found.files.isEmpty() && found.holds) {
                if (options.cancelled && options.cancelled())
                    return fail(QStringLiteral("Cancelled"));
                auto blamed = blamer.commitThatSet(found.files, found.holds);
                if (!blamed)
                    return std::unexpected(blamed.error());
                cell.commit = blamed->id;
                cell.commitSubject = blamed->subject;
                cell.appliedBy = blamed->appliedBy;
                cell.appliedBySubject = blamed->appliedBySubject;
                if (!blamed->file.isEmpty())
                    cell.file = blamed->file;
            }
            row.cells.append(cell);
        }
        board.rows.append(row);
    }
    const auto presence = [](const PromotionRow& row) {
        return std::count_if(row.cells.cbegin(), row.cells.cend(),
                             [](const PromotionCell& c) { return !c.version.isEmpty(); });
    };
    std::stable_sort(
        board.rows.begin(), board.rows.end(),
        [&presence](const PromotionRow& x, const PromotionRow& y) { return presence(x) > presence(y); });
    return board;
}

void buildPromotionBoardJob(QPromise<Result<PromotionBoard>>& promise, const QString& repositoryPath,
                            const QString& revision)
{
    PromotionOptions options;
    options.cancelled = [&promise] { return promise.isCanceled(); };
    auto result = buildPromotionBoard(repositoryPath, revision, options);
    if (!promise.isCanceled())
        promise.addResult(std::move(result));
}

} // namespace shiplog::core::environment
