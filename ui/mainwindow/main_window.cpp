#include "ui/mainwindow/main_window.h"

#include "ui/common/ref_chooser.h"
#include "ui/common/resources.h"
#include "ui/common/ui_settings.h"
#include "ui/drift/drift_view.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/demo_launcher.h"
#include "ui/mainwindow/repository_session.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/revert_actions.h"
#include "ui/welcome/clone_dialog.h"
#include "ui/welcome/welcome_page.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace shiplog::ui {

namespace {
const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString stateKey = QStringLiteral("mainWindow/state");
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    ensureResources();
    setWindowTitle(QStringLiteral("Shiplog"));
    m_chooseDirectory = [](QWidget* parent) {
        return QFileDialog::getExistingDirectory(parent, tr("Open Repository"), QDir::homePath());
    };

    m_welcome = new WelcomePage(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    setCentralWidget(m_stack);

    m_demo = new DemoLauncher(this);
    createDrift();
    createEnvironments();
    connect(m_demo, &DemoLauncher::ready, this, [this](const QString& workTree) {
        m_welcome->setBusy(false);
        openRepository(workTree);
    });
    connect(m_demo, &DemoLauncher::failed, this, [this](const QString& message) {
        m_welcome->showError(tr("The demo could not be generated: %1").arg(message));
    });
    connect(m_demo, &DemoLauncher::clusterReady, this, [this](const LaunchedCluster& cluster) {
        statusBar()->showMessage(tr("Demo cluster running at %1 (context %2, kubeconfig %3). %4.")
                                     .arg(cluster.server, cluster.context,
                                          QDir::toNativeSeparators(cluster.kubeconfigPath),
                                          cluster.seedSummary),
                                 30000);
    });
    connect(m_demo, &DemoLauncher::clusterFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("The demo cluster did not start: %1").arg(message));
    });

    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseAndOpenRepository);
    connect(m_welcome, &WelcomePage::cloneRequested, this, &MainWindow::cloneRepository);
    connect(m_welcome, &WelcomePage::demoRequested, this, [this] { openDemo(); });
    connect(m_welcome, &WelcomePage::recentActivated, this, [this](const QString& path) {
        if (!QFileInfo(path).isDir()) {
            const auto answer =
                QMessageBox::question(this, tr("Repository Missing"),
                                      tr("%1 no longer exists. Remove it from the recent repositories?")
                                          .arg(QDir::toNativeSeparators(path)));
            if (answer == QMessageBox::Yes) {
                settings::removeRecentRepository(path);
                refreshRecent();
            }
            return;
        }
        openRepository(path);
    });
    connect(m_welcome, &WelcomePage::recentRemoveRequested, this, [this](const QString& path) {
        settings::removeRecentRepository(path);
        refreshRecent();
    });

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("historyStatus"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->setSizeGripEnabled(false);

    createActions();
    createMenus();
    createToolBar();
    refreshRecent();
    showWelcome();

    if (!restoreGeometry(settings::value(geometryKey).toByteArray()))
        resize(1280, 800);
    restoreState(settings::value(stateKey).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::openRepository(const QString& path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    dropRepository();
    m_session = new RepositorySession(clean, this);
    auto* view = new RepositoryView(m_session, this);
    view->setAbsoluteDates(m_absoluteDatesAction->isChecked());
    m_repositoryView = view;
    m_pages->insertTab(0, view, tr("History"));
    m_pages->setCurrentIndex(0);
    m_stack->setCurrentWidget(m_pages);
    followInDrift(m_session, m_driftView);
    followEnvironments();
    m_revertActions->setRepository(clean, view->historyTable());
    connect(m_session, &RepositorySession::refsChanged, m_revertActions, &RevertActions::setRefs);
    connect(m_session, &RepositorySession::revisionChanged, m_revertActions, &RevertActions::setRevision);
    connect(m_session, &RepositorySession::refsChanged, this, [this](const core::git::RepositoryRefs& refs) {
        m_refChooser->setRefs(refs.labels, m_session->revision());
    });

    connect(view, &RepositoryView::historyOpened, this, [this, clean] {
        settings::addRecentRepository(clean);
        refreshRecent();
    });
    connect(view, &RepositoryView::statusChanged, m_statusLabel, &QLabel::setText);
    connect(view, &RepositoryView::openAnotherRequested, this, &MainWindow::chooseAndOpenRepository);
    connect(view, &RepositoryView::welcomeRequested, this, &MainWindow::closeRepository);

    m_refChooser->clear();
    m_refChooser->addItem(tr("HEAD"), QStringLiteral("HEAD"));
    m_statusLabel->setText(view->statusText());
    m_toolBar->show();
    setRepositoryActionsEnabled(true);
    setWindowTitle(QStringLiteral("%1 — Shiplog").arg(QFileInfo(clean).fileName()));
    setWindowFilePath(clean);
    view->historyTable()->setFocus();
}

void MainWindow::openDemo(const QString& folder)
{
    showWelcome();
    m_welcome->setBusy(true, tr("Generating the demo environment…"));
    m_demo->start(folder);
}

void MainWindow::showWelcome()
{
    m_stack->setCurrentWidget(m_welcome);
    m_toolBar->hide();
    m_statusLabel->clear();
    setRepositoryActionsEnabled(false);
    setWindowTitle(QStringLiteral("Shiplog"));
    setWindowFilePath({});
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::dropRepository()
{
    if (m_repositoryView) {
        m_repositoryView->saveLayout();
        m_stack->removeWidget(m_repositoryView);
        delete m_repositoryView; // cancels the old repository's history jobs without waiting
        m_repositoryView = nullptr;
    }
    delete m_session; // after the view that follows it
    m_session = nullptr;
}

void MainWindow::closeRepository()
{
    dropRepository();
    m_revertActions->setRepository({}, nullptr);
    m_driftView->setRepository({});
    followEnvironments();
    refreshRecent();
    showWelcome();
}

void MainWindow::chooseAndOpenRepository()
{
    const QString path = m_chooseDirectory(this);
    if (!path.isEmpty())
        openRepository(path);
}

void MainWindow::cloneRepository()
{
    CloneDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.clonedPath().isEmpty())
        openRepository(dialog.clonedPath());
}

void MainWindow::refreshRecent()
{
    m_welcome->setRecentRepositories(settings::recentRepositories());
    updateRecentMenu();
}

void MainWindow::setRepositoryActionsEnabled(bool enabled)
{
    for (QAction* action : {m_closeAction, m_findAction, m_reloadAction, m_compareAction})
        action->setEnabled(enabled);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    settings::setValue(geometryKey, saveGeometry());
    settings::setValue(stateKey, saveState());
    if (m_repositoryView)
        m_repositoryView->saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace shiplog::ui
