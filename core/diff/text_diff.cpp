#include "core/diff/text_diff.h"

#include "core/diff/change_set.h"
#include "core/git/buffer_diff.h"

namespace shiplog::core::diff {

namespace {

QStringList splitLines(const QByteArray& text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast(); // the text's final line break
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

DiffChunk contextChunk(const QStringList& left, const QStringList& right, int leftFrom, int rightFrom,
                       int count)
{
    DiffChunk chunk;
    chunk.context = true;
    chunk.leftStart = leftFrom;
    chunk.rightStart = rightFrom;
    chunk.leftCount = chunk.rightCount = count;
    for (int k = 0; k < count; ++k) {
        DiffRow row;
        row.side[LeftSide] = DiffLine{leftFrom + k, left.value(leftFrom + k - 1), {}};
        row.side[RightSide] = DiffLine{rightFrom + k, right.value(rightFrom + k - 1), {}};
        chunk.rows.append(std::move(row));
    }
    return chunk;
}

// Pairs a run of removed lines with the added lines that follow them: row by row as Changed (with
// word changes), the rest as Removed or Added alone.
void flushRun(QList<DiffRow>& rows, QList<DiffLine>& removed, QList<DiffLine>& added)
{
    const qsizetype pairs = qMin(removed.size(), added.size());
    for (qsizetype k = 0; k < qMax(removed.size(), added.size()); ++k) {
        DiffRow row;
        if (k < pairs) {
            row.kind = DiffRow::Kind::Changed;
            row.side[LeftSide] = removed[k];
            row.side[RightSide] = added[k];
            diffWords(row.side[LeftSide].text, row.side[RightSide].text, row.side[LeftSide].changes,
                      row.side[RightSide].changes);
        } else if (k < removed.size()) {
            row.kind = DiffRow::Kind::Removed;
            row.side[LeftSide] = removed[k];
        } else {
            row.kind = DiffRow::Kind::Added;
            row.side[RightSide] = added[k];
        }
        rows.append(std::move(row));
    }
    removed.clear();
    added.clear();
}

} // namespace

Result<TextDiff> diffTexts(const QByteArray& left, const QByteArray& right, int contextLines)
{
    auto hunks = git::diffBuffers(left, right, contextLines);
    if (!hunks)
        return std::unexpected(hunks.error());

    const QStringList leftLines = splitLines(left);
    const QStringList rightLines = splitLines(right);
    TextDiff diff;
    int nextLeft = 1; // first line not yet in a chunk, per side
    int nextRight = 1;
    for (const git::BufferDiffHunk& hunk : std::as_const(*hunks)) {
        // A hunk that starts on line N of the left covers left lines N… (N is 0 when it adds to an empty
        // side).
        const int hunkLeftFirst = hunk.oldLines == 0 ? hunk.oldStart + 1 : hunk.oldStart;
        const int gap = hunkLeftFirst - nextLeft;
        if (gap > 0)
            diff.chunks.append(contextChunk(leftLines, rightLines, nextLeft, nextRight, gap));
        DiffChunk chunk;
        chunk.leftStart = hunk.oldStart;
        chunk.leftCount = hunk.oldLines;
        chunk.rightStart = hunk.newStart;
        chunk.rightCount = hunk.newLines;
        chunk.header = hunk.header;
        QList<DiffLine> removed, added;
        for (const git::BufferDiffLine& line : hunk.lines) {
            switch (line.origin) {
            case git::BufferDiffLine::Origin::Context: {
                flushRun(chunk.rows, removed, added);
                DiffRow row;
                row.side[LeftSide] = DiffLine{line.oldLine, line.text, {}};
                row.side[RightSide] = DiffLine{line.newLine, line.text, {}};
                chunk.rows.append(std::move(row));
                break;
            }
            case git::BufferDiffLine::Origin::Deletion:
                if (!added.isEmpty())
                    flushRun(chunk.rows, removed, added);
                removed.append(DiffLine{line.oldLine, line.text, {}});
                ++diff.deletions;
                break;
            case git::BufferDiffLine::Origin::Addition:
                added.append(DiffLine{line.newLine, line.text, {}});
                ++diff.additions;
                break;
            }
        }
        flushRun(chunk.rows, removed, added);
        diff.chunks.append(std::move(chunk));
        nextLeft = hunkLeftFirst + hunk.oldLines;
        nextRight = (hunk.newLines == 0 ? hunk.newStart + 1 : hunk.newStart) + hunk.newLines;
    }
    const int tail = int(leftLines.size()) - nextLeft + 1;
    if (tail > 0)
        diff.chunks.append(contextChunk(leftLines, rightLines, nextLeft, nextRight, tail));
    return diff;
}

Result<TextDiff> diffResourceText(const ResourceChange& change, int contextLines)
{
    return diffTexts(change.oldText, change.newText, contextLines);
}

} // namespace shiplog::core::diff
