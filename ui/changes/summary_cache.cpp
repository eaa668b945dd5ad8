#include "ui/changes/summary_cache.h"

namespace shiplog::ui {

void loadChangeSummaries(QPromise<CommitChangeSummary>& promise, const QString& repositoryPath,
                         const QStringList& ids)
{
    core::diff::ChangeSetOptions options;
    options.details = false;
    for (const QString& id : ids) {
        if (promise.isCanceled())
            return;
        // The change-set job itself, run inline with a promise of its own (it opens the
        // repository and shares the parse cache, so consecutive commits reuse parsed blobs).
        QPromise<core::Result<core::diff::ChangeSet>> inner;
        inner.start();
        core::diff::loadChangeSet(inner, repositoryPath, id, 1, options);
        inner.finish();
        CommitChangeSummary summary;
        summary.id = id;
        const auto future = inner.future();
        if (future.resultCount() > 0 && future.result().has_value()) {
            summary.summary = future.result()->summary();
        } else {
            summary.failed = true;
        }
        promise.addResult(std::move(summary));
    }
}

ChangeSummaryCache::ChangeSummaryCache(QObject* parent) : QObject(parent)
{
    connect(m_job.watcher(), &QFutureWatcher<CommitChangeSummary>::resultsReadyAt, this,
            &ChangeSummaryCache::onResults);
    connect(m_job.watcher(), &QFutureWatcher<CommitChangeSummary>::finished, this, [this] {
        m_inFlight.clear();
        startNext();
    });
}

ChangeSummaryCache::~ChangeSummaryCache() = default;

void ChangeSummaryCache::setRepository(const QString& repositoryPath)
{
    if (repositoryPath == m_repositoryPath)
        return;
    m_job.discard(); // without waiting; none of the old repository's summaries arrive afterwards
    m_repositoryPath = repositoryPath;
    m_summaries.clear();
    m_queue.clear();
    m_inFlight.clear();
}

std::optional<core::diff::ChangeSummary> ChangeSummaryCache::summary(const QString& id) const
{
    const auto it = m_summaries.constFind(id);
    if (it == m_summaries.cend())
        return std::nullopt;
    return *it;
}

void ChangeSummaryCache::request(const QStringList& ids)
{
    // The newest request is what the user looks at now: it goes first.
    QStringList fresh;
    for (const QString& id : ids) {
        if (!m_summaries.contains(id) && !m_inFlight.contains(id) && !fresh.contains(id))
            fresh << id;
    }
    if (fresh.isEmpty())
        return;
    for (const QString& id : fresh)
        m_queue.removeAll(id);
    m_queue = fresh + m_queue;
    if (!m_job.isRunning())
        startNext();
}

void ChangeSummaryCache::startNext()
{
    if (m_queue.isEmpty() || m_repositoryPath.isEmpty())
        return;
    // Small batches: a scroll quickly moves on, and the next batch takes the new rows first.
    const QStringList batch = m_queue.mid(0, 24);
    m_queue = m_queue.mid(batch.size());
    m_inFlight = QSet<QString>(batch.cbegin(), batch.cend());
    m_job.start(&loadChangeSummaries, m_repositoryPath, batch);
}

void ChangeSummaryCache::onResults(int begin, int end)
{
    const auto future = m_job.future();
    for (int i = begin; i < end; ++i) {
        const CommitChangeSummary result = future.resultAt(i);
        core::diff::ChangeSummary summary = result.summary;
        m_summaries.insert(result.id, summary);
        emit summaryReady(result.id);
    }
}

} // namespace shiplog::ui
