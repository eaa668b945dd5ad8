#include "core/git/refs.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/history/history_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace shiplog;

class TestHistoryModel : public QObject
{
    Q_OBJECT
private:
    static QProcessEnvironment mergeAuthor()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Grace Hopper"));
        env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("grace@example.com"));
        return env;
    }
    QStringList modelIds(const ui::HistoryModel& model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.index(row, 0).data(ui::HistoryModel::CommitIdRole).toString());
        return ids;
    }

private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void rowsEqualGitLogUnderTheModelTester()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 260);
        // A merge, so that the marker column has something to say.
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("topic"), QStringLiteral("main~3")});
        repo.write(QStringLiteral("topic.yaml"), "a: 1\n");
        repo.commit(QStringLiteral("topic work"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
                  QStringLiteral("-m"), QStringLiteral("Merge topic"), QStringLiteral("topic")},
                 mergeAuthor());

        ui::HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        core::git::HistoryQuery query;
        model.load(repo.path(), query);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QVERIFY2(!model.hasError(), qPrintable(model.errorMessage()));
        while (model.canFetchMore({}))
            model.fetchMore({});
        const QStringList expected = test::gitLogIds(repo);
        QCOMPARE(expected.size(), 262);
        QCOMPARE(modelIds(model), expected);
        QVERIFY(model.index(0, ui::HistoryModel::GraphColumn).data(ui::HistoryModel::IsMergeRole).toBool());
        QCOMPARE(model.index(0, ui::HistoryModel::SubjectColumn).data().toString(),
                 QStringLiteral("Merge topic"));
        QCOMPARE(model.index(1, ui::HistoryModel::AuthorColumn).data().toString(),
                 QStringLiteral("Ada Lovelace"));
        QCOMPARE(model.index(0, ui::HistoryModel::IdColumn).data().toString(), expected.first().left(7));
        QVERIFY(!model.index(5, ui::HistoryModel::DateColumn).data().toString().isEmpty());
        QVERIFY(model.index(5, ui::HistoryModel::DateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("+02:00")));
    }

    // The graph: a merge opens a second lane that joins again at the fork point; every row's bottom
    // lanes are the next row's top lanes; a filtered history is a plain line of dots.
    void graphLanesFollowTheMerge()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 20);
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("topic"), QStringLiteral("main~3")});
        repo.write(QStringLiteral("topic.yaml"), "a: 1\n");
        repo.commit(QStringLiteral("topic work"), QStringLiteral("Ada Lovelace <ada@example.com>"),
                    QStringLiteral("2030-01-01T10:00:00Z"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
                  QStringLiteral("-m"), QStringLiteral("Merge topic"), QStringLiteral("topic")},
                 mergeAuthor());

        ui::HistoryModel model;
        QSignalSpy widened(&model, &ui::HistoryModel::graphLanesChanged);
        model.load(repo.path(), core::git::HistoryQuery{});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 22);
        QCOMPARE(model.graphLanes(), 2);
        QVERIFY(!widened.isEmpty());
        QCOMPARE(widened.last().at(0).toInt(), 2);
        const auto& merge = model.graphAt(0);
        QCOMPARE(merge.lane, 0);
        QCOMPARE(merge.lower.size(), 2); // first parent straight down, the topic to lane 1
        QCOMPARE(model.commitAt(1).subject, QStringLiteral("topic work")); // newest date: listed next
        QCOMPARE(model.graphAt(1).lane, 1);
        const int forkRow = model.rowOfCommit(
            QString::fromLatin1(repo.git({QStringLiteral("rev-parse"), QStringLiteral("main~4")}).trimmed()));
        QVERIFY(forkRow > 1);
        bool joined = false;
        for (const auto& e : model.graphAt(forkRow).upper)
            joined = joined || (e.from == 1 && e.to == model.graphAt(forkRow).lane);
        QVERIFY2(joined, "the topic lane should end in the commit it forked from");
        for (int row = 0; row + 1 < model.rowCount(); ++row) {
            QSet<int> bottom, top;
            for (const auto& e : model.graphAt(row).lower)
                bottom.insert(e.to);
            for (const auto& e : model.graphAt(row + 1).upper)
                top.insert(e.from);
            QCOMPARE(bottom, top);
        }
        for (int row = forkRow + 1; row < model.rowCount(); ++row)
            QCOMPARE(model.graphAt(row).laneCount(), 1);

        core::git::HistoryQuery filtered;
        filtered.author = QStringLiteral("grace");
        model.load(repo.path(), filtered);
        QCOMPARE(model.graphLanes(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QVERIFY(model.rowCount() > 1);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.graphAt(row).lane, 0);
            QCOMPARE(model.graphAt(row).laneCount(), 1);
        }
    }

    void pagesWaitInTheBufferUntilFetchMore()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 450);
        ui::HistoryModel model;
        model.setEagerRows(0); // nothing is appended without the view asking
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.load(repo.path(), core::git::HistoryQuery{});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.bufferedCount(), 450);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(modelIds(model), test::gitLogIds(repo));
    }

    void fetchMoreBeforeThePageArrivesAppendsItOnArrival()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 30);
        ui::HistoryModel model;
        model.setEagerRows(0);
        model.load(repo.path(), core::git::HistoryQuery{});
        model.fetchMore({}); // the view is empty and asks before the worker has delivered anything
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 30, 30000);
    }

    void reloadingCancelsTheOldQuery()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 40);
        ui::HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.load(repo.path(), core::git::HistoryQuery{});
        core::git::HistoryQuery byGrace;
        byGrace.author = QStringLiteral("grace");
        model.load(repo.path(), byGrace);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(modelIds(model), test::gitLogIds(repo, {QStringLiteral("--author=Grace")}));
    }

    void failureIsReported()
    {
        QTemporaryDir notARepository;
        ui::HistoryModel model;
        QSignalSpy failed(&model, &ui::HistoryModel::failed);
        model.load(notARepository.path(), core::git::HistoryQuery{});
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("not a git repository")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(model.rowCount(), 0);
    }

    void labelsAndAbsoluteDates()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 3);
        repo.git({QStringLiteral("tag"), QStringLiteral("v1.0"), QStringLiteral("main~1")});
        ui::HistoryModel model;
        model.load(repo.path(), core::git::HistoryQuery{});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 30000);
        auto refs = core::git::listRefs(repo.path());
        QVERIFY2(refs.has_value(), test::why(refs).constData());
        model.setRefLabels(*refs);
        QStringList top;
        for (const auto& label : model.labelsAt(0))
            top.append(label.name);
        QVERIFY2(top.contains(QStringLiteral("main")), qPrintable(top.join(u',')));
        QCOMPARE(model.labelsAt(1).size(), 1);
        QCOMPARE(model.labelsAt(1).first().name, QStringLiteral("v1.0"));
        model.setAbsoluteDates(true);
        QVERIFY(model.index(2, ui::HistoryModel::DateColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("2023-11-")));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestHistoryModel)
#include "tst_history_model.moc"
