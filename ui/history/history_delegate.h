#pragma once

#include "core/diff/change_set.h"

#include <QFontMetrics>
#include <QStyledItemDelegate>
#include <functional>
#include <optional>

namespace shiplog::ui {

class HistoryModel;

// Paints the history rows without widgets: the graph (lanes as git log --graph lays them out, a
// hollow node for merges), branch/tag chips before the subject, the commit's resource summary
// ("+2 ~3 −1") at the end of the subject once it is known, and muted dates and ids.
class HistoryDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit HistoryDelegate(HistoryModel* model, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    // The graph column is as wide as the widest row's lanes, up to maxVisibleLanes.
    static constexpr int maxVisibleLanes = 12;
    static constexpr int graphMargin = 4;
    static qreal graphLaneWidth(const QFontMetrics& metrics);
    static int graphColumnWidth(int lanes, const QFontMetrics& metrics);

    // Where the per-commit resource summaries come from (nullopt: not known yet, nothing drawn).
    using SummaryProvider = std::function<std::optional<core::diff::ChangeSummary>(const QString& commitId)>;
    void setSummaryProvider(SummaryProvider provider) { m_summaries = std::move(provider); }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    void paintGraph(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintSubject(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
    HistoryModel* m_model;
    SummaryProvider m_summaries;
};

} // namespace shiplog::ui
