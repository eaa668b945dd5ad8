#pragma once

#include "core/common/error.h"
#include "core/git/commit_info.h"
#include "core/jobs/job.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTimer;
class QStackedWidget;
class QTabWidget;

namespace shiplog::ui {

class ChangeSummaryCache;
class ChangesPanel;
class CommitPane;
class ResourceFilter;
class FilterBar;
class HistoryModel;
class HistoryTable;
class MessagePage;
class RepositorySession;

// One open repository's history: the filter bar and history on the left, the detail tabs
// ("Commit", "Changes") on the right. Follows the repository session (revision, refs); owns every
// history job, so deleting the view cancels them all. When the history cannot be read, a message
// page replaces the content.
class RepositoryView : public QWidget
{
    Q_OBJECT
public:
    // `session` outlives the view (the main window deletes the view first).
    explicit RepositoryView(RepositorySession* session, QWidget* parent = nullptr);
    ~RepositoryView() override;

    QString repositoryPath() const { return m_path; }
    RepositorySession* session() const { return m_session; }
    QString revision() const;
    void setRevision(const QString& revision); // the session's; the history re-runs from this ref
    void reload();                             // history and the session's refs again
    // Selects `commitId` in the history, loading further pages until it shows up.
    void selectCommit(const QString& commitId);
    void setAbsoluteDates(bool absolute);
    void focusFilter();

    bool showsError() const;
    QString errorMessage() const;
    QString statusText() const { return m_status; }

    HistoryModel* historyModel() const { return m_model; }
    HistoryTable* historyTable() const { return m_table; }
    FilterBar* filterBar() const { return m_filter; }
    CommitPane* commitPane() const { return m_commitPane; }
    ChangesPanel* changesPanel() const { return m_changes; }
    ChangeSummaryCache* summaryCache() const { return m_summaries; }
    // Shows the Changes tab (and computes the selected commit's changes if it has not yet).
    void showChangesTab();
    // "Compare Revisions…": asks for two revisions and opens a compare window.
    void compareRevisions();
    const QList<core::git::RefLabel>& refs() const; // the session's
    // Where later work adds its tabs next to "Commit" (per-resource changes, diffs).
    QTabWidget* detailTabs() const { return m_tabs; }
    MessagePage* messagePage() const { return m_message; }

    void saveLayout() const;
    void restoreLayout();

signals:
    // The first rows arrived: the path is a readable repository (worth remembering as recent).
    void historyOpened();
    void statusChanged(const QString& text);
    void openAnotherRequested();
    void welcomeRequested();

private:
    void startHistory();
    void onRows();
    void onHistoryFinished();
    void onHistoryFailed(const QString& message);
    void onCurrentRowChanged(int row);
    void continuePendingSelection();
    void updateStatus();
    void showError(const QString& title, const QString& message);
    // The Changes tab and the history's resource summaries (repository_view_changes.cpp).
    void setUpChanges();
    void updateChanges();
    void requestVisibleSummaries();

    RepositorySession* m_session;
    QString m_path;
    QString m_pendingSelection;
    QString m_keepSelection; // the commit to reselect after a filter change
    QString m_status;
    bool m_opened = false;

    QStackedWidget* m_stack;
    QWidget* m_content;
    QSplitter* m_splitter;
    FilterBar* m_filter;
    ResourceFilter* m_resourceFilter;
    // The repository's environments for the filter bar (name, paths read).
    core::jobs::Job<core::Result<QList<QPair<QString, QStringList>>>> m_environmentsJob;
    void loadEnvironments();
    HistoryModel* m_model;
    HistoryTable* m_table;
    QLabel* m_banner;
    QLabel* m_empty;
    QTabWidget* m_tabs;
    CommitPane* m_commitPane;
    ChangesPanel* m_changes = nullptr;
    ChangeSummaryCache* m_summaries = nullptr;
    QTimer* m_summaryTimer = nullptr;
    MessagePage* m_message;
};

} // namespace shiplog::ui
