#include "ui/mainwindow/repository_session.h"

namespace shiplog::ui {

RepositorySession::RepositorySession(const QString& repositoryPath, QObject* parent)
    : QObject(parent), m_path(repositoryPath)
{
    m_refsJob.onResult(this, [this](const core::Result<core::git::RepositoryRefs>& refs) { onRefs(refs); });
    reload();
}

RepositorySession::~RepositorySession() = default; // the refs job is discarded, not waited for

void RepositorySession::setRevision(const QString& revision)
{
    if (revision.isEmpty() || revision == m_revision)
        return;
    m_revision = revision;
    emit revisionChanged(revision);
}

void RepositorySession::reload()
{
    m_refsJob.run(&core::git::loadRepositoryRefs, m_path);
}

void RepositorySession::onRefs(const core::Result<core::git::RepositoryRefs>& refs)
{
    if (!refs) {
        m_refsError = refs.error().message;
        emit refsFailed(m_refsError);
        return;
    }
    m_refsError.clear();
    if (m_hasRefs && *refs == m_refs)
        return;
    m_refs = *refs;
    m_hasRefs = true;
    emit refsChanged(m_refs);
}

} // namespace shiplog::ui
