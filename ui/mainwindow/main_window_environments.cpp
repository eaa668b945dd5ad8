// The main window's Environments tab (kept apart from the history page logic).
#include "ui/environments/environments_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_session.h"
#include "ui/mainwindow/repository_view.h"

#include <QAction>
#include <QTabWidget>

namespace shiplog::ui {

void MainWindow::createEnvironments()
{
    m_environmentsView = new EnvironmentsView(m_pages);
    m_pages->addTab(m_environmentsView, tr("Environments"));
    // A field's "set by" commit or a promotion board cell: show that commit in the history.
    connect(m_environmentsView, &EnvironmentsView::commitActivated, this, [this](const QString& id) {
        if (!m_repositoryView)
            return;
        m_pages->setCurrentWidget(m_repositoryView);
        m_repositoryView->selectCommit(id);
    });
}

void MainWindow::followEnvironments()
{
    if (m_session)
        followInEnvironments(m_session, m_environmentsView);
    else
        m_environmentsView->setRepository({});
}

void MainWindow::showEnvironments()
{
    if (m_repositoryView)
        m_pages->setCurrentWidget(m_environmentsView);
}

} // namespace shiplog::ui
