#include "ui/changes/compare_window.h"

#include "ui/changes/changes_panel.h"
#include "ui/changes/compare_dialog.h"

#include <QDir>
#include <QVBoxLayout>

namespace shiplog::ui {

CompareWindow::CompareWindow(const QString& repositoryPath, const QString& from, const QString& to,
                             QWidget* parent)
    : QWidget(parent, Qt::Window), m_panel(new ChangesPanel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1..%2 — %3").arg(from, to, QDir(repositoryPath).dirName()));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    connect(m_panel, &ChangesPanel::commitActivated, this, &CompareWindow::commitActivated);
    resize(1300, 800);
    m_panel->showRange(repositoryPath, from, to);
}

CompareWindow* CompareWindow::ask(const QString& repositoryPath, const QList<core::git::RefLabel>& refs,
                                  const QString& currentCommit, QWidget* parent)
{
    CompareDialog dialog(refs, parent);
    if (!currentCommit.isEmpty())
        dialog.addCommit(currentCommit);
    if (dialog.exec() != QDialog::Accepted || dialog.fromRevision().isEmpty() ||
        dialog.toRevision().isEmpty())
        return nullptr;
    auto* window = new CompareWindow(repositoryPath, dialog.fromRevision(), dialog.toRevision(), parent);
    window->show();
    return window;
}

} // namespace shiplog::ui
