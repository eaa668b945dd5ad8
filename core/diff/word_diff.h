#pragma once

#include <QList>
#include <QString>

namespace shiplog::core::diff {

// A changed range inside one line of text, in UTF-16 code units (QString indexes).
struct TextSpan
{
    int start = 0;
    int length = 0;
    bool operator==(const TextSpan&) const = default;
};

// The words that differ between a removed line and the added line that replaced it: the lines are
// cut into words, spaces and single punctuation marks, and what is not in their longest common
// subsequence is marked. Very long lines (over `maxTokens` tokens) are marked whole.
void diffWords(const QString& left, const QString& right, QList<TextSpan>& leftChanges,
               QList<TextSpan>& rightChanges, int maxTokens = 400);

} // namespace shiplog::core::diff
