#include "ui/history/history_delegate.h"

#include "ui/common/theme.h"
#include "ui/history/history_model.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace shiplog::ui {

HistoryDelegate::HistoryDelegate(HistoryModel* model, QObject* parent)
    : QStyledItemDelegate(parent), m_model(model)
{
}

void HistoryDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // Secondary columns in a quieter colour, as Sublime Merge and GitAhead do.
    if (index.column() == HistoryModel::DateColumn || index.column() == HistoryModel::IdColumn) {
        const QColor muted = theme::mutedText(option->palette);
        option->palette.setColor(QPalette::Text, muted);
    }
}

void HistoryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    if (index.column() == HistoryModel::GraphColumn)
        return paintGraph(painter, option, index);
    if (index.column() == HistoryModel::SubjectColumn)
        return paintSubject(painter, option, index);
    QStyledItemDelegate::paint(painter, option, index);
}

void HistoryDelegate::paintGraph(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette& pal = opt.palette;
    const core::git::GraphRow& row = m_model->graphAt(index.row());
    const QRect r = opt.rect;
    const qreal top = r.top();
    const qreal bottom = r.bottom() + 1;
    const qreal middle = r.top() + r.height() / 2.0;
    const qreal laneWidth = graphLaneWidth(opt.fontMetrics);
    auto x = [&](int lane) { return r.left() + graphMargin + laneWidth * (lane + 0.5); };
    const bool last =
        index.row() == m_model->rowCount() - 1 && !m_model->isLoading() && !m_model->canFetchMore({});
    // Lanes wider than the column are clipped rather than squeezed: 30 open lanes stay readable
    // in the lanes that matter (the leftmost, where the current branch runs).
    painter->save();
    painter->setClipRect(r);
    painter->setRenderHint(QPainter::Antialiasing);
    auto drawEdge = [&](int from, int to, qreal y0, qreal y1, int colourLane) {
        painter->setPen(QPen(theme::laneColor(colourLane, pal), 1.6, Qt::SolidLine, Qt::FlatCap));
        if (from == to) {
            painter->drawLine(QPointF(x(from), y0), QPointF(x(to), y1));
            return;
        }
        QPainterPath bend(QPointF(x(from), y0));
        const qreal half = (y1 - y0) / 2;
        bend.cubicTo(QPointF(x(from), y0 + half), QPointF(x(to), y1 - half), QPointF(x(to), y1));
        painter->drawPath(bend);
    };
    for (const auto& e : row.upper)
        drawEdge(e.from, e.to, top, middle, e.from);
    if (!last) {
        for (const auto& e : row.lower)
            drawEdge(e.from, e.to, middle, bottom, e.to);
    }

    const QColor node = selected ? pal.color(QPalette::HighlightedText) : theme::laneColor(row.lane, pal);
    const qreal radius = qMin(r.height() / 2.0 - 3, laneWidth / 2.0 - 1);
    const QPointF centre(x(row.lane), middle);
    if (index.data(HistoryModel::IsMergeRole).toBool()) {
        painter->setPen(QPen(node, 2));
        painter->setBrush(pal.color(selected ? QPalette::Highlight : QPalette::Base));
        painter->drawEllipse(centre, radius - 0.5, radius - 0.5);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(node);
        painter->drawEllipse(centre, radius, radius);
    }
    painter->restore();
}

qreal HistoryDelegate::graphLaneWidth(const QFontMetrics& metrics)
{
    return std::max(10.0, metrics.height() * 0.8);
}

int HistoryDelegate::graphColumnWidth(int lanes, const QFontMetrics& metrics)
{
    return int(std::ceil(2 * graphMargin + graphLaneWidth(metrics) * std::clamp(lanes, 1, maxVisibleLanes)));
}

namespace {

// "+2 ~3 −1 →1" as coloured parts (the colours of the Changes tree), or nothing when the commit
// changed no resource.
QList<std::pair<QString, QColor>> summaryParts(const core::diff::ChangeSummary& s, const QPalette& pal)
{
    QList<std::pair<QString, QColor>> parts;
    if (s.added)
        parts.append({QStringLiteral("+%1").arg(s.added), theme::addedColor(pal)});
    if (s.modified)
        parts.append({QStringLiteral("~%1").arg(s.modified), theme::modifiedColor(pal)});
    if (s.removed)
        parts.append({QStringLiteral("\u2212%1").arg(s.removed), theme::removedColor(pal)});
    if (s.moved)
        parts.append({QStringLiteral("\u2192%1").arg(s.moved), theme::movedColor(pal)});
    return parts;
}

} // namespace

void HistoryDelegate::paintSubject(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    const auto& labels = m_model->labelsAt(index.row());
    std::optional<core::diff::ChangeSummary> summary;
    if (m_summaries)
        summary = m_summaries(index.data(HistoryModel::CommitIdRole).toString());
    const auto parts = summary ? summaryParts(*summary, option.palette) : QList<std::pair<QString, QColor>>{};

    // Every subject row takes this path, with or without chips and summary, so that the subject
    // starts at the same x in all rows: the style draws the background, focus and selection only.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString subject = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // The style indents item text by this margin inside SE_ItemViewItemText (QCommonStyle's
    // viewItemDrawText); the other columns and the header get it, so the subject does too.
    const int textMargin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(textMargin, 0, -textMargin, 0);
    const bool selected = opt.state & QStyle::State_Selected;

    // The summary sits at the right end, in a slightly smaller font so that it reads as metadata.
    int right = textRect.right();
    if (!parts.isEmpty()) {
        QFont font = opt.font;
        font.setPointSizeF(font.pointSizeF() * 0.9);
        const QFontMetrics fm(font);
        const int space = fm.horizontalAdvance(QLatin1Char(' '));
        int width = 0;
        for (const auto& part : parts)
            width += fm.horizontalAdvance(part.first) + space;
        width -= space;
        if (width < textRect.width() / 2) {
            int x = textRect.right() - width;
            right = x - 2 * space;
            painter->save();
            painter->setFont(font);
            for (const auto& part : parts) {
                painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : part.second);
                const int w = fm.horizontalAdvance(part.first);
                painter->drawText(QRect(x, textRect.top(), w + 1, textRect.height()),
                                  Qt::AlignVCenter | Qt::AlignLeft, part.first);
                x += w + space;
            }
            painter->restore();
        }
    }

    QFont chipFont = opt.font;
    chipFont.setPointSizeF(chipFont.pointSizeF() * 0.88);
    chipFont.setWeight(QFont::DemiBold);
    const QFontMetrics chipMetrics(chipFont);
    const int chipHeight = qMin(textRect.height() - 2, chipMetrics.height() + 4);
    const int chipTop = textRect.top() + (textRect.height() - chipHeight) / 2;
    const int maxChipsWidth = (right - textRect.left()) * 2 / 3;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(chipFont);
    int x = textRect.left();
    for (const auto& label : labels) {
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

    const int start = labels.isEmpty() ? textRect.left() : x + 2;
    const QRect rest(start, textRect.top(), qMax(0, right - start), textRect.height());
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(opt.font).elidedText(subject, Qt::ElideRight, rest.width()));
    painter->restore();
}

} // namespace shiplog::ui
