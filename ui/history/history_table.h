#pragma once

#include <QTableView>

namespace shiplog::ui {

class HistoryDelegate;
class HistoryModel;

// The history list: a plain QTableView with fixed row heights (so 100,000 rows scroll at the cost
// of the visible ones), whole-row selection, and sensible column widths.
class HistoryTable : public QTableView
{
    Q_OBJECT
public:
    explicit HistoryTable(HistoryModel* model, QWidget* parent = nullptr);
    HistoryModel* historyModel() const { return m_model; }
    HistoryDelegate* historyDelegate() const { return m_delegate; }
    QString currentCommitId() const;
    // Selects and scrolls to `row` (the history keeps the keyboard focus).
    void selectRow(int row);
    // Fits the date column to relative ("3 days ago") or absolute dates.
    void resizeDateColumn();

signals:
    void currentCommitChanged(int row);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyMetrics();
    HistoryModel* m_model;
    HistoryDelegate* m_delegate = nullptr;
};

} // namespace shiplog::ui
