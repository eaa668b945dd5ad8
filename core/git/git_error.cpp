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
    std::call_once(once, [] { git_libgit2_init(); });
}

QString shortId(const QString& id)
{
    return id.left(7);
}

} // namespace shiplog::core::git
