#include "core/git/git_error.h"

#include <git2.h>
#include <mutex>

namespace shiplog::core::git {

static_assert(kErrorCanceled == GIT_EUSER);
static_assert(kErrorAuthentication == GIT_EAUTH);

Error lastError(int code, const QString& what)
{
    const git_error* e = git_error_last();
    QString detail = e && e->message ? QString::fromUtf8(e->message).trimmed() : QString();
    if (detail.isEmpty())
        detail = QStringLiteral("libgit2 error %1").arg(code);
    return Error{what.isEmpty() ? detail : what + QStringLiteral(": ") + detail, code};
}

void ensureLibgit2()
{
    static std::once_flag once;
    // Never shut down: worker threads may still hold handles while the process exits.
    std::call_once(once, [] {
        git_libgit2_init();
        // Trees are not kept in libgit2's object cache. A history walk reads each commit's changed
        // subtrees about once, so the cache only held every tree it had read: 165 MB of 310 MB on
        // 30,000 commits, most of 860 MB on 100,000 (bench_changes), for no measurable speed (a tree
        // read again comes from the pack, whose delta-base cache keeps the bases). A smaller cache
        // is no answer: libgit2 evicts into a hash table that keeps its deleted buckets, and the
        // lookups that probe through them made the index slower than without a cache.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t(0));
        // Nor commits: the index and the environment timelines look each commit up once per
        // thread's handle, so the cache held every commit of the history up to four times (87 MB
        // of the 398 MB peak on 100,000 commits) and saved nothing measurable (bench_history:
        // the same time with and without; a commit read again comes from the mapped pack).
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, size_t(0));
        // Objects read are not hashed again to check their ids, as `git log` and `git diff` do not
        // (git fsck does). A damaged object still fails zlib's checksum and is reported as
        // unreadable (tst_unreadable_content). The hashing was 17 % of the index's time on 30,000
        // commits (1.87 → 1.51 s).
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    });
}

QString shortId(const QString& id)
{
    return id.left(7);
}

} // namespace shiplog::core::git
