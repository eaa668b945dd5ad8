#pragma once

#include <QMainWindow>
#include <functional>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QToolBar;

namespace shiplog::ui {

class DemoLauncher;
class DriftView;
class EnvironmentsView;
class RefChooser;
class RevertActions;
class RepositorySession;
class RepositoryView;
class WelcomePage;

// The Drift tab follows `session`: its repository, and its refs as they are read.
void followInDrift(RepositorySession* session, DriftView* view);

// The application window: the welcome page until a repository is open, then the repository view.
// Menus, the toolbar's ref chooser, recent repositories and the window's layout live here; the
// open repository is a RepositorySession that the views follow, its history a RepositoryView
// (both replaced, with their jobs, on a switch).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path` in a fresh RepositoryView (cancelling the previous repository's jobs).
    void openRepository(const QString& path);
    // Generates the demo environment in a job, then opens its work tree.
    void openDemo(const QString& folder = {});
    void showWelcome();
    // The File ▸ Open action: asks the chooser (a folder dialog unless a test replaced it).
    void chooseAndOpenRepository();
    void cloneRepository();

    using DirectoryChooser = std::function<QString(QWidget* parent)>;
    void setDirectoryChooser(DirectoryChooser chooser) { m_chooseDirectory = std::move(chooser); }

    RepositoryView* repositoryView() const { return m_repositoryView; }
    WelcomePage* welcomePage() const { return m_welcome; }
    RefChooser* refChooser() const { return m_refChooser; }
    // The demo: its cluster (kubeconfig + context for the Connect dialog) once it runs.
    DemoLauncher* demoLauncher() const { return m_demo; }
    RevertActions* revertActions() const { return m_revertActions; }
    bool isShowingWelcome() const;
    // The "Drift" tab next to "History": the open repository against a live cluster.
    DriftView* driftView() const { return m_driftView; }
    QTabWidget* repositoryTabs() const { return m_pages; }
    void showDrift();
    // The "Environments" tab: each environment, A vs B, the promotion board.
    EnvironmentsView* environmentsView() const { return m_environmentsView; }
    void showEnvironments();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void updateRecentMenu();
    void refreshRecent();
    void setRepositoryActionsEnabled(bool enabled);
    void closeRepository();
    void dropRepository(); // the view, then its session
    void showAbout();
    void createDrift();
    void createEnvironments();
    void followEnvironments();

    QStackedWidget* m_stack;
    WelcomePage* m_welcome;
    RepositorySession* m_session = nullptr;
    RepositoryView* m_repositoryView = nullptr;
    DemoLauncher* m_demo;
    QTabWidget* m_pages; // History | Drift | Environments
    DriftView* m_driftView;
    EnvironmentsView* m_environmentsView = nullptr;
    RefChooser* m_refChooser;
    RevertActions* m_revertActions = nullptr;
    QToolBar* m_toolBar;
    QLabel* m_statusLabel;
    QMenu* m_recentMenu = nullptr;
    DirectoryChooser m_chooseDirectory;

    QAction* m_openAction = nullptr;
    QAction* m_cloneAction = nullptr;
    QAction* m_demoAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_absoluteDatesAction = nullptr;
    QAction* m_compareAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_disconnectAction = nullptr;
    QAction* m_showDriftAction = nullptr;
};

} // namespace shiplog::ui
