#pragma once

#include "core/diff/change_set.h"
#include "core/environment/releases.h"
#include "core/git/commit_info.h"
#include "core/jobs/job.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSplitter;

namespace shiplog::ui {

class ChangesTree;
class ResourcePane;

// The "Changes" tab: the changes tree beside the resource pane, for one commit (against a parent
// the user may choose for merges) or for a range A..B. The change set is computed by a job that is
// cancelled when another commit is shown.
class ChangesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChangesPanel(QWidget* parent = nullptr);
    ~ChangesPanel() override;

    void showCommit(const QString& repositoryPath, const core::git::CommitInfo& commit);
    void showRange(const QString& repositoryPath, const QString& from, const QString& to);
    void clear();

    // Until the change set is shown: the worker may be done while its result still waits in the
    // event queue, and the tree is empty until it is delivered.
    bool isLoading() const { return m_loading; }
    QString revision() const { return m_revision; }
    int parentNumber() const { return m_parent; }
    void setParentNumber(int parent); // merges: compare with parent `parent` (1-based)
    // Only what one environment applies, as rendered ("" = every environment): the history's
    // environment filter. Its resources' timelines and blame are that environment's.
    void setEnvironment(const QString& environment);
    QString environment() const { return m_environment; }
    QString statusText() const;
    QString releasesText() const; // "" when the commit promotes no release

    ChangesTree* tree() const { return m_tree; }
    ResourcePane* resourcePane() const { return m_pane; }
    QComboBox* parentChooser() const { return m_parents; }
    QSplitter* splitter() const { return m_splitter; }

signals:
    void commitActivated(const QString& commitId);
    void loaded();

private:
    void start();
    void onFinished(const core::Result<core::diff::ChangeSet>& result);
    void onCurrentChange(const core::diff::ResourceChange* change);

    QString m_repositoryPath;
    QString m_revision; // a commit id, or "A..B"
    QString m_timelineRevision;
    QString m_environment;
    int m_parent = 1;
    bool m_loading = false;
    QLabel* m_status;
    QComboBox* m_parents;
    QSplitter* m_splitter;
    ChangesTree* m_tree;
    ResourcePane* m_pane;
    core::jobs::Job<core::Result<core::diff::ChangeSet>> m_job;
    // Jenkins X promotions edit helmfiles, not resources: their release versions, shown above.
    QLabel* m_releases;
    core::jobs::Job<core::Result<QList<core::environment::ReleaseChange>>> m_releasesJob;
};

} // namespace shiplog::ui
