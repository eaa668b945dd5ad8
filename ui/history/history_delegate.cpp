#include "ui/history/history_delegate.h"

#include "ui/common/theme.h"
#include "ui/history/history_model.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace shiplog::ui {

HistoryDelegate::HistoryDelegate(HistoryModel* model, QObject* parent) : QStyledItemDelegate(parent), m_model(model) {}

void HistoryDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Secondary columns in a quieter colour, as Sublime Merge and GitAhead do.
    if (index.column() == HistoryModel::DateColumn || index.column() == HistoryModel::IdColumn) {
        const QColor muted = theme::mutedText(option->palette);
        option->palette.setColor(QPalette::Text, muted);
    }
}

void HistoryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() == HistoryModel::GraphColumn)
        return paintGraph(painter, option, index);
    if (index.column() == HistoryModel::SubjectColumn && !m_model->labelsAt(index.row()).isEmpty())
        return paintSubject(painter, option, index);
    QStyledItemDelegate::paint(painter, option, index);
}

void HistoryDelegate::paintGraph(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette& pal = opt.palette;
    const QColor line = selected ? pal.color(QPalette::HighlightedText) : theme::mutedText(pal);
    const QColor node = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Link);
    const QRect r = opt.rect;
    const int x = r.left() + r.width() / 2;
    const int y = r.center().y();
    const bool merge = index.data(HistoryModel::IsMergeRole).toBool();
    const bool first = index.row() == 0;
    const bool last = index.row() == m_model->rowCount() - 1 && !m_model->isLoading() && !m_model->canFetchMore({});

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(line, 1.5));
    if (!first)
        painter->drawLine(QPointF(x, r.top()), QPointF(x, y));
    if (!last)
        painter->drawLine(QPointF(x, y), QPointF(x, r.bottom() + 1));
    const qreal radius = qMin(r.height() / 2.0 - 3, 4.5);
    if (merge) {
        // The merged branch joins from the side: a short curve into a hollow node.
        QPainterPath join;
        join.moveTo(x + r.width() / 2.0 - 2, r.top());
        join.quadTo(x + radius * 2, y - radius, x + radius * 0.7, y - radius * 0.7);
        painter->drawPath(join);
        painter->setPen(QPen(node, 2));
        painter->setBrush(pal.color(selected ? QPalette::Highlight : QPalette::Base));
        painter->drawEllipse(QPointF(x, y), radius, radius);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(node);
        painter->drawEllipse(QPointF(x, y), radius - 0.5, radius - 0.5);
    }
    painter->restore();
}

void HistoryDelegate::paintSubject(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString subject = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    QFont chipFont = opt.font;
    chipFont.setPointSizeF(chipFont.pointSizeF() * 0.88);
    chipFont.setWeight(QFont::DemiBold);
    const QFontMetrics chipMetrics(chipFont);
    const int chipHeight = qMin(textRect.height() - 2, chipMetrics.height() + 4);
    const int chipTop = textRect.top() + (textRect.height() - chipHeight) / 2;
    const int maxChipsWidth = textRect.width() * 2 / 3;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(chipFont);
    int x = textRect.left();
    for (const auto& label : m_model->labelsAt(index.row())) {
        const QString text = chipMetrics.elidedText(label.name, Qt::ElideMiddle, 180);
        const int width = chipMetrics.horizontalAdvance(text) + 12;
        if (x + width > textRect.left() + maxChipsWidth)
            break;
        const auto colors = theme::chipColors(label.kind, opt.palette);
        const QRectF chip(x + 0.5, chipTop + 0.5, width - 1, chipHeight - 1);
        painter->setPen(QPen(colors.border, 1));
        painter->setBrush(colors.background);
        painter->drawRoundedRect(chip, 4, 4);
        painter->setPen(colors.text);
        painter->drawText(chip, Qt::AlignCenter, text);
        x += width + 4;
    }
    painter->restore();

    const QRect rest(x + 2, textRect.top(), textRect.right() - x - 2, textRect.height());
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(opt.font).elidedText(subject, Qt::ElideRight, rest.width()));
    painter->restore();
}

}  // namespace shiplog::ui
