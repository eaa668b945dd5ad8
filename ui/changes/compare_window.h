#pragma once

#include "core/git/commit_info.h"

#include <QWidget>

namespace shiplog::ui {

class ChangesPanel;

// A window with the Changes tree and resource pane for A..B (opened by "Compare Revisions…").
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    CompareWindow(const QString& repositoryPath, const QString& from, const QString& to,
                  QWidget* parent = nullptr);
    ChangesPanel* panel() const { return m_panel; }

    // Asks for two revisions (offering `refs` and the selected commit `currentCommit`) and opens a
    // window; nullptr if cancelled.
    static CompareWindow* ask(const QString& repositoryPath, const QList<core::git::RefLabel>& refs,
                              const QString& currentCommit, QWidget* parent);

signals:
    void commitActivated(const QString& commitId);

private:
    ChangesPanel* m_panel;
};

} // namespace shiplog::ui
