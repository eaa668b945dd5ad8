#pragma once

// Which forge runs on which host, as the user set it (Settings ▸ Forge Accounts), and forges a
// session provides for one repository (the demo). Tokens are never here: they live in the system
// keychain (KeychainTokenStore) or, for a session forge, in memory only.
#include "core/forge/remote_url.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::ui::forges {

struct ForgeAccount
{
    QString host; // lower case, no port: "github.example.com"
    core::forge::ForgeKind kind = core::forge::ForgeKind::GitHub;
    QString apiUrl; // empty: the forge's usual API address for the host
};

// Saved in QSettings under "forgeAccounts/<host>/{kind,apiUrl}" (no secrets).
QList<ForgeAccount> accounts();
void saveAccount(const ForgeAccount& account);
void removeAccount(const QString& host);
QHash<QString, core::forge::ForgeKind> hostForges();
QHash<QString, QString> hostApis();

// A forge the running app provides for one repository, kept in memory only.
struct SessionForge
{
    core::forge::ForgeKind kind = core::forge::ForgeKind::GitHub;
    QString apiUrl;
    QString webRepo; // the repository's page on that forge (links in the pull request body)
    QString token;
};
void setSessionForge(const QString& repositoryPath, const SessionForge& forge);
void clearSessionForge(const QString& repositoryPath);
std::optional<SessionForge> sessionForge(const QString& repositoryPath);

// "GitHub / GitHub Enterprise", … and back, for the account editor's combo box.
QList<core::forge::ForgeKind> selectableKinds();
QString kindLabel(core::forge::ForgeKind kind);

} // namespace shiplog::ui::forges
