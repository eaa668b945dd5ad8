#pragma once

#include "core/common/error.h"
#include "core/diff/environment_changes.h"
#include "core/diff/timeline.h"
#include "core/jobs/job.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shiplog::ui {

// The "Timeline" tab: every commit that changed one resource (newest first) with who, when, why
// and the field changes of each step. Loaded by a job when first shown; a double-click asks the
// history to select that commit. Also answers "who last set this field" (blame).
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    // Remembers what to load; the job starts when the view is shown (or blame asks for it).
    // `environment`: the resource as that environment renders it (key with the namespace it
    // resolves): the commits that changed it there (shiplog timeline --env); "" = by its files.
    // A box above the steps says which environment it follows and switches to another one that
    // applies the resource, or to "All files".
    void setResource(const QString& repositoryPath, const core::manifest::ResourceKey& key,
                     const QString& revision, const QString& environment = {});
    void clear();
    void load();   // starts the job now if it has not run for the current resource
    void cancel(); // stops reading the history (shown again, the view reads it anew)

    bool isLoading() const { return m_loading; } // until the job's result is shown
    const std::optional<core::diff::Timeline>& timeline() const { return m_timeline; }
    QTreeWidget* tree() const { return m_tree; }
    QProgressBar* progressBar() const { return m_progress; }
    QToolButton* cancelButton() const { return m_cancel; }
    QComboBox* environmentBox() const { return m_environmentBox; }
    QString environment() const { return m_environment; } // followed now ("" = by files)
    core::manifest::ResourceKey resourceKey() const { return m_key; }
    // Follows the resource in another environment (one the box lists) or, with "", by its files.
    void followEnvironment(const QString& environment);
    QString statusText() const;

    // Answers through blameReady once the timeline is there (loads it if needed).
    void requestBlame(const QString& path);

signals:
    void commitActivated(const QString& commitId);
    void loaded();
    void blameReady(const QString& path, const QString& answer);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onFinished(const core::Result<core::diff::Timeline>& result);
    void populate();
    void answerBlame();
    void setBusy(bool busy);
    QString subject() const; // "apps/Deployment p/web in overlays/production"
    void fillEnvironmentBox();
    void onEnvironments(const core::Result<QList<core::diff::ResourceInEnvironment>>& result);

    QString m_repositoryPath;
    core::manifest::ResourceKey m_key;
    QString m_revision;
    QString m_environment;                   // followed now ("" = by files)
    QString m_openedEnvironment;             // where the resource was opened ("" = by files)
    core::manifest::ResourceKey m_openedKey; // the key it was opened with
    // The environments that apply the resource (loaded once per resource when the view loads).
    QList<core::diff::ResourceInEnvironment> m_environments;
    bool m_environmentsRequested = false;
    bool m_requested = false;
    bool m_loading = false;
    std::optional<core::diff::Timeline> m_timeline;
    QString m_pendingBlame;
    QLabel* m_status;
    QWidget* m_environmentRow;
    QLabel* m_environmentLabel;
    QComboBox* m_environmentBox;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QTreeWidget* m_tree;
    core::jobs::Job<core::Result<core::diff::Timeline>> m_job;
    core::jobs::Job<core::Result<QList<core::diff::ResourceInEnvironment>>> m_environmentsJob;
};

// "abc1234 by Ada Lovelace, 2024-05-01 10:00 — subject" for one blamed field.
QString describeBlame(const std::optional<core::diff::FieldBlame>& blame, const QString& path);

} // namespace shiplog::ui
