#include "core/diff/change_set.h"

#include "core/diff/environment_changes.h"
#include "core/diff/resource_pair.h"
#include "core/diff/tree_changes.h"
#include "core/git/git_error.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

namespace shiplog::core::diff {

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Moved:
        return QStringLiteral("moved");
    case ChangeKind::Modified:
        break;
    }
    return QStringLiteral("modified");
}

QString ChangeSummary::compact() const
{
    QStringList parts;
    if (added)
        parts << QStringLiteral("+%1").arg(added);
    if (modified)
        parts << QStringLiteral("~%1").arg(modified);
    if (removed)
        parts << QStringLiteral("\u2212%1").arg(removed);
    if (moved)
        parts << QStringLiteral("\u2192%1").arg(moved);
    return parts.join(QLatin1Char(' '));
}

ChangeSummary ChangeSet::summary() const
{
    ChangeSummary s;
    for (const ResourceChange& r : resources) {
        switch (r.change) {
        case ChangeKind::Added:
            ++s.added;
            break;
        case ChangeKind::Removed:
            ++s.removed;
            break;
        case ChangeKind::Modified:
            ++s.modified;
            break;
        case ChangeKind::Moved:
            ++s.moved;
            break;
        }
    }
    s.errors = int(errors.size());
    return s;
}

Result<ChangeSet> computeChangeSet(const git::Repository& repo, const QString& from, const QString& to,
                                   const ChangeSetOptions& options, manifest::ParseCache& cache)
{
    if (options.byEnvironment && options.folders.isEmpty()) {
        auto byEnvironment = environmentChangeSet(repo, from, to, options);
        if (!byEnvironment)
            return std::unexpected(byEnvironment.error());
        if (*byEnvironment)
            return std::move(**byEnvironment);
    }
    auto before = git::treeOf(repo, from);
    if (!before)
        return std::unexpected(before.error());
    auto after = git::treeOf(repo, to);
    if (!after)
        return std::unexpected(after.error());
    auto delta = manifestDelta(repo, *before, *after, options.folders);
    if (!delta)
        return std::unexpected(delta.error());

    ChangeSet set;
    set.from = from;
    set.to = to;
    auto old = placeResources(repo, delta->before, cache, nullptr, options.details);
    auto now = placeResources(repo, delta->after, cache, &set.errors, options.details);
    auto resolved = applyUntouchedFiles(repo, *after, *delta, old, now, options, cache, &set.errors);
    if (!resolved)
        return std::unexpected(resolved.error());
    set.resources = compareSides(old, now, options.details);
    return set;
}

Result<ChangeSet> computeChangeSetOfRevision(const git::Repository& repo, const QString& revision, int parent,
                                             const ChangeSetOptions& options, manifest::ParseCache& cache)
{
    const qsizetype dots = revision.indexOf(QLatin1String(".."));
    if (dots >= 0) {
        if (revision.mid(dots).startsWith(QLatin1String("...")))
            return fail(QStringLiteral("'%1': use A..B to compare two revisions (A...B is not supported)")
                            .arg(revision));
        const QString left = revision.left(dots);
        const QString right = revision.mid(dots + 2);
        auto from = repo.resolve(left.isEmpty() ? QStringLiteral("HEAD") : left);
        if (!from)
            return std::unexpected(from.error());
        auto to = repo.resolve(right.isEmpty() ? QStringLiteral("HEAD") : right);
        if (!to)
            return std::unexpected(to.error());
        return computeChangeSet(repo, *from, *to, options, cache);
    }
    auto to = repo.resolve(revision);
    if (!to)
        return std::unexpected(to.error());
    auto oid = git::ObjectId::fromString(*to);
    if (!oid)
        return std::unexpected(oid.error());
    auto commit = git::readCommit(repo, *oid);
    if (!commit)
        return std::unexpected(commit.error());
    const unsigned parents = unsigned(commit->parents.size());
    QString from;
    if (parents == 0) {
        if (parent != 1)
            return fail(QStringLiteral("%1 is a root commit: it has no parent %2")
                            .arg(git::shortId(*to))
                            .arg(parent));
    } else {
        if (parent < 1 || unsigned(parent) > parents)
            return fail(QStringLiteral("%1 has %2 parent(s); there is no parent %3")
                            .arg(git::shortId(*to))
                            .arg(parents)
                            .arg(parent));
        from = commit->parents.at(parent - 1);
    }
    return computeChangeSet(repo, from, *to, options, cache);
}

void loadChangeSet(QPromise<Result<ChangeSet>>& promise, const QString& repositoryPath,
                   const QString& revision, int parent, const ChangeSetOptions& options)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo) {
        promise.addResult(std::unexpected(repo.error()));
        return;
    }
    if (promise.isCanceled())
        return;
    promise.addResult(
        computeChangeSetOfRevision(*repo, revision, parent, options, manifest::ParseCache::shared()));
}

} // namespace shiplog::core::diff
