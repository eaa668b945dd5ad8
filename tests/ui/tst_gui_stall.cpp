// The GUI never stalls (issue 12 §6): the real main window on a generated Jenkins X-shaped
// repository of 30,000 commits, driven through the heavy screens — the whole history, the Changes
// tab (a small commit and the first one, which adds every resource), a cold timeline (the whole
// history indexed), the history's resource and environment filters, the Drift tab against the
// local Kubernetes API server, the Environments tab, switching repositories and closing the window
// while jobs run — with a StallProbe measuring the longest time the GUI thread's event loop did not
// turn. Prints the longest gap per step and overall; fails above 250 ms (generous, so that a shared
// CI machine does not fail a correct build; the aim is 50 ms). Under a sanitizer (or with
// SHIPLOG_STALL_COMMITS) the repository is smaller, and the output says so.
#include "core/demo/kube_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/gitops_repository.h"
#include "tests/support/scratch_repo.h"
#include "tests/support/stall_probe.h"
#include "tests/ui/ui_test_support.h"
#include "ui/changes/changes_model.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/resource_pane.h"
#include "ui/changes/timeline_view.h"
#include "ui/drift/connect_dialog.h"
#include "ui/drift/context_list.h"
#include "ui/drift/drift_view.h"
#include "ui/environments/environments_view.h"
#include "ui/history/filter_bar.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <cstdio>
#include <cstdlib>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SHIPLOG_STALL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SHIPLOG_STALL_SANITIZED 1
#endif
#endif
#ifndef SHIPLOG_STALL_SANITIZED
#define SHIPLOG_STALL_SANITIZED 0
#endif

using namespace shiplog;

namespace {

constexpr qint64 kBoundMs = 250; // asserted (release); the aim is 50 ms
constexpr int kSanitizedCommits = 3000;

void say(const QString& text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

// The first change of `kind` in the Changes tab's set, or -1.
int changeOfKind(const ui::ChangesPanel* panel, const QString& kind)
{
    const auto& changes = panel->tree()->changesModel()->changeSet().resources;
    for (int i = 0; i < changes.size(); ++i)
        if (changes[i].key.kind == kind)
            return i;
    return -1;
}

} // namespace

class TestGuiStall : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    QString m_repo;  // a clone of the generated repository with jx-requirements.yml: Jenkins X layout
    QString m_other; // a second clone, to switch to
    int m_commits = 30000;
    core::demo::KubeServer m_server;
    QString m_kubeconfig;

    bool clone(const QString& from, const QString& to)
    {
        return test::run(QStringLiteral("git"), {QStringLiteral("clone"), QStringLiteral("-q"), from, to}, {},
                         test::ScratchRepo::gitEnvironment(), 600000)
                   .exitCode == 0;
    }
    QByteArray git(const QString& repo, const QStringList& arguments)
    {
        const auto r = test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments,
                                 {}, test::ScratchRepo::gitEnvironment(), 600000);
        if (r.exitCode != 0)
            qWarning("git %s: %s", qPrintable(arguments.join(u' ')), r.err.constData());
        return r.out.trimmed();
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        // Cold: the parse cache and the history index start empty in this run.
        qputenv("SHIPLOG_PARSE_CACHE_DIR", m_dir.filePath(QStringLiteral("parsed")).toUtf8());
        qputenv("SHIPLOG_INDEX_CACHE_DIR", m_dir.filePath(QStringLiteral("index")).toUtf8());
        if (SHIPLOG_STALL_SANITIZED)
            m_commits = kSanitizedCommits;
        if (qEnvironmentVariableIsSet("SHIPLOG_STALL_COMMITS"))
            m_commits = qEnvironmentVariableIntValue("SHIPLOG_STALL_COMMITS");
        QVERIFY(m_commits >= 200);
        say(QStringLiteral("tst_gui_stall: %1 commits%2")
                .arg(m_commits)
                .arg(SHIPLOG_STALL_SANITIZED ? QStringLiteral(" (sanitizer build: a smaller repository)")
                     : m_commits != 30000    ? QStringLiteral(" (SHIPLOG_STALL_COMMITS)")
                                             : QString()));

