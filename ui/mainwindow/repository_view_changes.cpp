// RepositoryView's share of per-resource changes: the "Changes" tab that follows the history's
// selection, the compact resource summary of the visible history rows, and "Compare Revisions…".
#include "ui/changes/changes_panel.h"
#include "ui/changes/compare_window.h"
#include "ui/changes/summary_cache.h"
#include "ui/history/history_delegate.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/repository_view.h"

#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>

namespace shiplog::ui {

namespace {
// Rows past the bottom of the viewport whose summaries are asked for too (one scroll step ahead).
constexpr int kSummaryLookahead = 8;
} // namespace

void RepositoryView::setUpChanges()
{
    m_changes = new ChangesPanel(this);
    m_changes->setObjectName(QStringLiteral("changesPanel"));
    // In the main window the tab is narrower than tall: the tree above the resource pane.
    m_changes->splitter()->setOrientation(Qt::Vertical);
    m_changes->splitter()->setSizes({220, 600});
    m_tabs->addTab(m_changes, tr("Changes"));
    m_tabs->setCurrentWidget(m_changes);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateChanges(); });
    connect(m_changes, &ChangesPanel::commitActivated, this, &RepositoryView::selectCommit);

    m_summaries = new ChangeSummaryCache(this);
    m_summaries->setRepository(m_path);
    m_table->historyDelegate()->setSummaryProvider(
        [this](const QString& id) { return m_summaries->summary(id); });
    connect(m_summaries, &ChangeSummaryCache::summaryReady, m_table->viewport(),
            qOverload<>(&QWidget::update));

    // Coalesces scrolling, resizing and arriving pages into one request for what is on screen.
    m_summaryTimer = new QTimer(this);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(120);
    connect(m_summaryTimer, &QTimer::timeout, this, &RepositoryView::requestVisibleSummaries);
    const auto later = [this] { m_summaryTimer->start(); };
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, later);
    connect(m_table->verticalScrollBar(), &QScrollBar::rangeChanged, this, later);
    connect(m_model, &HistoryModel::rowsInserted, this, later);
    connect(m_model, &HistoryModel::modelReset, this, later);
}

void RepositoryView::showChangesTab()
{
    m_tabs->setCurrentWidget(m_changes);
    updateChanges();
}

// The change set is computed only while the tab is shown: arrowing through the history with the
// Commit tab open costs nothing.
void RepositoryView::updateChanges()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        if (!m_changes->revision().isEmpty())
            m_changes->clear();
        return;
    }
    if (m_tabs->currentWidget() != m_changes)
        return;
    const core::git::CommitInfo& commit = m_model->commitAt(current.row());
    if (m_changes->revision() != commit.id)
        m_changes->showCommit(m_path, commit);
}

void RepositoryView::requestVisibleSummaries()
{
    const int rows = m_model->rowCount();
    if (rows == 0 || !m_table->isVisible())
        return;
    int top = m_table->rowAt(0);
    int bottom = m_table->rowAt(m_table->viewport()->height() - 1);
    if (top < 0)
        top = 0;
    if (bottom < 0)
        bottom = rows - 1;
    bottom = qMin(rows - 1, bottom + kSummaryLookahead);
    QStringList ids;
    for (int row = top; row <= bottom; ++row)
        ids.append(m_model->commitAt(row).id);
    m_summaries->request(ids);
}

void RepositoryView::compareRevisions()
{
    QString current;
    const QModelIndex index = m_table->currentIndex();
    if (index.isValid() && index.row() < m_model->rowCount())
        current = m_model->commitAt(index.row()).id;
    if (auto* compare = CompareWindow::ask(m_path, refs(), current, this))
        connect(compare, &CompareWindow::commitActivated, this, [this](const QString& id) {
            window()->activateWindow();
            selectCommit(id);
        });
}

} // namespace shiplog::ui
