#include "ui/drift/drift_style.h"

#include "ui/common/theme.h"

#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace shiplog::ui::drift {

using core::drift::DriftStatus;

QColor statusColor(DriftStatus status, const QPalette& palette)
{
    const bool dark = theme::isDark(palette);
    switch (status) {
    case DriftStatus::InSync:
        return QColor::fromRgb(dark ? 0x34d399 : 0x0f9d74);
    case DriftStatus::Drifted:
        return QColor::fromRgb(dark ? 0xfbbf24 : 0xd48806);
    case DriftStatus::Missing:
        return QColor::fromRgb(dark ? 0xf87171 : 0xc62828);
    case DriftStatus::Extra:
        return QColor::fromRgb(dark ? 0xa78bfa : 0x6d28d9);
    case DriftStatus::Unreadable:
        return QColor::fromRgb(dark ? 0x9ca3af : 0x6b7280);
    case DriftStatus::Unserved:
        return QColor::fromRgb(dark ? 0x60a5fa : 0x1d4ed8);
    }
    return palette.color(QPalette::Text);
}

QString statusLabel(DriftStatus status)
{
    switch (status) {
    case DriftStatus::InSync:
        return QObject::tr("In sync");
    case DriftStatus::Drifted:
        return QObject::tr("Drifted");
    case DriftStatus::Missing:
        return QObject::tr("Missing in cluster");
    case DriftStatus::Extra:
        return QObject::tr("Extra in cluster");
    case DriftStatus::Unreadable:
        return QObject::tr("Not readable");
    case DriftStatus::Unserved:
        return QObject::tr("API version not served");
    }
    return {};
}

namespace {

QPixmap circle(const QColor& color, const QString& glyph, int size, qreal dpr)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(int(size * 0.72));
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, glyph);
    return pixmap;
}

} // namespace

QIcon statusIcon(DriftStatus status, const QPalette& palette)
{
    QString glyph;
    switch (status) {
    case DriftStatus::InSync:
        glyph = QStringLiteral("✓");
        break;
    case DriftStatus::Drifted:
        glyph = QStringLiteral("~");
        break;
    case DriftStatus::Missing:
        glyph = QStringLiteral("−");
        break;
    case DriftStatus::Extra:
        glyph = QStringLiteral("+");
        break;
    case DriftStatus::Unreadable:
        glyph = QStringLiteral("?");
        break;
    case DriftStatus::Unserved:
        glyph = QStringLiteral("!");
        break;
    }
    QIcon icon;
    for (qreal dpr : {1.0, 2.0})
        icon.addPixmap(circle(statusColor(status, palette), glyph, 16, dpr));
    return icon;
}

QColor warningColor(const QPalette& palette)
{
    return QColor::fromRgb(theme::isDark(palette) ? 0xfbbf24 : 0xb45309);
}

QIcon warningIcon(const QPalette& palette)
{
    QIcon icon;
    for (qreal dpr : {1.0, 2.0}) {
        QPixmap pixmap(QSize(16, 16) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        QPainterPath triangle;
        triangle.moveTo(8, 1.5);
        triangle.lineTo(15, 14.5);
        triangle.lineTo(1, 14.5);
        triangle.closeSubpath();
        p.fillPath(triangle, warningColor(palette));
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(10);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRectF(0, 4, 16, 11), Qt::AlignCenter, QStringLiteral("!"));
        icon.addPixmap(pixmap);
    }
    return icon;
}

void makeBadge(QLabel* label, const QColor& color)
{
    const QColor text = color.lightnessF() > 0.6 ? QColor(0x1f, 0x21, 0x24) : QColor(Qt::white);
    label->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; border-radius: 3px; padding: 1px 6px; "
                       "font-weight: 600; }")
            .arg(color.name(), text.name()));
}

} // namespace shiplog::ui::drift
