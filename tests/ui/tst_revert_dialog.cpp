// The Revert via Pull Request dialog as a view of its RevertFlow: what it shows of the preview per
// resource against the remote's tip, of Create's outcome, and what a user's clicks do — read from
// the widgets by their object names, never from getters. What the revert does (remote, forge,
// cancel, tokens) is tested on the flow itself in tst_revert_flow.
#include "core/demo/demo_environment.h"
#include "core/demo/demo_forge.h"
#include "core/git/history.h"
#include "core/jobs/job.h"
#include "tests/support/fixtures.h"
#include "tests/support/git_servers.h"
#include "tests/support/loopback_http.h"
#include "tests/support/revert_world.h"
#include "tests/support/stalling_forge.h"
#include "tests/ui/ui_test_support.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/revert_actions.h"
#include "ui/revert/revert_dialog.h"
#include "ui/revert/revert_flow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMutex>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace shiplog;
using test::RevertWorld;
namespace forge = core::forge;

namespace {

const QString kToken = QStringLiteral("ghp_test_token_123");

QByteArray manifest(const char* kind, const char* name, const QByteArray& spec)
{
    const QByteArray apiVersion = QByteArray(kind) == "Deployment" ? "apps/v1" : "v1";
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name +
           "\n  namespace: prod\n" + spec;
}

// main: base (web Deployment, cache ConfigMap); c1 scales web to 3 and adds the flags ConfigMap;
// c2 bumps the cache. All pushed.
struct History
{
    QString base, c1, c2;
};

History writeHistory(const RevertWorld& w)
{
    History h;
    w.seed.write(QStringLiteral("apps/web.yaml"), manifest("Deployment", "web", "spec:\n  replicas: 1\n"));
    w.seed.write(QStringLiteral("apps/cache.yaml"), manifest("ConfigMap", "cache", "data:\n  size: \"1\"\n"));
    w.seed.write(QStringLiteral("README.md"), "env\n");
    h.base = w.seed.commit(QStringLiteral("Add web and cache"));
    w.seed.write(QStringLiteral("apps/web.yaml"), manifest("Deployment", "web", "spec:\n  replicas: 3\n"));
    w.seed.write(QStringLiteral("apps/flags.yaml"),
                 manifest("ConfigMap", "flags", "data:\n  beta: \"on\"\n"));
    h.c1 = w.seed.commit(QStringLiteral("Scale web to 3 and add flags"));
    w.seed.write(QStringLiteral("apps/cache.yaml"), manifest("ConfigMap", "cache", "data:\n  size: \"2\"\n"));
    h.c2 = w.seed.commit(QStringLiteral("Grow the cache"));
    w.push();
    return h;
}

core::git::CommitInfo commitInfo(const QString& repo, const QString& id)
{
    auto details = core::git::loadCommitDetails(repo, id);
    return details ? details->commit : core::git::CommitInfo{};
}

// A GitHub stand-in that records what it receives.
struct GitHubStub
{
    QMutex mutex;
    QList<test::HttpRequest> requests;
    int created = 0;
    test::LoopbackHttpServer server{[this](const test::HttpRequest& r) { return handle(r); }};

