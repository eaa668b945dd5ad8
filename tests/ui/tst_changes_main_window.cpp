// The real main window over the demo environment: selecting a commit in the history fills the
// Changes tab, selecting a resource there shows its diff and field paths, the history rows get their
// "+2 ~3 −1" summaries, a timeline step selects its commit in the history, and Compare Revisions
// opens a window for two refs.
#include "core/demo/demo_environment.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/changes/changes_model.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/compare_dialog.h"
#include "ui/changes/compare_window.h"
#include "ui/changes/resource_pane.h"
#include "ui/changes/summary_cache.h"
#include "ui/changes/timeline_view.h"
#include "ui/diff/diff_view.h"
#include "ui/diff/fields_model.h"
#include "ui/diff/fields_view.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"

#include <QAction>
#include <QApplication>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace shiplog;

namespace {

int rowWithSubject(const ui::HistoryModel* model, const QString& text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->commitAt(row).subject.contains(text))
            return row;
    }
    return -1;
}

// "namespace/Kind/name" for every resource row the tree shows, read from the model's display text.
QStringList shownResources(const ui::ChangesModel& model)
{
    QStringList shown;
    for (int ns = 0; ns < model.rowCount(); ++ns) {
        const QModelIndex nsIndex = model.index(ns, 0);
        for (int kind = 0; kind < model.rowCount(nsIndex); ++kind) {
            const QModelIndex kindIndex = model.index(kind, 0, nsIndex);
            for (int row = 0; row < model.rowCount(kindIndex); ++row) {
                const QModelIndex resource = model.index(row, 0, kindIndex);
                const QString group = nsIndex.data().toString().section(QLatin1String(" ("), 0, 0);
                const QString kindName = kindIndex.data().toString().section(QLatin1String(" ("), 0, 0);
                shown
                    << QStringLiteral("%1/%2/%3 %4")
                           .arg(
                               group, kindName, resource.data().toString(),
                               model.index(row, ui::ChangesModel::ChangeColumn, kindIndex).data().toString());
            }
        }
    }
    return shown;
}

} // namespace

class TestChangesMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        QVERIFY(m_dir.isValid());
        auto demo = core::demo::createDemoEnvironment(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo));
        m_repo = demo->workTree;
    }

    void selectCommitThenResource()
    {
        ui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openRepository(m_repo);
        ui::RepositoryView* view = window.repositoryView();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading() && view->historyModel()->rowCount() > 0,
                                 30000);

        // The Changes tab is there and shown by default.
        QCOMPARE(view->detailTabs()->currentWidget(), view->changesPanel());
        QCOMPARE(view->detailTabs()->tabText(view->detailTabs()->currentIndex()), QStringLiteral("Changes"));

        const int row = rowWithSubject(view->historyModel(), QStringLiteral("raise payments memory limit"));
        QVERIFY(row >= 0);
        const QString id = view->historyModel()->commitAt(row).id;
        view->historyTable()->selectRow(row);
        auto* panel = view->changesPanel();
        QTRY_COMPARE_WITH_TIMEOUT(panel->revision(), id, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 30000);
        QCOMPARE(shownResources(*panel->tree()->changesModel()),
                 QStringList{QStringLiteral("jx-production/Deployment/payments modified")});
        QVERIFY2(panel->statusText().contains(QLatin1String("1 resource changed")),
                 qPrintable(panel->statusText()));

        // Click the resource row, as a user would.
        const QModelIndex resource = panel->tree()->changesModel()->indexOfChange(0);
        panel->tree()->scrollTo(resource);
        QTest::mouseClick(panel->tree()->viewport(), Qt::LeftButton, {},
                          panel->tree()->visualRect(resource).center());
        QVERIFY(panel->tree()->currentChange());
        QCOMPARE(panel->tree()->currentChange()->key.name, QStringLiteral("payments"));

        auto* pane = panel->resourcePane();
        QVERIFY2(pane->headerText().contains(QLatin1String("jx-production/payments")),
                 qPrintable(pane->headerText()));
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 20000);
        const QString oldSide = pane->diffView()->paneText(0);
        const QString newSide = pane->diffView()->paneText(1);
        QVERIFY2(oldSide.contains(QLatin1String("memory: 384Mi")), qPrintable(oldSide));
        QVERIFY2(newSide.contains(QLatin1String("memory: 512Mi")), qPrintable(newSide));
        QVERIFY2(newSide.contains(QLatin1String("memory: 256Mi")), qPrintable(newSide));
        QVERIFY(!oldSide.contains(QLatin1String("512Mi")));

        pane->tabs()->setCurrentWidget(pane->fieldsView());
        QStringList paths;
        const auto* fields = pane->fieldsView()->model();
        for (int r = 0; r < fields->rowCount(); ++r)
            paths << fields->index(r, ui::FieldsModel::PathColumn).data().toString();
        QVERIFY2(paths.contains(
                     QStringLiteral("spec.template.spec.containers[name=payments].resources.limits.memory")),
                 qPrintable(paths.join(QLatin1Char('\n'))));
        QVERIFY2(paths.contains(QStringLiteral(
                     "spec.template.spec.containers[name=payments].resources.requests.memory")),
                 qPrintable(paths.join(QLatin1Char('\n'))));

        // The history rows on screen get their compact summaries, computed off the GUI thread.
        QTRY_VERIFY_WITH_TIMEOUT(view->summaryCache()->summary(id).has_value(), 30000);
        QCOMPARE(view->summaryCache()->summary(id)->compact(), QStringLiteral("~1"));

        // A timeline step selects its commit in the history.
        pane->tabs()->setCurrentWidget(pane->timelineView());
        auto* timeline = pane->timelineView();
        QTRY_VERIFY_WITH_TIMEOUT(timeline->timeline().has_value(), 30000);
        QTreeWidget* steps = timeline->tree();
        QVERIFY(steps->topLevelItemCount() >= 2);
        // Newest first: the last step is where the bot first rendered the Deployment.
        QTreeWidgetItem* older = steps->topLevelItem(steps->topLevelItemCount() - 1);
        const QString olderId = older->data(0, Qt::UserRole + 1).toString();
        emit steps->itemDoubleClicked(older, 0);
        QTRY_COMPARE(view->historyTable()->currentCommitId(), olderId);
        QTRY_COMPARE_WITH_TIMEOUT(panel->revision(), olderId, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 30000);
        QVERIFY(shownResources(*panel->tree()->changesModel())
                    .contains(QStringLiteral("jx-production/Deployment/payments added")));
    }

    void commitTabDefersTheChanges()
    {
        ui::MainWindow window;
        window.show();
        window.openRepository(m_repo);
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading() && view->historyModel()->rowCount() > 2,
                                 30000);
        view->detailTabs()->setCurrentIndex(0); // Commit
        view->historyTable()->selectRow(2);
        const QString id = view->historyModel()->commitAt(2).id;
        QVERIFY(view->changesPanel()->revision() != id);
        view->showChangesTab();
        QCOMPARE(view->changesPanel()->revision(), id);
    }

    void compareTwoBranches()
    {
        ui::MainWindow window;
        window.show();
        window.openRepository(m_repo);
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(!view->refs().isEmpty(), 30000);
        auto* action = window.findChild<QAction*>(QStringLiteral("compareRevisionsAction"));
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        QVERIFY(!action->shortcut().isEmpty());

        bool sawDialog = false;
        QTimer::singleShot(0, this, [&sawDialog] {
            auto* dialog = qobject_cast<ui::CompareDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            sawDialog = true;
            dialog->setRevisions(QStringLiteral("HEAD~3"), QStringLiteral("HEAD"));
            dialog->accept();
        });
        action->trigger();
        QVERIFY(sawDialog);
        auto* compare = view->findChild<ui::CompareWindow*>();
        QVERIFY(compare);
        QCOMPARE(compare->panel()->revision(), QStringLiteral("HEAD~3..HEAD"));
        QTRY_VERIFY_WITH_TIMEOUT(!compare->panel()->isLoading(), 30000);
        QVERIFY2(!compare->panel()->statusText().contains(QLatin1String("rror")),
                 qPrintable(compare->panel()->statusText()));
        compare->close();
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    QString m_repo;
};

QTEST_MAIN(TestChangesMainWindow)
#include "tst_changes_main_window.moc"
