#include "ui/common/ui_settings.h"

#include <QDir>
#include <QSettings>

namespace shiplog::ui::settings {

namespace {
const QString recentKey = QStringLiteral("recentRepositories");
const QString botSubjectsKey = QStringLiteral("history/botSubjectPrefixes");
const QString botAuthorsKey = QStringLiteral("history/botAuthorSuffixes");
const QString absoluteDatesKey = QStringLiteral("history/absoluteDates");

QString normalized(const QString& path)
{
    return QDir::cleanPath(QDir::fromNativeSeparators(path));
}
} // namespace

QStringList recentRepositories()
{
    return QSettings().value(recentKey).toStringList();
}

void addRecentRepository(const QString& path)
{
    QStringList list = recentRepositories();
    const QString clean = normalized(path);
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > maxRecent)
        list.removeLast();
    QSettings().setValue(recentKey, list);
}

void removeRecentRepository(const QString& path)
{
    QStringList list = recentRepositories();
    list.removeAll(normalized(path));
    QSettings().setValue(recentKey, list);
}

core::git::BotRules botRules()
{
    QSettings s;
    core::git::BotRules rules;
    if (s.contains(botSubjectsKey))
        rules.subjectPrefixes = s.value(botSubjectsKey).toStringList();
    if (s.contains(botAuthorsKey))
        rules.authorSuffixes = s.value(botAuthorsKey).toStringList();
    return rules;
}

void setBotRules(const core::git::BotRules& rules)
{
    QSettings s;
    s.setValue(botSubjectsKey, rules.subjectPrefixes);
    s.setValue(botAuthorsKey, rules.authorSuffixes);
}

bool absoluteDates()
{
    return QSettings().value(absoluteDatesKey, false).toBool();
}

void setAbsoluteDates(bool absolute)
{
    QSettings().setValue(absoluteDatesKey, absolute);
}

} // namespace shiplog::ui::settings
