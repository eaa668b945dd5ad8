#include "ui/common/relative_time.h"

#include <QCoreApplication>

namespace shiplog::ui {

namespace {
QString ago(qint64 count, const char* one, const char* many)
{
    return count == 1 ? QCoreApplication::translate("RelativeTime", one)
                      : QCoreApplication::translate("RelativeTime", many).arg(count);
}
} // namespace

QString relativeTime(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid())
        return {};
    const qint64 seconds = when.secsTo(now);
    if (seconds < 0)
        return QCoreApplication::translate("RelativeTime", "in the future");
    if (seconds < 60)
        return QCoreApplication::translate("RelativeTime", "just now");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return ago(minutes, "1 minute ago", "%1 minutes ago");
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return ago(hours, "1 hour ago", "%1 hours ago");
    const qint64 days = hours / 24;
    if (days == 1)
        return QCoreApplication::translate("RelativeTime", "yesterday");
    if (days < 14)
        return ago(days, "1 day ago", "%1 days ago");
    if (days < 60)
        return ago(days / 7, "1 week ago", "%1 weeks ago");
    if (days < 365)
        return ago(days / 30, "1 month ago", "%1 months ago");
    return ago(days / 365, "1 year ago", "%1 years ago");
}

QString absoluteTime(const QDateTime& when)
{
    if (!when.isValid())
        return {};
    const int offset = when.offsetFromUtc();
    const int hours = std::abs(offset) / 3600;
    const int minutes = (std::abs(offset) % 3600) / 60;
    return QStringLiteral("%1 %2%3:%4")
        .arg(when.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
             offset < 0 ? QStringLiteral("-") : QStringLiteral("+"))
        .arg(hours, 2, 10, QLatin1Char('0'))
        .arg(minutes, 2, 10, QLatin1Char('0'));
}

} // namespace shiplog::ui
