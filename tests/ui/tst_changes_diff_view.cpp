// DiffView and FieldsView: the rendered text is the TextDiff's rows (side-by-side and unified), the
// mode persists, context folds and unfolds, next/previous change land on the changed rows, and a
// big diff is built by the job rather than on the GUI thread.
#include "core/diff/text_diff.h"
#include "tests/support/fixtures.h"
#include "ui/common/ui_settings.h"
#include "ui/diff/diff_text_edit.h"
#include "ui/diff/diff_view.h"
#include "ui/diff/fields_model.h"
#include "ui/diff/fields_view.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using namespace shiplog;
using core::diff::DiffRow;
using core::diff::TextDiff;
using ui::DiffLineInfo;
using ui::DiffMode;
using ui::DiffView;

namespace {

// 40 lines of a Deployment-like YAML; `image` (line 6) and `replicas` (line 35) vary.
QByteArray manifest(const QByteArray& image, int replicas, bool extraLabel = false)
{
    QByteArray text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n";
    text += "  image: " + image + "\n";
    if (extraLabel)
        text += "  team: payments\n";
    for (int i = 0; i < 28; ++i)
        text += "  key" + QByteArray::number(i) + ": \"value " + QByteArray::number(i) + "\"\n";
    text += "spec:\n  replicas: " + QByteArray::number(replicas) +
            "\n  selector:\n    app: web\n  paused: false\n";
    return text;
}

TextDiff diffOf(const QByteArray& left, const QByteArray& right)
{
    auto diff = core::diff::diffTexts(left, right);
    if (!diff)
        qFatal("diffTexts failed: %s", qPrintable(diff.error().message));
    return *diff;
}

// The line a pane should show for one line info, taken from the TextDiff.
QString expectedText(const TextDiff& diff, const DiffLineInfo& line, int side)
{
    const DiffRow& row = diff.chunks[line.chunk].rows[line.row];
    switch (line.kind) {
    case DiffLineInfo::Kind::Filler:
        return {};
    case DiffLineInfo::Kind::Removed:
        return row.side[core::diff::LeftSide].text;
    case DiffLineInfo::Kind::Added:
        return row.side[core::diff::RightSide].text;
    case DiffLineInfo::Kind::Context:
    case DiffLineInfo::Kind::Fold:
        break;
    }
    return row.side[side].text;
}

void waitReady(DiffView& view)
{
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBuilding(), 20000);
}

} // namespace

