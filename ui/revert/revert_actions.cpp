#include "ui/revert/revert_actions.h"

#include "core/demo/demo_forge.h"
#include "core/git/refs.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/forge_accounts_dialog.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/revert_dialog.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QUuid>

namespace shiplog::ui {

RevertActions::RevertActions(QWidget* window) : QObject(window), m_window(window)
{
    m_revert = new QAction(tr("Revert via &Pull Request…"), this);
    m_revert->setObjectName(QStringLiteral("revertViaPullRequestAction"));
    m_revert->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_revert->setStatusTip(tr("Revert the selected commit on a new branch of the remote and open a pull request"));
    m_revert->setToolTip(tr("Revert the selected commit through a pull request (%1)").arg(m_revert->shortcut().toString(QKeySequence::NativeText)));
    m_revert->setEnabled(false);
    connect(m_revert, &QAction::triggered, this, [this] { openRevertDialog(); });

    m_accounts = new QAction(tr("&Forge Accounts…"), this);
    m_accounts->setObjectName(QStringLiteral("forgeAccountsAction"));
    connect(m_accounts, &QAction::triggered, this, &RevertActions::openForgeAccounts);
}

RevertActions::~RevertActions()
{
    if (!m_demoWorkTree.isEmpty())
        forges::clearSessionForge(m_demoWorkTree);
}

void RevertActions::startDemoForge(const core::demo::DemoEnvironment& environment)
{
    if (!m_demoForge)
        m_demoForge = std::make_unique<core::demo::DemoForge>();
    const QString token = QStringLiteral("shiplog_demo_") + QUuid::createUuid().toString(QUuid::Id128);
    if (!m_demoForge->start(environment.origin, token)) {
        m_demoForge.reset();
        return;  // the demo still works; its reverts push and offer the browser form instead
    }
    if (!m_demoWorkTree.isEmpty())
        forges::clearSessionForge(m_demoWorkTree);
    m_demoWorkTree = environment.workTree;
    forges::setSessionForge(environment.workTree, {core::forge::ForgeKind::GitHub, m_demoForge->apiUrl(), m_demoForge->webRepo(), token});
}

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

void RevertActions::setRepositoryView(RepositoryView* view)
{
    m_view = view;
    m_refs.clear();
    if (view) {
        HistoryTable* table = view->historyTable();
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
        connect(view, &RepositoryView::refsLoaded, this, [this](const QList<core::git::RefLabel>& refs) { m_refs = refs; });
    }
    updateEnabled();
}

void RevertActions::updateEnabled()
{
    m_revert->setEnabled(m_view && !m_view->historyTable()->currentCommitId().isEmpty());
}

QStringList RevertActions::remoteBranches() const
{
    QStringList names;
    for (const core::git::RefLabel& r : m_refs) {
        if (r.kind != core::git::RefLabel::Kind::RemoteBranch || r.name.endsWith(QLatin1String("/HEAD")))
            continue;
        const QString branch = r.name.section(QLatin1Char('/'), 1);
        if (!branch.isEmpty() && !names.contains(branch))
            names << branch;
    }
    return names;
}

QString RevertActions::suggestedTarget() const
{
    // The branch being viewed (or checked out) when the remote has it; else the remote's default.
    const QStringList remote = remoteBranches();
    QString revision = m_view ? m_view->revision() : QString();
    if (revision == QLatin1String("HEAD")) {
        QString headTarget;
        for (const core::git::RefLabel& r : m_refs)
            if (r.kind == core::git::RefLabel::Kind::Head)
                headTarget = r.target;
        revision.clear();
        for (const core::git::RefLabel& r : m_refs)
            if (r.kind == core::git::RefLabel::Kind::LocalBranch && r.target == headTarget && revision.isEmpty())
                revision = r.name;
    }
    revision = core::git::shortRefName(revision);
    if (remote.contains(revision))
        return revision;
    const QString withoutRemote = revision.section(QLatin1Char('/'), 1);
    return remote.contains(withoutRemote) ? withoutRemote : QString();
}

RevertDialog* RevertActions::openRevertDialog()
{
    if (!m_view)
        return nullptr;
    HistoryTable* table = m_view->historyTable();
    const int row = table->currentIndex().row();
    if (row < 0 || row >= table->historyModel()->rowCount())
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    const core::git::CommitInfo commit = table->historyModel()->commitAt(row);
    auto* dialog = new RevertDialog(m_view->repositoryPath(), commit, remoteBranches(), suggestedTarget(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->show();
    dialog->startPreview();
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

}  // namespace shiplog::ui
