#pragma once

#include "core/common/error.h"
#include "core/diff/word_diff.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <array>

namespace shiplog::core::diff {

struct ResourceChange;

// A text diff as plain values (the shape of Qt Creator's FileData → ChunkData → RowData): the
// side-by-side and the unified view render the same rows. Lines come from libgit2's buffer diff;
// changed lines that pair up carry word-level changes.
enum DiffSide
{
    LeftSide = 0,
    RightSide = 1
};

struct DiffLine
{
    int number = 0;          // 1-based line number on its side; 0 = no line on this side
    QString text;            // without the line break
    QList<TextSpan> changes; // words that changed (only on Changed rows)
};

struct DiffRow
{
    enum class Kind
    {
        Context,
        Changed,
        Removed,
        Added
    };
    Kind kind = Kind::Context;
    std::array<DiffLine, 2> side; // [LeftSide] old, [RightSide] new
};

struct DiffChunk
{
    bool context = false; // unchanged lines between hunks: the views may fold these
    int leftStart = 0;    // first line of the chunk on each side (1-based; 0 when the side is empty)
    int leftCount = 0;
    int rightStart = 0;
    int rightCount = 0;
    QString header; // "@@ -12,7 +12,8 @@" for hunks, empty for context chunks
    QList<DiffRow> rows;
};

struct TextDiff
{
    QList<DiffChunk> chunks; // the whole of both texts, in order: hunks and the context between them
    int additions = 0;
    int deletions = 0;
    bool identical() const { return additions == 0 && deletions == 0; }
};

// Diffs two texts as git diff does (core/git's buffer diff, `contextLines` around each change).
Result<TextDiff> diffTexts(const QByteArray& left, const QByteArray& right, int contextLines = 3);

// The text diff of one resource change (old document against new; Secrets already masked).
Result<TextDiff> diffResourceText(const ResourceChange& change, int contextLines = 3);

} // namespace shiplog::core::diff
