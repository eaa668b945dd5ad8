#pragma once

// A vs B: the comparison's resources (status colour, kind, name, namespaces), the releases, and
// below the selected resource's field differences with the commit that last set each side —
// activating a commit asks the window to select it in the history.
#include "core/environment/compare.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace shiplog::ui::environments {

class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    void setComparison(const core::environment::EnvironmentComparison& comparison);
    void clear();

    QTreeWidget* resourceTree() const { return m_resources; }
    QTreeWidget* fieldTree() const { return m_fields; }
    QLabel* summaryLabel() const { return m_summary; }
    QCheckBox* hideNamespaceBox() const { return m_hideNamespace; }

signals:
    void commitActivated(const QString& commitId);

private:
    void fill();
    void showFields(QTreeWidgetItem* item);

    core::environment::EnvironmentComparison m_comparison;
    QLabel* m_summary;
    QCheckBox* m_hideSame;
    QCheckBox* m_hideNamespace;
    QTreeWidget* m_resources;
    QTreeWidget* m_fields;
};

} // namespace shiplog::ui::environments
