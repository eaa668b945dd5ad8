#pragma once

#include "core/common/error.h"
#include "core/jobs/job.h"
#include "core/manifest/resource.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <optional>

namespace shiplog::ui {

// The history's resource filter: which commits changed one resource (a job over the history index:
// a timeline's commits without field diffs), and the resources there are to complete. Remembers
// the last answer, so that the history can be re-read with other filters at no cost.
class ResourceFilter : public QObject
{
    Q_OBJECT
public:
    explicit ResourceFilter(QObject* parent = nullptr);

    // The commits that changed `key` in the history of `revision`, when known; otherwise nullopt and
    // a job starts (or goes on) finding them: `ready` or `failed` follows.
    std::optional<QSet<QString>> commits(const QString& path, const QString& revision,
                                         const core::manifest::ResourceKey& key);
    // Starts reading the resources of that history; `completions` follows.
    void loadCompletions(const QString& path, const QString& revision);
    // Forgets what it knows (the history may have changed: View ▸ Reload).
    void reset();

signals:
    void ready();
    void failed(const QString& message);
    void completions(const QStringList& resources);

private:
    core::jobs::Job<core::Result<QStringList>> m_commitsJob;
    core::jobs::Job<core::Result<QStringList>> m_completionJob;
    QString m_wanted; // path, revision and key of the running or last job
    bool m_known = false;
    QSet<QString> m_commits;
};

} // namespace shiplog::ui
