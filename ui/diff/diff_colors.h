#pragma once

#include <QColor>
#include <QPalette>

namespace shiplog::ui {

// The colours of a rendered diff, derived from the palette so that both light and dark read well:
// soft line backgrounds for added/removed lines and stronger ones for the words that changed.
struct DiffColors
{
    QColor addedLine;
    QColor addedWord;
    QColor removedLine;
    QColor removedWord;
    QColor filler;      // the empty side of an added or removed line (side-by-side)
    QColor foldLine;    // "⋯ 23 unchanged lines"
    QColor foldText;
    QColor gutterText;
    QColor gutterBackground;
    QColor currentChange;

    static DiffColors forPalette(const QPalette& palette);
};

// Colours of the change kinds (added green, removed red, modified amber, moved blue).
QColor addedColor(const QPalette& palette);
QColor removedColor(const QPalette& palette);
QColor modifiedColor(const QPalette& palette);
QColor movedColor(const QPalette& palette);
QColor mutedTextColor(const QPalette& palette);

}  // namespace shiplog::ui
