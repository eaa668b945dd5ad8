#include "ui/diff/diff_text_edit.h"

#include "ui/diff/syntax.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <algorithm>

namespace shiplog::ui {

namespace {

class GutterWidget : public QWidget
{
public:
    explicit GutterWidget(DiffTextEdit* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintGutter(event); }

private:
    DiffTextEdit* m_editor;
};

} // namespace

DiffTextEdit::DiffTextEdit(Gutter gutter, QWidget* parent)
    : QPlainTextEdit(parent), m_gutterKind(gutter), m_gutter(new GutterWidget(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    document()->setUndoRedoEnabled(false);
    document()->setDocumentMargin(2);
    m_colors = theme::DiffColors::forPalette(palette());
    connect(this, &QPlainTextEdit::updateRequest, this, &DiffTextEdit::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

int DiffTextEdit::gutterWidth() const
{
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    const int column = digit * m_digits + 10;
    return m_gutterKind == Gutter::Both ? 2 * column + 14 : column + 14;
}

void DiffTextEdit::showPane(const DiffPane& pane, const theme::DiffColors& colors)
{
    m_colors = colors;
    m_lines = pane.lines;
    m_runFirst = m_runLast = -1;
    int maxNumber = 0;
    for (const auto& line : m_lines)
        maxNumber = std::max({maxNumber, line.oldNumber, line.newNumber});
    m_digits = std::max(2, int(QString::number(maxNumber).size()));
    setViewportMargins(gutterWidth(), 0, 0, 0);

    setPlainText(pane.text);
    // The formats were prepared by the job; here they are only attached to each block's layout
    // (what QSyntaxHighlighter does), which is cheap and keeps the GUI thread free.
    QTextBlock block = document()->firstBlock();
    for (qsizetype i = 0; block.isValid() && i < pane.formats.size(); ++i, block = block.next()) {
        if (!pane.formats[i].isEmpty())
            block.layout()->setFormats(pane.formats[i]);
    }
    document()->markContentsDirty(0, document()->characterCount());
    viewport()->update();
    m_gutter->update();
}

void DiffTextEdit::clearPane()
{
    m_lines.clear();
    m_runFirst = m_runLast = -1;
    setPlainText(QString());
}

int DiffTextEdit::currentLine() const
{
    return textCursor().blockNumber();
}

void DiffTextEdit::moveToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    setTextCursor(cursor);
    // Keep some lines above the change visible, like Sublime Merge's "next hunk".
    const int above = std::max(0, line - 4);
    verticalScrollBar()->setValue(std::min(above, verticalScrollBar()->maximum()));
    ensureCursorVisible();
}

void DiffTextEdit::setHighlightedRun(int first, int last)
{
    m_runFirst = first;
    m_runLast = last;
    viewport()->update();
    m_gutter->update();
}

QColor DiffTextEdit::background(DiffLineInfo::Kind kind) const
{
    switch (kind) {
    case DiffLineInfo::Kind::Added:
        return m_colors.addedLine;
    case DiffLineInfo::Kind::Removed:
        return m_colors.removedLine;
    case DiffLineInfo::Kind::Filler:
        return m_colors.filler;
    case DiffLineInfo::Kind::Fold:
        return m_colors.foldLine;
    case DiffLineInfo::Kind::Context:
        break;
    }
    return {};
}

void DiffTextEdit::paintEvent(QPaintEvent* event)
{
    // Line backgrounds first (full width), then QPlainTextEdit draws text and word ranges on top.
    {
        QPainter painter(viewport());
        const QPointF offset = contentOffset();
        for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
            const QRectF rect = blockBoundingGeometry(block).translated(offset);
            if (rect.top() > event->rect().bottom())
                break;
            const int n = block.blockNumber();
            if (n >= m_lines.size())
                break;
            const QColor color = background(m_lines[n].kind);
            const QRectF line(0, rect.top(), viewport()->width(), rect.height());
            if (color.isValid())
                painter.fillRect(line, color);
            if (m_lines[n].kind == DiffLineInfo::Kind::Filler) {
                QColor hatch = palette().color(QPalette::Text);
                hatch.setAlpha(18);
                painter.fillRect(line, QBrush(hatch, Qt::BDiagPattern));
            }
        }
    }
    QPlainTextEdit::paintEvent(event);
}

void DiffTextEdit::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colors.gutterBackground);
    painter.setFont(font());
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    const int column = digit * m_digits + 10;
    const QPointF offset = contentOffset();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF rect = blockBoundingGeometry(block).translated(offset);
        if (rect.top() > event->rect().bottom())
            break;
        const int n = block.blockNumber();
        if (n >= m_lines.size())
            break;
        const DiffLineInfo& line = m_lines[n];
        const QRect row(0, int(rect.top()), m_gutter->width(), int(rect.height()));
        const QColor tint = background(line.kind);
        if (tint.isValid() && line.kind != DiffLineInfo::Kind::Context)
            painter.fillRect(row, tint.darker(theme::isDark(palette()) ? 90 : 104));
        if (n >= m_runFirst && n <= m_runLast && m_runFirst >= 0)
            painter.fillRect(QRect(0, row.top(), 3, row.height()), m_colors.currentChange);
        painter.setPen(m_colors.gutterText);
        auto number = [&](int value, int x) {
            if (value > 0)
                painter.drawText(QRect(x, row.top(), column - 4, row.height()),
                                 Qt::AlignRight | Qt::AlignVCenter, QString::number(value));
        };
        if (line.kind == DiffLineInfo::Kind::Fold)
            continue;
        switch (m_gutterKind) {
        case Gutter::Old:
            number(line.oldNumber, 4);
            break;
        case Gutter::New:
            number(line.newNumber, 4);
            break;
        case Gutter::Both:
            number(line.oldNumber, 4);
            number(line.newNumber, 4 + column);
            break;
        }
        if (m_gutterKind == Gutter::Both && line.kind != DiffLineInfo::Kind::Context) {
            const QChar sign = line.kind == DiffLineInfo::Kind::Added ? QLatin1Char('+') : QChar(0x2212);
            painter.setPen(line.kind == DiffLineInfo::Kind::Added ? theme::addedColor(palette())
                                                                  : theme::removedColor(palette()));
            painter.drawText(QRect(2 * column + 2, row.top(), 10, row.height()), Qt::AlignCenter, sign);
        }
    }
}

void DiffTextEdit::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_gutter->setGeometry(QRect(contents.left(), contents.top(), gutterWidth(), contents.height()));
}

void DiffTextEdit::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void DiffTextEdit::mouseReleaseEvent(QMouseEvent* event)
{
    QPlainTextEdit::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || textCursor().hasSelection())
        return;
    const int n = cursorForPosition(event->position().toPoint()).blockNumber();
    if (n >= 0 && n < m_lines.size() && m_lines[n].kind == DiffLineInfo::Kind::Fold)
        emit foldClicked(m_lines[n].chunk);
}

void DiffTextEdit::mouseMoveEvent(QMouseEvent* event)
{
    QPlainTextEdit::mouseMoveEvent(event);
    const int n = cursorForPosition(event->position().toPoint()).blockNumber();
    const bool onFold = n >= 0 && n < m_lines.size() && m_lines[n].kind == DiffLineInfo::Kind::Fold;
    viewport()->setCursor(onFold ? Qt::PointingHandCursor : Qt::IBeamCursor);
}

} // namespace shiplog::ui
