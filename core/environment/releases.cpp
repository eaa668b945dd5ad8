#include "core/environment/releases.h"

#include "core/git/git_error.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"

#include <QMap>
#include <yaml-cpp/yaml.h>

namespace shiplog::core::environment {

namespace {

const QString kHelmfiles = QStringLiteral("helmfiles");

// helmfiles/<ns>/helmfile.yaml exactly: the layout `jx gitops helmfile` writes (deeper files are
// nested helmfiles of charts, not an environment's releases).
bool isEnvironmentHelmfile(const QString& path)
{
    const QStringList parts = path.split(u'/');
    return parts.size() == 3 && parts.at(0) == kHelmfiles &&
           (parts.at(2) == u"helmfile.yaml" || parts.at(2) == u"helmfile.yml");
}

QString scalar(const YAML::Node& node, const char* key)
{
    const YAML::Node value = node[key];
    return value && value.IsScalar() ? QString::fromStdString(value.Scalar()) : QString();
}

Result<QString> commitOrEmpty(const git::Repository& repo, const QString& revision)
{
    if (revision.isEmpty())
        return QString();
    return repo.resolve(revision);
}

Result<git::ObjectId> treeOfRevision(const git::Repository& repo, const QString& commit)
{
    if (commit.isEmpty())
        return git::ObjectId{}; // the empty tree
    return git::treeOf(repo, commit);
}

// The releases of the helmfiles in `files` (blobs of one side of a delta or of a whole tree).
Result<QList<Release>> releasesOfFiles(const git::Repository& repo, const QList<git::FileVersion>& files)
{
    QList<Release> releases;
    for (const git::FileVersion& file : files) {
        if (!isEnvironmentHelmfile(file.path))
            continue;
        auto blob = git::readBlob(repo, file.id);
        if (!blob)
            return std::unexpected(blob.error());
        auto parsed = parseHelmfile(*blob, file.path);
        if (!parsed)
            return std::unexpected(parsed.error());
        releases += *parsed;
    }
    return releases;
}

} // namespace

QString ReleaseChange::describe() const
{
    if (oldVersion.isEmpty() && !newVersion.isEmpty())
        return QStringLiteral("%1 %2 added to %3").arg(name, newVersion, environment);
    if (newVersion.isEmpty() && !oldVersion.isEmpty())
        return QStringLiteral("%1 %2 removed from %3").arg(name, oldVersion, environment);
    return QStringLiteral("%1 %2 → %3 in %4").arg(name, oldVersion, newVersion, environment);
}

Result<QList<Release>> parseHelmfile(const QByteArray& text, const QString& file)
{
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        return fail(
            QStringLiteral("%1:%2: %3").arg(file).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg)));
    }
    QList<Release> releases;
    if (!root || root.IsNull())
        return releases;
    if (!root.IsMap())
        return fail(QStringLiteral("%1: a helmfile is a mapping (namespace, releases)").arg(file));
    QString environment = scalar(root, "namespace");
    if (environment.isEmpty())
        environment = file.section(u'/', 1, 1);
    const YAML::Node list = root["releases"];
    if (!list)
        return releases;
    if (!list.IsSequence())
        return fail(QStringLiteral("%1: 'releases' is not a list").arg(file));
    for (const YAML::Node& item : list) {
        if (!item.IsMap())
            continue;
        Release release;
        release.environment = environment;
        release.chart = scalar(item, "chart");
        release.name = scalar(item, "name");
        if (release.name.isEmpty())
            release.name = release.chart.section(u'/', -1); // helmfile's default: the chart's name
        release.version = scalar(item, "version");
        release.file = file;
        // Values files are named relative to the helmfile's folder; inline values (mappings) and
        // templated names stay part of the entry only.
        if (const YAML::Node values = item["values"]; values && values.IsSequence()) {
            const QString folder = file.section(u'/', 0, -2);
            for (const YAML::Node& value : values) {
                if (!value.IsScalar())
                    continue;
                const QString name = QString::fromStdString(value.Scalar());
                if (name.contains(QLatin1String("{{")))
                    continue;
                QString path = folder.isEmpty() ? name : folder + u'/' + name;
                QStringList parts;
                for (const QString& part : path.split(u'/', Qt::SkipEmptyParts)) {
                    if (part == u"..") {
                        if (!parts.isEmpty())
                            parts.removeLast();
                    } else if (part != u".") {
                        parts << part;
                    }
                }
                release.values << parts.join(u'/');
            }
        }
        YAML::Emitter emitter;
        emitter << item;
        release.entry = QByteArray(emitter.c_str());
        if (!release.name.isEmpty())
            releases.append(release);
    }
    return releases;
}

