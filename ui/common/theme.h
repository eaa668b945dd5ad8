#pragma once

#include "core/git/commit_info.h"
#include "core/git/history.h"

#include <QColor>
#include <QPalette>

// The application's one colour palette: every colour a view paints is derived here from the
// QPalette in use, so light and dark both read well.
namespace shiplog::ui::theme {

// True when the window background is dark (the system's dark mode or our --palette dark).
bool isDark(const QPalette& palette);

// A dark Fusion palette for `--palette dark` / SHIPLOG_PALETTE=dark, where the platform has none.
QPalette darkPalette();

// Background and text of a ref label chip; chosen per palette so both stay readable.
struct ChipColors
{
    QColor background;
    QColor border;
    QColor text;
};
ChipColors chipColors(core::git::RefLabel::Kind kind, const QPalette& palette);

// The colour of a changed file's status letter (A green, M amber, D red, R violet).
QColor statusColor(core::git::ChangedFile::Status status, const QPalette& palette);
QChar statusLetter(core::git::ChangedFile::Status status);

// Readable red for error text on the window background, and green / red for +/- counts.
QColor errorColor(const QPalette& palette);
QColor additionsColor(const QPalette& palette);
QColor deletionsColor(const QPalette& palette);

// The colour of a history graph lane: a small cycle of hues, lighter on dark backgrounds.
QColor laneColor(int lane, const QPalette& palette);

// The palette's text colour faded toward the background (secondary text: dates, ids, hints).
QColor mutedText(const QPalette& palette);

// Colours of the change kinds of a resource (added green, removed red, modified amber, moved blue).
QColor addedColor(const QPalette& palette);
QColor removedColor(const QPalette& palette);
QColor modifiedColor(const QPalette& palette);
QColor movedColor(const QPalette& palette);

// The colours of a rendered diff, derived from the palette so that both light and dark read well:
// soft line backgrounds for added/removed lines and stronger ones for the words that changed.
struct DiffColors
{
    QColor addedLine;
    QColor addedWord;
    QColor removedLine;
    QColor removedWord;
    QColor filler;   // the empty side of an added or removed line (side-by-side)
    QColor foldLine; // "⋯ 23 unchanged lines"
    QColor foldText;
    QColor gutterText;
    QColor gutterBackground;
    QColor currentChange;

    static DiffColors forPalette(const QPalette& palette);
};

} // namespace shiplog::ui::theme
