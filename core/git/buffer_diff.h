#pragma once

// git's line diff of two texts in memory (libgit2's git_patch_from_buffers with git diff's
// defaults), as plain values: core/diff builds its side-by-side rows from these hunks.
#include "core/common/error.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace shiplog::core::git {

struct BufferDiffLine
{
    enum class Origin
    {
        Context,
        Deletion,
        Addition
    };
    Origin origin = Origin::Context;
    int oldLine = -1; // 1-based; -1 for additions
    int newLine = -1; // 1-based; -1 for deletions
    QString text;     // without the line end
};

struct BufferDiffHunk
{
    int oldStart = 0; // as in "@@ -oldStart,oldLines +newStart,newLines @@" (0 when a side is empty)
    int oldLines = 0;
    int newStart = 0;
    int newLines = 0;
    QString header;              // "@@ -12,7 +12,8 @@"
    QList<BufferDiffLine> lines; // "\ No newline at end of file" markers left out
};

// The hunks of `left` → `right` with `contextLines` around each change, as `git diff` prints them
// (text forced, indent heuristic).
Result<QList<BufferDiffHunk>> diffBuffers(const QByteArray& left, const QByteArray& right,
                                          int contextLines = 3);

} // namespace shiplog::core::git
