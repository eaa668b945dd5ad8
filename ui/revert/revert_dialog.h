#pragma once

// Revert via Pull Request: previews the revert of one commit per resource against the tip of the
// target branch on the remote (fetched first, off the GUI thread), lets the user adjust target,
// branch, title, body and mainline, then fetches, reverts, pushes and opens the pull request with
// progress and cancel. The user's working tree, index, HEAD and branches are never touched (core).
#include "core/forge/revert_pull_request.h"
#include "core/git/commit_info.h"
#include "core/jobs/job.h"

#include <QDialog>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace shiplog::ui {

class KeychainTokenStore;
class ResourcePane;

class RevertDialog : public QDialog
{
    Q_OBJECT
public:
    // `remoteBranches`: branch names on the remote as the user's clone knows them ("main"), offered
    // as targets; `suggestedTarget`: the branch the commit is on (empty: the remote's default).
    RevertDialog(const QString& repositoryPath, const core::git::CommitInfo& commit,
                 const QStringList& remoteBranches = {}, const QString& suggestedTarget = {},
                 QWidget* parent = nullptr);
    ~RevertDialog() override;

    // Tests: where tokens come from besides the keychain, and how URLs are opened.
    void setTokenSources(const core::forge::TokenSources& sources);
    void setForgeOptions(const core::forge::ForgeOptions& options) { m_forgeOptions = options; }
    void setUrlOpener(std::function<void(const QUrl&)> opener) { m_openUrl = std::move(opener); }
    void setUseCredentialHelpers(bool use) { m_useCredentialHelpers = use; }

    // Starts (again) the preview: reads keychain tokens first, once.
    void startPreview();
    void createPullRequest();
    void cancelRunning();

    bool isBusy() const;
    const std::optional<core::forge::RevertPreview>& preview() const { return m_preview; }
    const std::optional<core::forge::RevertOutcome>& outcome() const { return m_outcome; }
    QString previewError() const { return m_previewError; }

    // For tests and the screenshot.
    QComboBox* targetCombo() const { return m_target; }
    QLineEdit* branchEdit() const { return m_branch; }
    QComboBox* mainlineCombo() const { return m_mainline; }
    QLineEdit* titleEdit() const { return m_title; }
    QPlainTextEdit* bodyEdit() const { return m_body; }
    QTreeWidget* resourceList() const { return m_resources; }
    QTreeWidget* conflictList() const { return m_conflicts; }
    QPlainTextEdit* conflictText() const { return m_conflictText; }
    QPushButton* createButton() const { return m_create; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* openButton() const { return m_open; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* resultTitle() const { return m_resultTitle; }
    QLabel* resultMessage() const { return m_resultMessage; }
    QLabel* urlLabel() const { return m_url; }
    QPlainTextEdit* serverMessages() const { return m_serverText; }
    QString resultUrl() const { return m_resultUrl; }

signals:
    void previewReady();
    void finished(const core::forge::RevertOutcome& outcome);

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    QWidget* buildFormPage();
    QWidget* buildResultPage();
    core::forge::RevertRequest request() const;
    void withTokens(std::function<void()> then);
    void onPreviewFinished(const core::Result<core::forge::RevertPreview>& result);
    void onCreateFinished(const std::optional<core::forge::RevertOutcome>& result);
    void onProgress(int value, const QString& text);
    void setBusy(bool busy, const QString& text = {});
    void showPreview(const core::forge::RevertPreview& preview);
    void showResourceList(const core::forge::RevertPreview& preview);
    void showConflicts(const std::vector<core::forge::RevertConflictInfo>& conflicts);
    void showResource(QTreeWidgetItem* item);
    void showOutcome(const core::forge::RevertOutcome& outcome);
    void setStatus(const QString& text, bool error = false);
    void openUrl(const QString& url);
    void setBodyText(const QString& text);

    QString m_path;
    core::git::CommitInfo m_commit;
    core::forge::TokenSources m_tokenSources;
    core::forge::ForgeOptions m_forgeOptions;
    bool m_useCredentialHelpers = true;
    bool m_tokensLoaded = false;
    QStringList m_keychainErrors;
    std::function<void(const QUrl&)> m_openUrl;
    std::optional<core::forge::RevertPreview> m_preview;
    std::optional<core::forge::RevertOutcome> m_outcome;
    QString m_previewError;
    QString m_resultUrl;
    QString m_compareUrl;
    bool m_bodyEdited = false;
    bool m_branchEdited = false;
    bool m_titleEdited = false;
    bool m_settingText = false;

    KeychainTokenStore* m_keychain;
    core::jobs::Job<core::Result<core::forge::RevertPreview>> m_previewJob;
    core::jobs::Job<core::forge::RevertOutcome> m_createJob;

    QStackedWidget* m_pages;
    QLabel* m_header;
    QLabel* m_subHeader;
    QComboBox* m_target;
    QLabel* m_remoteLabel;
    QLineEdit* m_branch;
    QLabel* m_mainlineLabel;
    QComboBox* m_mainline;
    QLineEdit* m_title;
    QPlainTextEdit* m_body;
    QLabel* m_summary;
    QStackedWidget* m_previewStack;
    QTreeWidget* m_resources;
    ResourcePane* m_resourceDetail;
    QTreeWidget* m_conflicts;
    QPlainTextEdit* m_conflictText;
    QLabel* m_steps;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_cancel;
    QPushButton* m_create;
    QPushButton* m_close;
    QPushButton* m_back;
    QLabel* m_resultTitle;
    QLabel* m_resultMessage;
    QLabel* m_url;
    QPushButton* m_copy;
    QPushButton* m_open;
    QPushButton* m_signIn;
    QStackedWidget* m_resultDetail;
    QPlainTextEdit* m_serverText;
    QTreeWidget* m_resultConflicts;
};

} // namespace shiplog::ui
