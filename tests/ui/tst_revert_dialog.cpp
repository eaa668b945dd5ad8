// The Revert via Pull Request dialog driven like a user: preview per resource against the remote's
// tip, Create, and what the remote, the forge stub and the user's repository look like afterwards.
#include "core/demo/demo_environment.h"
#include "core/demo/demo_forge.h"
#include "core/git/history.h"
#include "tests/support/fixtures.h"
#include "tests/support/git_servers.h"
#include "tests/support/loopback_http.h"
#include "tests/support/revert_world.h"
#include "tests/ui/ui_test_support.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/revert_actions.h"
#include "ui/revert/revert_dialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
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

// A dialog for `commit` in the user's clone, with tokens only from the session forge.
std::unique_ptr<ui::RevertDialog> makeDialog(const RevertWorld& w, const QString& commit)
{
    auto dialog = std::make_unique<ui::RevertDialog>(w.user(), commitInfo(w.user(), commit),
                                                     QStringList{QStringLiteral("main")});
    dialog->setTokenSources(noTokens());
    dialog->setUseCredentialHelpers(false);
    dialog->setForgeOptions({10, 2});
    dialog->setUrlOpener([](const QUrl&) {});
    return dialog;
}

bool waitPreview(ui::RevertDialog& dialog)
{
    QSignalSpy spy(&dialog, &ui::RevertDialog::previewReady);
    dialog.startPreview();
    return spy.wait(60000);
}

