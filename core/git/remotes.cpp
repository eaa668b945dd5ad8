#include "core/git/remotes.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"

namespace shiplog::core::git {

Result<QStringList> remoteUrls(const Repository& repo)
{
    git_strarray names{};
    const int rc = git_remote_list(&names, repo.raw());
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot list the remotes of '%1'").arg(repo.path())));
    QStringList urls;
    for (size_t i = 0; i < names.count; ++i) {
        git_remote* raw = nullptr;
        if (git_remote_lookup(&raw, repo.raw(), names.strings[i]) < 0)
            continue; // a broken remote section names no URL to compare with
        RemoteHandle remote(raw);
        for (const char* url : {git_remote_url(remote.get()), git_remote_pushurl(remote.get())})
            if (url && !urls.contains(QString::fromUtf8(url)))
                urls << QString::fromUtf8(url);
    }
    git_strarray_dispose(&names);
    return urls;
}

} // namespace shiplog::core::git
