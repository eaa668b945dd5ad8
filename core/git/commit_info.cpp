#include "core/git/commit_info.h"

namespace shiplog::core::git {

QDateTime Person::dateTime() const
{
    return QDateTime::fromSecsSinceEpoch(time, Qt::OffsetFromUTC, offsetMinutes * 60);
}

QString Person::isoTime() const
{
    // Written by hand rather than with Qt::ISODate: Qt writes "Z" for UTC, git's %aI writes "+00:00".
    const QDateTime local = QDateTime::fromSecsSinceEpoch(time, Qt::UTC).addSecs(qint64(offsetMinutes) * 60);
    const int absolute = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    return local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
           (offsetMinutes < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
           QStringLiteral("%1:%2")
               .arg(absolute / 60, 2, 10, QLatin1Char('0'))
               .arg(absolute % 60, 2, 10, QLatin1Char('0'));
}

} // namespace shiplog::core::git
