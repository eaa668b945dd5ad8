#pragma once

#include "core/common/error.h"
#include "core/drift/drift_worker.h"
#include "core/jobs/job.h"
#include "core/kube/kubeconfig.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace shiplog::core::drift {
class DriftSession;
}

namespace shiplog::ui {

class ContextList;

// Cluster ▸ Connect…: the contexts of the user's kubeconfig as kubectl resolves it (--kubeconfig
// file, else KUBECONFIG merged first-wins, else ~/.kube/config), the current context preselected.
// Reading the files and connecting happen off the GUI thread; the dialog stays open on failure and
// shows the exact message (the server whose certificate does not verify, an exec plugin's stderr
// or installHint) and closes once the session has connected.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectDialog(core::drift::DriftSession* session, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // An explicit file (like kubectl --kubeconfig); empty = KUBECONFIG / ~/.kube/config. Reloads.
    void setKubeconfigPath(const QString& path);
    QString kubeconfigPath() const { return m_explicitPath; }
    // The context to select once loaded (else the current-context).
    void setPreferredContext(const QString& context);
    void reload();

    bool isLoading() const { return m_loading; }
    bool isConnecting() const { return m_connecting; }
    QString selectedContext() const;
    bool selectContext(const QString& name);
    // Connects with the selected context (what the Connect button does).
    void connectSelected();

    ContextList* contextList() const { return m_contexts; }
    QString errorText() const;
    QString sourcesText() const;
    bool showsInsecureBadge() const;
    QPushButton* connectButton() const { return m_connectButton; }

    // The context that connected (valid after the dialog accepted).
    const core::kube::ConnectionConfig& connection() const { return m_connection; }
    const core::drift::ConnectionInfo& info() const { return m_info; }

    // Where the file chooser starts and what it returns (tests replace it).
    using FileChooser = std::function<QString(QWidget* parent)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }

signals:
    void loaded();

public slots:
    void reject() override;

private:
    void onLoaded(const core::Result<core::kube::Kubeconfig>& result);
    void onSelectionChanged();
    void onConnected(const core::drift::ConnectionInfo& info);
    void onFailed(const QString& message);
    void showError(const QString& message);
    void setBusy(bool busy, const QString& text = {});
    void updateButtons();

    core::drift::DriftSession* m_session;
    QString m_explicitPath;
    QString m_preferredContext;
    std::optional<core::kube::Kubeconfig> m_config;
    core::kube::ConnectionConfig m_connection;
    core::drift::ConnectionInfo m_info;
    bool m_connecting = false;
    bool m_loading = false; // until onLoaded ran (the job may be done with its signal still queued)
    bool m_resolvable = false;
    FileChooser m_chooseFile;
    core::jobs::Job<core::Result<core::kube::Kubeconfig>> m_loadJob;
    QList<QMetaObject::Connection> m_sessionConnections;

    QLabel* m_sources;
    QPushButton* m_chooseButton;
    QPushButton* m_defaultButton;
    ContextList* m_contexts;
    QLabel* m_details;
    QLabel* m_insecureBadge;
    QLabel* m_error;
    QLabel* m_progress;
    QDialogButtonBox* m_buttons;
    QPushButton* m_connectButton;
};

} // namespace shiplog::ui
