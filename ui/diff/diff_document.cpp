#include "ui/diff/diff_document.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/State>
#include <QHash>
#include <memory>

namespace shiplog::ui {

using core::diff::DiffChunk;
using core::diff::DiffRow;
using core::diff::LeftSide;
using core::diff::RightSide;

namespace {

// Collects KSyntaxHighlighting's formats of one line as QTextLayout format ranges.
class RangeHighlighter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    QList<QTextLayout::FormatRange>* target = nullptr;

    KSyntaxHighlighting::State highlight(const QString& line, const KSyntaxHighlighting::State& state,
                                         QList<QTextLayout::FormatRange>& out)
    {
        target = &out;
        return highlightLine(QStringView(line), state);
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format) override
    {
        if (length <= 0 || !format.isValid() || format.isDefaultTextStyle(theme()))
            return;
        auto it = m_cache.find(format.id());
        if (it == m_cache.end()) {
            QTextCharFormat charFormat;
            if (format.hasTextColor(theme()))
                charFormat.setForeground(format.textColor(theme()));
            if (format.isBold(theme()))
                charFormat.setFontWeight(QFont::Bold);
            if (format.isItalic(theme()))
                charFormat.setFontItalic(true);
            it = m_cache.insert(format.id(), charFormat);
        }
        target->append(QTextLayout::FormatRange{offset, length, *it});
    }

private:
    QHash<quint16, QTextCharFormat> m_cache;
};

bool isFolded(const DiffBuildInput& input, int chunkIndex, const DiffChunk& chunk)
{
    return input.foldContext && chunk.context && chunk.rows.size() > kFoldThreshold &&
           !input.expandedChunks.contains(chunkIndex);
}

struct PaneBuilder
{
    DiffPane& pane;
    QStringList lines;

    void add(const QString& text, const DiffLineInfo& info, QList<QTextLayout::FormatRange> formats = {})
    {
        lines.append(text);
        pane.lines.append(info);
        pane.formats.append(std::move(formats));
    }
    void finish() { pane.text = lines.join(QLatin1Char('\n')); }
};

QList<QTextLayout::FormatRange> wordFormats(const core::diff::DiffLine& line, const QColor& color)
{
    QList<QTextLayout::FormatRange> out;
    QTextCharFormat format;
    format.setBackground(color);
    for (const auto& span : line.changes)
        out.append(QTextLayout::FormatRange{span.start, span.length, format});
    return out;
}

QList<QTextLayout::FormatRange> foldFormats(int length, const QColor& color)
{
    QTextCharFormat format;
    format.setForeground(color);
    format.setFontItalic(true);
    return {QTextLayout::FormatRange{0, length, format}};
}

// Syntax colours for lines [first, end) of a pane, with a fresh state: each chunk starts clean, as
// in Kate's diff view, so an unterminated string in one chunk cannot colour the next. Word ranges
// go after the syntax ranges so their backgrounds win.
void highlightRange(RangeHighlighter& highlighter, DiffPane& pane, const QStringList& texts, qsizetype first,
                    qsizetype end)
{
    KSyntaxHighlighting::State state;
    for (qsizetype i = first; i < end; ++i) {
        const auto kind = pane.lines[i].kind;
        if (kind == DiffLineInfo::Kind::Filler || kind == DiffLineInfo::Kind::Fold)
            continue;
        QList<QTextLayout::FormatRange> syntax;
        state = highlighter.highlight(texts[i], state, syntax);
        syntax.append(pane.formats[i]);
        pane.formats[i] = std::move(syntax);
    }
}

DiffLineInfo info(DiffLineInfo::Kind kind, const DiffRow& row, int chunk, int rowIndex)
{
    return DiffLineInfo{kind, row.side[LeftSide].number, row.side[RightSide].number, chunk, rowIndex};
}

void buildSideBySide(const DiffBuildInput& input, DiffDocument& doc, const std::function<bool()>& canceled,
                     RangeHighlighter* highlighter)
{
    PaneBuilder left{doc.panes[LeftSide], {}};
    PaneBuilder right{doc.panes[RightSide], {}};
    const auto& chunks = input.diff.chunks;
    for (int c = 0; c < chunks.size(); ++c) {
        if (canceled && canceled())
            return;
        const DiffChunk& chunk = chunks[c];
        const qsizetype first = left.lines.size();
        if (isFolded(input, c, chunk)) {
            const QString label = foldLabel(int(chunk.rows.size()));
            const DiffLineInfo fold{DiffLineInfo::Kind::Fold, 0, 0, c, -1};
            left.add(label, fold, foldFormats(int(label.size()), input.colors.foldText));
            right.add(label, fold, foldFormats(int(label.size()), input.colors.foldText));
            continue;
        }
        bool inChange = false;
        for (int r = 0; r < chunk.rows.size(); ++r) {
            const DiffRow& row = chunk.rows[r];
            const bool changed = row.kind != DiffRow::Kind::Context;
            if (changed && !inChange)
                doc.changeStarts.append(int(left.lines.size()));
            inChange = changed;
            switch (row.kind) {
            case DiffRow::Kind::Context:
                left.add(row.side[LeftSide].text, info(DiffLineInfo::Kind::Context, row, c, r));
                right.add(row.side[RightSide].text, info(DiffLineInfo::Kind::Context, row, c, r));
                break;
            case DiffRow::Kind::Changed:
                left.add(row.side[LeftSide].text, info(DiffLineInfo::Kind::Removed, row, c, r),
                         wordFormats(row.side[LeftSide], input.colors.removedWord));
                right.add(row.side[RightSide].text, info(DiffLineInfo::Kind::Added, row, c, r),
                          wordFormats(row.side[RightSide], input.colors.addedWord));
                break;
            case DiffRow::Kind::Removed:
                left.add(row.side[LeftSide].text, info(DiffLineInfo::Kind::Removed, row, c, r));
                right.add(QString(), info(DiffLineInfo::Kind::Filler, row, c, r));
                break;
            case DiffRow::Kind::Added:
                left.add(QString(), info(DiffLineInfo::Kind::Filler, row, c, r));
                right.add(row.side[RightSide].text, info(DiffLineInfo::Kind::Added, row, c, r));
                break;
            }
        }
        if (highlighter) {
            highlightRange(*highlighter, left.pane, left.lines, first, left.lines.size());
            highlightRange(*highlighter, right.pane, right.lines, first, right.lines.size());
        }
    }
    left.finish();
    right.finish();
}

void buildUnified(const DiffBuildInput& input, DiffDocument& doc, const std::function<bool()>& canceled,
                  RangeHighlighter* highlighter)
{
    PaneBuilder pane{doc.panes[0], {}};
    const auto& chunks = input.diff.chunks;
    for (int c = 0; c < chunks.size(); ++c) {
        if (canceled && canceled())
            return;
        const DiffChunk& chunk = chunks[c];
        const qsizetype first = pane.lines.size();
        if (isFolded(input, c, chunk)) {
            const QString label = foldLabel(int(chunk.rows.size()));
            pane.add(label, DiffLineInfo{DiffLineInfo::Kind::Fold, 0, 0, c, -1},
                     foldFormats(int(label.size()), input.colors.foldText));
            continue;
        }
        // A run of changed rows shows as git shows it: all old lines, then all new lines.
        for (int r = 0; r < chunk.rows.size();) {
            const DiffRow& row = chunk.rows[r];
            if (row.kind == DiffRow::Kind::Context) {
                pane.add(row.side[RightSide].text, info(DiffLineInfo::Kind::Context, row, c, r));
                ++r;
                continue;
            }
            int end = r;
            while (end < chunk.rows.size() && chunk.rows[end].kind != DiffRow::Kind::Context)
                ++end;
            doc.changeStarts.append(int(pane.lines.size()));
            for (int i = r; i < end; ++i) {
                const DiffRow& changed = chunk.rows[i];
                if (changed.side[LeftSide].number == 0)
                    continue;
                DiffLineInfo line = info(DiffLineInfo::Kind::Removed, changed, c, i);
                line.newNumber = 0;
                pane.add(changed.side[LeftSide].text, line,
                         wordFormats(changed.side[LeftSide], input.colors.removedWord));
            }
            for (int i = r; i < end; ++i) {
                const DiffRow& changed = chunk.rows[i];
                if (changed.side[RightSide].number == 0)
                    continue;
                DiffLineInfo line = info(DiffLineInfo::Kind::Added, changed, c, i);
                line.oldNumber = 0;
                pane.add(changed.side[RightSide].text, line,
                         wordFormats(changed.side[RightSide], input.colors.addedWord));
            }
            r = end;
        }
        if (highlighter)
            highlightRange(*highlighter, pane.pane, pane.lines, first, pane.lines.size());
    }
    pane.finish();
}

} // namespace

