#include "core/diff/text_diff.h"

#include "core/diff/change_set.h"
#include "core/git/git_error.h"
#include "core/git/handles.h"

namespace shiplog::core::diff {

namespace {

QStringList splitLines(const QByteArray& text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();  // the text's final line break
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

DiffChunk contextChunk(const QStringList& left, const QStringList& right, int leftFrom, int rightFrom, int count)
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

QString lineText(const git_diff_line* line)
{
    QString text = QString::fromUtf8(line->content, qsizetype(line->content_len));
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    return text;
}

}  // namespace

Result<TextDiff> diffTexts(const QByteArray& left, const QByteArray& right, int contextLines)
{
    git::ensureLibgit2();
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = uint32_t(qMax(0, contextLines));
    // git diff's defaults, so that hunks read as `git diff` prints them.
    options.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
    git_patch* raw = nullptr;
    const int rc = git_patch_from_buffers(&raw, left.constData(), size_t(left.size()), nullptr, right.constData(),
                                          size_t(right.size()), nullptr, &options);
    git::PatchHandle patch(raw);
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot diff the two texts")));

    const QStringList leftLines = splitLines(left);
    const QStringList rightLines = splitLines(right);
    TextDiff diff;
    int nextLeft = 1;  // first line not yet in a chunk, per side
    int nextRight = 1;
    const size_t hunks = git_patch_num_hunks(patch.get());
    for (size_t h = 0; h < hunks; ++h) {
        const git_diff_hunk* hunk = nullptr;
        size_t lineCount = 0;
        if (git_patch_get_hunk(&hunk, &lineCount, patch.get(), h) < 0)
            return std::unexpected(git::lastError(-1, QStringLiteral("Cannot read a hunk of the diff")));
        // A hunk that starts on line N of the left covers left lines N… (N is 0 when it adds to an empty side).
        const int hunkLeftFirst = hunk->old_lines == 0 ? hunk->old_start + 1 : hunk->old_start;
        const int gap = hunkLeftFirst - nextLeft;
        if (gap > 0)
            diff.chunks.append(contextChunk(leftLines, rightLines, nextLeft, nextRight, gap));
        DiffChunk chunk;
        chunk.leftStart = hunk->old_start;
        chunk.leftCount = hunk->old_lines;
        chunk.rightStart = hunk->new_start;
        chunk.rightCount = hunk->new_lines;
        chunk.header = QString::fromUtf8(hunk->header, qsizetype(hunk->header_len)).trimmed();
        QList<DiffLine> removed, added;
        for (size_t l = 0; l < lineCount; ++l) {
            const git_diff_line* line = nullptr;
            if (git_patch_get_line_in_hunk(&line, patch.get(), h, l) < 0)
                return std::unexpected(git::lastError(-1, QStringLiteral("Cannot read a line of the diff")));
            switch (line->origin) {
            case GIT_DIFF_LINE_CONTEXT: {
                flushRun(chunk.rows, removed, added);
                DiffRow row;
                row.side[LeftSide] = DiffLine{line->old_lineno, lineText(line), {}};
                row.side[RightSide] = DiffLine{line->new_lineno, row.side[LeftSide].text, {}};
                chunk.rows.append(std::move(row));
                break;
            }
            case GIT_DIFF_LINE_DELETION:
                if (!added.isEmpty())
                    flushRun(chunk.rows, removed, added);
                removed.append(DiffLine{line->old_lineno, lineText(line), {}});
                ++diff.deletions;
                break;
            case GIT_DIFF_LINE_ADDITION:
                added.append(DiffLine{line->new_lineno, lineText(line), {}});
                ++diff.additions;
                break;
            default:  // "\ No newline at end of file" markers
                break;
            }
        }
        flushRun(chunk.rows, removed, added);
        diff.chunks.append(std::move(chunk));
        nextLeft = hunkLeftFirst + hunk->old_lines;
        nextRight = (hunk->new_lines == 0 ? hunk->new_start + 1 : hunk->new_start) + hunk->new_lines;
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

}  // namespace shiplog::core::diff