Result<QList<Release>> readReleases(const git::Repository& repo, const QString& revision)
{
    auto commit = repo.resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit)
        return std::unexpected(commit.error());
    auto tree = git::treeOf(repo, *commit);
    if (!tree)
        return std::unexpected(tree.error());
    auto files = git::filesOfTree(repo, *tree, git::FileFilter{{kHelmfiles}, {}});
    if (!files)
        return std::unexpected(files.error());
    return releasesOfFiles(repo, *files);
}

Result<QList<ReleaseChange>> releaseChanges(const git::Repository& repo, const QString& from,
                                            const QString& to)
{
    auto fromCommit = commitOrEmpty(repo, from);
    if (!fromCommit)
        return std::unexpected(fromCommit.error());
    auto toCommit = commitOrEmpty(repo, to);
    if (!toCommit)
        return std::unexpected(toCommit.error());
    auto before = treeOfRevision(repo, *fromCommit);
    if (!before)
        return std::unexpected(before.error());
    auto after = treeOfRevision(repo, *toCommit);
    if (!after)
        return std::unexpected(after.error());
    auto delta = git::treeDelta(repo, *before, *after, git::FileFilter{{kHelmfiles}, {}});
    if (!delta)
        return std::unexpected(delta.error());
    auto old = releasesOfFiles(repo, delta->before);
    if (!old)
        return std::unexpected(old.error());
    auto now = releasesOfFiles(repo, delta->after);
    if (!now)
        return std::unexpected(now.error());

    // Matched by (environment, name): a release is the same one wherever its helmfile line moved.
    using Key = std::pair<QString, QString>;
    QMap<Key, Release> oldByKey;
    QMap<Key, Release> newByKey;
    for (const Release& r : *old)
        oldByKey.insert({r.environment, r.name}, r);
    for (const Release& r : *now)
        newByKey.insert({r.environment, r.name}, r);
    QMap<Key, ReleaseChange> changes;
    for (auto it = oldByKey.cbegin(); it != oldByKey.cend(); ++it) {
        const auto other = newByKey.constFind(it.key());
        if (other != newByKey.cend() && other->version == it->version && other->chart == it->chart)
            continue;
        ReleaseChange change{it->environment, it->name, it->chart, it->version, {}, it->file};
        if (other != newByKey.cend()) {
            change.chart = other->chart;
            change.newVersion = other->version;
            change.file = other->file;
        }
        changes.insert(it.key(), change);
    }
    for (auto it = newByKey.cbegin(); it != newByKey.cend(); ++it)
        if (!oldByKey.contains(it.key()))
            changes.insert(it.key(),
                           ReleaseChange{it->environment, it->name, it->chart, {}, it->version, it->file});
    return changes.values();
}

Result<QList<ReleaseChange>> releaseChangesOfRevision(const git::Repository& repo, const QString& revision,
                                                      int parent)
{
    const qsizetype dots = revision.indexOf(QLatin1String(".."));
    if (dots >= 0) {
        const QString left = revision.left(dots);
        const QString right = revision.mid(dots + 2);
        return releaseChanges(repo, left.isEmpty() ? QStringLiteral("HEAD") : left,
                              right.isEmpty() ? QStringLiteral("HEAD") : right);
    }
    auto to = repo.resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!to)
        return std::unexpected(to.error());
    auto oid = git::ObjectId::fromString(*to);
    if (!oid)
        return std::unexpected(oid.error());
    auto commit = git::readCommit(repo, *oid);
    if (!commit)
        return std::unexpected(commit.error());
    QString from;
    if (!commit->parents.isEmpty()) {
        if (parent < 1 || parent > commit->parents.size())
            return fail(QStringLiteral("%1 has %2 parent(s); there is no parent %3")
                            .arg(git::shortId(*to))
                            .arg(commit->parents.size())
                            .arg(parent));
        from = commit->parents.at(parent - 1);
    }
    return releaseChanges(repo, from, *to);
}

void loadReleaseChanges(QPromise<Result<QList<ReleaseChange>>>& promise, const QString& repositoryPath,
                        const QString& revision, int parent)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        promise.addResult(std::unexpected(repo.error()));
        return;
    }
    auto changes = releaseChangesOfRevision(*repo, revision, parent);
    if (!promise.isCanceled())
        promise.addResult(std::move(changes));
}

} // namespace shiplog::core::environment