        QElapsedTimer clock;
        clock.start();
        const QString bare = test::generatedGitOpsRepository(m_commits);
        QVERIFY(!bare.isEmpty());
        say(QStringLiteral("  repository %1 ready in %2 s")
                .arg(bare)
                .arg(clock.elapsed() / 1000.0, 0, 'f', 1));

        // Jenkins X's marker file makes each config-root/namespaces/<ns> an environment; origin/main
        // (what the Drift tab compares) follows the commit that adds it.
        m_repo = m_dir.filePath(QStringLiteral("environment"));
        QVERIFY(clone(bare, m_repo));
        QFile requirements(m_repo + QStringLiteral("/jx-requirements.yml"));
        QVERIFY(requirements.open(QIODevice::WriteOnly));
        requirements.write("apiVersion: core.jenkins-x.io/v4beta1\nkind: Requirements\nspec:\n  cluster:\n"
                           "    provider: kind\n  environments:\n  - key: dev\n  - key: staging\n"
                           "  - key: production\n");
        requirements.close();
        git(m_repo, {QStringLiteral("add"), QStringLiteral("jx-requirements.yml")});
        git(m_repo, {QStringLiteral("-c"), QStringLiteral("user.name=Ada Lovelace"), QStringLiteral("-c"),
                     QStringLiteral("user.email=ada@example.com"), QStringLiteral("commit"),
                     QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("chore: jx requirements")});
        git(m_repo, {QStringLiteral("update-ref"), QStringLiteral("refs/remotes/origin/main"),
                     QStringLiteral("HEAD")});
        m_other = m_dir.filePath(QStringLiteral("other"));
        QVERIFY(clone(m_repo, m_other));

