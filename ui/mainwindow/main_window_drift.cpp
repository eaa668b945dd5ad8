// The main window's Drift tab and Cluster menu (kept apart from the history page logic).
#include "core/drift/drift_report.h"
#include "ui/drift/drift_style.h"
#include "ui/drift/drift_view.h"
#include "ui/mainwindow/demo_launcher.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_session.h"

#include <QAction>
#include <QStackedWidget>
#include <QTabWidget>

namespace shiplog::ui {

void followInDrift(RepositorySession* session, DriftView* view)
{
    view->setRepository(session->path());
    QObject::connect(session, &RepositorySession::refsChanged, view, &DriftView::setRefs);
    QObject::connect(session, &RepositorySession::refsFailed, view, &DriftView::showRefsError);
    if (session->hasRefs())
        view->setRefs(session->refs());
}

void MainWindow::createDrift()
{
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("repositoryTabs"));
    m_pages->setDocumentMode(true);
    m_driftView = new DriftView(m_pages);
    m_pages->addTab(m_driftView, tr("Drift"));
    m_stack->addWidget(m_pages);

    m_connectAction = new QAction(tr("&Connect…"), this);
    m_connectAction->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
    m_connectAction->setToolTip(tr("Compare the repository with a cluster of your kubeconfig"));
    connect(m_connectAction, &QAction::triggered, this, [this] {
        showDrift();
        m_driftView->openConnectDialog();
    });
    m_disconnectAction = new QAction(tr("&Disconnect"), this);
    m_disconnectAction->setEnabled(false);
    connect(m_disconnectAction, &QAction::triggered, m_driftView, &DriftView::disconnectFromCluster);
    m_showDriftAction = new QAction(tr("Show &Drift"), this);
    m_showDriftAction->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    connect(m_showDriftAction, &QAction::triggered, this, &MainWindow::showDrift);

    // shiplog --demo: the Connect dialog preselects the demo cluster once it runs.
    connect(m_demo, &DemoLauncher::clusterReady, this, [this](const LaunchedCluster& info) {
        m_driftView->setSuggestedConnection(
            info.kubeconfigPath, info.context,
            tr("The demo cluster is running at %1 with some drift injected.").arg(info.server));
    });
    connect(m_demo, &DemoLauncher::clusterFailed, this, [this](const QString& message) {
        m_driftView->setSuggestedConnection({}, {},
                                            tr("The demo cluster could not be started: %1").arg(message));
    });
    connect(m_driftView, &DriftView::summaryChanged, this,
            [this](const core::drift::DriftSummary& summary, bool connected) {
                m_disconnectAction->setEnabled(connected);
                const int index = m_pages->indexOf(m_driftView);
                const int outOfSync = summary.outOfSync();
                if (!connected || !m_driftView->hasReport()) {
                    m_pages->setTabText(index, tr("Drift"));
                    m_pages->setTabIcon(index, {});
                    return;
                }
                m_pages->setTabIcon(index, drift::statusIcon(summary.worst(), palette()));
                m_pages->setTabText(index, outOfSync ? tr("Drift (%1)").arg(outOfSync) : tr("Drift"));
            });
}

void MainWindow::showDrift()
{
    if (m_repositoryView)
        m_pages->setCurrentWidget(m_driftView);
}

} // namespace shiplog::ui
