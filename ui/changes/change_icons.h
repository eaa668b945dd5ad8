#pragma once

#include "core/diff/change_set.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace shiplog::ui {

// + added green, − removed red, ~ modified amber, → moved blue (readable on light and dark).
QColor changeColor(core::diff::ChangeKind kind, const QPalette& palette);
QString changeSymbol(core::diff::ChangeKind kind);
// A small badge with the symbol on the kind's colour.
QIcon changeIcon(core::diff::ChangeKind kind, const QPalette& palette);
// A warning badge for parse errors.
QIcon errorIcon(const QPalette& palette);

} // namespace shiplog::ui
