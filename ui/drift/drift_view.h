#pragma once

#include "core/common/error.h"
#include "core/drift/drift_worker.h"
#include "core/environment/environment.h"
#include "core/git/refs.h"
#include "core/jobs/job.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace shiplog::core::drift {
class DriftSession;
}

namespace shiplog::ui {

class ConnectDialog;
class DriftResourcePane;
class DriftSummaryBar;
class DriftTreeModel;
class RefChooser;

// The Drift page: the open repository at a revision (default: the tip of the branch the operator
// applies) against the live cluster, the way Argo CD's application view shows it — a summary bar
// (in sync / drifted / missing / extra / not readable), a tree by namespace and kind with status
// icons, and for the selected resource git's object next to the cluster's with who changed which
// field. Reports arrive from the session's connection thread whenever the cluster changes; there
// is no refresh button. Connection trouble shows in the status line while the session recovers.
class DriftView : public QWidget
{
    Q_OBJECT
public:
    explicit DriftView(QWidget* parent = nullptr);
    ~DriftView() override;

    // The repository whose manifests are the desired state ("" when none is open). Its refs come
    // from the repository session: setRefs (the first call picks the applied revision), or
    // showRefsError when they cannot be read.
    void setRepository(const QString& repositoryPath);
    void setRefs(const core::git::RepositoryRefs& refs);
    void showRefsError(const QString& message);
    QString repositoryPath() const { return m_path; }
    // Another revision (a ref name or commit); reloads the desired state.
    void setRevision(const QString& revision);
    QString revision() const { return m_revision; }
    QString desiredCommit() const { return m_desiredCommit; }
    // Reads the revision again (after a commit or pull); the cluster side is live anyway. The
    // environments are detected first: where they run in different clusters one is compared at a
    // time (the environment box; remembered per repository).
    void reloadDesired();
    // The environment compared ("" = all of them, where they share one cluster).
    QString environment() const { return m_environment; }
    void setEnvironment(const QString& name);
    QComboBox* environmentBox() const { return m_environmentBox; }

    // What the Connect dialog preselects (the demo cluster; else the last used, else kubectl's).
    // `note` is shown while not connected ("The demo cluster is running at …").
    void setSuggestedConnection(const QString& kubeconfigPath, const QString& context,
                                const QString& note = {});
    QString suggestedKubeconfig() const { return m_suggestedKubeconfig; }
    QString suggestedContext() const { return m_suggestedContext; }
    // Opens the Connect dialog (non-blocking, window-modal) and returns it.
    ConnectDialog* openConnectDialog();
    void disconnectFromCluster();
    bool isConnected() const { return m_connected; }
    core::drift::DriftSession* session() const { return m_session; }

    bool hasReport() const { return m_hasReport; }
    const core::drift::DriftReport& report() const;
    int reportsReceived() const { return m_reports; }
    QString statusLine() const;
    QString connectionText() const;
    bool showsInsecureBadge() const;
    bool selectResource(const QString& key); // "apps/Deployment ns/name" (ResourceDrift::displayName)
    void setRaw(bool raw);
    bool isRaw() const;

    DriftTreeModel* treeModel() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    DriftResourcePane* resourcePane() const { return m_pane; }
    DriftSummaryBar* summaryBar() const { return m_summary; }
    RefChooser* revisionChooser() const { return m_revisionChooser; }

signals:
    // For the tab title: counts changed, or the view was cleared (connected false).
    void summaryChanged(const core::drift::DriftSummary& summary, bool connected);
    void reportUpdated();

private:
    void onEnvironments(const core::Result<core::environment::Environments>& result);
    void loadDesired();
    void onDesiredLoaded(const core::Result<core::drift::DesiredState>& result);
    void onConnected(const core::drift::ConnectionInfo& info);
    void onFailed(const QString& message);
    void onStatus(const QString& line);
    void onReport(const core::drift::DriftReport& report);
    void onSelectionChanged();
    void setStatus(const QString& text, int level); // 0 normal, 1 warning, 2 error
    void updatePage();
    void restoreTreeState(bool first);

    core::drift::DriftSession* m_session;
    QString m_path;
    QString m_revision;
    QString m_desiredCommit;
    QString m_suggestedKubeconfig;
    QString m_suggestedContext;
    QString m_suggestionNote;
    bool m_connected = false;
    bool m_hasReport = false;
    int m_reports = 0;
    core::drift::ConnectionInfo m_info;
    QString m_selectedKey;
    QSet<QString> m_expanded;
    QSet<QString> m_knownPaths;
    QString m_environment;
    core::jobs::Job<core::Result<core::environment::Environments>> m_environmentsJob;
    core::jobs::Job<core::Result<core::drift::DesiredState>> m_desiredJob;

    QLabel* m_connection;
    QLabel* m_insecureBadge;
    RefChooser* m_revisionChooser;
    QLabel* m_environmentLabel;
    QComboBox* m_environmentBox;
    QToolButton* m_normalizedButton;
    QToolButton* m_rawButton;
    QPushButton* m_connectButton;
    QLabel* m_status;
    DriftSummaryBar* m_summary;
    QStackedWidget* m_stack;
    QWidget* m_emptyPage;
    QLabel* m_emptyText;
    QPushButton* m_emptyConnect;
    QSplitter* m_splitter;
    DriftTreeModel* m_model;
    QTreeView* m_tree;
    DriftResourcePane* m_pane;
};

} // namespace shiplog::ui
