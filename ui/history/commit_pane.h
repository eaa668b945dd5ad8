#pragma once

#include "core/common/error.h"
#include "core/git/history.h"
#include "core/jobs/job.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace shiplog::ui {

class ChangedFilesModel;

// The "Commit" tab: the full message, author and committer, the id with copy links, clickable
// parents, and the files the commit changed (loaded by a job, so a huge commit never blocks).
class CommitPane : public QWidget
{
    Q_OBJECT
public:
    explicit CommitPane(QWidget* parent = nullptr);
    ~CommitPane() override;

    void showCommit(const QString& repositoryPath, const core::git::CommitInfo& commit);
    void clear();

    QString commitId() const { return m_commit.id; }
    QString messageText() const; // what the header shows, as plain text (for tests and copy)
    const ChangedFilesModel* filesModel() const { return m_filesModel; }
    bool isLoadingFiles() const;
    QSplitter* splitter() const { return m_splitter; }

signals:
    void parentActivated(const QString& commitId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void onLink(const QUrl& url);
    void onDetailsReady(const core::Result<core::git::CommitDetails>& details);

    core::git::CommitInfo m_commit;
    QString m_repositoryPath;
    QSplitter* m_splitter;
    QTextBrowser* m_header;
    QLabel* m_filesStatus;
    QTreeView* m_files;
    ChangedFilesModel* m_filesModel;
    core::jobs::Job<core::Result<core::git::CommitDetails>> m_job;
};

} // namespace shiplog::ui
