#pragma once

#include "core/diff/text_diff.h"
#include "core/jobs/job.h"
#include "ui/diff/diff_document.h"

#include <QWidget>

class QAction;
class QLabel;
class QStackedWidget;
class QSplitter;
class QToolBar;

namespace shiplog::ui {

class DiffTextEdit;

// A resource's YAML before/after: side-by-side or unified (remembered), syntax colours from the
// palette's theme, changed words, folded unchanged context, next/previous change. The rendered
// document is built by a job; the GUI thread only puts the prepared text and formats in place.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    explicit DiffView(QWidget* parent = nullptr);
    ~DiffView() override;

    void setDiff(const core::diff::TextDiff& diff);
    // Diffs the change's old and new YAML in the job, then renders it.
    void setChange(const core::diff::ResourceChange& change);
    // Nothing to diff: a centred note instead of the panes ("Select a resource", an error).
    void showMessage(const QString& message);
    void clear();

    DiffMode mode() const { return m_mode; }
    void setMode(DiffMode mode); // also stored in QSettings ("diff/mode")
    void setFoldContext(bool fold);
    void expandChunk(int chunk);

    bool isBuilding() const { return m_job.isRunning() || m_pending; }
    const DiffDocument& document() const { return m_document; }
    // The text of a pane as shown (SideBySide: 0 = old, 1 = new; Unified: 0).
    QString paneText(int pane) const;
    DiffTextEdit* pane(int index) const;
    // The (chunk, row) under the cursor of the focused pane; row -1 on a fold line.
    std::pair<int, int> currentRow() const;

    void nextChange();
    void previousChange();

    QAction* nextChangeAction() const { return m_nextAction; }
    QAction* previousChangeAction() const { return m_previousAction; }

signals:
    void documentReady();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void updateStats();
    void applyDocument(DiffDocument document);
    void goToChange(int index);
    DiffTextEdit* activePane() const;

    core::diff::TextDiff m_diff;
    std::optional<core::diff::ResourceChange> m_change; // its text diff is still being computed
    bool m_hasDiff = false;
    DiffMode m_mode = DiffMode::SideBySide;
    bool m_foldContext = true;
    QSet<int> m_expanded;
    DiffDocument m_document;
    quint64 m_generation = 0;
    bool m_pending = false;
    core::jobs::Job<DiffDocument> m_job;

    QToolBar* m_toolBar;
    QAction* m_sideBySideAction;
    QAction* m_unifiedAction;
    QAction* m_foldAction;
    QAction* m_nextAction;
    QAction* m_previousAction;
    QLabel* m_stats;
    QStackedWidget* m_stack;
    QSplitter* m_splitter;
    DiffTextEdit* m_left;
    DiffTextEdit* m_right;
    DiffTextEdit* m_unified;
    QLabel* m_message;
};

} // namespace shiplog::ui
