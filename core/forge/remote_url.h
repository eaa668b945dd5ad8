#pragma once

#include <QHash>
#include <QString>
#include <optional>

namespace shiplog::core::forge {

enum class ForgeKind
{
    Unknown,
    GitHub,
    GitLab,
    Gitea,
    Bitbucket,
    Azure
};

// "github", "gitlab", "gitea", "bitbucket", "azure" (the CLI's --forge values); "" for Unknown.
QString forgeName(ForgeKind kind);
// Accepts the names above (and "forgejo", "ghes", "azure-devops"); nullopt for anything else.
std::optional<ForgeKind> forgeFromName(const QString& name);

// A git remote URL taken apart. Every form git accepts for network remotes is understood:
// https://host[:port]/path(.git), ssh://[user@]host[:port]/path, scp-like user@host:path,
// git://host/path, and Azure DevOps' https and v3 ssh forms.
struct RemoteUrl
{
    QString original;
    QString scheme; // "https", "http", "ssh", "git", "file"
    QString user;   // from the URL (ssh "git", Azure "org"), never a password
    QString host;   // lower case, without port
    int port = -1;  // as written in the URL, -1 when absent
    QString path;   // repository path without leading "/" and trailing ".git": "group/sub/repo"
    // Azure DevOps: organisation, project, repository (path is "org/project/repo").
    QString azureOrganization;
    QString azureProject;
    QString azureRepository;

    bool isHttp() const { return scheme == QLatin1String("https") || scheme == QLatin1String("http"); }
    QString owner() const; // first path segment ("group" for GitLab subgroups, workspace on Bitbucket)
    QString name() const;  // last path segment
};

std::optional<RemoteUrl> parseRemoteUrl(const QString& url);

// Which forge runs at the URL's host: a per-host setting wins (self-hosted servers cannot be
// recognised by name; keys are host names, lower case), then well-known hosts and name hints.
ForgeKind detectForge(const RemoteUrl& url, const QHash<QString, ForgeKind>& hostOverrides = {});

// Where a forge's web pages and REST API live for a repository.
struct ForgeRepo
{
    ForgeKind kind = ForgeKind::Unknown;
    RemoteUrl remote;
    QString webBase; // "https://github.com" (no trailing slash)
    QString apiBase; // "https://api.github.com", "https://host/api/v4", …
    QString webRepo; // the repository's page: "https://github.com/o/r"
};

// `apiOverride` replaces the default API base (GitHub Enterprise, tests); empty keeps the default.
ForgeRepo forgeRepo(const RemoteUrl& url, ForgeKind kind, const QString& apiOverride = {});

} // namespace shiplog::core::forge