class TestChangesDiffView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("shiplog-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_changes_diff_view"));
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().clear();
    }

    void sideBySideLinesAreTheRows()
    {
        const TextDiff diff = diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.27", 3, true));
        DiffView view;
        view.setMode(DiffMode::SideBySide);
        view.setFoldContext(false);
        view.setDiff(diff);
        waitReady(view);

        // Every row of every chunk, in order, is one line on each side.
        QStringList left;
        QStringList right;
        for (const auto& chunk : diff.chunks) {
            for (const auto& row : chunk.rows) {
                left << (row.kind == DiffRow::Kind::Added ? QString() : row.side[0].text);
                right << (row.kind == DiffRow::Kind::Removed ? QString() : row.side[1].text);
            }
        }
        QCOMPARE(view.paneText(0).split(QLatin1Char('\n')), left);
        QCOMPARE(view.paneText(1).split(QLatin1Char('\n')), right);
        QVERIFY(view.paneText(0).contains(QLatin1String("image: nginx:1.25")));
        QVERIFY(view.paneText(1).contains(QLatin1String("image: nginx:1.27")));
        // Line numbers per side match the rows.
        const auto& lines = view.pane(1)->lines();
        for (const auto& line : lines) {
            if (line.kind != DiffLineInfo::Kind::Filler)
                QCOMPARE(line.newNumber, diff.chunks[line.chunk].rows[line.row].side[1].number);
        }
    }

    void unifiedLinesAreTheRows()
    {
        const TextDiff diff = diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.27", 3, true));
        DiffView view;
        view.setMode(DiffMode::Unified);
        view.setFoldContext(false);
        view.setDiff(diff);
        waitReady(view);
        const QStringList text = view.paneText(0).split(QLatin1Char('\n'));
        const auto& lines = view.pane(0)->lines();
        QCOMPARE(text.size(), lines.size());
        int removed = 0;
        int added = 0;
        for (int i = 0; i < lines.size(); ++i) {
            QCOMPARE(text[i], expectedText(diff, lines[i], 1));
            removed += lines[i].kind == DiffLineInfo::Kind::Removed;
            added += lines[i].kind == DiffLineInfo::Kind::Added;
        }
        QCOMPARE(added, diff.additions);
        QCOMPARE(removed, diff.deletions);
        // git's order: the old line comes right before the new one.
        const int oldImage = int(text.indexOf(QStringLiteral("  image: nginx:1.25")));
        QVERIFY(oldImage >= 0);
        QCOMPARE(text[oldImage + 1], QStringLiteral("  image: nginx:1.27"));
    }

    void modePersists()
    {
        {
            DiffView view;
            view.setMode(DiffMode::Unified);
        }
        {
            DiffView view;
            QCOMPARE(view.mode(), DiffMode::Unified);
            view.setMode(DiffMode::SideBySide);
        }
        DiffView view;
        QCOMPARE(view.mode(), DiffMode::SideBySide);
    }

    void foldsUnchangedContext()
    {
        const TextDiff diff = diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.27", 3));
        DiffView view;
        view.setMode(DiffMode::SideBySide);
        view.setFoldContext(true);
        view.setDiff(diff);
        waitReady(view);
        int foldChunk = -1;
        int foldedRows = 0;
        for (int c = 0; c < diff.chunks.size(); ++c) {
            if (diff.chunks[c].context && diff.chunks[c].rows.size() > ui::kFoldThreshold) {
                foldChunk = c;
                foldedRows = int(diff.chunks[c].rows.size());
                break;
            }
        }
        QVERIFY2(foldChunk >= 0, "the two changes are far apart: a long unchanged stretch lies between them");
        const QString label = ui::foldLabel(foldedRows);
        QVERIFY(view.paneText(0).split(QLatin1Char('\n')).contains(label));
        QVERIFY(view.paneText(1).split(QLatin1Char('\n')).contains(label));
        QVERIFY(!view.paneText(1).contains(QLatin1String("key14:")));

        view.expandChunk(foldChunk);
        waitReady(view);
        QVERIFY(!view.paneText(1).contains(label));
        QVERIFY(view.paneText(1).contains(QLatin1String("key14: \"value 14\"")));
    }

    void nextAndPreviousChange_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addRow("side-by-side") << int(DiffMode::SideBySide);
        QTest::addRow("unified") << int(DiffMode::Unified);
    }

    void nextAndPreviousChange()
    {
        QFETCH(int, mode);
        const TextDiff diff = diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.27", 3));
        DiffView view;
        view.setMode(DiffMode(mode));
        view.setDiff(diff);
        view.show();
        waitReady(view);
        auto rowAtCursor = [&] {
            const auto [chunk, row] = view.currentRow();
            return diff.chunks.value(chunk).rows.value(row);
        };
        view.nextChange();
        QVERIFY(rowAtCursor().kind != DiffRow::Kind::Context);
        QVERIFY(rowAtCursor().side[0].text.contains(QLatin1String("image")));
        view.nextChange();
        QVERIFY(rowAtCursor().kind != DiffRow::Kind::Context);
        QVERIFY(rowAtCursor().side[0].text.contains(QLatin1String("replicas")));
        view.nextChange(); // at the last change: stays
        QVERIFY(rowAtCursor().side[0].text.contains(QLatin1String("replicas")));
        view.previousChange();
        QVERIFY(rowAtCursor().side[0].text.contains(QLatin1String("image")));
        // The shortcut reaches the same action.
        QVERIFY(view.nextChangeAction()->shortcuts().contains(QKeySequence(Qt::Key_F7)));
        QVERIFY(view.previousChangeAction()->shortcuts().contains(QKeySequence(Qt::ALT | Qt::Key_Up)));
        view.nextChangeAction()->trigger();
        QVERIFY(rowAtCursor().side[0].text.contains(QLatin1String("replicas")));
    }

    void bigDiffIsBuiltByTheJob()
    {
        QByteArray left;
        QByteArray right;
        for (int i = 0; i < 5000; ++i) {
            left += "  key" + QByteArray::number(i) + ": \"value " + QByteArray::number(i) + "\"\n";
            right += "  key" + QByteArray::number(i) + ": \"value " +
                     QByteArray::number(i % 7 == 0 ? i + 1 : i) + "\"\n";
        }
        const TextDiff diff = diffOf(left, right);
        DiffView view;
        view.setMode(DiffMode::SideBySide);
        view.setFoldContext(false);
        QSignalSpy ready(&view, &DiffView::documentReady);
        view.setDiff(diff);
        // setDiff returned before anything was rendered: the document is the job's work.
        QVERIFY(view.isBuilding());
        QCOMPARE(ready.count(), 0);
        QVERIFY(view.paneText(1).isEmpty());
        QVERIFY(ready.wait(30000));
        QCOMPARE(view.paneText(1).count(QLatin1Char('\n')) + 1, view.document().panes[1].lines.size());
        QVERIFY(view.document().panes[1].lines.size() >= 5000);
        QCOMPARE(view.document().changeStarts.size(), 715);
    }

    // The document of a diff that was replaced by a message never shows, even when its job had
    // already finished and its signal was waiting in the event queue when the message came.
    void messageDiscardsTheDocumentInTheMaking()
    {
        DiffView view;
        view.resize(900, 500);
        view.show();
        QSignalSpy ready(&view, &DiffView::documentReady);
        view.setDiff(diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.26", 3)));
        QVERIFY(view.isBuilding());
        QThread::msleep(1500); // the small document is built; its finished signal is queued
        view.showMessage(QStringLiteral("Select a resource to see its changes."));
        QVERIFY(!view.isBuilding());
        QTest::qWait(300);
        QCOMPARE(ready.count(), 0);
        QVERIFY(view.document().panes[0].lines.isEmpty());
        QVERIFY(view.paneText(0).isEmpty());

        // The next diff shows normally.
        view.setDiff(diffOf(manifest("nginx:1.25", 2), manifest("nginx:1.26", 3)));
        QVERIFY(ready.wait(20000));
        QVERIFY(!view.paneText(1).isEmpty());
    }

    void fieldsModelAndFilter()
    {
        using core::diff::FieldChange;
        QList<FieldChange> fields{
            {QStringLiteral("spec.template.spec.containers[name=web].image"), FieldChange::Op::Changed,
             QJsonValue(QStringLiteral("nginx:1.25")), QJsonValue(QStringLiteral("nginx:1.27"))},
            {QStringLiteral("spec.replicas"), FieldChange::Op::Changed, QJsonValue(2), QJsonValue(3)},
            {QStringLiteral("metadata.labels.team"), FieldChange::Op::Added, QJsonValue(),
             QJsonValue(QStringLiteral("payments"))},
            {QStringLiteral("spec.paused"), FieldChange::Op::Removed, QJsonValue(false), QJsonValue()},
        };
        ui::FieldsView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(view.proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setFields(fields);
        const auto* model = view.model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->index(0, ui::FieldsModel::PathColumn).data().toString(),
                 QStringLiteral("spec.template.spec.containers[name=web].image"));
        QCOMPARE(model->index(0, ui::FieldsModel::OldColumn).data().toString(),
                 QStringLiteral("\"nginx:1.25\""));
        QCOMPARE(model->index(0, ui::FieldsModel::NewColumn).data().toString(),
                 QStringLiteral("\"nginx:1.27\""));
        QCOMPARE(model->index(1, ui::FieldsModel::NewColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(model->index(2, ui::FieldsModel::OpColumn).data().toString(), QStringLiteral("added"));
        QCOMPARE(model->index(2, ui::FieldsModel::OldColumn).data().toString(), QString());
        QCOMPARE(model->index(3, ui::FieldsModel::OldColumn).data().toString(), QStringLiteral("false"));
        QCOMPARE(ui::compactJson(QJsonObject{{QStringLiteral("a"), 1}}), QStringLiteral("{\"a\":1}"));

        view.setFilterText(QStringLiteral("nginx"));
        QCOMPARE(view.proxy()->rowCount(), 1);
        view.setFilterText(QStringLiteral("SPEC."));
        QCOMPARE(view.proxy()->rowCount(), 3);
        view.setFilterText(QString());
        QCOMPARE(view.proxy()->rowCount(), 4);
    }
};

QTEST_MAIN(TestChangesDiffView)
#include "tst_changes_diff_view.moc"