QString foldLabel(int lines)
{
    return lines == 1 ? QStringLiteral("⋯ 1 unchanged line")
                      : QStringLiteral("⋯ %1 unchanged lines").arg(lines);
}

DiffDocument buildDiffDocument(const DiffBuildInput& input, const std::function<bool()>& canceled)
{
    DiffDocument doc;
    doc.mode = input.mode;
    doc.generation = input.generation;
    doc.additions = input.diff.additions;
    doc.deletions = input.diff.deletions;
    std::unique_ptr<RangeHighlighter> highlighter;
    if (input.definition.isValid()) {
        highlighter = std::make_unique<RangeHighlighter>();
        highlighter->setDefinition(input.definition);
        highlighter->setTheme(input.theme);
    }
    if (input.mode == DiffMode::SideBySide)
        buildSideBySide(input, doc, canceled, highlighter.get());
    else
        buildUnified(input, doc, canceled, highlighter.get());
    return doc;
}

void buildDiffDocumentJob(QPromise<DiffDocument>& promise, const DiffBuildInput& input)
{
    DiffDocument doc;
    if (input.change) {
        // The libgit2 diff of a big resource is work too: it belongs in the job as well.
        auto diff = core::diff::diffResourceText(*input.change);
        if (!diff) {
            doc.generation = input.generation;
            doc.error = diff.error().message;
            promise.addResult(std::move(doc));
            return;
        }
        DiffBuildInput withDiff = input;
        withDiff.change.reset();
        withDiff.diff = std::move(*diff);
        doc = buildDiffDocument(withDiff, [&promise] { return promise.isCanceled(); });
        doc.diff = std::move(withDiff.diff);
    } else {
        doc = buildDiffDocument(input, [&promise] { return promise.isCanceled(); });
        doc.diff = input.diff;
    }
    if (!promise.isCanceled())
        promise.addResult(std::move(doc));
}

} // namespace shiplog::ui