        // The cluster: every resource of HEAD, then drift as people make it.
        auto started = m_server.start({});
        QVERIFY2(started.has_value(), test::why(started).constData());
        auto seeded = m_server.seed(m_repo + QStringLiteral("/config-root"));
        QVERIFY2(seeded.has_value(), test::why(seeded).constData());
        QVERIFY(seeded->created > 100);
        const QStringList namespaces = {QStringLiteral("jx"),
                                        QStringLiteral("jx-staging"),
                                        QStringLiteral("jx-production"),
                                        QStringLiteral("tekton-pipelines"),
                                        QStringLiteral("nginx"),
                                        QStringLiteral("monitoring"),
                                        QStringLiteral("cert-manager"),
                                        QStringLiteral("secret-infra"),
                                        QStringLiteral("kuberhealthy"),
                                        QStringLiteral("vault"),
                                        QStringLiteral("jx-git-operator"),
                                        QStringLiteral("lighthouse")};
        int scaled = 0;
        for (int app = 0; app < 96; app += 7) // the generator's apps: app-N in namespace N % 12
            scaled += m_server
                          .scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"),
                                 namespaces[app % 12], QStringLiteral("app-%1").arg(app), 9)
                          .has_value();
        QVERIFY(scaled > 0);
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        auto written = m_server.writeKubeconfig(m_kubeconfig, QStringLiteral("stall"));
        QVERIFY2(written.has_value(), test::why(written).constData());
        say(QStringLiteral("  set-up done in %1 s (%2 objects in the cluster)")
                .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                .arg(seeded->created));
    }

    void cleanupTestCase() { m_server.stop(); }

    void heavyScreensNeverStallTheGui()
    {
        test::StallProbe probe;
        QElapsedTimer clock;
        clock.start();
        ui::RepositoryView* view = nullptr;
        const auto wait = [&](const std::function<bool()>& predicate, int timeoutMs = 120000) {
            if (probe.waitFor(predicate, timeoutMs))
                return true;
            say(QStringLiteral("  timed out in \"%1\"; the history says: %2")
                    .arg(probe.step(), view ? view->statusText() : QString()));
            return false;
        };

        const auto step = [&](const QString& name) {
            say(QStringLiteral("  %1 s: %2").arg(clock.elapsed() / 1000.0, 0, 'f', 1).arg(name));
            probe.start(name);
        };
        // Printed however the test ends.
        const auto printReport = qScopeGuard([&] {
            probe.stop();
            say(QStringLiteral("GUI stall probe on %1 commits, %2 s:\n%3")
                    .arg(m_commits)
                    .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                    .arg(probe.report()));
        });
        step(QStringLiteral("open the repository, history read to the end"));
        auto* window = new ui::MainWindow;
        QPointer<ui::MainWindow> guard(window);
        window->resize(1400, 900);
        window->show();
        window->openRepository(m_repo);
        view = window->repositoryView();
        QVERIFY(view);
        ui::HistoryModel* model = view->historyModel();
        QVERIFY(wait([&] { return test::historyLoaded(view); }));
        // Scrolled to the end, as a user holding End: every page is appended.
        QVERIFY(wait(
            [&] {
                view->historyTable()->scrollToBottom();
                return !model->isLoading() && model->rowCount() >= m_commits && !model->canFetchMore({});
            },
            200000));
        const int total = model->rowCount();

        step(QStringLiteral("Changes: newest commit, then the first (every resource added)"));
        view->historyTable()->selectRow(0);
        view->showChangesTab();
        ui::ChangesPanel* panel = view->changesPanel();
        QVERIFY(wait([&] { return panel->revision() == model->commitAt(0).id && !panel->isLoading(); }));
        const QString first = model->commitAt(total - 1).id;
        view->historyTable()->selectRow(total - 1);
        QVERIFY(wait([&] { return panel->revision() == first && !panel->isLoading(); }));
        QVERIFY2(panel->tree()->changesModel()->changeSet().resources.size() >= 500,
                 qPrintable(panel->statusText()));

        step(QStringLiteral("a resource's diff, then its cold timeline"));
        const int deployment = changeOfKind(panel, QStringLiteral("Deployment"));
        QVERIFY(deployment >= 0);
        const QModelIndex index = panel->tree()->changesModel()->indexOfChange(deployment);
        panel->tree()->scrollTo(index);
        panel->tree()->setCurrentIndex(index);
        QVERIFY(panel->tree()->currentChange());
        ui::ResourcePane* pane = panel->resourcePane();
        pane->tabs()->setCurrentWidget(pane->timelineView());
        QVERIFY(wait([&] { return pane->timelineView()->timeline().has_value(); }, 200000));
        QVERIFY(pane->timelineView()->tree()->topLevelItemCount() >= 1);

        step(QStringLiteral("history filtered by resource"));
        auto* resource = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterResource"));
        QVERIFY(resource);
        resource->setFocus();
        const auto& changed = panel->tree()->changesModel()->changeSet().resources[deployment].key;
        const QString key = QStringLiteral("%1/%2/%3/%4")
                                .arg(changed.group, changed.kind, changed.namespaceName, changed.name);
        say(QStringLiteral("  resource %1").arg(key));
        resource->setText(key);
        QVERIFY(
            wait([&] { return !model->isLoading() && model->rowCount() > 0 && model->rowCount() < total; },
                 200000));
        resource->clear();
        const auto unfiltered = [&] {
            return !model->isLoading() && model->rowCount() > 0 &&
                   !view->statusText().contains(QLatin1String("match the filters"));
        };
        QVERIFY(wait(unfiltered));

        step(QStringLiteral("history filtered by environment"));
        QComboBox* environment = view->filterBar()->environmentBox();
        QVERIFY(wait([&] { return environment->count() > 2; }, 60000));
        environment->setCurrentIndex(environment->findText(QStringLiteral("jx-staging")));
        QVERIFY(environment->currentIndex() > 0);
        QVERIFY(wait(
            [&] {
                return !model->isLoading() && model->rowCount() > 0 &&
                       view->statusText().contains(QLatin1String("match the filters"));
            },
            200000));
        environment->setCurrentIndex(0);
        QVERIFY(wait(unfiltered));

        step(QStringLiteral("Drift: connect, report"));
        window->showDrift();
        ui::DriftView* drift = window->driftView();
        QVERIFY(wait([&] { return !drift->revision().isEmpty(); }));
        ui::ConnectDialog* dialog = drift->openConnectDialog();
        dialog->setKubeconfigPath(m_kubeconfig);
        QVERIFY(
            wait([&] { return !dialog->isLoading() && !dialog->contextList()->contextNames().isEmpty(); }));
        dialog->selectContext(QStringLiteral("stall"));
        QVERIFY(dialog->connectButton()->isEnabled());
        dialog->connectButton()->click();
        QVERIFY(wait([&] { return drift->hasReport(); }, 180000));
        say(QStringLiteral("  drift: %1").arg(drift->statusLine()));

        step(QStringLiteral("Environments: list, staging against production"));
        window->showEnvironments();
        ui::EnvironmentsView* environments = window->environmentsView();
        QVERIFY(environments);
        QVERIFY(wait(
            [&] { return !environments->isBusy() && environments->environments().environments.size() > 2; },
            180000));
        environments->compare(QStringLiteral("jx-staging"), QStringLiteral("jx-production"));
        QVERIFY(wait([&] { return !environments->isBusy(); }, 180000));
        environments->compare(QStringLiteral("jx"), QStringLiteral("jx-staging"));
        QVERIFY(wait([&] { return !environments->isBusy(); }, 180000));

        step(QStringLiteral("switch repositories while jobs run"));
        window->repositoryTabs()->setCurrentIndex(0);
        view->historyTable()->selectRow(total - 1); // the big change set again, on a job
        window->openRepository(m_other);            // cancels it, and the drift and environments work
        probe.idle(300);
        window->openRepository(m_repo);
        probe.idle(300);
        window->openRepository(m_other);
        view = window->repositoryView();
        QVERIFY(wait([&] { return test::historyLoaded(view); }));

        step(QStringLiteral("close the window while jobs run"));
        view->historyTable()->selectRow(view->historyModel()->rowCount() - 1);
        window->showDrift();
        probe.idle(50);
        window->close();
        delete window;
        probe.idle(500);
        QVERIFY(guard.isNull());

        probe.stop();
        // The bound holds for the GUI thread's own work in any gap, and for every gap less the time
        // the thread waited for a core (below).
        const qint64 bound = SHIPLOG_STALL_SANITIZED ? kBoundMs * 3 : kBoundMs;
        const test::StallProbe::Gap worst = probe.longest();
        const test::StallProbe::Gap busiest = probe.busiest();
        QVERIFY2(busiest.cpuMs <= bound,
                 qPrintable(
                     QStringLiteral("the GUI thread worked %1 ms without a turn of the event loop in \"%2\" "
                                    "(bound %3 ms)")
                         .arg(busiest.cpuMs)
                         .arg(busiest.step)
                         .arg(bound)));
        // The wall time less the time the GUI thread was ready but waited for a core (the kernel's
        // run-queue wait): on a machine short of cores the rest is still the GUI's own stall — a
        // lock, a wait, I/O on the GUI thread — and that is bounded however busy the machine is.
        const test::StallProbe::Gap own = probe.own();
        if (worst.ms > bound)
            say(QStringLiteral(
                    "  note: the longest gap was %1 ms in \"%2\", of which the GUI thread waited %3 ms "
                    "for a core and ran %4 ms; in it: %5")
                    .arg(worst.ms)
                    .arg(worst.step)
                    .arg(worst.queuedMs)
                    .arg(worst.cpuMs)
                    .arg(worst.culprit));
        QVERIFY2(own.ms - own.queuedMs <= bound,
                 qPrintable(QStringLiteral(
                                "the GUI stalled %1 ms in \"%2\" without waiting for a core (bound %3 ms; "
                                "the gap was %4 ms, %5 ms of it waiting for a core, %6 ms running)")
                                .arg(own.ms - own.queuedMs)
                                .arg(own.step)
                                .arg(bound)
                                .arg(own.ms)
                                .arg(own.queuedMs)
                                .arg(own.cpuMs)));
    }
};

QTEST_MAIN(TestGuiStall)
#include "tst_gui_stall.moc"
