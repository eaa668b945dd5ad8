#pragma once

#include "core/diff/change_set.h"
#include "core/jobs/job.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <optional>

namespace shiplog::ui {

// One commit's compact change summary ("+2 ~3 −1"), as the summary job delivers it.
struct CommitChangeSummary
{
    QString id;
    core::diff::ChangeSummary summary;
    bool failed = false;
};

// The job: for each id, the change set against the first parent without details (keys and kinds
// only), one result per commit as soon as it is known.
void loadChangeSummaries(QPromise<CommitChangeSummary>& promise, const QString& repositoryPath,
                         const QStringList& ids);

// Per-commit summaries for the history list, computed lazily for the rows the view shows: ask for
// ids with request(); summaryReady fires as each arrives. One job at a time; what is asked while
// it runs waits for the next batch, most recent first.
class ChangeSummaryCache : public QObject
{
    Q_OBJECT
public:
    explicit ChangeSummaryCache(QObject* parent = nullptr);
    ~ChangeSummaryCache() override;

    void setRepository(const QString& repositoryPath);
    std::optional<core::diff::ChangeSummary> summary(const QString& id) const;
    void request(const QStringList& ids);
    bool isRunning() const { return m_job.isRunning(); }

signals:
    void summaryReady(const QString& id);

private:
    void startNext();
    void onResults(int begin, int end);

    QString m_repositoryPath;
    QHash<QString, core::diff::ChangeSummary> m_summaries;
    QStringList m_queue;
    QSet<QString> m_inFlight;
    core::jobs::Job<CommitChangeSummary> m_job;
};

} // namespace shiplog::ui
