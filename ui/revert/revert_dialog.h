#pragma once

// Revert via Pull Request: a view of one RevertFlow. It shows the preview per resource against the
// tip of the target branch on the remote, lets the user adjust target, branch, title, body and
// mainline, and shows the progress and outcome of creating the pull request. What the revert is and
// how far it got live in the flow; the dialog renders its state and forwards the user's input.
#include "ui/revert/revert_flow.h"

#include <QDialog>
#include <QUrl>
#include <functional>
#include <vector>

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

class ResourcePane;

class RevertDialog : public QDialog
{
    Q_OBJECT
public:
    // Takes ownership of `flow`. `remoteBranches`: branch names on the remote as the user's clone
    // knows them ("main"), offered as targets beside the flow's target branch.
    RevertDialog(RevertFlow* flow, const QStringList& remoteBranches = {}, QWidget* parent = nullptr);
    ~RevertDialog() override;

    RevertFlow* flow() const { return m_flow; }
    // How URLs are opened (tests replace the desktop's browser).
    void setUrlOpener(std::function<void(const QUrl&)> opener) { m_openUrl = std::move(opener); }

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    QWidget* buildFormPage();
    QWidget* buildResultPage();
    void previewAgain();
    void createPullRequest();
    void render(RevertFlow::State state);
    void onProgress(int value, const QString& text);
    void showPreview(const core::forge::RevertPreview& preview);
    void showPreviewError(const QString& error);
    void showResourceList(const core::forge::RevertPreview& preview);
    void showConflicts(const std::vector<core::forge::RevertConflictInfo>& conflicts);
    void showResource(QTreeWidgetItem* item);
    void showOutcome(const core::forge::RevertOutcome& outcome);
    void showSteps(int step);
    void setStatus(const QString& text, bool error = false);
    void openUrl(const QString& url);
    void setBodyText(const QString& text);
    QString resultUrl() const;

    RevertFlow* m_flow;
    std::function<void(const QUrl&)> m_openUrl;
    // What the user edited stays when a new preview fills the form.
    bool m_bodyEdited = false;
    bool m_branchEdited = false;
    bool m_titleEdited = false;
    bool m_settingText = false;

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
