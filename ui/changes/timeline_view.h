#pragma once

#include "core/common/error.h"
#include "core/diff/timeline.h"
#include "core/jobs/job.h"

#include <QWidget>
#include <optional>

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
    void setResource(const QString& repositoryPath, const core::manifest::ResourceKey& key,
                     const QString& revision);
    void clear();
    void load();   // starts the job now if it has not run for the current resource
    void cancel(); // stops reading the history (shown again, the view reads it anew)

    bool isLoading() const { return m_loading; } // until the job's result is shown
    const std::optional<core::diff::Timeline>& timeline() const { return m_timeline; }
    QTreeWidget* tree() const { return m_tree; }
    QProgressBar* progressBar() const { return m_progress; }
    QToolButton* cancelButton() const { return m_cancel; }
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

    QString m_repositoryPath;
    core::manifest::ResourceKey m_key;
    QString m_revision;
    bool m_requested = false;
    bool m_loading = false;
    std::optional<core::diff::Timeline> m_timeline;
    QString m_pendingBlame;
    QLabel* m_status;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QTreeWidget* m_tree;
    core::jobs::Job<core::Result<core::diff::Timeline>> m_job;
};

// "abc1234 by Ada Lovelace, 2024-05-01 10:00 — subject" for one blamed field.
QString describeBlame(const std::optional<core::diff::FieldBlame>& blame, const QString& path);

} // namespace shiplog::ui
