#include "core/diff/word_diff.h"

#include <vector>

namespace shiplog::core::diff {

namespace {

struct Token
{
    int start = 0;
    int length = 0;
};

int classOf(QChar c)
{
    if (c.isLetterOrNumber() || c == QLatin1Char('_'))
        return 1;
    if (c.isSpace())
        return 2;
    return 3; // punctuation: one token per character
}

QList<Token> tokenize(const QString& text)
{
    QList<Token> tokens;
    int i = 0;
    while (i < text.size()) {
        const int cls = classOf(text[i]);
        int j = i + 1;
        if (cls != 3) {
            while (j < text.size() && classOf(text[j]) == cls)
                ++j;
        }
        tokens.append(Token{i, j - i});
        i = j;
    }
    return tokens;
}

void addSpan(QList<TextSpan>& spans, const Token& t)
{
    if (!spans.isEmpty() && spans.back().start + spans.back().length == t.start)
        spans.back().length += t.length;
    else
        spans.append(TextSpan{t.start, t.length});
}

} // namespace

void diffWords(const QString& left, const QString& right, QList<TextSpan>& leftChanges,
               QList<TextSpan>& rightChanges, int maxTokens)
{
    leftChanges.clear();
    rightChanges.clear();
    const QList<Token> a = tokenize(left);
    const QList<Token> b = tokenize(right);
    if (a.size() > maxTokens || b.size() > maxTokens) {
        if (!left.isEmpty())
            leftChanges.append(TextSpan{0, int(left.size())});
        if (!right.isEmpty())
            rightChanges.append(TextSpan{0, int(right.size())});
        return;
    }
    auto same = [&](qsizetype i, qsizetype j) {
        return QStringView(left).mid(a[i].start, a[i].length) ==
               QStringView(right).mid(b[j].start, b[j].length);
    };
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
    auto at = [&](qsizetype i, qsizetype j) -> int& { return lcs[size_t(i * (m + 1) + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j) = same(i, j) ? at(i + 1, j + 1) + 1 : qMax(at(i + 1, j), at(i, j + 1));
    }
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (same(i, j)) {
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            addSpan(leftChanges, a[i++]);
        } else {
            addSpan(rightChanges, b[j++]);
        }
    }
    while (i < n)
        addSpan(leftChanges, a[i++]);
    while (j < m)
        addSpan(rightChanges, b[j++]);
}

} // namespace shiplog::core::diff
