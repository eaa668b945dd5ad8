#pragma once

#include <QFontMetrics>
#include <QStyledItemDelegate>

namespace shiplog::ui {

class HistoryModel;

// Paints the history rows without widgets: the graph (lanes as git log --graph lays them out, a
// hollow node for merges), branch/tag chips before the subject, and muted dates and ids.
class HistoryDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit HistoryDelegate(HistoryModel* model, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The graph column is as wide as the widest row's lanes, up to maxVisibleLanes.
    static constexpr int maxVisibleLanes = 12;
    static constexpr int graphMargin = 4;
    static qreal graphLaneWidth(const QFontMetrics& metrics);
    static int graphColumnWidth(int lanes, const QFontMetrics& metrics);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    void paintGraph(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintSubject(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    HistoryModel* m_model;
};

}  // namespace shiplog::ui
