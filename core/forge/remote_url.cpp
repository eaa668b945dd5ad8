#include "core/forge/remote_url.h"

#include <QRegularExpression>
#include <QUrl>

namespace shiplog::core::forge {

QString forgeName(ForgeKind kind)
{
    switch (kind) {
    case ForgeKind::GitHub:
        return QStringLiteral("github");
    case ForgeKind::GitLab:
        return QStringLiteral("gitlab");
    case ForgeKind::Gitea:
        return QStringLiteral("gitea");
    case ForgeKind::Bitbucket:
        return QStringLiteral("bitbucket");
    case ForgeKind::Azure:
        return QStringLiteral("azure");
    case ForgeKind::Unknown:
        break;
    }
    return {};
}

std::optional<ForgeKind> forgeFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("github") || n == QLatin1String("ghes"))
        return ForgeKind::GitHub;
    if (n == QLatin1String("gitlab"))
        return ForgeKind::GitLab;
    if (n == QLatin1String("gitea") || n == QLatin1String("forgejo"))
        return ForgeKind::Gitea;
    if (n == QLatin1String("bitbucket"))
        return ForgeKind::Bitbucket;
    if (n == QLatin1String("azure") || n == QLatin1String("azure-devops"))
        return ForgeKind::Azure;
    return std::nullopt;
}

QString RemoteUrl::owner() const
{
    return path.section(QLatin1Char('/'), 0, 0);
}
QString RemoteUrl::name() const
{
    return path.section(QLatin1Char('/'), -1);
}

namespace {

QString cleanPath(QString path)
{
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String(".git")))
        path.chop(4);
    return path;
}

// Azure DevOps spells the same repository four ways; all become org/project/repo.
void splitAzure(RemoteUrl& url)
{
    const QStringList parts = url.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool sshHost = url.host == QLatin1String("ssh.dev.azure.com") ||
                         url.host == QLatin1String("vs-ssh.visualstudio.com");
    if (sshHost && parts.size() == 4 && parts[0] == QLatin1String("v3")) {
        url.azureOrganization = parts[1];
        url.azureProject = parts[2];
        url.azureRepository = parts[3];
    } else if (url.host == QLatin1String("dev.azure.com") && parts.size() == 4 &&
               parts[2] == QLatin1String("_git")) {
        url.azureOrganization = parts[0];
        url.azureProject = parts[1];
        url.azureRepository = parts[3];
    } else if (url.host.endsWith(QLatin1String(".visualstudio.com")) && !sshHost) {
        // https://org.visualstudio.com/[DefaultCollection/]project/_git/repo
        QStringList rest = parts;
        if (!rest.isEmpty() && rest.first() == QLatin1String("DefaultCollection"))
            rest.removeFirst();
        if (rest.size() == 3 && rest[1] == QLatin1String("_git")) {
            url.azureOrganization = url.host.section(QLatin1Char('.'), 0, 0);
            url.azureProject = rest[0];
            url.azureRepository = rest[2];
        }
    }
    if (!url.azureRepository.isEmpty())
        url.path = url.azureOrganization + QLatin1Char('/') + url.azureProject + QLatin1Char('/') +
                   url.azureRepository;
}

} // namespace

std::optional<RemoteUrl> parseRemoteUrl(const QString& text)
{
    RemoteUrl url;
    url.original = text.trimmed();
    if (url.original.isEmpty())
        return std::nullopt;
    if (url.original.contains(QLatin1String("://"))) {
        const QUrl parsed(url.original);
        if (!parsed.isValid())
            return std::nullopt;
        url.scheme = parsed.scheme().toLower();
        if (url.scheme == QLatin1String("git+ssh") || url.scheme == QLatin1String("ssh+git"))
            url.scheme = QStringLiteral("ssh");
        url.user = parsed.userName();
        url.host = parsed.host().toLower();
        url.port = parsed.port();
        url.path = cleanPath(parsed.path());
        if (url.scheme != QLatin1String("file") && url.host.isEmpty())
            return std::nullopt;
    } else {
        // scp-like "user@host:path". A colon after a slash, or a one-letter "host" (C:\), is a local path.
        static const QRegularExpression scp(QStringLiteral("^(?:([^@/:]+)@)?([^@/:]{2,}):(.+)$"));
        const auto m = scp.match(url.original);
        if (m.hasMatch()) {
            url.scheme = QStringLiteral("ssh");
            url.user = m.captured(1);
            url.host = m.captured(2).toLower();
            url.path = cleanPath(m.captured(3));
        } else {
            url.scheme = QStringLiteral("file");
            url.path = url.original;
            return url;
        }
    }
    if (url.path.isEmpty() && url.scheme != QLatin1String("file"))
        return std::nullopt;
    if (url.host.contains(QLatin1String("azure.com")) || url.host.endsWith(QLatin1String("visualstudio.com")))
        splitAzure(url);
    return url;
}

