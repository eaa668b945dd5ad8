#include "ui/revert/revert_actions.h"

#include "core/git/refs.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/revert/forge_accounts_dialog.h"
#include "ui/revert/revert_dialog.h"
#include "ui/revert/revert_flow.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace shiplog::ui {

RevertActions::RevertActions(QWidget* window) : QObject(window), m_window(window)
{
    m_revert = new QAction(tr("Revert via &Pull Request…"), this);
    m_revert->setObjectName(QStringLiteral("revertViaPullRequestAction"));
    m_revert->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_revert->setStatusTip(
        tr("Revert the selected commit on a new branch of the remote and open a pull request"));
    m_revert->setToolTip(tr("Revert the selected commit through a pull request (%1)")
                             .arg(m_revert->shortcut().toString(QKeySequence::NativeText)));
    m_revert->setEnabled(false);
    connect(m_revert, &QAction::triggered, this, [this] { openRevertDialog(); });

    m_accounts = new QAction(tr("&Forge Accounts…"), this);
    m_accounts->setObjectName(QStringLiteral("forgeAccountsAction"));
    connect(m_accounts, &QAction::triggered, this, &RevertActions::openForgeAccounts);
}

RevertActions::~RevertActions() = default;

void RevertActions::addMenus(QMenuBar* bar, QAction* before)
{
    auto* commit = new QMenu(tr("&Commit"), bar);
    commit->addAction(m_revert);
    auto* settings = new QMenu(tr("&Settings"), bar);
    settings->addAction(m_accounts);
    bar->insertMenu(before, commit);
    bar->insertMenu(before, settings);
}

void RevertActions::addToToolBar(QToolBar* toolBar)
{
    toolBar->addSeparator();
    toolBar->addAction(m_revert);
}

void RevertActions::setRepository(const QString& repositoryPath, HistoryTable* table)
{
    m_repositoryPath = repositoryPath;
    m_table = table;
    m_refs = {};
    m_revision = QStringLiteral("HEAD");
    if (table) {
        table->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(table, &QWidget::customContextMenuRequested, this, [this, table](const QPoint& pos) {
            const QModelIndex index = table->indexAt(pos);
            if (!index.isValid())
                return;
            table->selectRow(index.row());
            QMenu menu(table);
            menu.addAction(m_revert);
            menu.exec(table->viewport()->mapToGlobal(pos));
        });
        connect(table, &HistoryTable::currentCommitChanged, this, &RevertActions::updateEnabled);
    }
    updateEnabled();
}

void RevertActions::setRefs(const core::git::RepositoryRefs& refs)
{
    m_refs = refs;
}

void RevertActions::setRevision(const QString& revision)
{
    m_revision = revision;
}

void RevertActions::updateEnabled()
{
    m_revert->setEnabled(m_table && !m_table->currentCommitId().isEmpty());
}

QString RevertActions::suggestedTarget() const
{
    // The branch being viewed (or checked out) when the remote has it; else the remote's default.
    const QStringList remote = m_refs.remoteBranches();
    const QString revision =
        m_revision == QLatin1String("HEAD") ? m_refs.branchAtHead() : core::git::shortRefName(m_revision);
    if (remote.contains(revision))
        return revision;
    const QString withoutRemote = revision.section(QLatin1Char('/'), 1);
    return remote.contains(withoutRemote) ? withoutRemote : QString();
}

RevertDialog* RevertActions::openRevertDialog()
{
    if (!m_table)
        return nullptr;
    HistoryTable* table = m_table;
    const int row = table->currentIndex().row();
    if (row < 0 || row >= table->historyModel()->rowCount())
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    auto* flow = new RevertFlow(m_repositoryPath, table->historyModel()->commitAt(row));
    flow->setTargetBranch(suggestedTarget());
    auto* dialog = new RevertDialog(flow, m_refs.remoteBranches(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->show();
    flow->startPreview();
    return dialog;
}

RevertDialog* RevertActions::currentDialog() const
{
    return m_dialog.data();
}

void RevertActions::openForgeAccounts()
{
    ForgeAccountsDialog dialog(m_window);
    dialog.exec();
}

} // namespace shiplog::ui
