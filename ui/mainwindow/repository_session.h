#pragma once

#include "core/common/error.h"
#include "core/git/refs.h"
#include "core/jobs/job.h"

#include <QObject>
#include <QString>

namespace shiplog::ui {

// One open repository, shared by the views that show it: its path, the revision the history shows,
// and its refs — read once, off the GUI thread, through core/git/refs, and again on reload(). The
// views (RepositoryView, DriftView, RevertActions, the toolbar's ref chooser) follow its signals
// instead of reading refs themselves. The repository's environments will live here too.
class RepositorySession : public QObject
{
    Q_OBJECT
public:
    // Starts reading the refs of `repositoryPath` at once.
    explicit RepositorySession(const QString& repositoryPath, QObject* parent = nullptr);
    ~RepositorySession() override;

    QString path() const { return m_path; }

    // The revision the history lists ("HEAD", "refs/heads/main", an id).
    QString revision() const { return m_revision; }
    void setRevision(const QString& revision);

    // The refs as last read (empty until the first read finished).
    const core::git::RepositoryRefs& refs() const { return m_refs; }
    bool hasRefs() const { return m_hasRefs; }
    bool isLoadingRefs() const { return m_refsJob.isRunning(); }
    QString refsError() const { return m_refsError; }

    // Reads the refs again (View ▸ Reload); refsChanged follows when they differ from before.
    void reload();

signals:
    void revisionChanged(const QString& revision);
    // The first read, and every later read that found different refs.
    void refsChanged(const core::git::RepositoryRefs& refs);
    // A read failed: the message says why (the refs read before, if any, stay).
    void refsFailed(const QString& message);

private:
    void onRefs(const core::Result<core::git::RepositoryRefs>& refs);

    QString m_path;
    QString m_revision = QStringLiteral("HEAD");
    core::git::RepositoryRefs m_refs;
    bool m_hasRefs = false;
    QString m_refsError;
    core::jobs::Job<core::Result<core::git::RepositoryRefs>> m_refsJob;
};

} // namespace shiplog::ui
