#include "core/environment/snapshot.h"

#include "core/common/recent_memo.h"
#include "core/git/objects.h"
#include "core/git/tree_walk.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace shiplog::core::environment {

namespace {

// The listings of the trees read last, by tree id (the repository does not matter: a tree id names
// its content).
Result<std::shared_ptr<const Snapshot::Listing>> listingOf(const git::Repository& repo,
                                                           const git::ObjectId& tree)
{
    static RecentMemo<git::ObjectId, Snapshot::Listing, 16> recent;
    if (auto found = recent.find(tree))
        return found;
    // From the listing used last — in a timeline most often the neighbouring revision's — by the
    // difference of the two trees, which reads only the subtrees that differ: listing every tree
    // whole was a third of an environment timeline (jx3-eagle, 3,500 revisions of ~1,000 files).
    const auto fromNewest = [&repo, &tree]() -> std::optional<QList<git::FileVersion>> {
        const auto base = recent.newest();
        if (!base)
            return std::nullopt;
        auto delta = git::treeDelta(repo, base->first, tree, {});
        if (!delta)
            return std::nullopt; // read the whole tree instead (and say what fails there)
        QSet<QString> gone;
        for (const git::FileVersion& f : std::as_const(delta->before))
            gone.insert(f.path);
        QList<git::FileVersion> files;
        files.reserve(base->second->files.size() + delta->after.size());
        for (const git::FileVersion& f : base->second->files) {
            if (!gone.contains(f.path))
                files.append(f);
        }
        files.append(delta->after);
        return files;
    };
    std::optional<QList<git::FileVersion>> files = fromNewest();
    if (!files) {
        auto whole = git::filesOfTree(repo, tree, {});
        if (!whole)
            return std::unexpected(whole.error());
        files = std::move(*whole);
    }
    auto listing = std::make_shared<Snapshot::Listing>();
    listing->files = std::move(*files);
    std::sort(listing->files.begin(), listing->files.end(),
              [](const git::FileVersion& a, const git::FileVersion& b) { return a.path < b.path; });
    listing->byPath.reserve(listing->files.size());
    for (const git::FileVersion& f : std::as_const(listing->files)) {
        listing->byPath.insert(f.path, f.id);
        for (qsizetype slash = f.path.lastIndexOf(u'/'); slash > 0;
             slash = f.path.lastIndexOf(u'/', slash - 1)) {
            const QString folder = f.path.left(slash);
            if (listing->folders.contains(folder))
                break;
            listing->folders.insert(folder);
        }
    }
    std::shared_ptr<const Snapshot::Listing> shared = std::move(listing);
    recent.insert(tree, shared);
    return shared;
}

} // namespace

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
    auto listing = listingOf(repo, *tree);
    if (!listing)
        return std::unexpected(listing.error());
    Snapshot s;
    s.m_repo = &repo;
    s.m_commit = *commit;
    s.m_tree = *tree;
    s.m_listing = std::move(*listing);
    return s;
}

QList<git::FileVersion> Snapshot::filesUnder(const QString& folder, bool recursive) const
{
    QList<git::FileVersion> out;
    const QString prefix = folder.isEmpty() ? QString() : folder + u'/';
    // Files are sorted by path (open()): a folder's files are one run.
    const QList<git::FileVersion>& files = m_listing->files;
    auto it = std::lower_bound(files.cbegin(), files.cend(), prefix,
                               [](const git::FileVersion& f, const QString& p) { return f.path < p; });
    for (; it != files.cend() && it->path.startsWith(prefix); ++it)
        if (recursive || it->path.indexOf(u'/', prefix.size()) < 0)
            out.append(*it);
    return out;
}

Result<std::optional<QByteArray>> Snapshot::read(const QString& path) const
{
    const auto it = m_listing->byPath.constFind(path);
    if (it == m_listing->byPath.cend())
        return std::optional<QByteArray>();
    auto bytes = git::readBlob(*m_repo, *it);
    if (!bytes)
        return std::unexpected(bytes.error());
    return std::optional<QByteArray>(std::move(*bytes));
}

manifest::ParsedBlobPtr Snapshot::parsed(const QString& path) const
{
    const auto it = m_listing->byPath.constFind(path);
    if (it == m_listing->byPath.cend())
        return {};
    return manifest::ParseCache::shared().get(*m_repo, *it);
}

QStringList Snapshot::filesMentioning(const QByteArray& word) const
{
    static const QList<QByteArray> words = {QByteArrayLiteral("fluxcd.io"),
                                            QByteArrayLiteral("fluxcd.controlplane.io"),
                                            QByteArrayLiteral("argoproj.io"), QByteArrayLiteral("ConfigMap")};
    Q_ASSERT(words.contains(word));
    // Kept with the tree's listing: the same for every snapshot of the tree.
    std::lock_guard lock(m_listing->mutex);
    if (!m_listing->mentions) {
        QHash<QByteArray, QStringList> mentions;
        for (const git::FileVersion& file : m_listing->files) {
            if (!manifest::isManifestPath(file.path))
                continue;
            auto bytes = git::readBlob(*m_repo, file.id);
            if (!bytes)
                continue; // rendering reports unreadable files; detection only looks for definitions
            for (const QByteArray& w : words)
                if (bytes->contains(w))
                    mentions[w] << file.path;
        }
        m_listing->mentions = std::move(mentions);
    }
    return m_listing->mentions->value(word);
}

QString Snapshot::kustomizationIn(const QString& folder) const
{
    const QString prefix = folder.isEmpty() ? QString() : folder + u'/';
    for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"})
        if (m_listing->byPath.contains(prefix + QLatin1String(name)))
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
