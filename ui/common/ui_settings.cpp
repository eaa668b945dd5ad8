#include "ui/common/ui_settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QPointer>
#include <QSettings>
#include <QThreadPool>
#include <mutex>
#include <utility>

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

// Values are written on a thread of their own, in order. QSettings writes its file with a lock
// file and QSaveFile, and syncs both to disk: on a busy disk that held the GUI thread for most of a
// second when a repository opened (tst_gui_stall, during builds on the same disk). Until a write
// is done, the value it writes is the value.
struct Writes
{
    std::mutex mutex;
    QHash<QString, std::pair<QVariant, quint64>> pending; // key → value and its write's number
    quint64 queued = 0;
};

Writes& writes()
{
    static Writes all;
    return all;
}

QThreadPool* writer()
{
    // A child of the application: destroyed with it, after the writes queued so far are done.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setMaxThreadCount(1);
    }
    return pool;
}
} // namespace

QVariant value(const QString& key, const QVariant& fallback)
{
    {
        Writes& all = writes();
        std::lock_guard lock(all.mutex);
        const auto it = all.pending.constFind(key);
        if (it != all.pending.cend())
            return it->first;
    }
    return QSettings().value(key, fallback);
}

bool contains(const QString& key)
{
    {
        Writes& all = writes();
        std::lock_guard lock(all.mutex);
        if (all.pending.contains(key))
            return true;
    }
    return QSettings().contains(key);
}

void setValue(const QString& key, const QVariant& value)
{
    Writes& all = writes();
    quint64 number = 0;
    {
        std::lock_guard lock(all.mutex);
        number = ++all.queued;
        all.pending.insert(key, {value, number});
    }
    writer()->start([key, value, number] {
        QSettings().setValue(key, value);
        Writes& done = writes();
        std::lock_guard lock(done.mutex);
        const auto it = done.pending.constFind(key);
        if (it != done.pending.cend() && it->second == number)
            done.pending.erase(it);
    });
}

void waitForWrites()
{
    writer()->waitForDone();
}

QStringList recentRepositories()
{
    return value(recentKey).toStringList();
}

void addRecentRepository(const QString& path)
{
    QStringList list = recentRepositories();
    const QString clean = normalized(path);
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > maxRecent)
        list.removeLast();
    setValue(recentKey, list);
}

void removeRecentRepository(const QString& path)
{
    QStringList list = recentRepositories();
    list.removeAll(normalized(path));
    setValue(recentKey, list);
}

core::git::BotRules botRules()
{
    core::git::BotRules rules;
    if (contains(botSubjectsKey))
        rules.subjectPrefixes = value(botSubjectsKey).toStringList();
    if (contains(botAuthorsKey))
        rules.authorSuffixes = value(botAuthorsKey).toStringList();
    return rules;
}

void setBotRules(const core::git::BotRules& rules)
{
    setValue(botSubjectsKey, rules.subjectPrefixes);
    setValue(botAuthorsKey, rules.authorSuffixes);
}

bool absoluteDates()
{
    return value(absoluteDatesKey, false).toBool();
}

void setAbsoluteDates(bool absolute)
{
    setValue(absoluteDatesKey, absolute);
}

} // namespace shiplog::ui::settings
