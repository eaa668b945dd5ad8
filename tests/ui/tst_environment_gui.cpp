// Environments in the GUI (issue 10 §3): the revert preview lists the resources a revert changes per
// environment, as rendered (a base two overlays share shows under both, each in its overlay's
// namespace), and a resource opened under an environment in the Changes tab has that environment's
// timeline, with a box to follow it in another environment or by its files. Real repositories made
// with the git command line; kustomize overlays rendered by the real tool (kubectl kustomize).
#include "core/git/history.h"
#include "tests/support/revert_world.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/changes/changes_model.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/resource_pane.h"
#include "ui/changes/timeline_view.h"
#include "ui/drift/drift_fields_model.h"
#include "ui/drift/drift_resource_pane.h"
#include "ui/history/filter_bar.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/revert_dialog.h"
#include "ui/revert/revert_flow.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <functional>

using namespace shiplog;
using test::RevertWorld;
using test::ScratchRepo;

namespace {

QByteArray configMap(const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  level: " + value + "\n";
}

// base (ConfigMap app, no namespace) + overlays/staging (namespace s) + overlays/production
// (namespace p); then one commit per overlay and one to the base. Returns the commits in order.
struct OverlayHistory
{
    QString both, staging, production, base;
};

template <typename Repo> OverlayHistory writeOverlays(const Repo& repo)
{
    OverlayHistory h;
    repo.write(QStringLiteral("base/kustomization.yaml"), "resources: [cm.yaml]\n");
    repo.write(QStringLiteral("base/cm.yaml"), configMap("\"1\""));
    repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
               "resources: [../../base]\nnamespace: s\n");
    repo.write(QStringLiteral("overlays/production/kustomization.yaml"),
               "resources: [../../base]\nnamespace: p\n");
    h.both = repo.commit(QStringLiteral("two overlays"));
    repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
               "resources: [../../base]\nnamespace: s\ncommonLabels:\n  tier: stg\n");
    h.staging = repo.commit(QStringLiteral("label staging"));
    repo.write(QStringLiteral("overlays/production/kustomization.yaml"),
               "resources: [../../base]\nnamespace: p\ncommonLabels:\n  tier: prd\n");
    h.production = repo.commit(QStringLiteral("label production"));
    repo.write(QStringLiteral("base/cm.yaml"), configMap("\"2\""));
    h.base = repo.commit(QStringLiteral("bump the base"));
    return h;
}

core::git::CommitInfo commitInfo(const QString& repo, const QString& id)
{
    auto details = core::git::loadCommitDetails(repo, id);
    return details ? details->commit : core::git::CommitInfo{};
}

core::forge::TokenSources noTokens()
{
    core::forge::TokenSources s;
    s.environment = QProcessEnvironment();
    s.askGhCli = false;
    return s;
}

// "environment > group > resource" for every resource row of the revert preview.
QStringList previewRows(QTreeWidget* tree)
{
    QStringList rows;
    std::function<void(QTreeWidgetItem*, const QString&)> walk = [&](QTreeWidgetItem* item,
                                                                     const QString& path) {
        const QString here = path.isEmpty() ? item->text(0) : path + QStringLiteral(" > ") + item->text(0);
        if (item->childCount() == 0)
            rows << here;
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i), here);
    };
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        walk(tree->topLevelItem(i), QString());
    return rows;
}

QStringList stepIds(const ui::TimelineView* view)
{
    QStringList ids;
    for (const auto& step : view->timeline()->steps)
        ids << step.commit.id;
    return ids;
}

// The resource row under the group whose label starts with `group` (in the Changes tree's model).
QModelIndex resourceUnder(const ui::ChangesModel& model, const QString& group)
{
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex groupIndex = model.index(g, 0);
        if (!groupIndex.data().toString().startsWith(group))
            continue;
        const QModelIndex kind = model.index(0, 0, groupIndex);
        return model.index(0, 0, kind);
    }
    return {};
}

} // namespace

