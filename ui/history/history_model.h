#pragma once

#include "core/git/commit_graph.h"
#include "core/git/history.h"
#include "core/jobs/job.h"

#include <QAbstractTableModel>
#include <QHash>
#include <memory>

namespace shiplog::ui {

// The commits of one history query, as a table. Pages come from the core history job; they wait in
// a buffer until the view asks for more (canFetchMore/fetchMore), so a 100,000-commit history costs
// the view only what it shows. The first rows, and pages that arrive while the view is waiting for
// more, are appended at once.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        GraphColumn,
        SubjectColumn,
        AuthorColumn,
        DateColumn,
        IdColumn,
        ColumnCount
    };
    enum Role
    {
        CommitIdRole = Qt::UserRole + 1,
        IsMergeRole,
        AbsoluteDateRole
    };

    explicit HistoryModel(QObject* parent = nullptr);
    ~HistoryModel() override;

    // Drops the rows and starts the history job for `query` (the previous job is cancelled).
    void load(const QString& repositoryPath, const core::git::HistoryQuery& query);
    // Cancels the job and empties the model.
    void clear();

    void setRefLabels(const QList<core::git::RefLabel>& labels);
    const QList<core::git::RefLabel>& labelsAt(int row) const;
    void setAbsoluteDates(bool absolute);
    bool absoluteDates() const { return m_absoluteDates; }
    // Rows appended at once, without waiting for fetchMore (enough to fill any window).
    void setEagerRows(int rows) { m_eagerRows = rows; }

    const core::git::CommitInfo& commitAt(int row) const { return m_commits.at(row); }
    // The graph lanes of a row. A filtered history skips commits, so its rows cannot be joined into
    // lanes: there the graph is one straight line of dots.
    const core::git::GraphRow& graphAt(int row) const { return m_graph.at(row); }
    int graphLanes() const { return m_graphLanes; }
    int rowOfCommit(const QString& id) const { return m_rowById.value(id, -1); }
    bool isLoading() const { return m_loading; }
    bool hasError() const { return !m_errorMessage.isEmpty(); }
    QString errorMessage() const { return m_errorMessage; }
    int bufferedCount() const { return int(m_buffer.size()); }
    QString repositoryPath() const { return m_repositoryPath; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    // A page arrived (appended or buffered): lets a "find this commit" request continue.
    void pageArrived();
    // The history could not be read (or stopped part way); rows before the failure stay.
    void failed(const QString& message);
    // The widest graph row so far grew (the view widens the graph column).
    void graphLanesChanged(int lanes);
    // The job finished and every commit is known (some may still wait in the buffer).
    void finished();

private:
    void onResultsReady(int begin, int end);
    void onJobFinished();
    void appendBuffer();

    std::unique_ptr<core::jobs::Job<core::git::HistoryPage>> m_job;
    QString m_repositoryPath;
    QList<core::git::CommitInfo> m_commits;
    QList<core::git::CommitInfo> m_buffer;
    QHash<QString, int> m_rowById;
    QList<core::git::GraphRow> m_graph;
    core::git::GraphBuilder m_graphBuilder;
    bool m_graphJoinsRows = true;
    int m_graphLanes = 1;
    QHash<QString, QList<core::git::RefLabel>> m_labels;
    QString m_errorMessage;
    int m_eagerRows = 300;
    bool m_fetchRequested = false;
    bool m_inserting = false;
    bool m_loading = false;
    bool m_absoluteDates = false;
};

} // namespace shiplog::ui