    test::HttpResponse handle(const test::HttpRequest& r)
    {
        QMutexLocker lock(&mutex);
        requests.append(r);
        if (r.header("authorization") != "Bearer " + kToken.toUtf8())
            return {401, {}, R"({"message":"Bad credentials"})"};
        if (r.method == "GET" && r.path == "/repos/acme/env/pulls")
            return {200, {}, "[]"};
        if (r.method == "POST" && r.path == "/repos/acme/env/pulls") {
            ++created;
            return {201,
                    {},
                    QByteArray(R"({"number":42,"html_url":"https://github.example.com/acme/env/pull/42"})")};
        }
        return {404, {}, R"({"message":"Not Found"})"};
    }
    QList<test::HttpRequest> posts()
    {
        QMutexLocker lock(&mutex);
        QList<test::HttpRequest> list;
        for (const auto& r : requests)
            if (r.method == "POST")
                list << r;
        return list;
    }
};

forge::TokenSources noTokens()
{
    forge::TokenSources s;
    s.environment = QProcessEnvironment();
    s.askGhCli = false;
    return s;
}

// A dialog over a flow for `commit` in the user's clone, with tokens only from the session forge.
std::unique_ptr<ui::RevertDialog> makeDialog(const RevertWorld& w, const QString& commit,
                                             const QString& target = {})
{
    auto* flow = new ui::RevertFlow(w.user(), commitInfo(w.user(), commit));
    flow->setTokenSources(noTokens());
    flow->setUseCredentialHelpers(false);
    flow->setForgeOptions({10, 2});
    flow->setTargetBranch(target);
    auto dialog = std::make_unique<ui::RevertDialog>(flow, QStringList{QStringLiteral("main")});
    dialog->setUrlOpener([](const QUrl&) {});
    return dialog;
}

// A part of the dialog by its object name (the names are part of the view's contract).
template <typename Widget> Widget* part(const ui::RevertDialog& dialog, const char* name)
{
    auto* widget = dialog.findChild<Widget*>(QLatin1String(name));
    if (!widget)
        qFatal("the revert dialog has no %s", name);
    return widget;
}
QString text(const ui::RevertDialog& dialog, const char* name)
{
    return part<QLabel>(dialog, name)->text();
}

// As RevertActions does after showing the dialog: the flow previews; the view follows.
bool waitPreview(ui::RevertDialog& dialog)
{
    dialog.flow()->startPreview();
    return QTest::qWaitFor([&] { return !dialog.flow()->isBusy(); }, 60000);
}

// The user clicks Create (enabled only when the revert applies cleanly).
bool clickCreate(ui::RevertDialog& dialog)
{
    QPushButton* create = part<QPushButton>(dialog, "revertCreate");
    if (!create->isEnabled())
        return false;
    QSignalSpy spy(dialog.flow(), &ui::RevertFlow::finished);
    create->click();
    return spy.wait(60000);
}

QStringList childTexts(QTreeWidget* tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = tree->topLevelItem(i);
        for (int j = 0; j < group->childCount(); ++j)
            out << group->text(0) + QStringLiteral(": ") + group->child(j)->text(0);
        if (group->childCount() == 0)
            out << group->text(0) + QStringLiteral(" | ") + group->text(1);
    }
    return out;
}

} // namespace

class TestRevertDialog : public QObject
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

    void createsPullRequestForNormalCommit()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        GitHubStub stub;
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.server.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        const auto before = test::snapshot(w.user());

        auto dialog = makeDialog(w, h.c1);
        dialog->show();
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(dialog->flow()->preview().has_value(), qPrintable(dialog->flow()->previewError()));
        // Per resource, as the revert will change them against origin/main.
        QCOMPARE(childTexts(part<QTreeWidget>(*dialog, "revertResources")),
                 (QStringList{QStringLiteral("Removed: ConfigMap prod/flags"),
                              QStringLiteral("Changed: apps/Deployment prod/web")}));
        QVERIFY2(text(*dialog, "revertSummary").contains(QStringLiteral("1 removed, 1 changed")),
                 qPrintable(text(*dialog, "revertSummary")));
        const QString shortId = h.c1.left(7);
        QCOMPARE(part<QLineEdit>(*dialog, "revertBranch")->text(), QStringLiteral("revert-") + shortId);
        QCOMPARE(part<QLineEdit>(*dialog, "revertTitle")->text(),
                 QStringLiteral("Revert \"Scale web to 3 and add flags\""));
        QCOMPARE(part<QComboBox>(*dialog, "revertTarget")->currentText(), QStringLiteral("main"));
        QVERIFY(part<QPlainTextEdit>(*dialog, "revertBody")
                    ->toPlainText()
                    .contains(QStringLiteral("This reverts commit %1.").arg(h.c1)));
        QVERIFY(part<QPlainTextEdit>(*dialog, "revertBody")
                    ->toPlainText()
                    .contains(QStringLiteral("ConfigMap prod/flags")));
        QVERIFY(part<QComboBox>(*dialog, "revertMainline")->isHidden());
        QVERIFY(part<QPushButton>(*dialog, "revertCreate")->isEnabled());

