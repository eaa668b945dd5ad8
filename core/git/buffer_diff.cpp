#include "core/git/buffer_diff.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"

namespace shiplog::core::git {

namespace {

QString lineText(const git_diff_line* line)
{
    QString text = QString::fromUtf8(line->content, qsizetype(line->content_len));
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    return text;
}

} // namespace

Result<QList<BufferDiffHunk>> diffBuffers(const QByteArray& left, const QByteArray& right, int contextLines)
{
    ensureLibgit2();
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = uint32_t(qMax(0, contextLines));
    // git diff's defaults, so that hunks read as `git diff` prints them.
    options.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_INDENT_HEURISTIC;
    git_patch* raw = nullptr;
    const int rc = git_patch_from_buffers(&raw, left.constData(), size_t(left.size()), nullptr,
                                          right.constData(), size_t(right.size()), nullptr, &options);
    PatchHandle patch(raw);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot diff the two texts")));

    QList<BufferDiffHunk> hunks;
    const size_t hunkCount = git_patch_num_hunks(patch.get());
    hunks.reserve(qsizetype(hunkCount));
    for (size_t h = 0; h < hunkCount; ++h) {
        const git_diff_hunk* hunk = nullptr;
        size_t lineCount = 0;
        if (git_patch_get_hunk(&hunk, &lineCount, patch.get(), h) < 0)
            return std::unexpected(lastError(-1, QStringLiteral("Cannot read a hunk of the diff")));
        BufferDiffHunk out;
        out.oldStart = hunk->old_start;
        out.oldLines = hunk->old_lines;
        out.newStart = hunk->new_start;
        out.newLines = hunk->new_lines;
        out.header = QString::fromUtf8(hunk->header, qsizetype(hunk->header_len)).trimmed();
        out.lines.reserve(qsizetype(lineCount));
        for (size_t l = 0; l < lineCount; ++l) {
            const git_diff_line* line = nullptr;
            if (git_patch_get_line_in_hunk(&line, patch.get(), h, l) < 0)
                return std::unexpected(lastError(-1, QStringLiteral("Cannot read a line of the diff")));
            BufferDiffLine::Origin origin;
            switch (line->origin) {
            case GIT_DIFF_LINE_CONTEXT:
                origin = BufferDiffLine::Origin::Context;
                break;
            case GIT_DIFF_LINE_DELETION:
                origin = BufferDiffLine::Origin::Deletion;
                break;
            case GIT_DIFF_LINE_ADDITION:
                origin = BufferDiffLine::Origin::Addition;
                break;
            default:
                continue; // "\ No newline at end of file" markers
            }
            out.lines.append(BufferDiffLine{origin, line->old_lineno, line->new_lineno, lineText(line)});
        }
        hunks.append(std::move(out));
    }
    return hunks;
}

} // namespace shiplog::core::git
