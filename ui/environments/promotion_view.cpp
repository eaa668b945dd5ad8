#include "ui/environments/promotion_view.h"

#include "ui/common/theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace shiplog::ui::environments {

namespace {
constexpr int kCommitRole = Qt::UserRole + 1;

QString kindText(core::environment::PromotionRow::Kind kind)
{
    switch (kind) {
    case core::environment::PromotionRow::Kind::Release:
        return QObject::tr("release");
    case core::environment::PromotionRow::Kind::HelmRelease:
        return QObject::tr("HelmRelease");
    case core::environment::PromotionRow::Kind::Application:
        return QObject::tr("Application");
    case core::environment::PromotionRow::Kind::Image:
        return QObject::tr("image");
    }
    return {};
}
} // namespace

PromotionView::PromotionView(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("promotionBoard"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int column) {
        const QTableWidgetItem* item = m_table->item(row, column);
        if (!item)
            return;
        const QString id = item->data(kCommitRole).toString();
        if (!id.isEmpty())
            emit commitActivated(id);
    });
}

void PromotionView::clear()
{
    m_summary->clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
}

void PromotionView::setBoard(const core::environment::PromotionBoard& board)
{
    clear();
    const QSignalBlocker blocker(m_table); // filling is not the user selecting a cell
    m_table->setColumnCount(int(board.environments.size()) + 2);
    m_table->setHorizontalHeaderLabels(QStringList{tr("Application"), tr("Kind")} + board.environments);
    m_table->setRowCount(int(board.rows.size()));
    const QPalette pal = palette();
    int differing = 0;
    for (int row = 0; row < board.rows.size(); ++row) {
        const core::environment::PromotionRow& r = board.rows.at(row);
        const bool differs = r.differs();
        differing += differs ? 1 : 0;
        auto* name = new QTableWidgetItem(r.application);
        if (differs) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
        }
        m_table->setItem(row, 0, name);
        auto* kind = new QTableWidgetItem(kindText(r.kind));
        kind->setForeground(theme::mutedText(pal));
        m_table->setItem(row, 1, kind);
        for (int column = 0; column < r.cells.size(); ++column) {
            const core::environment::PromotionCell& cell = r.cells.at(column);
            const bool unknown =
                cell.version.isEmpty() && board.unrendered.contains(board.environments.at(column));
            auto* item = new QTableWidgetItem(unknown                  ? tr("?")
                                              : cell.version.isEmpty() ? tr("—")
                                                                       : cell.version);
            if (unknown)
                item->setToolTip(tr("%1 did not render: see its errors in the list above")
                                     .arg(board.environments.at(column)));
            item->setData(kCommitRole, cell.commit);
            if (cell.version.isEmpty())
                item->setForeground(theme::mutedText(pal));
            else if (differs)
                item->setForeground(theme::modifiedColor(pal));
            QString tip = cell.file;
            if (!cell.commit.isEmpty())
                tip += u'\n' + tr("Brought by %1 %2").arg(cell.commit.left(7), cell.commitSubject);
            if (!cell.appliedBy.isEmpty())
                tip += u'\n' + tr("Applied by %1 %2").arg(cell.appliedBy.left(7), cell.appliedBySubject);
            if (!unknown)
                item->setToolTip(tip.trimmed());
            m_table->setItem(row, column + 2, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int column = 2; column < m_table->columnCount(); ++column) // versions side by side, evenly
        m_table->setColumnWidth(column, std::max(m_table->columnWidth(column), 140));
    m_table->resizeRowsToContents();
    m_summary->setText(
        tr("%1 applications, %2 with different versions across environments. Select a version to see the "
           "commit that brought it there.")
            .arg(board.rows.size())
            .arg(differing));
}

} // namespace shiplog::ui::environments
