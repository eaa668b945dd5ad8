#pragma once

#include "core/diff/change_set.h"
#include "core/diff/text_diff.h"
#include "ui/common/theme.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>
#include <QList>
#include <QPromise>
#include <QSet>
#include <QString>
#include <QTextLayout>
#include <array>
#include <functional>
#include <optional>

namespace shiplog::ui {

enum class DiffMode
{
    SideBySide,
    Unified
};

// What one line of a rendered pane stands for.
struct DiffLineInfo
{
    enum class Kind
    {
        Context,
        Added,
        Removed,
        Filler,
        Fold
    };
    Kind kind = Kind::Context;
    int oldNumber = 0; // line number on the old side (0: none)
    int newNumber = 0; // line number on the new side (0: none)
    int chunk = -1;    // index into TextDiff::chunks
    int row = -1;      // index into DiffChunk::rows (-1 for a fold line)
};

// One text pane: its plain text (lines joined by '\n'), what each line is, and the character
// formats (syntax colours, changed words) of each line.
struct DiffPane
{
    QString text;
    QList<DiffLineInfo> lines;
    QList<QList<QTextLayout::FormatRange>> formats; // one list per line
};

// The rendered form of a TextDiff: one pane (unified) or two aligned panes (side-by-side; line i of
// the left pane and line i of the right pane belong to the same row). Built by a job.
struct DiffDocument
{
    DiffMode mode = DiffMode::SideBySide;
    std::array<DiffPane, 2> panes;
    QList<int> changeStarts; // first line of each run of changed lines, in order
    int additions = 0;
    int deletions = 0;
    quint64 generation = 0;    // which request this answers
    core::diff::TextDiff diff; // the diff rendered (computed by the job when built from a change)
    QString error;             // the text diff failed: why
};

// Everything the build needs, copied by value into the job.
struct DiffBuildInput
{
    core::diff::TextDiff diff;
    std::optional<core::diff::ResourceChange> change; // set: diff its texts first (in the job)
    DiffMode mode = DiffMode::SideBySide;
    bool foldContext = true;  // fold long unchanged stretches into one "⋯ N unchanged lines" line
    QSet<int> expandedChunks; // context chunks the user unfolded
    KSyntaxHighlighting::Definition definition; // loaded on the GUI thread (yamlDefinition())
    KSyntaxHighlighting::Theme theme;
    theme::DiffColors colors;
    quint64 generation = 0;
};

// Context chunks with more lines than this are folded.
inline constexpr int kFoldThreshold = 3;

QString foldLabel(int lines); // "⋯ 23 unchanged lines"

// Lays out the text and formats; pure, runs on any thread. `canceled` is polled per chunk.
DiffDocument buildDiffDocument(const DiffBuildInput& input, const std::function<bool()>& canceled = {});

// The job form (jobs::Job<DiffDocument>).
void buildDiffDocumentJob(QPromise<DiffDocument>& promise, const DiffBuildInput& input);

} // namespace shiplog::ui