ForgeKind detectForge(const RemoteUrl& url, const QHash<QString, ForgeKind>& hostOverrides)
{
    const QString host = url.host.toLower();
    if (host.isEmpty())
        return ForgeKind::Unknown;
    if (auto it = hostOverrides.constFind(host); it != hostOverrides.constEnd())
        return *it;
    if (host == QLatin1String("github.com") || host == QLatin1String("ssh.github.com") ||
        host.startsWith(QLatin1String("github.")))
        return ForgeKind::GitHub;
    if (host == QLatin1String("gitlab.com") || host.startsWith(QLatin1String("gitlab.")) ||
        host.contains(QLatin1String(".gitlab.")))
        return ForgeKind::GitLab;
    if (host == QLatin1String("codeberg.org") || host == QLatin1String("gitea.com") ||
        host.startsWith(QLatin1String("gitea.")) || host.startsWith(QLatin1String("forgejo.")))
        return ForgeKind::Gitea;
    if (host == QLatin1String("bitbucket.org"))
        return ForgeKind::Bitbucket;
    if (!url.azureRepository.isEmpty())
        return ForgeKind::Azure;
    return ForgeKind::Unknown;
}

namespace {
QString encodedSegment(const QString& s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}
} // namespace

ForgeRepo forgeRepo(const RemoteUrl& url, ForgeKind kind, const QString& apiOverride)
{
    ForgeRepo repo;
    repo.kind = kind;
    repo.remote = url;
    // Web pages are served where an https remote points; an ssh remote's host serves them on https.
    if (url.isHttp())
        repo.webBase = url.scheme + QStringLiteral("://") + url.host +
                       (url.port > 0 ? QStringLiteral(":%1").arg(url.port) : QString());
    else
        repo.webBase =
            QStringLiteral("https://") +
            (url.host == QLatin1String("ssh.github.com") ? QStringLiteral("github.com") : url.host);
    repo.webRepo = repo.webBase + QLatin1Char('/') + url.path;
    switch (kind) {
    case ForgeKind::GitHub:
        repo.apiBase = url.host == QLatin1String("github.com") || url.host == QLatin1String("ssh.github.com")
                           ? QStringLiteral("https://api.github.com")
                           : repo.webBase + QStringLiteral("/api/v3");
        break;
    case ForgeKind::GitLab:
        repo.apiBase = repo.webBase + QStringLiteral("/api/v4");
        break;
    case ForgeKind::Gitea:
        repo.apiBase = repo.webBase + QStringLiteral("/api/v1");
        break;
    case ForgeKind::Bitbucket:
        repo.webBase = QStringLiteral("https://bitbucket.org");
        repo.webRepo = repo.webBase + QLatin1Char('/') + url.path;
        repo.apiBase = QStringLiteral("https://api.bitbucket.org/2.0");
        break;
    case ForgeKind::Azure:
        repo.webBase = QStringLiteral("https://dev.azure.com");
        repo.webRepo = repo.webBase + QLatin1Char('/') + encodedSegment(url.azureOrganization) +
                       QLatin1Char('/') + encodedSegment(url.azureProject) + QStringLiteral("/_git/") +
                       encodedSegment(url.azureRepository);
        repo.apiBase = repo.webBase + QLatin1Char('/') + encodedSegment(url.azureOrganization);
        break;
    case ForgeKind::Unknown:
        break;
    }
    if (!apiOverride.isEmpty()) {
        repo.apiBase = apiOverride;
        while (repo.apiBase.endsWith(QLatin1Char('/')))
            repo.apiBase.chop(1);
    }
    return repo;
}

} // namespace shiplog::core::forge
