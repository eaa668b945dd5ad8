#include "core/git/remotes.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"

#include <algorithm>

namespace shiplog::core::git {

namespace {

// A URL rewritten by the longest of `prefixes` (prefix → base) it starts with, as git does.
QString rewritten(const QString& url, const QList<std::pair<QString, QString>>& prefixes)
{
    const std::pair<QString, QString>* best = nullptr;
    for (const auto& prefix : prefixes) {
        if (url.startsWith(prefix.first) && (!best || prefix.first.size() > best->first.size()))
            best = &prefix;
    }
    return best ? best->second + url.mid(best->first.size()) : url;
}

} // namespace

Result<QStringList> remoteUrls(const Repository& repo)
{
    // The configuration read with a plain iterator, not git_remote_list and git_remote_lookup:
    // libgit2 1.5.1 leaks each regular expression its config matching compiles (about 130 KB for
    // the two calls). Environment detection asks on every revision it reads: a Jenkins X timeline
    // through its environment held 1.7 GB at its end.
    const auto cannotRead = [&repo](int rc) {
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot list the remotes of '%1'").arg(repo.path())));
    };
    git_config* rawConfig = nullptr;
    int rc = git_repository_config_snapshot(&rawConfig, repo.raw());
    ConfigHandle config(rawConfig);
    if (rc < 0)
        return cannotRead(rc);
    git_config_iterator* rawIterator = nullptr;
    rc = git_config_iterator_new(&rawIterator, config.get());
    ConfigIteratorHandle iterator(rawIterator);
    if (rc < 0)
        return cannotRead(rc);
    // Names are lower-cased by libgit2 except the subsection (the remote's or the base URL).
    struct Remote
    {
        QString name;
        QStringList urls;
        QStringList pushUrls;
    };
    QList<Remote> remotes;                        // in the file's order
    QList<std::pair<QString, QString>> insteadOf; // prefix → base
    QList<std::pair<QString, QString>> pushInsteadOf;
    git_config_entry* entry = nullptr;
    while ((rc = git_config_next(&entry, iterator.get())) == 0) {
        const QString name = QString::fromUtf8(entry->name);
        const QString value = QString::fromUtf8(entry->value ? entry->value : "");
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        const QString variable = name.mid(dot + 1);
        if (name.startsWith(QLatin1String("remote.")) && dot > 7 &&
            (variable == QLatin1String("url") || variable == QLatin1String("pushurl"))) {
            if (value.isEmpty())
                continue;
            const QString remoteName = name.mid(7, dot - 7);
            auto it = std::find_if(remotes.begin(), remotes.end(),
                                   [&remoteName](const Remote& r) { return r.name == remoteName; });
            if (it == remotes.end())
                it = remotes.insert(remotes.end(), Remote{remoteName, {}, {}});
            (variable == QLatin1String("url") ? it->urls : it->pushUrls).append(value);
        } else if (name.startsWith(QLatin1String("url.")) && dot > 4) {
            const QString base = name.mid(4, dot - 4);
            if (variable == QLatin1String("insteadof"))
                insteadOf.append({value, base});
            else if (variable == QLatin1String("pushinsteadof"))
                pushInsteadOf.append({value, base});
        }
    }
    if (rc != GIT_ITEROVER)
        return cannotRead(rc);
    // git's rules (git-config(1), url.<base>.*): insteadOf rewrites every URL, push URLs included;
    // pushInsteadOf gives the URL a remote pushes to, unless it names a push URL of its own.
    QStringList urls;
    const auto add = [&urls](const QString& url) {
        if (!urls.contains(url))
            urls << url;
    };
    for (const Remote& remote : std::as_const(remotes)) {
        for (const QString& url : remote.urls) {
            add(rewritten(url, insteadOf));
            if (const QString pushed = rewritten(url, pushInsteadOf);
                remote.pushUrls.isEmpty() && pushed != url)
                add(pushed);
        }
        for (const QString& url : remote.pushUrls)
            add(rewritten(url, insteadOf));
    }
    return urls;
}

} // namespace shiplog::core::git
