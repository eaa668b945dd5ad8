#include "ui/changes/compare_window.h"

#include "core/git/history.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/compare_dialog.h"

#include <QDir>
#include <QVBoxLayout>

namespace shiplog::ui {

CompareWindow::CompareWindow(const QString& repositoryPath, const QString& from, const QString& to, QWidget* parent)
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

CompareWindow* CompareWindow::ask(const QString& repositoryPath, QWidget* parent)
{
    // Listing refs reads only the ref database: quick enough for a dialog that is about to open.
    const auto refs = core::git::listRefs(repositoryPath);
    CompareDialog dialog(refs ? *refs : QList<core::git::RefLabel>{}, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.fromRevision().isEmpty() || dialog.toRevision().isEmpty())
        return nullptr;
    auto* window = new CompareWindow(repositoryPath, dialog.fromRevision(), dialog.toRevision(), parent);
    window->show();
    return window;
}

}  // namespace shiplog::ui
