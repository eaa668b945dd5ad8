#pragma once

// The main window's entry points for issue 5: "Revert via Pull Request…" (menu, toolbar, shortcut,
// history context menu) and Settings ▸ Forge Accounts. Kept here so the main window only wires them.
#include "core/git/commit_info.h"

#include <QList>
#include <QObject>
#include <QPointer>


class QAction;
class QMenu;
class QMenuBar;
class QToolBar;
class QWidget;

namespace shiplog::ui {

class RepositoryView;
class RevertDialog;

class RevertActions : public QObject
{
    Q_OBJECT
public:
    explicit RevertActions(QWidget* window);
    ~RevertActions() override;

    QAction* revertAction() const { return m_revert; }
    QAction* accountsAction() const { return m_accounts; }
    // Adds "Commit ▸ Revert via Pull Request…" and "Settings ▸ Forge Accounts…" before `before` (Help).
    void addMenus(QMenuBar* bar, QAction* before);
    void addToToolBar(QToolBar* toolBar);
    // The open repository (or null): enables the action and adds the history's context menu.
    void setRepositoryView(RepositoryView* view);

    // Opens the dialog for the selected commit (non-modal; deleted when closed).
    RevertDialog* openRevertDialog();
    RevertDialog* currentDialog() const;
    void openForgeAccounts();

private:
    void updateEnabled();
    QStringList remoteBranches() const;
    QString suggestedTarget() const;

    QWidget* m_window;
    QPointer<RepositoryView> m_view;
    QPointer<RevertDialog> m_dialog;
    QList<core::git::RefLabel> m_refs;
    QAction* m_revert;
    QAction* m_accounts;
};

}  // namespace shiplog::ui
