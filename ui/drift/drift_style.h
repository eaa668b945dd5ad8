#pragma once

// Colours, icons and words of drift states, shared by the summary bar, the tree and the dialogs.
// The colours follow Argo CD's sync status (green synced, amber out of sync) and stay readable on
// light and dark palettes.
#include "core/drift/drift_report.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

class QLabel;

namespace shiplog::ui::drift {

QColor statusColor(core::drift::DriftStatus status, const QPalette& palette);
// A filled circle in the status colour with a glyph (✓ ~ − + ?), so colour is not the only cue.
QIcon statusIcon(core::drift::DriftStatus status, const QPalette& palette);
// "In sync", "Drifted", "Missing in cluster", "Extra in cluster", "Not readable".
QString statusLabel(core::drift::DriftStatus status);
// The amber warning triangle of the insecure-skip-tls-verify badge.
QIcon warningIcon(const QPalette& palette);
QColor warningColor(const QPalette& palette);
// Styles `label` as a small rounded badge in `color` (text readable on it).
void makeBadge(QLabel* label, const QColor& color);

} // namespace shiplog::ui::drift
