// ui/mainwindow/repository_session.h: one session per open repository reads the refs once, off the
// GUI thread, and the views follow it — the history's labels, the toolbar's ref chooser, the Drift
// tab's revision and the revert action's suggested target — also after View ▸ Reload.
#include "core/git/refs.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/common/ref_chooser.h"
#include "ui/drift/drift_view.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_session.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/revert_actions.h"

#include <QAction>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>

using namespace shiplog;

namespace {

// A clone whose remote's default branch is `trunk` (origin/HEAD), beside origin/main.
struct CloneWithTrunk
{
    test::ScratchRepo origin;
    QTemporaryDir dir;
    QString clone;

    CloneWithTrunk()
    {
        origin.write(QStringLiteral("apps/web.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
                                                      "web\n  namespace: shop\ndata:\n  a: \"1\"\n");
        origin.commit(QStringLiteral("Add web"));
        origin.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                    QStringLiteral("trunk")});
        clone = dir.filePath(QStringLiteral("clone"));
        test::run(QStringLiteral("git"),
                  {QStringLiteral("clone"), QStringLiteral("-q"), origin.path(), clone}, {},
                  test::ScratchRepo::gitEnvironment());
    }
    void git(const QStringList& args) const
    {
        test::run(QStringLiteral("git"), args, clone, test::ScratchRepo::gitEnvironment());
    }
};

QAction* reloadAction(ui::MainWindow& window)
{
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu() && menu->text() == QStringLiteral("&View"))
            for (QAction* action : menu->menu()->actions())
                if (action->text() == QStringLiteral("&Reload"))
                    return action;
    return nullptr;
}

} // namespace

class TestRepositorySession : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;

private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void readsTheRefsOnceAndAgainOnReload()
    {
        CloneWithTrunk repo;
        ui::RepositorySession session(repo.clone);
        QSignalSpy changed(&session, &ui::RepositorySession::refsChanged);
        QSignalSpy failed(&session, &ui::RepositorySession::refsFailed);
        QVERIFY(!session.hasRefs());
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10000);
        QVERIFY(session.hasRefs());
        QCOMPARE(session.refs().remoteHead, QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(session.refs().appliedRevision, QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(changed.first().first().value<core::git::RepositoryRefs>().appliedRevision,
                 session.refs().appliedRevision);

        // The same refs read again: nobody is told.
        session.reload();
        QTRY_VERIFY_WITH_TIMEOUT(!session.isLoadingRefs(), 10000);
        QTest::qWait(100);
        QCOMPARE(changed.count(), 1);

        // A new branch: one change with it.
        repo.git({QStringLiteral("branch"), QStringLiteral("hotfix")});
        session.reload();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10000);
        const auto& labels = session.refs().labels;
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const core::git::RefLabel& r) {
            return r.fullName == QStringLiteral("refs/heads/hotfix");
        }));
        QCOMPARE(failed.count(), 0);
    }

    void revisionChangesOnce()
    {
        CloneWithTrunk repo;
        ui::RepositorySession session(repo.clone);
        QSignalSpy revision(&session, &ui::RepositorySession::revisionChanged);
        QCOMPARE(session.revision(), QStringLiteral("HEAD"));
        session.setRevision(QStringLiteral("refs/remotes/origin/main"));
        session.setRevision(QStringLiteral("refs/remotes/origin/main"));
        session.setRevision({});
        QCOMPARE(revision.count(), 1);
        QCOMPARE(session.revision(), QStringLiteral("refs/remotes/origin/main"));
    }

    void anUnreadableRepositoryIsReported()
    {
        QTemporaryDir notARepository;
        ui::RepositorySession session(notARepository.path());
        QSignalSpy changed(&session, &ui::RepositorySession::refsChanged);
        QSignalSpy failed(&session, &ui::RepositorySession::refsFailed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("is not a git repository")));
        QCOMPARE(session.refsError(), failed.first().first().toString());
        QCOMPARE(changed.count(), 0);
        QVERIFY(!session.hasRefs());
    }

    // Deleting the session while it reads (closing the repository at once) waits for nothing and
    // delivers nothing.
    void deletedWhileReading()
    {
        CloneWithTrunk repo;
        int delivered = 0;
        auto* session = new ui::RepositorySession(repo.clone);
        QObject::connect(session, &ui::RepositorySession::refsChanged, [&] { ++delivered; });
        delete session;
        QTest::qWait(200);
        QCOMPARE(delivered, 0);
    }

    // The main window's views follow the one session: the history, the toolbar's chooser, the Drift
    // tab (the remote's default branch) and the revert action; a branch made outside shows in all
    // of them after View ▸ Reload.
    void theWindowsViewsFollowTheSession()
    {
        CloneWithTrunk repo;
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.clone);
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        ui::RepositorySession* session = view->session();
        QVERIFY(session);
        QTRY_VERIFY_WITH_TIMEOUT(session->hasRefs(), 10000);
        QCOMPARE(view->refs(), session->refs().labels);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.refChooser()->findData(QStringLiteral("refs/remotes/origin/trunk")) >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.driftView()->revision(), QStringLiteral("refs/remotes/origin/trunk"),
                                  10000);
        QVERIFY(window.driftView()->revisionChooser()->findData(
                    QStringLiteral("refs/remotes/origin/trunk")) >= 0);

        // Choosing a revision in the toolbar is the session's revision; the history follows.
        window.refChooser()->selectRevision(QStringLiteral("refs/remotes/origin/main"));
        QCOMPARE(session->revision(), QStringLiteral("refs/remotes/origin/main"));
        QCOMPARE(view->revision(), QStringLiteral("refs/remotes/origin/main"));

        repo.git({QStringLiteral("branch"), QStringLiteral("hotfix")});
        QAction* reload = reloadAction(window);
        QVERIFY(reload);
        reload->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.refChooser()->findData(QStringLiteral("refs/heads/hotfix")) >= 0,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.driftView()->revisionChooser()->findData(QStringLiteral("refs/heads/hotfix")) >= 0, 10000);
        QCOMPARE(view->refs(), session->refs().labels);
        // The drift tab keeps the revision it compares; the toolbar keeps the chosen one.
        QCOMPARE(window.driftView()->revision(), QStringLiteral("refs/remotes/origin/trunk"));
        QCOMPARE(window.refChooser()->currentRevision(), QStringLiteral("refs/remotes/origin/main"));
    }
};

QTEST_MAIN(TestRepositorySession)
#include "tst_repository_session.moc"
