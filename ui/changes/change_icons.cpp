#include "ui/changes/change_icons.h"

#include "ui/common/theme.h"

#include <QPainter>
#include <QPixmap>

namespace shiplog::ui {

using core::diff::ChangeKind;

QColor changeColor(ChangeKind kind, const QPalette& palette)
{
    switch (kind) {
    case ChangeKind::Added:
        return theme::addedColor(palette);
    case ChangeKind::Removed:
        return theme::removedColor(palette);
    case ChangeKind::Modified:
        return theme::modifiedColor(palette);
    case ChangeKind::Moved:
        return theme::movedColor(palette);
    }
    return palette.color(QPalette::Text);
}

QString changeSymbol(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("+");
    case ChangeKind::Removed:
        return QStringLiteral("−");
    case ChangeKind::Modified:
        return QStringLiteral("~");
    case ChangeKind::Moved:
        return QStringLiteral("→");
    }
    return {};
}

namespace {

QIcon badge(const QString& symbol, const QColor& color)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const qreal margin = size / 16.0;
        painter.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size / 5.0,
                                size / 5.0);
        QFont font;
        font.setBold(true);
        font.setPixelSize(int(size * 0.8));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(0, -size / 16.0, size, size), Qt::AlignCenter, symbol);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon changeIcon(ChangeKind kind, const QPalette& palette)
{
    return badge(changeSymbol(kind), changeColor(kind, palette));
}

QIcon errorIcon(const QPalette& palette)
{
    return badge(QStringLiteral("!"), theme::removedColor(palette));
}

} // namespace shiplog::ui
