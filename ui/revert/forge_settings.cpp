#include "ui/revert/forge_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSettings>

namespace shiplog::ui::forges {

namespace {
const QString group = QStringLiteral("forgeAccounts");

QString normalizedHost(const QString& host)
{
    return host.trimmed().toLower();
}
QString normalizedPath(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QMutex& sessionMutex()
{
    static QMutex mutex;
    return mutex;
}
QHash<QString, SessionForge>& sessionForges()
{
    static QHash<QString, SessionForge> forges;
    return forges;
}
} // namespace

QList<ForgeAccount> accounts()
{
    QSettings s;
    s.beginGroup(group);
    QList<ForgeAccount> list;
    for (const QString& host : s.childGroups()) {
        ForgeAccount a;
        a.host = host;
        const auto kind = core::forge::forgeFromName(s.value(host + QStringLiteral("/kind")).toString());
        if (!kind || *kind == core::forge::ForgeKind::Unknown)
            continue;
        a.kind = *kind;
        a.apiUrl = s.value(host + QStringLiteral("/apiUrl")).toString();
        list.append(a);
    }
    return list;
}

void saveAccount(const ForgeAccount& account)
{
    const QString host = normalizedHost(account.host);
    if (host.isEmpty() || host.contains(QLatin1Char('/')))
        return;
    QSettings s;
    s.beginGroup(group);
    s.setValue(host + QStringLiteral("/kind"), core::forge::forgeName(account.kind));
    s.setValue(host + QStringLiteral("/apiUrl"), account.apiUrl.trimmed());
}

void removeAccount(const QString& host)
{
    QSettings s;
    s.beginGroup(group);
    s.remove(normalizedHost(host));
}

QHash<QString, core::forge::ForgeKind> hostForges()
{
    QHash<QString, core::forge::ForgeKind> map;
    for (const ForgeAccount& a : accounts())
        map.insert(a.host, a.kind);
    return map;
}

QHash<QString, QString> hostApis()
{
    QHash<QString, QString> map;
    for (const ForgeAccount& a : accounts())
        if (!a.apiUrl.isEmpty())
            map.insert(a.host, a.apiUrl);
    return map;
}

void setSessionForge(const QString& repositoryPath, const SessionForge& forge)
{
    QMutexLocker lock(&sessionMutex());
    sessionForges().insert(normalizedPath(repositoryPath), forge);
}

void clearSessionForge(const QString& repositoryPath)
{
    QMutexLocker lock(&sessionMutex());
    sessionForges().remove(normalizedPath(repositoryPath));
}

std::optional<SessionForge> sessionForge(const QString& repositoryPath)
{
    QMutexLocker lock(&sessionMutex());
    const auto it = sessionForges().constFind(normalizedPath(repositoryPath));
    if (it == sessionForges().constEnd())
        return std::nullopt;
    return *it;
}

QList<core::forge::ForgeKind> selectableKinds()
{
    using K = core::forge::ForgeKind;
    return {K::GitHub, K::GitLab, K::Gitea, K::Bitbucket, K::Azure};
}

QString kindLabel(core::forge::ForgeKind kind)
{
    using K = core::forge::ForgeKind;
    switch (kind) {
    case K::GitHub:
        return QStringLiteral("GitHub / GitHub Enterprise");
    case K::GitLab:
        return QStringLiteral("GitLab");
    case K::Gitea:
        return QStringLiteral("Gitea / Forgejo");
    case K::Bitbucket:
        return QStringLiteral("Bitbucket");
    case K::Azure:
        return QStringLiteral("Azure DevOps");
    case K::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

} // namespace shiplog::ui::forges
