#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/history/history_delegate.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"

#include <QImage>
#include <QTest>

using namespace shiplog;

namespace {

// The first column of `image` inside `cell` (left half only, where the subject starts) that holds
// ink: a pixel clearly unlike the cell's background; -1 when the cell is empty.
int firstInkX(const QImage& image, const QRect& cell)
{
    const QColor background = image.pixelColor(cell.left() + 1, cell.top() + 1);
    for (int x = cell.left(); x < cell.left() + cell.width() / 2; ++x) {
        for (int y = cell.top() + 1; y < cell.bottom(); ++y) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - background.red()) + std::abs(c.green() - background.green()) +
                    std::abs(c.blue() - background.blue()) >
                120)
                return x;
        }
    }
    return -1;
}

} // namespace

class TestHistoryDelegate : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;

private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    // A row whose subject carries a resource summary and a row without one start their subject at
    // the same x (they used to differ by the style's text margin).
    void subjectStartsAtTheSameXWithAndWithoutSummary()
    {
        test::ScratchRepo repo;
        for (int i = 0; i < 4; ++i) {
            repo.write(QStringLiteral("apps/a.yaml"), "value: " + QByteArray::number(i) + "\n");
            repo.commit(QStringLiteral("Mind the gap"), QStringLiteral("Ada Lovelace <ada@example.com>"),
                        QStringLiteral("2024-05-0%1T10:00:00Z").arg(i + 1));
        }
        ui::HistoryModel model;
        model.load(repo.path(), core::git::HistoryQuery{});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.rowCount(), 4);

        ui::HistoryTable table(&model);
        // Row 1 has a summary, rows 2 and 3 have none; row 0 carries the branch chips.
        const QString withSummary = model.commitAt(1).id;
        table.historyDelegate()->setSummaryProvider(
            [withSummary](const QString& id) -> std::optional<core::diff::ChangeSummary> {
                if (id != withSummary)
                    return std::nullopt;
                core::diff::ChangeSummary s;
                s.modified = 1;
                return s;
            });
        table.resize(900, 300);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        table.setCurrentIndex(model.index(0, ui::HistoryModel::GraphColumn));

        const QImage image = table.viewport()->grab().toImage();
        auto subjectInk = [&](int row) {
            return firstInkX(image, table.visualRect(model.index(row, ui::HistoryModel::SubjectColumn)));
        };
        const int summaryRow = subjectInk(1);
        const int plainRow = subjectInk(2);
        QVERIFY2(summaryRow >= 0 && plainRow >= 0, "no subject text was painted");
        QCOMPARE(summaryRow, plainRow);
        QCOMPARE(subjectInk(3), plainRow);
    }
};

QTEST_MAIN(TestHistoryDelegate)
#include "tst_history_delegate.moc"
