// The main window's actions, menus and toolbar (kept apart from its page logic).
#include "ui/common/ref_chooser.h"
#include "ui/common/ui_settings.h"
#include "ui/drift/drift_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/revert_actions.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>

namespace shiplog::ui {

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open Repository…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseAndOpenRepository);

    m_cloneAction = new QAction(tr("&Clone…"), this);
    connect(m_cloneAction, &QAction::triggered, this, &MainWindow::cloneRepository);

    m_demoAction = new QAction(tr("Open &Demo"), this);
    connect(m_demoAction, &QAction::triggered, this, [this] { openDemo(); });

    m_closeAction = new QAction(tr("Close &Repository"), this);
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeRepository);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_findAction = new QAction(tr("&Filter History"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (m_repositoryView)
            m_repositoryView->focusFilter();
    });

    m_reloadAction = new QAction(tr("&Reload"), this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    connect(m_reloadAction, &QAction::triggered, this, [this] {
        if (m_repositoryView)
            m_repositoryView->reload();
        // The Drift tab's git side too: its revision (a branch) may point elsewhere now, and the
        // cluster side is live anyway.
        m_driftView->reloadDesired();
    });

    m_absoluteDatesAction = new QAction(tr("&Absolute Dates"), this);
    m_absoluteDatesAction->setCheckable(true);
    m_absoluteDatesAction->setChecked(settings::absoluteDates());
    connect(m_absoluteDatesAction, &QAction::toggled, this, [this](bool absolute) {
        settings::setAbsoluteDates(absolute);
        if (m_repositoryView)
            m_repositoryView->setAbsoluteDates(absolute);
    });

    m_revertActions = new RevertActions(this);

    m_compareAction = new QAction(tr("&Compare Revisions…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareRevisionsAction"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_compareAction->setToolTip(tr("Compare two branches, tags or commits resource by resource"));
    connect(m_compareAction, &QAction::triggered, this, [this] {
        if (m_repositoryView)
            m_repositoryView->compareRevisions();
    });

    m_aboutAction = new QAction(tr("&About Shiplog"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_cloneAction);
    file->addAction(m_demoAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_findAction);
    view->addAction(m_reloadAction);
    view->addAction(m_compareAction);
    view->addSeparator();
    view->addAction(m_absoluteDatesAction);

    QMenu* cluster = menuBar()->addMenu(tr("&Cluster"));
    cluster->addAction(m_connectAction);
    cluster->addAction(m_disconnectAction);
    cluster->addSeparator();
    cluster->addAction(m_showDriftAction);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_revertActions->addMenus(menuBar(), help->menuAction());
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Repository"));
    m_toolBar->setObjectName(QStringLiteral("repositoryToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_reloadAction);
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addSeparator();
    auto* label = new QLabel(tr("Branch:"), m_toolBar);
    label->setContentsMargins(6, 0, 4, 0);
    m_toolBar->addWidget(label);
    m_refChooser = new RefChooser(m_toolBar);
    m_toolBar->addWidget(m_refChooser);
    m_revertActions->addToToolBar(m_toolBar);
    connect(m_refChooser, &RefChooser::revisionChosen, this, [this](const QString& revision) {
        if (m_repositoryView)
            m_repositoryView->setRevision(revision);
    });
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = settings::recentRepositories();
    for (const QString& path : recent) {
        QAction* action = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        action->setEnabled(QFileInfo(path).isDir());
        connect(action, &QAction::triggered, this, [this, path] { openRepository(path); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            for (const QString& path : settings::recentRepositories())
                settings::removeRecentRepository(path);
            refreshRecent();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Shiplog"),
                       tr("<h3>Shiplog %1</h3>"
                          "<p>History, per-resource changes, live drift and revert-by-pull-request "
                          "for GitOps environment repositories.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace shiplog::ui
