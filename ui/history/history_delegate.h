#pragma once

#include <QStyledItemDelegate>

namespace shiplog::ui {

class HistoryModel;

// Paints the history rows without widgets: the graph column's commit marker (a hollow double ring
// for merges), branch/tag chips before the subject, and muted dates and ids.
class HistoryDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit HistoryDelegate(HistoryModel* model, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    void paintGraph(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintSubject(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    HistoryModel* m_model;
};

}  // namespace shiplog::ui