        // The user edits the description before creating.
        part<QPlainTextEdit>(*dialog, "revertBody")
            ->appendPlainText(QStringLiteral("Rollback requested by on-call."));
        QVERIFY(clickCreate(*dialog));
        QVERIFY(dialog->flow()->outcome().has_value());
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->flow()->outcome()->message));

        // The remote has the branch; its tree is what `git revert` makes.
        const QString branch = QStringLiteral("revert-") + shortId;
        QVERIFY2(w.remoteBranches().contains(QStringLiteral("refs/heads/") + branch),
                 qPrintable(w.remoteBranches()));
        const auto [tree, message] = w.gitRevert(h.c1);
        QCOMPARE(RevertWorld::treeOf(w.remote.path(), QStringLiteral("refs/heads/") + branch), tree);
        QCOMPARE(RevertWorld::messageOf(w.remote.path(), QStringLiteral("refs/heads/") + branch), message);

        // The forge got one POST with the token and the fields as the user left them.
        const auto posts = stub.posts();
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts[0].path, QByteArray("/repos/acme/env/pulls"));
        QCOMPARE(posts[0].header("authorization"), "Bearer " + kToken.toUtf8());
        const QJsonObject body = QJsonDocument::fromJson(posts[0].body).object();
        QCOMPARE(body.value(QStringLiteral("head")).toString(), branch);
        QCOMPARE(body.value(QStringLiteral("base")).toString(), QStringLiteral("main"));
        QCOMPARE(body.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Revert \"Scale web to 3 and add flags\""));
        QVERIFY(body.value(QStringLiteral("body"))
                    .toString()
                    .contains(QStringLiteral("Rollback requested by on-call.")));

        // The dialog shows the URL as a link, copies it, and opens it.
        const QString url = QStringLiteral("https://github.example.com/acme/env/pull/42");
        QVERIFY2(part<QLabel>(*dialog, "revertUrl")->text().contains(QStringLiteral("href=\"%1\"").arg(url)),
                 qPrintable(part<QLabel>(*dialog, "revertUrl")->text()));
        QVERIFY(part<QLabel>(*dialog, "revertUrl")->isVisibleTo(dialog.get()));
        QVERIFY(part<QLabel>(*dialog, "revertResultTitle")->text().contains(QStringLiteral("#42")));
        part<QPushButton>(*dialog, "revertCopyUrl")->click();
        QCOMPARE(QApplication::clipboard()->text(), url);
        QUrl opened;
        dialog->setUrlOpener([&opened](const QUrl& u) { opened = u; });
        part<QPushButton>(*dialog, "revertOpenUrl")->click();
        QCOMPARE(opened, QUrl(url));

        // The user's repository is byte-identical.
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        ui::forges::clearSessionForge(w.user());
    }

    void conflictShowsFilesAndPushesNothing()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        // Later, web is scaled again on the same line: reverting c1 conflicts in apps/web.yaml.
        w.seed.write(QStringLiteral("apps/web.yaml"),
                     manifest("Deployment", "web", "spec:\n  replicas: 7\n"));
        w.seed.commit(QStringLiteral("Scale web to 7"));
        w.push();
        QVERIFY(w.cloneUser());
        GitHubStub stub;
        ui::forges::setSessionForge(w.user(), {forge::ForgeKind::GitHub, stub.server.baseUrl(), {}, kToken});
        const auto before = test::snapshot(w.user());
        const QString refsBefore = w.remoteBranches();

        auto dialog = makeDialog(w, h.c1);
        QVERIFY(waitPreview(*dialog));
        QVERIFY(dialog->flow()->preview().has_value());
        QVERIFY(!part<QPushButton>(*dialog, "revertCreate")->isEnabled());
        QCOMPARE(part<QTreeWidget>(*dialog, "revertConflicts")->topLevelItemCount(), 1);
        QCOMPARE(part<QTreeWidget>(*dialog, "revertConflicts")->topLevelItem(0)->text(0),
                 QStringLiteral("apps/web.yaml"));
        QCOMPARE(part<QTreeWidget>(*dialog, "revertConflicts")->topLevelItem(0)->text(1),
                 QStringLiteral("apps/Deployment prod/web"));
        QVERIFY2(part<QPlainTextEdit>(*dialog, "revertConflictText")
                     ->toPlainText()
                     .contains(QStringLiteral("<<<<<<<")),
                 qPrintable(part<QPlainTextEdit>(*dialog, "revertConflictText")->toPlainText()));
        QVERIFY(part<QPlainTextEdit>(*dialog, "revertConflictText")
                    ->toPlainText()
                    .contains(QStringLiteral("replicas: 7")));

        // Even forced past the disabled button, nothing is pushed and the result lists the conflict.
        QSignalSpy finished(dialog->flow(), &ui::RevertFlow::finished);
        QVERIFY(!dialog->flow()->create({{}, part<QLineEdit>(*dialog, "revertTitle")->text(), {}}));
        QVERIFY(finished.wait(60000));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("conflict"),
                 qPrintable(dialog->flow()->outcome()->message));
        QVERIFY(part<QLabel>(*dialog, "revertResultMessage")
                    ->text()
                    .contains(QStringLiteral("Nothing was pushed")));
        QCOMPARE(w.remoteBranches(), refsBefore);
        QVERIFY(stub.posts().isEmpty());
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        ui::forges::clearSessionForge(w.user());
    }

    void mergeCommitWithMainline()
    {
        RevertWorld w;
        writeHistory(w);
        w.seed.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                    QStringLiteral("feature")});
        w.seed.write(QStringLiteral("apps/jobs.yaml"),
                     manifest("ConfigMap", "jobs", "data:\n  cron: \"*/5\"\n"));
        w.seed.commit(QStringLiteral("Add jobs"));
        w.seed.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        w.seed.write(QStringLiteral("README.md"), "env, documented\n");
        w.seed.commit(QStringLiteral("Document"));
        w.seed.git({QStringLiteral("-c"), QStringLiteral("user.name=M"), QStringLiteral("-c"),
                    QStringLiteral("user.email=m@x"), QStringLiteral("merge"), QStringLiteral("-q"),
                    QStringLiteral("--no-ff"), QStringLiteral("-m"), QStringLiteral("Merge feature"),
                    QStringLiteral("feature")});
        const QString merge =
            QString::fromUtf8(w.seed.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
        w.push();
        QVERIFY(w.cloneUser());
        GitHubStub stub;
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.server.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        const auto before = test::snapshot(w.user());

        auto dialog = makeDialog(w, merge);
        QVERIFY(!part<QComboBox>(*dialog, "revertMainline")->isHidden());
        QCOMPARE(part<QComboBox>(*dialog, "revertMainline")->count(), 2);
        QCOMPARE(part<QComboBox>(*dialog, "revertMainline")->currentData().toInt(), 1);
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(dialog->flow()->preview().has_value(), qPrintable(dialog->flow()->previewError()));
        QCOMPARE(dialog->flow()->preview()->mainline, 1);
        QCOMPARE(childTexts(part<QTreeWidget>(*dialog, "revertResources")),
                 QStringList{QStringLiteral("Removed: ConfigMap prod/jobs")});
        QVERIFY2(part<QPlainTextEdit>(*dialog, "revertBody")
                     ->toPlainText()
                     .contains(QStringLiteral("reversing changes made to")),
                 qPrintable(part<QPlainTextEdit>(*dialog, "revertBody")->toPlainText()));

        QVERIFY(clickCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->flow()->outcome()->message));
        const auto [tree, message] = w.gitRevert(merge, 1);
        QCOMPARE(RevertWorld::treeOf(w.remote.path(),
                                     QStringLiteral("refs/heads/") + dialog->flow()->outcome()->branch),
                 tree);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        ui::forges::clearSessionForge(w.user());
    }

    void withoutTokenPushesAndOffersTheForm()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        ui::forges::setSessionForge(w.user(), {forge::ForgeKind::GitHub,
                                               QStringLiteral("http://127.0.0.1:9"),
                                               QStringLiteral("https://github.example.com/acme/env"),
                                               {}});
        auto dialog = makeDialog(w, h.c2);
        QVERIFY(waitPreview(*dialog));
        QVERIFY(
            part<QLabel>(*dialog, "revertStatus")->text().contains(QStringLiteral("No GitHub API token")));
        QVERIFY(clickCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("pushed"),
                 qPrintable(dialog->flow()->outcome()->message));
        QVERIFY(w.remoteBranches().contains(QStringLiteral("refs/heads/revert-") + h.c2.left(7)));
        QVERIFY(part<QPushButton>(*dialog, "revertCopyUrl")->isHidden());
        QCOMPARE(part<QPushButton>(*dialog, "revertOpenUrl")->text(),
                 QStringLiteral("Open Pull Request Form"));
        QUrl opened;
        dialog->setUrlOpener([&opened](const QUrl& u) { opened = u; });
        part<QPushButton>(*dialog, "revertOpenUrl")->click();
        QVERIFY2(opened.toString().startsWith(
                     QStringLiteral("https://github.example.com/acme/env/compare/main...revert-")),
                 qPrintable(opened.toString()));
        QVERIFY(opened.toString(QUrl::FullyEncoded)
                    .contains(QStringLiteral("title=Revert%20%22Grow%20the%20cache%22")));
        ui::forges::clearSessionForge(w.user());
    }

    void demoForgeRecordsAndFindsExisting()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        core::demo::DemoForge demo;
        QVERIFY2(demo.start(w.remote.path(), kToken).has_value(), "demo forge did not start");
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, demo.apiUrl(), demo.webRepo(), kToken});

        auto dialog = makeDialog(w, h.c2);
        QVERIFY(waitPreview(*dialog));
        QVERIFY(part<QPlainTextEdit>(*dialog, "revertBody")
                    ->toPlainText()
                    .contains(demo.webRepo() + QStringLiteral("/commit/") + h.c2));
        QVERIFY(clickCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->flow()->outcome()->message));
        QCOMPARE(demo.pullRequests().size(), size_t(1));
        QCOMPARE(demo.pullRequests()[0].head, QStringLiteral("revert-") + h.c2.left(7));
        QCOMPARE(demo.pullRequests()[0].base, QStringLiteral("main"));
        QVERIFY2(
            text(*dialog, "revertUrl").contains(QStringLiteral("href=\"%1/pull/1\"").arg(demo.webRepo())),
            qPrintable(text(*dialog, "revertUrl")));

        // Again: the branch already holds this revert and its pull request is open — shown, not duplicated.
        auto again = makeDialog(w, h.c2);
        QVERIFY(waitPreview(*again));
        QVERIFY(clickCreate(*again));
        QVERIFY2(forge::statusName(again->flow()->outcome()->status) == QStringLiteral("exists"),
                 qPrintable(again->flow()->outcome()->message));
        QVERIFY(part<QLabel>(*again, "revertResultTitle")->text().contains(QStringLiteral("already open")));
        QVERIFY2(text(*again, "revertUrl").contains(QStringLiteral("href=\"%1/pull/1\"").arg(demo.webRepo())),
                 qPrintable(text(*again, "revertUrl")));
        QCOMPARE(demo.pullRequests().size(), size_t(1));

        // A wrong token is refused by the demo forge as GitHub would (401 Bad credentials).
        ui::forges::setSessionForge(
            w.user(), {forge::ForgeKind::GitHub, demo.apiUrl(), demo.webRepo(), QStringLiteral("wrong")});
        auto wrong = makeDialog(w, h.c1);
        QVERIFY(waitPreview(*wrong));
        QVERIFY(clickCreate(*wrong));
        QVERIFY2(forge::statusName(wrong->flow()->outcome()->status) == QStringLiteral("error"),
                 qPrintable(wrong->flow()->outcome()->message));
        QVERIFY2(part<QLabel>(*wrong, "revertResultMessage")->text().contains(QStringLiteral("401")),
                 qPrintable(part<QLabel>(*wrong, "revertResultMessage")->text()));
        QCOMPARE(demo.pullRequests().size(), size_t(1));
        ui::forges::clearSessionForge(w.user());
    }

    void alreadyRevertedSaysSo()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        w.seed.git({QStringLiteral("-c"), QStringLiteral("user.name=X"), QStringLiteral("-c"),
                    QStringLiteral("user.email=x@y"), QStringLiteral("revert"), QStringLiteral("--no-edit"),
                    h.c2});
        w.push();
        QVERIFY(w.cloneUser());
        auto dialog = makeDialog(w, h.c2);
        QVERIFY(waitPreview(*dialog));
        QVERIFY(dialog->flow()->preview().has_value());
        QVERIFY(!part<QPushButton>(*dialog, "revertCreate")->isEnabled());
        QVERIFY2(text(*dialog, "revertSummary").contains(QStringLiteral("already reverted on origin/main")),
                 qPrintable(text(*dialog, "revertSummary")));
    }

    void rejectedPushShowsTheServersMessage()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QTemporaryDir root;
        const QString bare = root.filePath(QStringLiteral("acme/env.git"));
        test::gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"),
                         w.remote.path(), bare});
        QFile hook(bare + QStringLiteral("/hooks/pre-receive"));
        QVERIFY(hook.open(QIODevice::WriteOnly));
        hook.write(
            "#!/bin/sh\necho \"policy: main is protected, branches come from the portal\" >&2\nexit 1\n");
        hook.close();
        hook.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        test::GitDaemon daemon(root.path());
        QVERIFY(daemon.ready());
        QVERIFY(w.cloneUser(daemon.url(QStringLiteral("acme/env.git"))));
        const auto before = test::snapshot(w.user());

        auto dialog = makeDialog(w, h.c1);
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(dialog->flow()->preview().has_value(), qPrintable(dialog->flow()->previewError()));
        QVERIFY(clickCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("error"),
                 qPrintable(dialog->flow()->outcome()->message));
        QVERIFY2(part<QLabel>(*dialog, "revertResultMessage")
                     ->text()
                     .contains(QStringLiteral("policy: main is protected, branches come from the portal")),
                 qPrintable(part<QLabel>(*dialog, "revertResultMessage")->text()));
        QVERIFY(part<QLabel>(*dialog, "revertResultTitle")
                    ->text()
                    .contains(QStringLiteral("could not be created")));
        QVERIFY(!test::gitIn(bare, {QStringLiteral("branch")}).out.contains("revert-"));
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void mainWindowOpensTheDialogForTheSelectedCommit()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        ui::MainWindow window;
        window.show();
        QAction* action = window.revertActions()->revertAction();
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+R")));
        // In the Commit menu and the toolbar.
        bool inMenu = false;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(action))
                inMenu = true;
        QVERIFY(inMenu);
        window.openRepository(w.user());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(!view->historyModel()->isLoading() && view->historyModel()->rowCount() > 0,
                                 30000);
        const int row = view->historyModel()->rowOfCommit(h.c1);
        QVERIFY(row >= 0);
        view->historyTable()->selectRow(row);
        QTRY_VERIFY(action->isEnabled());
        ui::forges::setSessionForge(w.user(), {forge::ForgeKind::GitHub,
                                               QStringLiteral("http://127.0.0.1:9"),
                                               QStringLiteral("https://github.example.com/acme/env"),
                                               {}});
        QTest::keySequence(&window, action->shortcut());
        ui::RevertDialog* dialog = window.revertActions()->currentDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->flow()->preview().has_value() || !dialog->flow()->previewError().isEmpty(), 60000);
        QVERIFY2(dialog->flow()->preview().has_value(), qPrintable(dialog->flow()->previewError()));
        QCOMPARE(dialog->flow()->preview()->revertedId, h.c1);
        QCOMPARE(part<QComboBox>(*dialog, "revertTarget")->currentText(), QStringLiteral("main"));
        dialog->close();
        ui::forges::clearSessionForge(w.user());
    }

    // A repository without user.name/user.email (and no global identity, see initTestCase): Create
    // says which settings to make, and nothing is pushed.
    void missingIdentityIsExplained()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::gitIn(w.user(),
                    {QStringLiteral("config"), QStringLiteral("--unset"), QStringLiteral("user.name")});
        test::gitIn(w.user(),
                    {QStringLiteral("config"), QStringLiteral("--unset"), QStringLiteral("user.email")});
        GitHubStub stub;
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.server.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});

        auto dialog = makeDialog(w, h.c1);
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(dialog->flow()->preview().has_value(), qPrintable(dialog->flow()->previewError()));
        QVERIFY(clickCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->flow()->outcome()->status) == QStringLiteral("error"),
                 qPrintable(dialog->flow()->outcome()->message));
        const QString shown = part<QLabel>(*dialog, "revertResultMessage")->text();
        QVERIFY2(shown.contains(QStringLiteral("git config --global user.name")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("git config --global user.email")), qPrintable(shown));
        QVERIFY2(shown.contains(w.user()), qPrintable(shown));
        QVERIFY(!w.remoteBranches().contains(QStringLiteral("revert-")));
        QVERIFY(stub.posts().isEmpty());
        ui::forges::clearSessionForge(w.user());
    }

    // The demo repository signs with its own identity: Create works on a machine without one.
    void demoCreatesWithoutAGlobalIdentity()
    {
        QTemporaryDir dir;
        auto demo = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo));
        const QString id =
            QString::fromUtf8(
                test::gitIn(demo->workTree,
                            {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                             QStringLiteral("--grep=lower the payments autoscaling CPU target")})
                    .out)
                .trimmed();
        QVERIFY(!id.isEmpty());
        core::demo::DemoForge demoForge;
        QVERIFY2(demoForge.start(demo->origin, kToken).has_value(), "demo forge did not start");
        ui::forges::setSessionForge(
            demo->workTree, {forge::ForgeKind::GitHub, demoForge.apiUrl(), demoForge.webRepo(), kToken});

        auto* flow = new ui::RevertFlow(demo->workTree, commitInfo(demo->workTree, id));
        flow->setTokenSources(noTokens());
        flow->setUseCredentialHelpers(false);
        ui::RevertDialog dialog(flow, QStringList{QStringLiteral("master")});
        dialog.setUrlOpener([](const QUrl&) {});
        QVERIFY(waitPreview(dialog));
        QVERIFY2(dialog.flow()->preview().has_value(), qPrintable(dialog.flow()->previewError()));
        QVERIFY(clickCreate(dialog));
        QVERIFY2(forge::statusName(dialog.flow()->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog.flow()->outcome()->message));
        QCOMPARE(demoForge.pullRequests().size(), size_t(1));
        const QString branch = QStringLiteral("refs/heads/revert-") + id.left(7);
        QCOMPARE(QString::fromUtf8(test::gitIn(demo->origin, {QStringLiteral("log"), QStringLiteral("-1"),
                                                              QStringLiteral("--format=%an <%ae>"), branch})
                                       .out)
                     .trimmed(),
                 QStringLiteral("Shiplog Demo <demo@shiplog.invalid>"));
        ui::forges::clearSessionForge(demo->workTree);
    }

    void unknownTargetBranchIsExplained()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        auto dialog = makeDialog(w, h.c2, QStringLiteral("release-9"));
        QCOMPARE(part<QComboBox>(*dialog, "revertTarget")->currentText(), QStringLiteral("release-9"));
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(text(*dialog, "revertSummary").contains(QStringLiteral("No preview: ")),
                 qPrintable(text(*dialog, "revertSummary")));
        QVERIFY2(text(*dialog, "revertStatus").contains(QStringLiteral("has no branch 'release-9'")),
                 qPrintable(text(*dialog, "revertStatus")));
        QVERIFY(!part<QPushButton>(*dialog, "revertCreate")->isEnabled());
    }

    // While Create runs (the forge holds the pull request's POST), the view shows the four steps
    // and Cancel; Cancel shows how far the revert got.
    void cancelShowsHowFarItGot()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::StallingForge stub(kToken.toUtf8());
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        auto dialog = makeDialog(w, h.c1);
        dialog->show();
        QVERIFY(waitPreview(*dialog));
        QSignalSpy finished(dialog->flow(), &ui::RevertFlow::finished);
        part<QPushButton>(*dialog, "revertCreate")->click();
        QTRY_VERIFY_WITH_TIMEOUT(stub.posted(), 60000);
        QTRY_VERIFY2(text(*dialog, "revertSteps").contains(QStringLiteral("<b>▸ Open pull request</b>")),
                     qPrintable(text(*dialog, "revertSteps")));
        QVERIFY(text(*dialog, "revertSteps").contains(QStringLiteral("✓ Push")));
        QVERIFY(part<QLabel>(*dialog, "revertSteps")->isVisible());
        QPushButton* cancel = part<QPushButton>(*dialog, "revertCancel");
        QVERIFY(cancel->isVisible());
        QVERIFY(!part<QComboBox>(*dialog, "revertTarget")->isEnabled());
        cancel->click();
        QCOMPARE(text(*dialog, "revertStatus"), QStringLiteral("Canceling…"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(text(*dialog, "revertResultTitle"), QStringLiteral("Canceled"));
        QVERIFY2(text(*dialog, "revertResultMessage").contains(QStringLiteral("after the branch was pushed")),
                 qPrintable(text(*dialog, "revertResultMessage")));
        QVERIFY(!cancel->isVisible());
        QVERIFY(!part<QLabel>(*dialog, "revertSteps")->isVisible());
        ui::forges::clearSessionForge(w.user());
    }

    // Closing while Create runs returns at once (no wait on the GUI thread for the job), and nothing
    // of the job reaches the flow or the view afterwards, even once it has ended.
    void closeWhileCreatingReturnsAtOnce()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::StallingForge stub(kToken.toUtf8());
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        auto dialog = makeDialog(w, h.c1);
        dialog->show();
        QVERIFY(waitPreview(*dialog));
        part<QPushButton>(*dialog, "revertCreate")->click();
        QTRY_VERIFY_WITH_TIMEOUT(stub.posted(), 60000);
        QTRY_VERIFY(text(*dialog, "revertSteps").contains(QStringLiteral("<b>▸ Open pull request</b>")));
        ui::RevertFlow* flow = dialog->flow();
        QSignalSpy states(flow, &ui::RevertFlow::stateChanged);
        QSignalSpy progress(flow, &ui::RevertFlow::progress);
        QSignalSpy finished(flow, &ui::RevertFlow::finished);
        const QString status = text(*dialog, "revertStatus");

        QElapsedTimer clock;
        clock.start();
        QVERIFY(dialog->close());
        const qint64 took = clock.elapsed();
        qInfo("close while creating took %lld ms", took);
        QVERIFY2(took < 100, qPrintable(QString::number(took)));
        QVERIFY(!dialog->isVisible());

        stub.release();
        QVERIFY(core::jobs::pool()->waitForDone(60000)); // the test may wait: the job has ended
        QTest::qWait(200);                               // what it posted would be delivered now
        QCOMPARE(states.count(), 0);
        QCOMPARE(progress.count(), 0);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!flow->outcome());
        QCOMPARE(text(*dialog, "revertStatus"), status);
        QVERIFY(text(*dialog, "revertResultTitle").isEmpty());
        ui::forges::clearSessionForge(w.user());
    }
};

QTEST_MAIN(TestRevertDialog)
#include "tst_revert_dialog.moc"
