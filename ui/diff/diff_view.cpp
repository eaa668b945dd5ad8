#include "ui/diff/diff_view.h"

#include "ui/common/ui_settings.h"
#include "ui/diff/diff_text_edit.h"
#include "ui/diff/syntax.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTextBlock>
#include <QToolBar>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {

const char* const kModeKey = "diff/mode";

void syncScrollBars(QScrollBar* a, QScrollBar* b)
{
    QObject::connect(a, &QScrollBar::valueChanged, b, [b](int value) {
        if (b->value() != value)
            b->setValue(value);
    });
    QObject::connect(b, &QScrollBar::valueChanged, a, [a](int value) {
        if (a->value() != value)
            a->setValue(value);
    });
}

} // namespace

DiffView::DiffView(QWidget* parent)
    : QWidget(parent), m_toolBar(new QToolBar(this)), m_stats(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_left(new DiffTextEdit(DiffTextEdit::Gutter::Old, this)),
      m_right(new DiffTextEdit(DiffTextEdit::Gutter::New, this)),
      m_unified(new DiffTextEdit(DiffTextEdit::Gutter::Both, this)), m_message(new QLabel(this))
{
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* modes = new QActionGroup(this);
    m_sideBySideAction = m_toolBar->addAction(tr("Side by side"));
    m_unifiedAction = m_toolBar->addAction(tr("Unified"));
    for (QAction* action : {m_sideBySideAction, m_unifiedAction}) {
        action->setCheckable(true);
        modes->addAction(action);
    }
    m_sideBySideAction->setToolTip(tr("Old and new version next to each other"));
    m_unifiedAction->setToolTip(tr("Old and new lines in one column, like git diff"));
    m_toolBar->addSeparator();
    m_previousAction = m_toolBar->addAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("Previous"));
    m_previousAction->setShortcuts(
        {QKeySequence(Qt::SHIFT | Qt::Key_F7), QKeySequence(Qt::ALT | Qt::Key_Up)});
    m_previousAction->setToolTip(tr("Previous change (Shift+F7, Alt+Up)"));
    m_nextAction = m_toolBar->addAction(style()->standardIcon(QStyle::SP_ArrowDown), tr("Next"));
    m_nextAction->setShortcuts({QKeySequence(Qt::Key_F7), QKeySequence(Qt::ALT | Qt::Key_Down)});
    m_nextAction->setToolTip(tr("Next change (F7, Alt+Down)"));
    for (QAction* action : {m_previousAction, m_nextAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    m_toolBar->addSeparator();
    m_foldAction = m_toolBar->addAction(tr("Fold unchanged"));
    m_foldAction->setCheckable(true);
    m_foldAction->setChecked(true);
    m_foldAction->setToolTip(tr("Fold long stretches of unchanged lines"));
    auto* spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addWidget(m_stats);
    m_stats->setContentsMargins(0, 0, 6, 0);

    m_splitter->addWidget(m_left);
    m_splitter->addWidget(m_right);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(1);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(m_message);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);

    syncScrollBars(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    syncScrollBars(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
    for (DiffTextEdit* edit : {m_left, m_right, m_unified})
        connect(edit, &DiffTextEdit::foldClicked, this, &DiffView::expandChunk);
    // The cursor follows between the two sides so next/previous continue from where one clicked.
    connect(m_left, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (m_left->hasFocus())
            m_right->setTextCursor(
                QTextCursor(m_right->document()->findBlockByNumber(m_left->currentLine())));
    });
    connect(m_right, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (m_right->hasFocus())
            m_left->setTextCursor(QTextCursor(m_left->document()->findBlockByNumber(m_right->currentLine())));
    });

    connect(m_sideBySideAction, &QAction::triggered, this, [this] { setMode(DiffMode::SideBySide); });
    connect(m_unifiedAction, &QAction::triggered, this, [this] { setMode(DiffMode::Unified); });
    connect(m_foldAction, &QAction::toggled, this, &DiffView::setFoldContext);
    connect(m_nextAction, &QAction::triggered, this, &DiffView::nextChange);
    connect(m_previousAction, &QAction::triggered, this, &DiffView::previousChange);
    m_job.onResult(this, [this](DiffDocument document) { applyDocument(std::move(document)); });

    m_mode = settings::value(QLatin1String(kModeKey)).toString() == QLatin1String("unified")
                 ? DiffMode::Unified
                 : DiffMode::SideBySide;
    (m_mode == DiffMode::Unified ? m_unifiedAction : m_sideBySideAction)->setChecked(true);
    showMessage(tr("Select a resource to see its changes."));
}

DiffView::~DiffView() = default;

void DiffView::setDiff(const core::diff::TextDiff& diff)
{
    m_diff = diff;
    m_change.reset();
    m_hasDiff = true;
    m_expanded.clear();
    updateStats();
    rebuild();
}

void DiffView::setChange(const core::diff::ResourceChange& change)
{
    m_diff = {};
    m_change = change;
    m_hasDiff = true;
    m_expanded.clear();
    m_stats->clear();
    rebuild();
}

void DiffView::updateStats()
{
    m_stats->setText(tr("<span style='color:%1'>+%2</span>&nbsp;&nbsp;<span style='color:%3'>−%4</span>")
                         .arg(theme::addedColor(palette()).name())
                         .arg(m_diff.additions)
                         .arg(theme::removedColor(palette()).name())
                         .arg(m_diff.deletions));
}

void DiffView::showMessage(const QString& message)
{
    // Without waiting for a document being built (a big diff takes a while to notice), and no
    // document of it may show afterwards: the job is discarded with its pending signals, and a new
    // generation makes sure.
    m_job.discard();
    ++m_generation;
    m_pending = false;
    m_hasDiff = false;
    m_diff = {};
    m_change.reset();
    m_document = {};
    m_stats->clear();
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    for (QAction* action : {m_nextAction, m_previousAction})
        action->setEnabled(false);
}

void DiffView::clear()
{
    showMessage(tr("Select a resource to see its changes."));
}

void DiffView::setMode(DiffMode mode)
{
    settings::setValue(QLatin1String(kModeKey),
                       mode == DiffMode::Unified ? QStringLiteral("unified") : QStringLiteral("sideBySide"));
    (mode == DiffMode::Unified ? m_unifiedAction : m_sideBySideAction)->setChecked(true);
    if (mode == m_mode)
        return;
    m_mode = mode;
    rebuild();
}

void DiffView::setFoldContext(bool fold)
{
    m_foldAction->setChecked(fold);
    if (fold == m_foldContext)
        return;
    m_foldContext = fold;
    m_expanded.clear();
    rebuild();
}

void DiffView::expandChunk(int chunk)
{
    m_expanded.insert(chunk);
    rebuild();
}

void DiffView::rebuild()
{
    if (!m_hasDiff)
        return;
    DiffBuildInput input;
    input.diff = m_diff;
    input.change = m_change;
    input.mode = m_mode;
    input.foldContext = m_foldContext;
    input.expandedChunks = m_expanded;
    input.definition = yamlDefinition();
    input.theme = themeForPalette(palette());
    input.colors = theme::DiffColors::forPalette(palette());
    input.generation = ++m_generation;
    m_pending = true;
    m_job.start(&buildDiffDocumentJob, std::move(input));
}

void DiffView::applyDocument(DiffDocument document)
{
    if (document.generation != m_generation)
        return;
    m_pending = false;
    if (!document.error.isEmpty()) {
        showMessage(document.error);
        return;
    }
    m_diff = document.diff;
    m_change.reset();
    updateStats();
    // Keep the reader's place when a fold opens or the mode flips.
    const int scroll = activePane()->verticalScrollBar()->value();
    const int hscroll = activePane()->horizontalScrollBar()->value();
    m_document = std::move(document);
    const theme::DiffColors colors = theme::DiffColors::forPalette(palette());
    if (m_document.mode == DiffMode::SideBySide) {
        m_left->showPane(m_document.panes[0], colors);
        m_right->showPane(m_document.panes[1], colors);
        m_unified->clearPane();
        m_stack->setCurrentWidget(m_splitter);
    } else {
        m_unified->showPane(m_document.panes[0], colors);
        m_left->clearPane();
        m_right->clearPane();
        m_stack->setCurrentWidget(m_unified);
    }
    activePane()->verticalScrollBar()->setValue(scroll);
    activePane()->horizontalScrollBar()->setValue(hscroll);
    const bool hasChanges = !m_document.changeStarts.isEmpty();
    m_nextAction->setEnabled(hasChanges);
    m_previousAction->setEnabled(hasChanges);
    emit documentReady();
}

QString DiffView::paneText(int index) const
{
    return pane(index)->toPlainText();
}

DiffTextEdit* DiffView::pane(int index) const
{
    if (m_mode == DiffMode::Unified)
        return m_unified;
    return index == 0 ? m_left : m_right;
}

DiffTextEdit* DiffView::activePane() const
{
    if (m_mode == DiffMode::Unified)
        return m_unified;
    return m_left->hasFocus() ? m_left : m_right;
}

std::pair<int, int> DiffView::currentRow() const
{
    const DiffTextEdit* edit = activePane();
    const int line = edit->currentLine();
    if (line < 0 || line >= edit->lines().size())
        return {-1, -1};
    return {edit->lines()[line].chunk, edit->lines()[line].row};
}

void DiffView::nextChange()
{
    const int line = activePane()->currentLine();
    const auto& starts = m_document.changeStarts;
    for (int i = 0; i < starts.size(); ++i) {
        if (starts[i] > line) {
            goToChange(i);
            return;
        }
    }
    if (!starts.isEmpty())
        goToChange(int(starts.size()) - 1);
}

void DiffView::previousChange()
{
    const int line = activePane()->currentLine();
    const auto& starts = m_document.changeStarts;
    int target = -1;
    for (int i = 0; i < starts.size() && starts[i] < line; ++i)
        target = i;
    if (target >= 0)
        goToChange(target);
    else if (!starts.isEmpty())
        goToChange(0);
}

void DiffView::goToChange(int index)
{
    const int first = m_document.changeStarts[index];
    const auto& lines = activePane()->lines();
    int last = first;
    while (last + 1 < lines.size() && lines[last + 1].kind != DiffLineInfo::Kind::Context &&
           lines[last + 1].kind != DiffLineInfo::Kind::Fold)
        ++last;
    const QList<DiffTextEdit*> edits =
        m_mode == DiffMode::Unified ? QList<DiffTextEdit*>{m_unified} : QList<DiffTextEdit*>{m_left, m_right};
    for (DiffTextEdit* edit : edits) {
        edit->moveToLine(first);
        edit->setHighlightedRun(first, last);
    }
}

void DiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_hasDiff) {
        updateStats();
        rebuild();
    }
}

} // namespace shiplog::ui
