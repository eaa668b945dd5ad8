#pragma once

// The promotion board: one row per application, one column per environment, each cell the version
// it runs there (the rows whose versions differ stand out); selecting a cell shows the commit that
// brought that version there.
#include "core/environment/promotion.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace shiplog::ui::environments {

class PromotionView : public QWidget
{
    Q_OBJECT
public:
    explicit PromotionView(QWidget* parent = nullptr);
    void setBoard(const core::environment::PromotionBoard& board);
    void clear();
    QTableWidget* table() const { return m_table; }

signals:
    void commitActivated(const QString& commitId);

private:
    QLabel* m_summary;
    QTableWidget* m_table;
};

} // namespace shiplog::ui::environments
