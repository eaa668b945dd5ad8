#include "ui/environments/environment_style.h"

#include "ui/common/theme.h"

#include <QCoreApplication>

namespace shiplog::ui::environments {

using core::environment::CompareStatus;

QColor statusColor(CompareStatus status, const QPalette& palette)
{
    switch (status) {
    case CompareStatus::OnlyA:
        return theme::removedColor(palette);
    case CompareStatus::OnlyB:
        return theme::addedColor(palette);
    case CompareStatus::Differs:
        return theme::modifiedColor(palette);
    case CompareStatus::Same:
        break;
    }
    return theme::mutedText(palette);
}

QString statusText(CompareStatus status, const QString& a, const QString& b)
{
    switch (status) {
    case CompareStatus::OnlyA:
        return QCoreApplication::translate("Environments", "only in %1").arg(a);
    case CompareStatus::OnlyB:
        return QCoreApplication::translate("Environments", "only in %1").arg(b);
    case CompareStatus::Differs:
        return QCoreApplication::translate("Environments", "differs");
    case CompareStatus::Same:
        break;
    }
    return QCoreApplication::translate("Environments", "same");
}

} // namespace shiplog::ui::environments
