#pragma once

#include "core/common/error.h"
#include "core/diff/timeline.h"
#include "core/drift/drift_report.h"
#include "core/jobs/job.h"

#include <QWidget>
#include <optional>

class QLabel;
class QTabWidget;
class QTreeView;

namespace shiplog::ui {

class DiffView;
class DriftFieldsModel;

// One resource of the drift report: a header (status, kind, namespace/name, why) over the tabs
// "Diff" — git's desired object against the live one in the same DiffView as commits — and
// "Fields" — each drifted field with who last wrote it in the cluster and the commit that last set
// it in git. Raw mode shows the hidden differences too, with the reason each was hidden.
class DriftResourcePane : public QWidget
{
    Q_OBJECT
public:
    explicit DriftResourcePane(QWidget* parent = nullptr);
    ~DriftResourcePane() override;

    // `repositoryPath` and `revision` (a commit id) let the pane find the commits that set fields;
    // with `environment`, the commits that set them as that environment renders the resource (the
    // environment chosen in the Drift tab; "" = the resource's files).
    // Showing the same resource again with unchanged content keeps the reader's place.
    void showResource(const core::drift::ResourceDrift& resource, const QString& repositoryPath,
                      const QString& revision, const QString& environment = {});
    QString environment() const { return m_environment; }
    void clear(const QString& message = {});
    void setRaw(bool raw);
    bool isRaw() const { return m_raw; }

    QString headerText() const;
    QString currentKey() const;
    DiffView* diffView() const { return m_diff; }
    DriftFieldsModel* fieldsModel() const { return m_fieldsModel; }
    QTreeView* fieldsTable() const { return m_fieldsTable; }
    QTabWidget* tabs() const { return m_tabs; }
    bool isBlaming() const { return m_blameJob.isRunning(); }
    // The left (git) and right (cluster) texts given to the diff.
    QByteArray desiredText() const { return m_desiredText; }
    QByteArray liveText() const { return m_liveText; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void renderDiff();
    void startBlame();
    void onBlamed(const core::Result<core::diff::Timeline>& timeline);

    std::optional<core::drift::ResourceDrift> m_resource;
    QString m_repositoryPath;
    QString m_revision;
    QString m_environment;
    bool m_raw = false;
    QByteArray m_desiredText;
    QByteArray m_liveText;
    QLabel* m_icon;
    QLabel* m_header;
    QLabel* m_reason;
    QTabWidget* m_tabs;
    QLabel* m_leftTitle;
    QLabel* m_rightTitle;
    DiffView* m_diff;
    QLabel* m_fieldsNote;
    DriftFieldsModel* m_fieldsModel;
    QTreeView* m_fieldsTable;
    core::jobs::Job<core::Result<core::diff::Timeline>> m_blameJob;
};

} // namespace shiplog::ui
