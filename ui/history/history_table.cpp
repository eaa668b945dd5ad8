#include "ui/history/history_table.h"

#include "ui/history/history_delegate.h"
#include "ui/history/history_model.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QScrollBar>

namespace shiplog::ui {

HistoryTable::HistoryTable(HistoryModel* model, QWidget* parent) : QTableView(parent), m_model(model)
{
    setObjectName(QStringLiteral("historyTable"));
    setModel(model);
    m_delegate = new HistoryDelegate(model, this);
    setItemDelegate(m_delegate);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setSortingEnabled(false);
    setTabKeyNavigation(false);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextElideMode(Qt::ElideRight);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    auto* header = horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(HistoryModel::GraphColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(HistoryModel::SubjectColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::AuthorColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::DateColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::IdColumn, QHeaderView::Interactive);
    applyMetrics();

    // The view asks for rows only when it scrolls; a page that arrives while it sits at the bottom
    // (or is not full yet) would otherwise wait for the next scroll.
    connect(model, &HistoryModel::pageArrived, this, [this] {
        if (verticalScrollBar()->value() >=
                verticalScrollBar()->maximum() - 2 * verticalHeader()->defaultSectionSize() &&
            m_model->canFetchMore({}))
            m_model->fetchMore({});
    });
    connect(model, &HistoryModel::graphLanesChanged, this, [this](int lanes) {
        horizontalHeader()->resizeSection(HistoryModel::GraphColumn,
                                          HistoryDelegate::graphColumnWidth(lanes, QFontMetrics(font())));
    });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                emit currentCommitChanged(current.isValid() ? current.row() : -1);
            });
}

void HistoryTable::applyMetrics()
{
    const QFontMetrics fm(font());
    verticalHeader()->setDefaultSectionSize(fm.height() + 10);
    auto* header = horizontalHeader();
    header->resizeSection(HistoryModel::GraphColumn,
                          HistoryDelegate::graphColumnWidth(m_model->graphLanes(), fm));
    header->resizeSection(HistoryModel::AuthorColumn,
                          fm.horizontalAdvance(QStringLiteral("Margaret Hamilton-Ward")));
    resizeDateColumn();
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    header->resizeSection(HistoryModel::IdColumn, fixed.horizontalAdvance(QStringLiteral("0123456")) + 20);
}

void HistoryTable::resizeDateColumn()
{
    const QFontMetrics fm(font());
    horizontalHeader()->resizeSection(HistoryModel::DateColumn,
                                      fm.horizontalAdvance(m_model->absoluteDates()
                                                               ? QStringLiteral("2024-05-01 10:00 +02:00__")
                                                               : QStringLiteral("11 months ago___")));
}

QString HistoryTable::currentCommitId() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(HistoryModel::CommitIdRole).toString() : QString();
}

void HistoryTable::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, HistoryModel::SubjectColumn);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index, QAbstractItemView::EnsureVisible);
}

void HistoryTable::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyMetrics();
    QTableView::changeEvent(event);
}

} // namespace shiplog::ui
