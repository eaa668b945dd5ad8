#include "core/git/history.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/history_filter.h"
#include "core/git/detail/history_walker.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"
#include "core/git/repository.h"

#include <QElapsedTimer>

namespace shiplog::core::git {

namespace {

// libgit2's git_repository_is_empty only knows a HEAD on "master": a fresh repository whose HEAD
// names "main" counts as empty here when it has no reference at all.
bool hasNoReferences(git_repository* repo)
{
    git_reference_iterator* raw = nullptr;
    if (git_reference_iterator_new(&raw, repo) < 0)
        return false;
    ReferenceIteratorHandle iterator(raw);
    git_reference* ref = nullptr;
    const int rc = git_reference_next(&ref, iterator.get());
    git_reference_free(ref);
    return rc == GIT_ITEROVER;
}

// The commit the walk starts from, with a message that says why there is none.
Result<git_oid> startingPoint(const Repository& repository, const QString& revision)
{
    const QString rev = revision.isEmpty() ? QStringLiteral("HEAD") : revision;
    if (rev == QLatin1String("HEAD") && git_repository_head_unborn(repository.raw()) == 1) {
        if (repository.isEmpty() || hasNoReferences(repository.raw()))
            return fail(QStringLiteral("'%1' has no commits yet").arg(repository.path()));
        git_reference* rawHead = nullptr;
        QString branch = QStringLiteral("HEAD");
        if (git_reference_lookup(&rawHead, repository.raw(), "HEAD") == 0) {
            ReferenceHandle head(rawHead);
            if (const char* target = git_reference_symbolic_target(rawHead))
                branch = QString::fromUtf8(target).remove(QStringLiteral("refs/heads/"));
        }
        return fail(QStringLiteral("The current branch '%1' of '%2' has no commits yet")
                        .arg(branch, repository.path()));
    }
    const auto id = repository.resolve(rev);
    if (!id)
        return std::unexpected(
            Error{id.error().message + QStringLiteral(" in '%1'").arg(repository.path()), id.error().code});
    return oidFromString(*id);
}

} // namespace

Result<void> walkHistory(const QString& repositoryPath, const HistoryQuery& query,
                         const std::function<bool(CommitInfo&&)>& visit, const std::function<bool()>& stop)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    const auto tip = startingPoint(*repository, query.revision);
    if (!tip)
        return std::unexpected(tip.error());
    auto walker = detail::HistoryWalker::start(*repository, *tip);
    if (!walker)
        return std::unexpected(walker.error());
    detail::HistoryFilter filter(query, repository->raw());

    int remaining = query.limit < 0 ? -1 : query.limit;
    qsizetype listed = 0; // with query.ordered: the next of its commits
    while (remaining != 0) {
        if (stop && stop())
            break;
        Result<std::optional<detail::WalkedCommit>> next = std::optional<detail::WalkedCommit>();
        if (query.ordered) {
            if (listed == query.ordered->size())
                break;
            git_oid oid;
            if (git_oid_fromstr(&oid, query.ordered->at(listed++).toLatin1().constData()) != 0)
                return fail(QStringLiteral("'%1' is no commit id").arg(query.ordered->at(listed - 1)));
            auto read = walker->read(oid);
            if (!read)
                return std::unexpected(read.error());
            next = std::optional<detail::WalkedCommit>(std::move(*read));
        } else {
            next = walker->next();
        }
        if (!next)
            return std::unexpected(next.error());
        if (!next->has_value())
            break;
        const detail::WalkedCommit& commit = **next;
        if (filter.rejectsByTime(commit))
            continue;
        CommitInfo info = detail::toCommitInfo(commit.id, commit.header);
        info.grafted = commit.grafted;
        if (!filter.matchesText(info))
            continue;
        if (filter.hasPathFilter()) {
            const auto touches = filter.touchesPath(*walker, commit);
            if (!touches)
                return std::unexpected(touches.error());
            if (!*touches)
                continue;
        }
        if (query.accept) {
            const auto accepted = query.accept(info);
            if (!accepted)
                return std::unexpected(accepted.error());
            if (!*accepted)
                continue;
        }
        if (remaining > 0)
            --remaining;
        if (!visit(std::move(info)))
            break;
    }
    return {};
}

void loadHistory(QPromise<HistoryPage>& promise, const QString& repositoryPath, const HistoryQuery& query)
{
    // A small first page so that the first rows show at once, then pages big enough that handing
    // them to the GUI thread costs little; a filter that matches rarely still shows what it found
    // a few times a second.
    constexpr qsizetype firstPageSize = 100;
    constexpr qsizetype pageSize = 2000;
    constexpr qint64 flushAfterMs = 200;

    HistoryPage page;
    qsizetype wanted = firstPageSize;
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    auto flush = [&] {
        promise.addResult(std::move(page));
        page = HistoryPage();
        wanted = pageSize;
        sinceFlush.restart();
    };

    const auto walked = walkHistory(
        repositoryPath, query,
        [&](CommitInfo&& commit) {
            page.commits.append(std::move(commit));
            if (page.commits.size() >= wanted || sinceFlush.elapsed() >= flushAfterMs)
                flush();
            return true;
        },
        [&] {
            // A filter that rarely matches still delivers what it found a few times a second.
            if (!page.commits.isEmpty() && sinceFlush.elapsed() >= flushAfterMs)
                flush();
            return promise.isCanceled();
        });
    if (promise.isCanceled())
        return;
    if (!walked) {
        if (!page.commits.isEmpty())
            flush();
        page.failed = true;
        page.error = walked.error();
    }
    page.last = true;
    promise.addResult(std::move(page));
}

} // namespace shiplog::core::git