class TestEnvironmentGui : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;
    QTemporaryDir m_emptyConfig;

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        test::isolateGitConfiguration(m_emptyConfig);
    }

    // Reverting a change to the base both overlays share: the preview lists the ConfigMap under
    // each environment, in that environment's namespace, as rendered — and its timeline is that
    // environment's.
    void revertPreviewListsResourcesPerEnvironment()
    {
        RevertWorld w;
        const OverlayHistory h = writeOverlays(w.seed);
        w.push();
        QVERIFY(w.cloneUser());

        auto* flow = new ui::RevertFlow(w.user(), commitInfo(w.user(), h.base));
        flow->setTokenSources(noTokens());
        flow->setUseCredentialHelpers(false);
        ui::RevertDialog dialog(flow, {QStringLiteral("main")});
        dialog.setUrlOpener([](const QUrl&) {});
        dialog.show();
        flow->startPreview();
        QVERIFY(QTest::qWaitFor([&] { return !flow->isBusy(); }, 120000));
        QVERIFY2(flow->preview().has_value(), qPrintable(flow->previewError()));
        QVERIFY2(flow->preview()->resourcesError.isEmpty(), qPrintable(flow->preview()->resourcesError));

        auto* tree = dialog.findChild<QTreeWidget*>(QStringLiteral("revertResources"));
        QVERIFY(tree);
        const QStringList rows = previewRows(tree);
        QVERIFY2(rows.contains(QStringLiteral("overlays/staging  →  s > Changed > ConfigMap s/app")),
                 qPrintable(rows.join(QLatin1Char('\n'))));
        QVERIFY2(rows.contains(QStringLiteral("overlays/production  →  p > Changed > ConfigMap p/app")),
                 qPrintable(rows.join(QLatin1Char('\n'))));
        // The file each came from is the base's.
        QTreeWidgetItem* production = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->data(0, Qt::UserRole + 2) == QStringLiteral("overlays/production"))
                production = tree->topLevelItem(i)->child(0)->child(0);
        QVERIFY(production);
        QCOMPARE(production->text(1), QStringLiteral("base/cm.yaml"));
        const QString summary = dialog.findChild<QLabel*>(QStringLiteral("revertSummary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("2 resources in 2 environments")), qPrintable(summary));

        // Selected, the resource's timeline follows it in production, from the remote's tip.
        tree->setCurrentItem(production);
        auto* timeline = dialog.findChild<ui::TimelineView*>();
        QVERIFY(timeline);
        QCOMPARE(timeline->environment(), QStringLiteral("overlays/production"));
        QCOMPARE(timeline->resourceKey().namespaceName, QStringLiteral("p"));
    }

    // The Changes tab groups a commit's resources by environment; a resource opened under
    // production has production's timeline (a commit that changed only the staging overlay is not
    // one of its steps), and the box switches to staging's or to the files'.
    void timelineFollowsTheEnvironmentOfTheChangesTab()
    {
        ScratchRepo repo;
        const OverlayHistory h = writeOverlays(repo);

        ui::ChangesPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QSignalSpy loaded(&panel, &ui::ChangesPanel::loaded);
        panel.showCommit(repo.path(), commitInfo(repo.path(), h.base));
        QVERIFY(loaded.wait(120000));
        const ui::ChangesModel& model = *panel.tree()->changesModel();
        QStringList groups;
        for (int g = 0; g < model.rowCount(); ++g)
            groups << model.index(g, 0).data().toString();
        QVERIFY2(groups.contains(QStringLiteral("overlays/production · p (1)")),
                 qPrintable(groups.join(',')));
        QVERIFY2(groups.contains(QStringLiteral("overlays/staging · s (1)")), qPrintable(groups.join(',')));

        const QModelIndex production = resourceUnder(model, QStringLiteral("overlays/production"));
        QVERIFY(production.isValid());
        QCOMPARE(production.data(ui::ChangesModel::EnvironmentRole).toString(),
                 QStringLiteral("overlays/production"));
        panel.tree()->setCurrentIndex(production);
        ui::ResourcePane* pane = panel.resourcePane();
        ui::TimelineView* timeline = pane->timelineView();
        QSignalSpy timelineLoaded(timeline, &ui::TimelineView::loaded);
        pane->tabs()->setCurrentWidget(timeline);
        QVERIFY(timelineLoaded.wait(120000));
        QCOMPARE(timeline->environment(), QStringLiteral("overlays/production"));
        QCOMPARE(stepIds(timeline), (QStringList{h.base, h.production, h.both}));
        QVERIFY2(timeline->statusText().contains(QStringLiteral("in overlays/production")),
                 qPrintable(timeline->statusText()));

        // The box says which environment it follows and lists the others that apply the resource.
        QComboBox* box = timeline->environmentBox();
        QVERIFY(box->isVisibleTo(timeline));
        QCOMPARE(box->currentData().toString(), QStringLiteral("overlays/production"));
        QTRY_COMPARE_WITH_TIMEOUT(box->count(), 3, 60000);
        QVERIFY(box->findData(QStringLiteral("overlays/staging")) >= 0);
        QCOMPARE(box->itemText(box->count() - 1), QStringLiteral("All files"));

        // Staging: its own overlay's commit is a step, production's is not.
        box->setCurrentIndex(box->findData(QStringLiteral("overlays/staging")));
        emit box->activated(box->currentIndex());
        QVERIFY(timelineLoaded.wait(120000));
        QCOMPARE(timeline->resourceKey().namespaceName, QStringLiteral("s"));
        QCOMPARE(stepIds(timeline), (QStringList{h.base, h.staging, h.both}));

        // All files: the commits that changed the ConfigMap's file.
        box->setCurrentIndex(box->count() - 1);
        emit box->activated(box->currentIndex());
        QVERIFY(timelineLoaded.wait(120000));
        QCOMPARE(timeline->environment(), QString());
        QCOMPARE(stepIds(timeline), (QStringList{h.base, h.both}));
    }

    // The Drift tab with an environment chosen: the commit shown beside a drifted field is the one
    // that set it as that environment renders the resource (an overlay's label is production's own
    // commit; by the files alone only the commit that added the file is found).
    void driftBlameFollowsTheChosenEnvironment()
    {
        ScratchRepo repo;
        const OverlayHistory h = writeOverlays(repo);
        core::drift::ResourceDrift drifted;
        drifted.version = QStringLiteral("v1");
        drifted.kind = QStringLiteral("ConfigMap");
        drifted.namespaceName = QStringLiteral("p");
        drifted.name = QStringLiteral("app");
        drifted.status = core::drift::DriftStatus::Drifted;
        drifted.fields.append({QStringLiteral("metadata.labels.tier"),
                               QStringLiteral("prd"),
                               QStringLiteral("hotfix"),
                               {},
                               {},
                               {},
                               {},
                               {}});
        const auto commitShown = [&](const QString& environment) {
            ui::DriftResourcePane pane;
            pane.showResource(drifted, repo.path(), h.base, environment);
            if (!QTest::qWaitFor([&] { return !pane.isBlaming(); }, 120000))
                return QStringLiteral("(still blaming)");
            QTest::qWait(50); // the result is delivered through the event loop
            return pane.fieldsModel()->index(0, ui::DriftFieldsModel::CommitColumn).data().toString();
        };
        const QString production = commitShown(QStringLiteral("overlays/production"));
        QVERIFY2(production.startsWith(h.production.left(7)), qPrintable(production));
        // By the files alone the label has no commit of its own: the one that added the file.
        const QString byFiles = commitShown(QString());
        QVERIFY2(byFiles.startsWith(h.both.left(7)), qPrintable(byFiles));
    }

    // The history's environment filter narrows the Changes tab to that environment: the commit's
    // resources as production renders them only, and their timeline is production's.
    void historyEnvironmentFilterNarrowsTheChangesTab()
    {
        ScratchRepo repo;
        const OverlayHistory h = writeOverlays(repo);
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        QComboBox* box = view->filterBar()->environmentBox();
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisibleTo(view) && box->count() == 3, 30000);
        box->setCurrentIndex(box->findText(QStringLiteral("overlays/production")));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()),
                                  (QStringList{h.base, h.production, h.both}), 30000);
        ui::ChangesPanel* changes = view->changesPanel();
        QCOMPARE(changes->environment(), QStringLiteral("overlays/production"));
        view->selectCommit(h.base);
        QTRY_VERIFY_WITH_TIMEOUT(changes->revision() == h.base && !changes->isLoading(), 60000);
        const ui::ChangesModel& model = *changes->tree()->changesModel();
        QStringList groups;
        for (int g = 0; g < model.rowCount(); ++g)
            groups << model.index(g, 0).data().toString();
        QCOMPARE(groups, (QStringList{QStringLiteral("overlays/production · p (1)")}));
        QVERIFY2(changes->statusText().contains(QStringLiteral("in overlays/production")),
                 qPrintable(changes->statusText()));
        changes->tree()->setCurrentIndex(resourceUnder(model, QStringLiteral("overlays/production")));
        QCOMPARE(changes->resourcePane()->timelineView()->environment(),
                 QStringLiteral("overlays/production"));

        // All environments again: both overlays.
        box->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(changes->environment(), QString(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!changes->isLoading() && model.rowCount() == 2, 60000);
    }
};

QTEST_MAIN(TestEnvironmentGui)
#include "tst_environment_gui.moc"