bool waitCreate(ui::RevertDialog& dialog)
{
    QSignalSpy spy(&dialog, &ui::RevertDialog::finished);
    dialog.createPullRequest();
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
        // The machine's git configuration must not leak into libgit2 (signature, helpers): libgit2
        // finds the global and XDG files through HOME when it initialises, which is after this.
        qputenv("GIT_CONFIG_GLOBAL", m_emptyConfig.filePath(QStringLiteral("none")).toUtf8());
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("HOME", m_emptyConfig.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_emptyConfig.filePath(QStringLiteral("xdg")).toUtf8());
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
        QVERIFY2(dialog->preview().has_value(), qPrintable(dialog->previewError()));
        // Per resource, as the revert will change them against origin/main.
        QCOMPARE(childTexts(dialog->resourceList()),
                 (QStringList{QStringLiteral("Removed: ConfigMap prod/flags"),
                              QStringLiteral("Changed: apps/Deployment prod/web")}));
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("revertSummary"))
                     ->text()
                     .contains(QStringLiteral("1 removed, 1 changed")),
                 qPrintable(dialog->findChild<QLabel*>(QStringLiteral("revertSummary"))->text()));
        const QString shortId = h.c1.left(7);
        QCOMPARE(dialog->branchEdit()->text(), QStringLiteral("revert-") + shortId);
        QCOMPARE(dialog->titleEdit()->text(), QStringLiteral("Revert \"Scale web to 3 and add flags\""));
        QCOMPARE(dialog->targetCombo()->currentText(), QStringLiteral("main"));
        QVERIFY(
            dialog->bodyEdit()->toPlainText().contains(QStringLiteral("This reverts commit %1.").arg(h.c1)));
        QVERIFY(dialog->bodyEdit()->toPlainText().contains(QStringLiteral("ConfigMap prod/flags")));
        QVERIFY(dialog->mainlineCombo()->isHidden());
        QVERIFY(dialog->createButton()->isEnabled());

        // The user edits the description before creating.
        dialog->bodyEdit()->appendPlainText(QStringLiteral("Rollback requested by on-call."));
        QVERIFY(waitCreate(*dialog));
        QVERIFY(dialog->outcome().has_value());
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->outcome()->message));

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
        QVERIFY2(dialog->urlLabel()->text().contains(QStringLiteral("href=\"%1\"").arg(url)),
                 qPrintable(dialog->urlLabel()->text()));
        QVERIFY(dialog->urlLabel()->isVisibleTo(dialog.get()));
        QVERIFY(dialog->resultTitle()->text().contains(QStringLiteral("#42")));
        dialog->copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), url);
        QUrl opened;
        dialog->setUrlOpener([&opened](const QUrl& u) { opened = u; });
        dialog->openButton()->click();
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
        QVERIFY(dialog->preview().has_value());
        QVERIFY(!dialog->createButton()->isEnabled());
        QCOMPARE(dialog->conflictList()->topLevelItemCount(), 1);
        QCOMPARE(dialog->conflictList()->topLevelItem(0)->text(0), QStringLiteral("apps/web.yaml"));
        QCOMPARE(dialog->conflictList()->topLevelItem(0)->text(1),
                 QStringLiteral("apps/Deployment prod/web"));
        QVERIFY2(dialog->conflictText()->toPlainText().contains(QStringLiteral("<<<<<<<")),
                 qPrintable(dialog->conflictText()->toPlainText()));
        QVERIFY(dialog->conflictText()->toPlainText().contains(QStringLiteral("replicas: 7")));

        // Even forced, nothing is pushed and the result lists the conflict.
        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("conflict"),
                 qPrintable(dialog->outcome()->message));
        QVERIFY(dialog->resultMessage()->text().contains(QStringLiteral("Nothing was pushed")));
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
        QVERIFY(!dialog->mainlineCombo()->isHidden());
        QCOMPARE(dialog->mainlineCombo()->count(), 2);
        QCOMPARE(dialog->mainlineCombo()->currentData().toInt(), 1);
        QVERIFY(waitPreview(*dialog));
        QVERIFY2(dialog->preview().has_value(), qPrintable(dialog->previewError()));
        QCOMPARE(dialog->preview()->mainline, 1);
        QCOMPARE(childTexts(dialog->resourceList()),
                 QStringList{QStringLiteral("Removed: ConfigMap prod/jobs")});
        QVERIFY2(dialog->bodyEdit()->toPlainText().contains(QStringLiteral("reversing changes made to")),
                 qPrintable(dialog->bodyEdit()->toPlainText()));

        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->outcome()->message));
        const auto [tree, message] = w.gitRevert(merge, 1);
        QCOMPARE(
            RevertWorld::treeOf(w.remote.path(), QStringLiteral("refs/heads/") + dialog->outcome()->branch),
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
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("No GitHub API token")));
        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("pushed"),
                 qPrintable(dialog->outcome()->message));
        QVERIFY(w.remoteBranches().contains(QStringLiteral("refs/heads/revert-") + h.c2.left(7)));
        QVERIFY(dialog->copyButton()->isHidden());
        QCOMPARE(dialog->openButton()->text(), QStringLiteral("Open Pull Request Form"));
        QUrl opened;
        dialog->setUrlOpener([&opened](const QUrl& u) { opened = u; });
        dialog->openButton()->click();
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
        QVERIFY(
            dialog->bodyEdit()->toPlainText().contains(demo.webRepo() + QStringLiteral("/commit/") + h.c2));
        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog->outcome()->message));
        QCOMPARE(demo.pullRequests().size(), size_t(1));
        QCOMPARE(demo.pullRequests()[0].head, QStringLiteral("revert-") + h.c2.left(7));
        QCOMPARE(demo.pullRequests()[0].base, QStringLiteral("main"));
        QCOMPARE(dialog->resultUrl(), demo.webRepo() + QStringLiteral("/pull/1"));

        // Again: the branch already holds this revert and its pull request is open — shown, not duplicated.
        auto again = makeDialog(w, h.c2);
        QVERIFY(waitPreview(*again));
        QVERIFY(waitCreate(*again));
        QVERIFY2(forge::statusName(again->outcome()->status) == QStringLiteral("exists"),
                 qPrintable(again->outcome()->message));
        QVERIFY(again->resultTitle()->text().contains(QStringLiteral("already open")));
        QCOMPARE(again->resultUrl(), demo.webRepo() + QStringLiteral("/pull/1"));
        QCOMPARE(demo.pullRequests().size(), size_t(1));

        // A wrong token is refused by the demo forge as GitHub would (401 Bad credentials).
        ui::forges::setSessionForge(
            w.user(), {forge::ForgeKind::GitHub, demo.apiUrl(), demo.webRepo(), QStringLiteral("wrong")});
        auto wrong = makeDialog(w, h.c1);
        QVERIFY(waitPreview(*wrong));
        QVERIFY(waitCreate(*wrong));
        QVERIFY2(forge::statusName(wrong->outcome()->status) == QStringLiteral("error"),
                 qPrintable(wrong->outcome()->message));
        QVERIFY2(wrong->resultMessage()->text().contains(QStringLiteral("401")),
                 qPrintable(wrong->resultMessage()->text()));
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
        QVERIFY(dialog->preview().has_value());
        QVERIFY(!dialog->createButton()->isEnabled());
        QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("revertSummary"))
                     ->text()
                     .contains(QStringLiteral("already reverted on origin/main")),
                 qPrintable(dialog->findChild<QLabel*>(QStringLiteral("revertSummary"))->text()));
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
        QVERIFY2(dialog->preview().has_value(), qPrintable(dialog->previewError()));
        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("error"),
                 qPrintable(dialog->outcome()->message));
        QVERIFY2(dialog->resultMessage()->text().contains(
                     QStringLiteral("policy: main is protected, branches come from the portal")),
                 qPrintable(dialog->resultMessage()->text()));
        QVERIFY(dialog->resultTitle()->text().contains(QStringLiteral("could not be created")));
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
        QTRY_VERIFY_WITH_TIMEOUT(dialog->preview().has_value() || !dialog->previewError().isEmpty(), 60000);
        QVERIFY2(dialog->preview().has_value(), qPrintable(dialog->previewError()));
        QCOMPARE(dialog->preview()->revertedId, h.c1);
        QCOMPARE(dialog->targetCombo()->currentText(), QStringLiteral("main"));
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
        QVERIFY2(dialog->preview().has_value(), qPrintable(dialog->previewError()));
        QVERIFY(waitCreate(*dialog));
        QVERIFY2(forge::statusName(dialog->outcome()->status) == QStringLiteral("error"),
                 qPrintable(dialog->outcome()->message));
        const QString shown = dialog->resultMessage()->text();
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

        ui::RevertDialog dialog(demo->workTree, commitInfo(demo->workTree, id),
                                QStringList{QStringLiteral("master")});
        dialog.setTokenSources(noTokens());
        dialog.setUseCredentialHelpers(false);
        dialog.setUrlOpener([](const QUrl&) {});
        QVERIFY(waitPreview(dialog));
        QVERIFY2(dialog.preview().has_value(), qPrintable(dialog.previewError()));
        QVERIFY(waitCreate(dialog));
        QVERIFY2(forge::statusName(dialog.outcome()->status) == QStringLiteral("created"),
                 qPrintable(dialog.outcome()->message));
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
        auto dialog = makeDialog(w, h.c2);
        dialog->targetCombo()->setCurrentText(QStringLiteral("release-9"));
        QVERIFY(waitPreview(*dialog));
        QVERIFY(!dialog->preview().has_value());
        QVERIFY2(dialog->previewError().contains(QStringLiteral("has no branch 'release-9'")),
                 qPrintable(dialog->previewError()));
        QVERIFY(!dialog->createButton()->isEnabled());
    }
};

QTEST_MAIN(TestRevertDialog)
#include "tst_revert_dialog.moc"
