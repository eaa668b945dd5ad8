#pragma once

#include "core/forge/remote_url.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <memory>
#include <optional>

namespace shiplog::core::forge {

// Where the app keeps API tokens of its own (the UI backs this with the system keychain through
// QtKeychain). Called from worker threads: implementations must be thread-safe.
class TokenStore
{
public:
    virtual ~TokenStore() = default;
    virtual std::optional<QString> token(ForgeKind kind, const QString& host) const = 0;
};

// A store held in memory (tests; or the UI's copy read from the keychain before a job starts).
class MemoryTokenStore : public TokenStore
{
public:
    void set(const QString& host, const QString& token) { m_tokens.insert(host.toLower(), token); }
    std::optional<QString> token(ForgeKind, const QString& host) const override;

private:
    QHash<QString, QString> m_tokens;
};

struct ApiToken
{
    QString value;  // never logged, shown or written anywhere
    QString source; // where it came from, for messages: "keychain", "GH_TOKEN", "gh auth token", …
};

struct TokenSources
{
    std::shared_ptr<const TokenStore> store; // optional
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    bool askGhCli = true; // run `gh auth token --hostname H` when gh is installed
};

// The API token for a repository's forge, in the order users already keep them: the app's store,
// GH_TOKEN/GITHUB_TOKEN (github.com) or GH_ENTERPRISE_TOKEN/GITHUB_ENTERPRISE_TOKEN (other hosts),
// `gh auth token`, GITLAB_TOKEN, GITEA_TOKEN, AZURE_DEVOPS_EXT_PAT.
std::optional<ApiToken> findToken(const ForgeRepo& repo, const TokenSources& sources);

// The user name forges expect beside a token used as an HTTPS git password.
QString tokenUsername(ForgeKind kind);

} // namespace shiplog::core::forge
