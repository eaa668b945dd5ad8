#include "ui/history/history_model.h"

#include "ui/common/relative_time.h"

#include <QFontDatabase>
#include <QThreadPool>
#include <algorithm>
#include <memory>

namespace shiplog::ui {

using core::git::CommitInfo;
using core::git::HistoryPage;

constexpr qsizetype kAppendRows = 2000; // the rows one fetchMore appends

HistoryModel::HistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

namespace {

// Freeing 30,000 commits (their ids, names, messages, parents, graph rows and the id index) takes
// 50–150 ms: a stall on every reload, filter change, repository switch and close. The rows are moved
// out and freed on the pool instead; their strings are implicitly shared with atomic counts, so the
// copies the views still hold stay valid.
void freeOnPool(QList<CommitInfo>&& commits, QHash<QString, int>&& ids, QList<core::git::GraphRow>&& graph,
                QList<CommitInfo>&& buffer)
{
    if (commits.isEmpty() && buffer.isEmpty())
        return;
    struct Rows
    {
        QList<CommitInfo> commits;
        QHash<QString, int> ids;
        QList<core::git::GraphRow> graph;
        QList<CommitInfo> buffer;
    };
    auto rows =
        std::make_shared<Rows>(Rows{std::move(commits), std::move(ids), std::move(graph), std::move(buffer)});
    core::jobs::pool()->start([rows = std::move(rows)]() mutable { rows.reset(); });
}

} // namespace

HistoryModel::~HistoryModel()
{
    if (m_job)
        m_job->watcher()->disconnect(this);
    m_job.reset();
    freeOnPool(std::move(m_commits), std::move(m_rowById), std::move(m_graph), std::move(m_buffer));
}

void HistoryModel::load(const QString& repositoryPath, const core::git::HistoryQuery& query)
{
    clear();
    m_repositoryPath = repositoryPath;
    m_graphJoinsRows = query.text.isEmpty() && query.author.isEmpty() && query.pathPrefix.isEmpty() &&
                       !query.since.isValid() && !query.until.isValid() && !query.hideBots;
    // A fresh job (and watcher) per query: results of a cancelled query can never reach this one.
    m_job = std::make_unique<core::jobs::Job<HistoryPage>>();
    auto* watcher = m_job->watcher();
    connect(watcher, &QFutureWatcherBase::resultsReadyAt, this, &HistoryModel::onResultsReady);
    connect(watcher, &QFutureWatcherBase::finished, this, &HistoryModel::onJobFinished);
    m_loading = true;
    emit loadingChanged(true);
    m_job->start(&core::git::loadHistory, repositoryPath, query);
}

void HistoryModel::clear()
{
    if (m_job) {
        m_job->watcher()->disconnect(this);
        m_job.reset(); // cancels without waiting (Job discards); the walk stops at its next commit
    }
    const bool wasLoading = m_loading;
    m_loading = false;
    m_fetchRequested = false;
    m_errorMessage.clear();
    m_graphBuilder.reset();
    if (!m_commits.isEmpty()) {
        beginResetModel();
        freeOnPool(std::move(m_commits), std::move(m_rowById), std::move(m_graph), std::move(m_buffer));
        m_commits.clear(); // moved-from: made empty explicitly
        m_rowById.clear();
        m_graph.clear();
        m_buffer.clear();
        endResetModel();
    } else {
        freeOnPool({}, {}, {}, std::move(m_buffer));
        m_buffer.clear();
    }
    if (m_graphLanes != 1) {
        m_graphLanes = 1;
        emit graphLanesChanged(1);
    }
    if (wasLoading)
        emit loadingChanged(false);
}

void HistoryModel::onResultsReady(int begin, int end)
{
    const QFuture<HistoryPage> future = m_job->future();
    for (int i = begin; i < end; ++i) {
        const HistoryPage page = future.resultAt(i);
        m_buffer.append(page.commits);
        if (page.failed && m_errorMessage.isEmpty())
            m_errorMessage = page.error.message;
    }
    if (m_commits.size() < m_eagerRows || m_fetchRequested)
        appendBuffer();
    emit pageArrived();
}

void HistoryModel::onJobFinished()
{
    m_loading = false;
    if (!m_errorMessage.isEmpty())
        emit failed(m_errorMessage);
    emit loadingChanged(false);
    emit finished();
}

void HistoryModel::appendBuffer()
{
    m_fetchRequested = false;
    if (m_buffer.isEmpty() || m_inserting)
        return;
    // Take the rows out of the buffer first: views and testers may call fetchMore re-entrantly
    // from the insertion signals.
    // At most one page per call: the whole buffer of a 30,000-commit history (the user pressed End
    // while it was read) took 70 ms on the GUI thread to append with its graph rows at once; the
    // view asks again (fetchMore) while it sits at the bottom.
    QList<CommitInfo> incoming;
    if (m_buffer.size() <= kAppendRows) {
        incoming.swap(m_buffer);
    } else {
        incoming = m_buffer.first(kAppendRows);
        m_buffer.remove(0, kAppendRows);
    }
    const int first = int(m_commits.size());
    m_inserting = true;
    beginInsertRows({}, first, first + int(incoming.size()) - 1);
    m_commits.append(incoming); // copies are cheap: the strings are shared
    const int lanesBefore = m_graphLanes;
    for (int row = first; row < m_commits.size(); ++row) {
        const CommitInfo& commit = m_commits.at(row);
        m_rowById.insert(commit.id, row);
        if (m_graphJoinsRows) {
            m_graph.append(m_graphBuilder.next(commit.id, commit.parents));
            m_graphLanes = std::max(m_graphLanes, m_graph.back().laneCount());
        } else {
            core::git::GraphRow dot;
            if (row > 0)
                dot.upper.append({0, 0});
            dot.lower.append({0, 0});
            m_graph.append(dot);
        }
    }
    endInsertRows();
    m_inserting = false;
    if (m_graphLanes != lanesBefore)
        emit graphLanesChanged(m_graphLanes);
}

bool HistoryModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid())
        return false;
    return !m_buffer.isEmpty();
}

void HistoryModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid())
        return;
    if (m_inserting)
        return;
    if (m_buffer.isEmpty()) {
        // The view wants rows the worker has not produced yet: hand them over as soon as they come.
        m_fetchRequested = m_loading;
        return;
    }
    appendBuffer();
}

void HistoryModel::setRefLabels(const QList<core::git::RefLabel>& labels)
{
    m_labels.clear();
    for (const auto& label : labels)
        m_labels[label.target].append(label);
    // HEAD first, then local branches, tags, remote branches: the order a reader scans them.
    for (auto& list : m_labels) {
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
            auto rank = [](core::git::RefLabel::Kind k) {
                switch (k) {
                case core::git::RefLabel::Kind::Head:
                    return 0;
                case core::git::RefLabel::Kind::LocalBranch:
                    return 1;
                case core::git::RefLabel::Kind::Tag:
                    return 2;
                case core::git::RefLabel::Kind::RemoteBranch:
                    return 3;
                }
                return 4;
            };
            return rank(a.kind) < rank(b.kind);
        });
    }
    if (!m_commits.isEmpty())
        emit dataChanged(index(0, SubjectColumn), index(int(m_commits.size()) - 1, SubjectColumn));
}

const QList<core::git::RefLabel>& HistoryModel::labelsAt(int row) const
{
    static const QList<core::git::RefLabel> none;
    if (row < 0 || row >= m_commits.size())
        return none;
    const auto it = m_labels.constFind(m_commits.at(row).id);
    return it == m_labels.cend() ? none : *it;
}

void HistoryModel::setAbsoluteDates(bool absolute)
{
    if (m_absoluteDates == absolute)
        return;
    m_absoluteDates = absolute;
    emit headerDataChanged(Qt::Horizontal, DateColumn, DateColumn);
    if (!m_commits.isEmpty())
        emit dataChanged(index(0, DateColumn), index(int(m_commits.size()) - 1, DateColumn));
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_commits.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CommitInfo& c = m_commits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case GraphColumn:
            return {};
        case SubjectColumn:
            return c.subject;
        case AuthorColumn:
            return c.author.name;
        case DateColumn:
            return m_absoluteDates ? absoluteTime(c.author.dateTime()) : relativeTime(c.author.dateTime());
        case IdColumn:
            return c.id.left(7);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case GraphColumn:
            return c.isMerge() ? tr("Merge commit (%1 parents)").arg(c.parents.size()) : QVariant();
        case SubjectColumn:
            return c.subject;
        case AuthorColumn:
            return QStringLiteral("%1 <%2>").arg(c.author.name, c.author.email);
        case DateColumn:
            return m_absoluteDates ? relativeTime(c.author.dateTime()) : absoluteTime(c.author.dateTime());
        case IdColumn:
            return c.id;
        }
        return {};
    case Qt::FontRole:
        if (index.column() == IdColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case CommitIdRole:
        return c.id;
    case IsMergeRole:
        return c.isMerge();
    case AbsoluteDateRole:
        return c.author.dateTime();
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GraphColumn:
        return QString();
    case SubjectColumn:
        return tr("Subject");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    case IdColumn:
        return tr("Commit");
    }
    return {};
}

} // namespace shiplog::ui
