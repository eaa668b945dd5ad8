#include "core/diff/text_diff.h"
#include "tests/support/scratch_repo.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::diff::DiffRow;
using core::diff::TextDiff;

namespace {

// The hunks of a TextDiff written the way `git diff` writes them (header, then " ", "-", "+" lines;
// in a run of changes all removed lines come before the added ones).
QStringList unified(const TextDiff& diff)
{
    QStringList lines;
    for (const auto& chunk : diff.chunks) {
        if (chunk.context)
            continue;
        lines << chunk.header.section(QLatin1String("@@"), 0, 1) + QLatin1String("@@");
        QStringList minus, plus;
        auto flush = [&] {
            lines << minus << plus;
            minus.clear();
            plus.clear();
        };
        for (const DiffRow& row : chunk.rows) {
            if (row.kind == DiffRow::Kind::Context) {
                flush();
                lines << QLatin1Char(' ') + row.side[core::diff::LeftSide].text;
                continue;
            }
            if (row.side[core::diff::LeftSide].number)
                minus << QLatin1Char('-') + row.side[core::diff::LeftSide].text;
            if (row.side[core::diff::RightSide].number)
                plus << QLatin1Char('+') + row.side[core::diff::RightSide].text;
        }
        flush();
    }
    return lines;
}

QStringList gitDiffNoIndex(const QByteArray& left, const QByteArray& right)
{
    QTemporaryDir dir;
    QFile a(dir.filePath(QStringLiteral("a")));
    QFile b(dir.filePath(QStringLiteral("b")));
    if (!a.open(QIODevice::WriteOnly) || !b.open(QIODevice::WriteOnly))
        return {};
    a.write(left);
    b.write(right);
    a.close();
    b.close();
    const test::ProcessResult r =
        test::run(QStringLiteral("git"),
                  {QStringLiteral("diff"), QStringLiteral("--no-index"), QStringLiteral("--no-color"),
                   QStringLiteral("a"), QStringLiteral("b")},
                  dir.path(), test::ScratchRepo::gitEnvironment());
    QStringList lines;
    bool inHunks = false;
    for (const QString& line : QString::fromUtf8(r.out).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("@@")))
            inHunks = true;
        if (!inHunks || line.startsWith(QLatin1Char('\\')))
            continue;
        lines << (line.startsWith(QLatin1String("@@"))
                      ? line.section(QLatin1String("@@"), 0, 1) + QLatin1String("@@")
                      : line);
    }
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    return lines;
}

QByteArray manifestLines(int n, QRandomGenerator& random)
{
    QByteArray text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n";
    for (int i = 0; i < n; ++i)
        text += "  key" + QByteArray::number(random.bounded(12)) + ": value-" +
                QByteArray::number(random.bounded(5)) + "\n";
    return text;
}

} // namespace

class TestTextDiff : public QObject
{
    Q_OBJECT
private slots:
    void rowsPairChangedLinesWithWords()
    {
        const QByteArray a =
            "a: 1\nimage: nginx:1.25\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\n";
        const QByteArray b =
            "a: 1\nimage: nginx:1.27\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\n";
        auto diff = core::diff::diffTexts(a, b);
        QVERIFY(diff.has_value());
        QCOMPARE(diff->additions, 2);
        QCOMPARE(diff->deletions, 1);
        // hunk 1 (lines 1–5), folded context (6–8), hunk 2 (9–12): the whole file in order.
        QCOMPARE(diff->chunks.size(), 3);
        QVERIFY(!diff->chunks[0].context);
        QVERIFY(diff->chunks[1].context);
        QCOMPARE(diff->chunks[1].leftStart, 6);
        QCOMPARE(diff->chunks[1].rows.size(), 3);
        const DiffRow& changed = diff->chunks[0].rows[1];
        QCOMPARE(changed.kind, DiffRow::Kind::Changed);
        QCOMPARE(changed.side[core::diff::LeftSide].number, 2);
        QCOMPARE(changed.side[core::diff::RightSide].number, 2);
        // "nginx:1.25" → "nginx:1.27": only the last number token (at 15) differs.
        QCOMPARE(changed.side[core::diff::LeftSide].changes, (QList<core::diff::TextSpan>{{15, 2}}));
        QCOMPARE(changed.side[core::diff::RightSide].changes, (QList<core::diff::TextSpan>{{15, 2}}));
        const DiffRow& added = diff->chunks[2].rows.back();
        QCOMPARE(added.kind, DiffRow::Kind::Added);
        QCOMPARE(added.side[core::diff::LeftSide].number, 0);
        QCOMPARE(added.side[core::diff::RightSide].text, QStringLiteral("l: 12"));
    }

    void addedAndRemovedDocuments()
    {
        auto added = core::diff::diffTexts(QByteArray(), "a: 1\nb: 2\n");
        QVERIFY(added.has_value());
        QCOMPARE(added->chunks.size(), 1);
        QCOMPARE(added->additions, 2);
        auto same = core::diff::diffTexts("a: 1\n", "a: 1\n");
        QVERIFY(same.has_value());
        QVERIFY(same->identical());
        QCOMPARE(same->chunks.size(), 1); // all context
        QVERIFY(same->chunks[0].context);
    }

    void hunksEqualGitDiffNoIndex()
    {
        QRandomGenerator random(42);
        for (int sample = 0; sample < 25; ++sample) {
            const QByteArray a = manifestLines(10 + random.bounded(60), random);
            QByteArray b = a;
            QList<QByteArray> lines = b.split('\n');
            for (int edit = 0; edit < 1 + random.bounded(6); ++edit) {
                const int at = 5 + random.bounded(qMax(1, int(lines.size()) - 6));
                switch (random.bounded(3)) {
                case 0:
                    lines[at] = "  changed" + QByteArray::number(edit) + ": x";
                    break;
                case 1:
                    lines.insert(at, "  inserted" + QByteArray::number(edit) + ": y");
                    break;
                default:
                    lines.removeAt(at);
                    break;
                }
            }
            b = lines.join('\n');
            auto diff = core::diff::diffTexts(a, b);
            QVERIFY(diff.has_value());
            const QStringList ours = unified(*diff);
            const QStringList git = gitDiffNoIndex(a, b);
            if (ours != git) {
                qWarning("sample %d:\nours:\n%s\ngit:\n%s", sample, qPrintable(ours.join(QLatin1Char('\n'))),
                         qPrintable(git.join(QLatin1Char('\n'))));
                QFAIL("hunks differ from git diff --no-index");
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_text_diff.moc"
