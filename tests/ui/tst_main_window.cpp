#include "app/demo_launch.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/common/message_page.h"
#include "ui/common/ref_chooser.h"
#include "ui/common/ui_settings.h"
#include "ui/history/changed_files_model.h"
#include "ui/history/commit_pane.h"
#include "ui/history/filter_bar.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/demo_launcher.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/forge_settings.h"
#include "ui/welcome/recent_list.h"
#include "ui/welcome/welcome_page.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using namespace shiplog;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void openActionShowsTheHistory()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 12);
        ui::MainWindow window;
        window.show();
        QVERIFY(window.isShowingWelcome());
        QCOMPARE(window.windowTitle(), QStringLiteral("Shiplog"));

        window.setDirectoryChooser([&repo](QWidget*) { return repo.path(); });
        window.chooseAndOpenRepository();
        QVERIFY(!window.isShowingWelcome());
        ui::RepositoryView* view = window.repositoryView();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        QCOMPARE(test::modelIds(view->historyModel()), test::gitLogIds(repo));
        QCOMPARE(window.windowTitle(), QStringLiteral("%1 — Shiplog").arg(QFileInfo(repo.path()).fileName()));
        QVERIFY(!view->showsError());
        // The newest commit is selected and the history list has the keyboard.
        QCOMPARE(view->historyTable()->currentCommitId(), test::gitLogIds(repo).first());
        QCOMPARE(window.focusWidget(), view->historyTable());
        // The ref chooser lists the branch.
        QTRY_VERIFY_WITH_TIMEOUT(window.refChooser()->findData(QStringLiteral("refs/heads/main")) >= 0,
                                 10000);
    }

    void commitPaneShowsMessageAndFiles()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("apps/a.yaml"), "a: 1\n");
        const QString first =
            repo.commit(QStringLiteral("Add app a"), QStringLiteral("Ada Lovelace <ada@example.com>"));
        repo.write(QStringLiteral("apps/a.yaml"), "a: 2\nb: 3\n");
        repo.write(QStringLiteral("apps/b.yaml"), "b: 1\n");
        repo.commit(QStringLiteral("Bump a and add b\n\nWhy: the load test needs it."),
                    QStringLiteral("Grace Hopper <grace@example.com>"));

        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        ui::CommitPane* pane = view->commitPane();
        QTRY_VERIFY(pane->messageText().contains(QStringLiteral("Bump a and add b")));
        QVERIFY(pane->messageText().contains(QStringLiteral("Why: the load test needs it.")));
        QVERIFY(pane->messageText().contains(QStringLiteral("grace@example.com")));
        QVERIFY(pane->messageText().contains(first.left(7))); // the parent link
        QTRY_COMPARE_WITH_TIMEOUT(pane->filesModel()->rowCount(), 2, 10000);
        const auto* files = pane->filesModel();
        QCOMPARE(files->index(0, ui::ChangedFilesModel::PathColumn).data().toString(),
                 QStringLiteral("apps/a.yaml"));
        QCOMPARE(files->index(0, ui::ChangedFilesModel::StatusColumn).data().toString(), QStringLiteral("M"));
        QCOMPARE(files->index(1, ui::ChangedFilesModel::StatusColumn).data().toString(), QStringLiteral("A"));
        QCOMPARE(files->index(0, ui::ChangedFilesModel::AddedColumn).data().toString(), QStringLiteral("+2"));

        // Clicking the parent selects it.
        emit pane->parentActivated(first);
        QCOMPARE(view->historyTable()->currentCommitId(), first);
        QTRY_VERIFY(pane->messageText().contains(QStringLiteral("Add app a")));
    }

    void parentLinkLoadsUntilFound()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 700);
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        view->historyModel()->setEagerRows(0);
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading(), 30000);
        const QString oldest = test::gitLogIds(repo).last();
        view->selectCommit(oldest);
        QCOMPARE(view->historyTable()->currentCommitId(), oldest);
    }

    void filterBarChangesTheRows()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 40);
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);

        auto* author = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterAuthor"));
        QVERIFY(author);
        author->setText(QStringLiteral("grace"));
        const QStringList byGrace =
            test::gitLogIds(repo, {QStringLiteral("--author=grace"), QStringLiteral("-i")});
        QCOMPARE(byGrace.size(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), byGrace, 10000);

        auto* text = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterText"));
        author->clear();
        text->setText(QStringLiteral("apps/1"));
        QTRY_COMPARE_WITH_TIMEOUT(
            test::modelIds(view->historyModel()),
            test::gitLogIds(repo, {QStringLiteral("--grep=apps/1"), QStringLiteral("-i")}), 10000);

        text->clear();
        auto* path = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterPath"));
        path->setText(QStringLiteral("apps/2"));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()),
                                  test::gitLogIds(repo, {QStringLiteral("--"), QStringLiteral("apps/2")}),
                                  10000);

        path->clear();
        auto* hideBots = view->filterBar()->findChild<QCheckBox*>(QStringLiteral("filterHideBots"));
        hideBots->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(view->historyModel()->rowCount(), 30, 10000);
        for (int row = 0; row < view->historyModel()->rowCount(); ++row)
            QVERIFY(view->historyModel()->commitAt(row).subject != QLatin1String("chore: regenerated"));

        // Nothing matches: the list says so instead of showing an empty table.
        hideBots->setChecked(false);
        author->setText(QStringLiteral("nobody-writes-here"));
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading() &&
                                     view->historyModel()->rowCount() == 0 &&
                                     view->findChild<QWidget*>(QStringLiteral("historyEmpty"))->isVisible(),
                                 10000);
        QVERIFY(!view->showsError());
    }

    void refChooserRerunsTheHistory()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 5);
        repo.git({QStringLiteral("branch"), QStringLiteral("old"), QStringLiteral("main~3")});
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(window.refChooser()->findData(QStringLiteral("refs/heads/old")) >= 0, 30000);
        window.refChooser()->selectRevision(QStringLiteral("refs/heads/old"));
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading(), 10000);
        QTRY_COMPARE(test::modelIds(view->historyModel()), test::gitLogIds(repo, {QStringLiteral("old")}));
    }

    void badRepositoriesShowTheMessageInTheWindow_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not a repository") << "plain"
                                          << "not a git repository";
        QTest::addRow("missing folder") << "missing"
                                        << "does not exist";
        QTest::addRow("no commits") << "empty"
                                    << "";
    }

    void badRepositoriesShowTheMessageInTheWindow()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path = dir.path();
        std::unique_ptr<test::ScratchRepo> empty;
        if (kind == QLatin1String("missing")) {
            path = dir.filePath(QStringLiteral("nope"));
        } else if (kind == QLatin1String("empty")) {
            empty = std::make_unique<test::ScratchRepo>();
            path = empty->path();
        }
        ui::MainWindow window;
        window.show();
        window.openRepository(path);
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(view->showsError(), 30000);
        ui::MessagePage* page = view->messagePage();
        QTRY_VERIFY(page->isVisible());
        QVERIFY(!page->message().isEmpty());
        if (!expected.isEmpty())
            QVERIFY2(page->message().contains(expected), qPrintable(page->message()));
        // Nothing of it is remembered as a recent repository.
        QVERIFY(!ui::settings::recentRepositories().contains(QDir::cleanPath(path)));
        // And the window is still usable: back to the welcome page.
        emit page->welcomeRequested();
        QVERIFY(window.isShowingWelcome());
    }

    void switchingRepositoriesReplacesTheView()
    {
        test::ScratchRepo first;
        test::importHistory(first, 3000);
        test::ScratchRepo second;
        test::importHistory(second, 4);
        ui::MainWindow window;
        window.show();
        window.openRepository(first.path());
        window.openRepository(second.path()); // while the first may still be loading
        ui::RepositoryView* view = window.repositoryView();
        QCOMPARE(view->repositoryPath(), QDir::cleanPath(second.path()));
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        QCOMPARE(test::modelIds(view->historyModel()), test::gitLogIds(second));
    }

    void recentRepositoriesPersist()
    {
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().clear();
        test::ScratchRepo repo;
        test::importHistory(repo, 2);
        {
            ui::MainWindow window;
            window.show();
            window.openRepository(repo.path());
            QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(window.repositoryView()), 30000);
            window.close();
        }
        QCOMPARE(ui::settings::recentRepositories().first(), QDir::cleanPath(repo.path()));
        ui::settings::addRecentRepository(QStringLiteral("/no/such/repository"));

        ui::MainWindow again;
        again.show();
        ui::RecentList* list = again.welcomePage()->recentList();
        QCOMPARE(list->count(), ui::settings::recentRepositories().size());
        QCOMPARE(list->item(0)->data(ui::RecentList::PathRole).toString(),
                 QStringLiteral("/no/such/repository"));
        QVERIFY(list->item(0)->data(ui::RecentList::MissingRole).toBool());
        QCOMPARE(list->item(1)->data(ui::RecentList::PathRole).toString(), QDir::cleanPath(repo.path()));
        QVERIFY(!list->item(1)->data(ui::RecentList::MissingRole).toBool());

        emit again.welcomePage()->recentRemoveRequested(QStringLiteral("/no/such/repository"));
        QCOMPARE(list->count(), 1);
        emit again.welcomePage()->recentActivated(QDir::cleanPath(repo.path()));
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(again.repositoryView()), 30000);
    }

    void opensTheDemo()
    {
        // As the application does at start-up: the UI itself knows no demo.
        ui::setDemoLaunchFunction(&app::launchDemo);
        QTemporaryDir cache;
        QString workTree;
        {
            ui::MainWindow window;
            window.show();
            window.openDemo(cache.filePath(QStringLiteral("demo")));
            QTRY_VERIFY_WITH_TIMEOUT(window.repositoryView() && test::historyLoaded(window.repositoryView()),
                                     60000);
            QVERIFY2(window.repositoryView()->historyModel()->rowCount() > 40,
                     qPrintable(QString::number(window.repositoryView()->historyModel()->rowCount())));
            QVERIFY(window.windowTitle().endsWith(QStringLiteral(" — Shiplog")));
            // The demo's forge takes the demo's pull requests, for as long as the window lives.
            workTree = window.repositoryView()->repositoryPath();
            const auto forge = ui::forges::sessionForge(workTree);
            QVERIFY2(forge.has_value(), qPrintable(workTree));
            QVERIFY(forge->apiUrl.startsWith(QStringLiteral("http://127.0.0.1:")));
            QVERIFY(!forge->token.isEmpty());
        }
        QVERIFY(!ui::forges::sessionForge(workTree).has_value());
    }

    void demoWithoutALaunchFunctionSaysSo()
    {
        ui::setDemoLaunchFunction({});
        ui::MainWindow window;
        window.show();
        window.openDemo();
        QTRY_VERIFY_WITH_TIMEOUT(window.welcomePage()->findChild<QLabel*>(QStringLiteral("welcomeStatus")) &&
                                     window.welcomePage()
                                         ->findChild<QLabel*>(QStringLiteral("welcomeStatus"))
                                         ->text()
                                         .contains(QStringLiteral("no demo")),
                                 10000);
        ui::setDemoLaunchFunction(&app::launchDemo);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
