// The Environments tab on the built-in demo (a Jenkins X repository whose last promotion, ledger
// 0.10.0, reached jx-staging only): the list, jx-staging vs jx-production with real differences and
// set-by commits, the promotion board, Cancel, and — in the main window — a commit activated in the
// tab selected in the history. With SHIPLOG_SCREENSHOT_DIR set it saves a rendering for the README.
#include "core/demo/demo_environment.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/changes/changes_panel.h"
#include "ui/environments/compare_view.h"
#include "ui/environments/environment_list.h"
#include "ui/environments/environments_view.h"
#include "ui/environments/promotion_view.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace shiplog;

namespace {

// `version: 1.2.3` or `version: "1.2.3"` (the demo quotes versions) in a helmfile's text.
bool pinsVersion(const QString& helmfile, const QString& version)
{
    return helmfile.contains(QStringLiteral("version: \"%1\"").arg(version)) ||
           helmfile.contains(QStringLiteral("version: %1\n").arg(version));
}

QString git(const QString& repo, const QStringList& arguments)
{
    return QString::fromUtf8(
               test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments).out)
        .trimmed();
}

int rowOf(const QTableWidget* table, const QString& application)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0) && table->item(row, 0)->text() == application)
            return row;
    return -1;
}

int columnOf(const QTableWidget* table, const QString& header)
{
    for (int c = 0; c < table->columnCount(); ++c)
        if (table->horizontalHeaderItem(c)->text() == header)
            return c;
    return -1;
}

} // namespace

class TestEnvironmentsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings);
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        auto demo = core::demo::createDemoEnvironment(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo));
        m_repo = demo->workTree;
    }

    // First: the other tests fill this process's detection and render memos, after which the
    // demo's environments are read so fast that the job can finish before isBusy() is asked.
    void cancelStopsAndSaysSo()
    {
        ui::EnvironmentsView view;
        view.show();
        view.setRepository(m_repo);
        QVERIFY(view.isBusy());
        view.cancel();
        QVERIFY(!view.isBusy());
        QCOMPARE(view.message(), QStringLiteral("Cancelled"));
        QSignalSpy listed(&view, &ui::EnvironmentsView::environmentsLoaded);
        QTest::qWait(500);
        QCOMPARE(listed.count(), 0); // the cancelled job's result never arrives
    }

    void comparesStagingWithProduction()
    {
        ui::EnvironmentsView view;
        view.resize(1400, 900);
        QSignalSpy listed(&view, &ui::EnvironmentsView::environmentsLoaded);
        QSignalSpy compared(&view, &ui::EnvironmentsView::comparisonLoaded);
        view.setRepository(m_repo);
        QCOMPARE(listed.count(), 0); // nothing is read while the tab is hidden
        view.show();
        QVERIFY(listed.wait(60000));
        QVERIFY2(!view.environments().environments.isEmpty(), qPrintable(view.message()));
        QVERIFY(view.environments().find(QStringLiteral("jx-staging")));
        QVERIFY(view.environments().find(QStringLiteral("jx-production")));
        QCOMPARE(view.list()->topLevelItemCount(), view.environments().environments.size());
        // The default pair is staging vs production.
        QCOMPARE(view.pickerA()->currentText(), QStringLiteral("jx-staging"));
        QCOMPARE(view.pickerB()->currentText(), QStringLiteral("jx-production"));

        QVERIFY(compared.count() > 0 || compared.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), 60000);
        QTreeWidget* resources = view.compareView()->resourceTree();
        QVERIFY2(resources->topLevelItemCount() > 0, qPrintable(view.message()));
        // ledger: 0.10.0 in staging, not yet in production — a release row that differs.
        bool ledgerRelease = false;
        for (int i = 0; i < resources->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = resources->topLevelItem(i);
            if (item->text(1) == u"Release" && item->text(2) == u"ledger") {
                ledgerRelease = true;
                QVERIFY2(item->text(4).startsWith(QStringLiteral("0.10.0 → ")), qPrintable(item->text(4)));
                QCOMPARE(item->text(0), QStringLiteral("differs"));
            }
        }
        QVERIFY(ledgerRelease);
        QVERIFY(view.compareView()->summaryLabel()->text().contains(QStringLiteral("differ")));

        // A differing resource shows its fields, with the commits that set them.
        QTreeWidgetItem* differing = nullptr;
        for (int i = 0; i < resources->topLevelItemCount() && !differing; ++i)
            if (resources->topLevelItem(i)->text(0) == u"differs" &&
                resources->topLevelItem(i)->text(1) != u"Release")
                differing = resources->topLevelItem(i);
        QVERIFY(differing);
        resources->setCurrentItem(differing);
        QTreeWidget* fields = view.compareView()->fieldTree();
        QVERIFY(fields->topLevelItemCount() > 0);
        QTreeWidgetItem* withCommit = nullptr;
        for (int i = 0; i < fields->topLevelItemCount() && !withCommit; ++i)
            if (!fields->topLevelItem(i)->text(3).isEmpty())
                withCommit = fields->topLevelItem(i);
        QVERIFY2(withCommit, "no differing field names the commit that set it");
        QSignalSpy activated(&view, &ui::EnvironmentsView::commitActivated);
        emit fields->itemActivated(withCommit, 3);
        QCOMPARE(activated.count(), 1);
        const QString id = activated.first().first().toString();
        QCOMPARE(git(m_repo, {QStringLiteral("cat-file"), QStringLiteral("-t"), id}),
                 QStringLiteral("commit"));
        QVERIFY(withCommit->text(3).startsWith(id.left(7)));

        // The promotion board: ledger's versions side by side; its staging cell is the promotion.
        QSignalSpy boarded(&view, &ui::EnvironmentsView::boardLoaded);
        view.tabs()->setCurrentWidget(view.promotionView());
        QVERIFY(boarded.wait(60000));
        QTableWidget* board = view.promotionView()->table();
        const int ledger = rowOf(board, QStringLiteral("ledger"));
        const int staging = columnOf(board, QStringLiteral("jx-staging"));
        const int production = columnOf(board, QStringLiteral("jx-production"));
        QVERIFY(ledger >= 0 && staging >= 0 && production >= 0);
        QCOMPARE(board->item(ledger, staging)->text(), QStringLiteral("0.10.0"));
        QVERIFY(board->item(ledger, production)->text() != QStringLiteral("0.10.0"));
        // Every version shown comes from the helmfile git has (independent read).
        const QString helmfile = git(
            m_repo, {QStringLiteral("show"), QStringLiteral("HEAD:helmfiles/jx-production/helmfile.yaml")});
        QVERIFY(pinsVersion(helmfile, board->item(ledger, production)->text()));
        activated.clear();
        board->setCurrentCell(ledger, staging);
        QCOMPARE(activated.count(), 1);
        const QString promotion = activated.first().first().toString();
        QCOMPARE(git(m_repo,
                     {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"), promotion}),
                 QStringLiteral("chore: promote ledger to version 0.10.0"));
        saveScreenshot(view, QStringLiteral("environments-board"));
        view.tabs()->setCurrentWidget(view.compareView());
        resources->setCurrentItem(differing);
        saveScreenshot(view, QStringLiteral("environments"));
    }

    // The Changes tab of a promotion commit names the release it moved (no resource changed yet:
    // the bot regenerates config-root in the next commit).
    void changesTabShowsThePromotion()
    {
        const QString promotion =
            git(m_repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                         QStringLiteral("--grep=promote ledger to version 0.10.0")});
        QVERIFY(!promotion.isEmpty());
        // The version before, read by git from the parent's helmfile.
        const QString before =
            git(m_repo,
                {QStringLiteral("show"), promotion + QStringLiteral("^:helmfiles/jx-staging/helmfile.yaml")});
        const qsizetype chart = before.indexOf(QStringLiteral("ledger"));
        QVERIFY(chart >= 0);
        core::git::CommitInfo commit;
        commit.id = promotion;
        commit.parents = {git(m_repo, {QStringLiteral("rev-parse"), promotion + QStringLiteral("^")})};
        ui::ChangesPanel panel;
        panel.show();
        panel.showCommit(m_repo, commit);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.releasesText().isEmpty(), 30000);
        QVERIFY2(panel.releasesText().contains(QStringLiteral("ledger ")) &&
                     panel.releasesText().contains(QStringLiteral(" → 0.10.0 in jx-staging")),
                 qPrintable(panel.releasesText()));
        const QString old = panel.releasesText().section(QStringLiteral("ledger "), 1).section(u' ', 0, 0);
        QVERIFY2(pinsVersion(before, old), qPrintable(old));
    }

    void commitOpensInTheHistory()
    {
        ui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openRepository(m_repo);
        auto* view = window.environmentsView();
        QCOMPARE(window.repositoryTabs()->tabText(window.repositoryTabs()->indexOf(view)),
                 QStringLiteral("Environments"));
        const QString promotion =
            git(m_repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                         QStringLiteral("--grep=promote ledger to version 0.10.0")});
        QVERIFY(!promotion.isEmpty());
        window.showEnvironments();
        QCOMPARE(window.repositoryTabs()->currentWidget(), view);
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(window.repositoryView()), 30000);
        emit view->commitActivated(promotion);
        QCOMPARE(window.repositoryTabs()->currentWidget(), window.repositoryView());
        QTRY_COMPARE_WITH_TIMEOUT(window.repositoryView()->historyTable()->currentCommitId(), promotion,
                                  30000);
    }

private:
    void saveScreenshot(QWidget& widget, const QString& name)
    {
        const QString dir = qEnvironmentVariable("SHIPLOG_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(200);
        widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    QString m_repo;
};

QTEST_MAIN(TestEnvironmentsView)
#include "tst_environments_view.moc"
