#include "ui/diff/diff_colors.h"

#include "ui/diff/syntax.h"

namespace shiplog::ui {

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

}  // namespace

DiffColors DiffColors::forPalette(const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    DiffColors c;
    // GitHub/Sublime Merge-like tints: the colour blended into the base so any base works.
    const QColor green(46, 160, 67);
    const QColor red = dark ? QColor(248, 81, 73) : QColor(235, 70, 60);
    c.addedLine = mix(base, green, dark ? 0.18 : 0.13);
    c.addedWord = mix(base, green, dark ? 0.42 : 0.36);
    c.removedLine = mix(base, red, dark ? 0.18 : 0.11);
    c.removedWord = mix(base, red, dark ? 0.42 : 0.32);
    c.filler = mix(base, text, dark ? 0.05 : 0.035);
    c.foldLine = mix(base, QColor(56, 139, 253), dark ? 0.14 : 0.08);
    c.foldText = mix(text, base, 0.35);
    c.gutterText = mix(text, base, 0.55);
    c.gutterBackground = mix(base, text, dark ? 0.03 : 0.025);
    c.currentChange = mix(base, QColor(56, 139, 253), 0.8);
    return c;
}

QColor addedColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(87, 196, 110) : QColor(26, 127, 55);
}

QColor removedColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(248, 113, 104) : QColor(207, 34, 46);
}

QColor modifiedColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(226, 180, 80) : QColor(176, 112, 0);
}

QColor movedColor(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(100, 160, 255) : QColor(9, 105, 218);
}

QColor mutedTextColor(const QPalette& palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

}  // namespace shiplog::ui
