#include "ui/history/resource_filter.h"

#include "core/diff/timeline.h"

namespace shiplog::ui {

ResourceFilter::ResourceFilter(QObject* parent) : QObject(parent)
{
    m_commitsJob.onResult(this, [this](const core::Result<QStringList>& ids) {
        if (!ids) {
            emit failed(ids.error().message);
            return;
        }
        m_commits = QSet<QString>(ids->begin(), ids->end());
        m_known = true;
        emit ready();
    });
    m_completionJob.onResult(this, [this](const core::Result<QStringList>& resources) {
        if (resources)
            emit completions(*resources);
    });
}

std::optional<QSet<QString>> ResourceFilter::commits(const QString& path, const QString& revision,
                                                     const core::manifest::ResourceKey& key)
{
    const QString wanted = path + QLatin1Char('\n') + revision + QLatin1Char('\n') + key.toArgument();
    if (wanted == m_wanted && m_known)
        return m_commits;
    if (wanted != m_wanted) {
        m_wanted = wanted;
        m_known = false;
        m_commitsJob.run(&core::diff::loadResourceCommits, path, key, revision,
                         core::diff::ChangeSetOptions{});
    }
    return std::nullopt;
}

void ResourceFilter::loadCompletions(const QString& path, const QString& revision)
{
    m_completionJob.run(&core::diff::loadIndexedResources, path, revision, core::diff::ChangeSetOptions{});
}

void ResourceFilter::reset()
{
    m_commitsJob.discard();
    m_wanted.clear();
    m_known = false;
    m_commits.clear();
}

} // namespace shiplog::ui
