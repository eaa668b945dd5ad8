#pragma once

#include "ui/common/theme.h"
#include "ui/diff/diff_document.h"

#include <QPlainTextEdit>

namespace shiplog::ui {

// One read-only pane of a rendered diff: line backgrounds per line kind, a line-number gutter (one
// column for a side, old and new columns for unified), and fold lines that unfold on a click.
class DiffTextEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    enum class Gutter
    {
        Old,
        New,
        Both
    };
    explicit DiffTextEdit(Gutter gutter, QWidget* parent = nullptr);

    // Shows a pane of a built document (text set, then the prepared formats put on each block).
    void showPane(const DiffPane& pane, const theme::DiffColors& colors);
    void clearPane();
    const QList<DiffLineInfo>& lines() const { return m_lines; }
    int currentLine() const;
    void moveToLine(int line);
    void setHighlightedRun(int first, int last);

    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);

signals:
    void foldClicked(int chunk);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QColor background(DiffLineInfo::Kind kind) const;
    void updateGutter(const QRect& rect, int dy);

    Gutter m_gutterKind;
    QWidget* m_gutter;
    QList<DiffLineInfo> m_lines;
    theme::DiffColors m_colors;
    int m_digits = 2;
    int m_runFirst = -1;
    int m_runLast = -1;
};

} // namespace shiplog::ui
