#pragma once

#include <QDateTime>
#include <QString>

namespace shiplog::ui {

// "just now", "5 minutes ago", "yesterday", "3 days ago", "2 months ago" — how long before `now`.
QString relativeTime(const QDateTime& when, const QDateTime& now = QDateTime::currentDateTimeUtc());

// "2024-05-01 10:00 +02:00": the absolute form shown in tooltips, the commit pane and the date column.
QString absoluteTime(const QDateTime& when);

} // namespace shiplog::ui
