#include "ui/common/theme.h"

#include <iterator>

namespace shiplog::ui::theme {

using core::git::ChangedFile;
using core::git::RefLabel;

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe3, 0xe5, 0xe8);
    const QColor disabled(0x80, 0x84, 0x8a);
    const QColor highlight(0x2f, 0x6f, 0xc9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x48, 0x4e));
    return p;
}

ChipColors chipColors(RefLabel::Kind kind, const QPalette& palette)
{
    const bool dark = isDark(palette);
    // Light: pale fill, deep text. Dark: deep fill, pale text. Hues: HEAD blue, branch green,
    // remote branch slate-violet, tag amber — the conventions of Sublime Merge and GitAhead.
    auto make = [dark](QRgb lightBg, QRgb lightText, QRgb darkBg, QRgb darkText) {
        ChipColors c;
        c.background = QColor::fromRgb(dark ? darkBg : lightBg);
        c.text = QColor::fromRgb(dark ? darkText : lightText);
        c.border = dark ? c.background.lighter(140) : c.background.darker(118);
        return c;
    };
    switch (kind) {
    case RefLabel::Kind::Head:
        return make(0xdbe7fe, 0x1e3a8a, 0x1e3a72, 0xdbe7fe);
    case RefLabel::Kind::LocalBranch:
        return make(0xd9f5e1, 0x14532d, 0x1b4a2e, 0xc8f3d6);
    case RefLabel::Kind::RemoteBranch:
        return make(0xe9e4fb, 0x4c1d95, 0x3b2a66, 0xe4dcff);
    case RefLabel::Kind::Tag:
        return make(0xfdf0c8, 0x78350f, 0x5c3d0a, 0xfde7a8);
    }
    return make(0xeeeeee, 0x222222, 0x444444, 0xeeeeee);
}

QColor statusColor(ChangedFile::Status status, const QPalette& palette)
{
    const bool dark = isDark(palette);
    switch (status) {
    case ChangedFile::Status::Added:
        return QColor::fromRgb(dark ? 0x4ade80 : 0x15803d);
    case ChangedFile::Status::Deleted:
        return QColor::fromRgb(dark ? 0xf87171 : 0xb91c1c);
    case ChangedFile::Status::Modified:
        return QColor::fromRgb(dark ? 0xfbbf24 : 0xb45309);
    case ChangedFile::Status::Renamed:
        return QColor::fromRgb(dark ? 0xc4b5fd : 0x6d28d9);
    case ChangedFile::Status::TypeChanged:
        return mutedText(palette);
    }
    return palette.color(QPalette::Text);
}

QChar statusLetter(ChangedFile::Status status)
{
    switch (status) {
    case ChangedFile::Status::Added:
        return QLatin1Char('A');
    case ChangedFile::Status::Deleted:
        return QLatin1Char('D');
    case ChangedFile::Status::Modified:
        return QLatin1Char('M');
    case ChangedFile::Status::Renamed:
        return QLatin1Char('R');
    case ChangedFile::Status::TypeChanged:
        return QLatin1Char('T');
    }
    return QLatin1Char('?');
}

QColor errorColor(const QPalette& palette)
{
    return QColor::fromRgb(isDark(palette) ? 0xff8a80 : 0xb3261e);
}

QColor additionsColor(const QPalette& palette)
{
    return QColor::fromRgb(isDark(palette) ? 0x4ade80 : 0x15803d);
}

QColor deletionsColor(const QPalette& palette)
{
    return QColor::fromRgb(isDark(palette) ? 0xf87171 : 0xb91c1c);
}

QColor mutedText(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return QColor::fromRgbF(text.redF() * 0.6f + base.redF() * 0.4f,
                            text.greenF() * 0.6f + base.greenF() * 0.4f,
                            text.blueF() * 0.6f + base.blueF() * 0.4f);
}

QColor laneColor(int lane, const QPalette& palette)
{
    // Hues far enough apart to tell neighbouring lanes apart; the first is the palette's link blue
    // family so that a linear history looks calm.
    static const int hues[] = {212, 28, 140, 280, 350, 48, 180, 95};
    const int hue = hues[lane % int(std::size(hues))];
    return isDark(palette) ? QColor::fromHsl(hue, 170, 165) : QColor::fromHsl(hue, 190, 105);
}

QColor addedColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(87, 196, 110) : QColor(26, 127, 55);
}

QColor removedColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(248, 113, 104) : QColor(207, 34, 46);
}

QColor modifiedColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(226, 180, 80) : QColor(176, 112, 0);
}

QColor movedColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(100, 160, 255) : QColor(9, 105, 218);
}

DiffColors DiffColors::forPalette(const QPalette& palette)
{
    const bool dark = isDark(palette);
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

} // namespace shiplog::ui::theme
