#pragma once

// The repository window's Environments tab: the environments of the revision the history shows
// (layout, definition, cluster hint, resource count, errors), environment A vs B, and the promotion
// board. Everything is computed by core/environment in jobs, only while the tab is shown; a busy bar
// with Cancel shows while they run. It follows the RepositorySession (path and revision).
#include "core/common/error.h"
#include "core/environment/compare.h"
#include "core/environment/environment.h"
#include "core/environment/promotion.h"
#include "core/jobs/job.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace shiplog::ui {

class RepositorySession;

namespace environments {
class CompareView;
class EnvironmentList;
class PromotionView;
} // namespace environments

class EnvironmentsView : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentsView(QWidget* parent = nullptr);
    ~EnvironmentsView() override;

    // The repository and revision to read ("" path: nothing). Work starts when the tab is shown.
    void setRepository(const QString& path);
    void setRevision(const QString& revision);
    // Reads everything again (the refs moved: HEAD or the branch may name another commit now).
    void reload();

    // Compares the environments named (each must be in the list); the pickers follow.
    void compare(const QString& a, const QString& b);
    void cancel();

    bool isBusy() const;
    QString message() const; // the status line: what is being done, or why it failed
    const core::environment::Environments& environments() const { return m_environments; }
    environments::EnvironmentList* list() const { return m_list; }
    environments::CompareView* compareView() const { return m_compare; }
    environments::PromotionView* promotionView() const { return m_promotion; }
    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* pickerA() const { return m_pickA; }
    QComboBox* pickerB() const { return m_pickB; }

signals:
    // A commit to show in the history (a field's "set by", a promotion board cell).
    void commitActivated(const QString& commitId);
    void environmentsLoaded();
    void comparisonLoaded();
    void boardLoaded();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void load();
    void onEnvironments(const core::Result<core::environment::Environments>& result);
    void startCompare();
    void startBoard();
    void updateBusy();
    void setMessage(const QString& text, bool error = false);

    QString m_path;
    QString m_revision = QStringLiteral("HEAD");
    bool m_stale = true;      // the list must be read again before it is shown
    bool m_boardStale = true; // the promotion board likewise (read when its tab is shown)
    core::environment::Environments m_environments;
    QString m_listMessage; // what the status line says once nothing runs

    QLabel* m_status;
    QProgressBar* m_busy;
    QPushButton* m_cancel;
    environments::EnvironmentList* m_list;
    QComboBox* m_pickA;
    QComboBox* m_pickB;
    QPushButton* m_compareButton;
    QTabWidget* m_tabs;
    environments::CompareView* m_compare;
    environments::PromotionView* m_promotion;

    core::jobs::Job<core::Result<core::environment::Environments>> m_listJob;
    core::jobs::Job<core::Result<core::environment::EnvironmentComparison>> m_compareJob;
    core::jobs::Job<core::Result<core::environment::PromotionBoard>> m_boardJob;
};

// The Environments tab follows `session`: its repository and the revision the history shows.
void followInEnvironments(RepositorySession* session, EnvironmentsView* view);

} // namespace shiplog::ui
