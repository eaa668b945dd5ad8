#include "core/environment/snapshot.h"

#include "core/git/objects.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"

#include <QRegularExpression>

namespace shiplog::core::environment {

Result<Snapshot> Snapshot::open(const git::Repository& repo, const QString& revision)
{
    auto commit = repo.resolve(revision.isEmpty() ? QStringLiteral("HEAD") : revision);
    if (!commit) {
        // A tree id (a revert's result before anything is committed): read as its own revision.
        static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));
        if (!fullId.match(revision).hasMatch())
            return std::unexpected(commit.error());
        auto asTree = git::treeOf(repo, revision);
        if (!asTree || asTree->toString() != revision)
            return std::unexpected(commit.error());
        commit = revision;
    }
    auto tree = git::treeOf(repo, *commit);
    if (!tree)
        return std::unexpected(tree.error());
    auto files = git::filesOfTree(repo, *tree, {});
    if (!files)
        return std::unexpected(files.error());
    Snapshot s;
    s.m_repo = &repo;
    s.m_commit = *commit;
    s.m_tree = *tree;
    s.m_files = std::move(*files);
    std::sort(s.m_files.begin(), s.m_files.end(),
              [](const git::FileVersion& a, const git::FileVersion& b) { return a.path < b.path; });
    s.m_byPath.reserve(s.m_files.size());
    for (const git::FileVersion& f : s.m_files) {
        s.m_byPath.insert(f.path, f.id);
        for (qsizetype slash = f.path.lastIndexOf(u'/'); slash > 0;
             slash = f.path.lastIndexOf(u'/', slash - 1)) {
            const QString folder = f.path.left(slash);
            if (s.m_folders.contains(folder))
                break;
            s.m_folders.insert(folder);
        }
    }
    return s;
}

QList<git::FileVersion> Snapshot::filesUnder(const QString& folder, bool recursive) const
{
    QList<git::FileVersion> out;
    const QString prefix = folder.isEmpty() ? QString() : folder + u'/';
    // Files are sorted by path (open()): a folder's files are one run.
    auto it = std::lower_bound(m_files.cbegin(), m_files.cend(), prefix,
                               [](const git::FileVersion& f, const QString& p) { return f.path < p; });
    for (; it != m_files.cend() && it->path.startsWith(prefix); ++it)
        if (recursive || it->path.indexOf(u'/', prefix.size()) < 0)
            out.append(*it);
    return out;
}

Result<std::optional<QByteArray>> Snapshot::read(const QString& path) const
{
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.cend())
        return std::optional<QByteArray>();
    auto bytes = git::readBlob(*m_repo, *it);
    if (!bytes)
        return std::unexpected(bytes.error());
    return std::optional<QByteArray>(std::move(*bytes));
}

manifest::ParsedBlobPtr Snapshot::parsed(const QString& path) const
{
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.cend())
        return {};
    return manifest::ParseCache::shared().get(*m_repo, *it);
}

QStringList Snapshot::filesMentioning(const QByteArray& word) const
{
    static const QList<QByteArray> words = {QByteArrayLiteral("fluxcd.io"),
                                            QByteArrayLiteral("fluxcd.controlplane.io"),
                                            QByteArrayLiteral("argoproj.io"), QByteArrayLiteral("ConfigMap")};
    Q_ASSERT(words.contains(word));
    if (!m_mentions) {
        QHash<QByteArray, QStringList> mentions;
        for (const git::FileVersion& file : m_files) {
            if (!manifest::isManifestPath(file.path))
                continue;
            auto bytes = git::readBlob(*m_repo, file.id);
            if (!bytes)
                continue; // rendering reports unreadable files; detection only looks for definitions
            for (const QByteArray& w : words)
                if (bytes->contains(w))
                    mentions[w] << file.path;
        }
        m_mentions = std::move(mentions);
    }
    return m_mentions->value(word);
}

QString Snapshot::kustomizationIn(const QString& folder) const
{
    const QString prefix = folder.isEmpty() ? QString() : folder + u'/';
    for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"})
        if (m_byPath.contains(prefix + QLatin1String(name)))
            return prefix + QLatin1String(name);
    return {};
}

std::optional<QString> normalizePath(const QString& path)
{
    QStringList parts;
    for (const QString& part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..") {
            if (parts.isEmpty())
                return std::nullopt;
            parts.removeLast();
            continue;
        }
        parts << part;
    }
    return parts.join(u'/');
}

QString folderOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

std::optional<QString> resolveRelative(const QString& folder, const QString& relative)
{
    if (relative.startsWith(u'/'))
        return std::nullopt;
    return normalizePath(folder.isEmpty() ? relative : folder + u'/' + relative);
}

} // namespace shiplog::core::environment
