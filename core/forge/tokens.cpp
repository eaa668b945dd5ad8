#include "core/forge/tokens.h"

#include "core/common/secret_registry.h"

#include <QProcess>
#include <QStandardPaths>

namespace shiplog::core::forge {

std::optional<QString> MemoryTokenStore::token(ForgeKind, const QString& host) const
{
    if (auto it = m_tokens.constFind(host.toLower()); it != m_tokens.constEnd())
        return *it;
    return std::nullopt;
}

namespace {

std::optional<ApiToken> fromEnvironment(const QProcessEnvironment& env,
                                        std::initializer_list<const char*> names)
{
    for (const char* name : names) {
        const QString value = env.value(QString::fromLatin1(name)).trimmed();
        if (!value.isEmpty())
            return ApiToken{value, QString::fromLatin1(name)};
    }
    return std::nullopt;
}

std::optional<ApiToken> fromGhCli(const QString& host, const QProcessEnvironment& env)
{
    const QString gh = QStandardPaths::findExecutable(QStringLiteral("gh"));
    if (gh.isEmpty())
        return std::nullopt;
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(gh, {QStringLiteral("auth"), QStringLiteral("token"), QStringLiteral("--hostname"), host});
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    const QString token = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || token.isEmpty())
        return std::nullopt;
    return ApiToken{token, QStringLiteral("gh auth token")};
}

std::optional<ApiToken> findTokenIn(const ForgeRepo& repo, const TokenSources& sources);

} // namespace

std::optional<ApiToken> findToken(const ForgeRepo& repo, const TokenSources& sources)
{
    // Wherever it came from, the token is now a secret of this process: scrubbed from all output.
    std::optional<ApiToken> token = findTokenIn(repo, sources);
    if (token)
        rememberSecret(token->value);
    return token;
}

namespace {
std::optional<ApiToken> findTokenIn(const ForgeRepo& repo, const TokenSources& sources)
{
    const QString host = repo.remote.host;
    if (sources.store) {
        if (auto t = sources.store->token(repo.kind, host); t && !t->isEmpty())
            return ApiToken{*t, QStringLiteral("keychain")};
    }
    const QProcessEnvironment& env = sources.environment;
    switch (repo.kind) {
    case ForgeKind::GitHub: {
        const bool dotcom = host == QLatin1String("github.com") || host == QLatin1String("ssh.github.com");
        auto t = dotcom ? fromEnvironment(env, {"GH_TOKEN", "GITHUB_TOKEN"})
                        : fromEnvironment(env, {"GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"});
        if (!t && sources.askGhCli)
            t = fromGhCli(dotcom ? QStringLiteral("github.com") : host, env);
        return t;
    }
    case ForgeKind::GitLab:
        return fromEnvironment(env, {"GITLAB_TOKEN"});
    case ForgeKind::Gitea:
        return fromEnvironment(env, {"GITEA_TOKEN"});
    case ForgeKind::Azure:
        return fromEnvironment(env, {"AZURE_DEVOPS_EXT_PAT"});
    case ForgeKind::Bitbucket:
    case ForgeKind::Unknown:
        break;
    }
    return std::nullopt;
}
} // namespace

QString tokenUsername(ForgeKind kind)
{
    switch (kind) {
    case ForgeKind::GitHub:
        return QStringLiteral("x-access-token");
    case ForgeKind::GitLab:
        return QStringLiteral("oauth2");
    case ForgeKind::Bitbucket:
        return QStringLiteral("x-token-auth");
    case ForgeKind::Gitea:
        return QStringLiteral("oauth2");
    case ForgeKind::Azure:
        return QStringLiteral("pat");
    case ForgeKind::Unknown:
        break;
    }
    return QStringLiteral("x-access-token");
}

} // namespace shiplog::core::forge
