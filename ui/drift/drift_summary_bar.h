#pragma once

#include "core/drift/drift_report.h"

#include <QMap>
#include <QSet>
#include <QWidget>

class QLabel;
class QToolButton;

namespace shiplog::ui {

// The drift summary: the overall state ("In sync" / "Out of sync") and one chip per status with its
// count and colour — in sync, drifted, missing in cluster, extra in cluster, not readable. Checking
// chips filters the tree to those statuses.
class DriftSummaryBar : public QWidget
{
    Q_OBJECT
public:
    explicit DriftSummaryBar(QWidget* parent = nullptr);

    void setSummary(const core::drift::DriftSummary& summary);
    void clear();
    QSet<core::drift::DriftStatus> checkedStatuses() const;
    void setChecked(core::drift::DriftStatus status, bool checked);
    QString chipText(core::drift::DriftStatus status) const;
    QString stateText() const;

signals:
    void filterChanged(const QSet<core::drift::DriftStatus>& statuses);

protected:
    void changeEvent(QEvent* event) override;

private:
    void restyle();

    QLabel* m_state;
    QMap<core::drift::DriftStatus, QToolButton*> m_chips;
    core::drift::DriftSummary m_summary;
    bool m_hasSummary = false;
};

} // namespace shiplog::ui
