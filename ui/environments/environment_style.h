#pragma once

// How the Environments tab names and colours a comparison's statuses (from ui/common/theme).
#include "core/environment/compare.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace shiplog::ui::environments {

QColor statusColor(core::environment::CompareStatus status, const QPalette& palette);
// "only in staging", "only in production", "same", "differs"
QString statusText(core::environment::CompareStatus status, const QString& a, const QString& b);

} // namespace shiplog::ui::environments
