#pragma once

// The main window's entry points for issue 5: "Revert via Pull Request…" (menu, toolbar, shortcut,
// history context menu) and Settings ▸ Forge Accounts. Kept here so the main window only wires them.
#include "core/git/refs.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QMenuBar;
class QToolBar;
class QWidget;

namespace shiplog::ui {

class HistoryTable;
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
    // The open repository ("" and null when none): enables the action and adds the history's
    // context menu. Its refs and viewed revision follow the repository session.
    void setRepository(const QString& repositoryPath, HistoryTable* table);
    void setRefs(const core::git::RepositoryRefs& refs);
    void setRevision(const QString& revision);

    // Opens the dialog for the selected commit (non-modal; deleted when closed) over a new
    // RevertFlow that targets the viewed branch, and starts its preview.
    RevertDialog* openRevertDialog();
    RevertDialog* currentDialog() const;
    void openForgeAccounts();

private:
    void updateEnabled();
    QString suggestedTarget() const;

    QWidget* m_window;
    QString m_repositoryPath;
    QPointer<HistoryTable> m_table;
    QString m_revision = QStringLiteral("HEAD");
    QPointer<RevertDialog> m_dialog;
    core::git::RepositoryRefs m_refs;
    QAction* m_revert;
    QAction* m_accounts;
};

} // namespace shiplog::ui
