// Revert pushes over real servers: git daemon (a pre-receive hook declines) and git http-backend
// behind Basic authentication (token, credential helper, bounded attempts), then a forge stub.
#include "core/forge/revert_pull_request.h"
#include "tests/support/fixtures.h"
#include "tests/support/git_servers.h"
#include "tests/support/revert_world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTest>
#include <git2.h>

using namespace shiplog;
using namespace shiplog::core;
using test::RevertWorld;

namespace {

struct Served
{
    QTemporaryDir root;
    QString bare() const { return root.filePath(QStringLiteral("acme/env.git")); }
};

// The world's history, served from root/acme/env.git; the user's clone points at `url`.
QString seed(RevertWorld& w, Served& s)
{
    w.seed.write(QStringLiteral("apps/a.yaml"), "replicas: 1\n");
    w.seed.commit(QStringLiteral("Add a"));
    w.seed.write(QStringLiteral("apps/a.yaml"), "replicas: 3\n");
    const QString c1 = w.seed.commit(QStringLiteral("Scale a to 3"));
    w.seed.write(QStringLiteral("apps/b.yaml"), "image: b:2\n");
    w.seed.commit(QStringLiteral("Add b"));
    w.push();
    test::gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"), w.remote.path(),
                     s.bare()});
    return c1;
}

forge::RevertRequest requestFor(const RevertWorld& w, const QString& commit)
{
    forge::RevertRequest r;
    r.repoPath = w.user();
    r.commit = commit;
    r.tokens.environment = QProcessEnvironment();
    r.tokens.askGhCli = false;
    r.useCredentialHelpers = true;
    return r;
}

// A pre-receive hook that prints `policy` and declines every push; returns its path ("" on failure).
QString installDecliningHook(const Served& s, const QByteArray& policy)
{
    const QString hook = s.bare() + QStringLiteral("/hooks/pre-receive");
    QFile f(hook);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\necho \"" + policy + "\" >&2\nexit 1\n");
    f.close();
    QFile::setPermissions(hook, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return hook;
}

QString branches(const QString& bare)
{
    return QString::fromUtf8(
        test::gitIn(bare, {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)")}).out);
}

// GitHub's pulls API, just enough: create (201, then the duplicate 422) and list by head.
class GitHubStub
{
public:
    GitHubStub() : m_server([this](const test::HttpRequest& r) { return handle(r); }) {}
    QString base() const { return m_server.baseUrl(); }
    std::atomic<int> posts{0};

private:
    test::HttpResponse handle(const test::HttpRequest& r)
    {
        QMutexLocker lock(&m_mutex);
        auto json = [](int status, const QJsonDocument& d) {
            return test::HttpResponse{status, {{"Content-Type", "application/json"}}, d.toJson(), false};
        };
        if (r.header("authorization") != "Bearer s3cret")
            return json(401, QJsonDocument(QJsonObject{
                                 {QStringLiteral("message"), QStringLiteral("Bad credentials")}}));
        if (r.path != "/repos/acme/env/pulls")
            return json(404,
                        QJsonDocument(QJsonObject{{QStringLiteral("message"), QStringLiteral("Not Found")}}));
        if (r.method == "GET") {
            QJsonArray list;
            if (!m_head.isEmpty() && r.query.contains("head=acme%3A" + m_head.toUtf8()))
                list.append(m_pr);
            return json(200, QJsonDocument(list));
        }
        ++posts;
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (!m_head.isEmpty())
            return json(422, QJsonDocument(QJsonObject{
                                 {QStringLiteral("message"), QStringLiteral("Validation Failed")}}));
        m_head = body.value(QStringLiteral("head")).toString();
        m_pr = QJsonObject{
            {QStringLiteral("html_url"), QStringLiteral("https://github.example/acme/env/pull/42")},
            {QStringLiteral("number"), 42}};
        lastBody = body;
        return json(201, QJsonDocument(m_pr));
    }
    QMutex m_mutex;
    QString m_head;
    QJsonObject m_pr;
    test::LoopbackHttpServer m_server;

public:
    QJsonObject lastBody;
};

} // namespace

class TestRevertNetwork : public QObject
{
    Q_OBJECT
    QTemporaryDir m_emptyConfig;

private slots:
    void initTestCase()
    {
        git_libgit2_init();
        for (int level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM,
                          GIT_CONFIG_LEVEL_PROGRAMDATA})
            git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, m_emptyConfig.path().toUtf8().constData());
        // `git credential fill` must find no helper of the machine's, and never prompt.
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("GIT_CONFIG_GLOBAL", "/dev/null");
        qputenv("GIT_TERMINAL_PROMPT", "0");
        qunsetenv("GIT_ASKPASS");
        qunsetenv("SSH_ASKPASS");
    }

    void daemonHookDeclinesWithServerMessage()
    {
        RevertWorld w;
        Served s;
        const QString c1 = seed(w, s);
        const QString hook =
            installDecliningHook(s, "policy: branches must be created through the review portal");
        QVERIFY(!hook.isEmpty());
        test::GitDaemon daemon(s.root.path());
        QVERIFY(daemon.ready());
        QVERIFY(w.cloneUser(daemon.url(QStringLiteral("acme/env.git"))));
        const auto before = test::snapshot(w.user());
        const QString branchesBefore = branches(s.bare());

        const auto outcome = forge::revertViaPullRequest(requestFor(w, c1));
        QCOMPARE(outcome.status, forge::RevertStatus::Error);
        QVERIFY2(outcome.message.contains(QStringLiteral("pre-receive hook declined")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(
                     QStringLiteral("policy: branches must be created through the review portal")),
                 qPrintable(outcome.message));
        QCOMPARE(branches(s.bare()), branchesBefore);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());

        // Without the hook the same push goes through.
        QFile::remove(hook);
        const auto pushed = forge::revertViaPullRequest(requestFor(w, c1));
        QVERIFY2(pushed.status == forge::RevertStatus::Pushed, qPrintable(pushed.message));
        QCOMPARE(RevertWorld::treeOf(s.bare(), pushed.branch), w.gitRevert(c1).first);
    }

    // D12: libgit2's local transport ran no hook — a declining pre-receive hook was bypassed and
    // the push reported "pushed". A remote on this machine gets what `git push` does.
    void localRemoteRunsItsHooksLikeGitPush()
    {
        for (const bool fileScheme : {true, false}) {
            RevertWorld w;
            Served s;
            const QString c1 = seed(w, s);
            const QString hook = installDecliningHook(s, "policy: no branches from robots");
            QVERIFY(!hook.isEmpty());
            QVERIFY(w.cloneUser(fileScheme ? QStringLiteral("file://") + s.bare() : s.bare()));
            const auto before = test::snapshot(w.user());
            const QString branchesBefore = branches(s.bare());

            const auto outcome = forge::revertViaPullRequest(requestFor(w, c1));
            QCOMPARE(outcome.status, forge::RevertStatus::Error);
            QVERIFY2(outcome.message.contains(QStringLiteral("pre-receive hook declined")),
                     qPrintable(outcome.message));
            QVERIFY2(outcome.message.contains(QStringLiteral("policy: no branches from robots")),
                     qPrintable(outcome.message));
            QCOMPARE(branches(s.bare()), branchesBefore);
            const auto after = test::snapshot(w.user());
            QVERIFY2(before == after, before.difference(after).constData());

            QFile::remove(hook);
            const auto pushed = forge::revertViaPullRequest(requestFor(w, c1));
            QVERIFY2(pushed.status == forge::RevertStatus::Pushed, qPrintable(pushed.message));
            QCOMPARE(RevertWorld::treeOf(s.bare(), pushed.branch), w.gitRevert(c1).first);
            const auto afterPush = test::snapshot(w.user());
            QVERIFY2(before == afterPush, before.difference(afterPush).constData());
        }
    }

    void httpTokenPushesAndOpensPullRequest()
    {
        RevertWorld w;
        Served s;
        const QString c1 = seed(w, s);
        test::GitHttpServer server(s.root.path(), QStringLiteral("s3cret"));
        GitHubStub github;
        QVERIFY(w.cloneUser(server.url(QStringLiteral("acme/env.git"))));
        const auto before = test::snapshot(w.user());

        auto request = requestFor(w, c1);
        request.forge = forge::ForgeKind::GitHub;
        request.forgeApi = github.base();
        auto store = std::make_shared<forge::MemoryTokenStore>();
        store->set(QStringLiteral("127.0.0.1"), QStringLiteral("s3cret"));
        request.tokens.store = store;
        const auto outcome = forge::revertViaPullRequest(request);
        QVERIFY2(outcome.status == forge::RevertStatus::Created, qPrintable(outcome.message));
        QCOMPARE(outcome.pullRequest->url, QStringLiteral("https://github.example/acme/env/pull/42"));
        QCOMPARE(outcome.pullRequest->number, 42);
        QCOMPARE(RevertWorld::treeOf(s.bare(), outcome.branch), w.gitRevert(c1).first);
        QCOMPARE(RevertWorld::messageOf(s.bare(), outcome.branch), w.gitRevert(c1).second);
        QCOMPARE(github.lastBody.value(QStringLiteral("head")).toString(), outcome.branch);
        QCOMPARE(github.lastBody.value(QStringLiteral("base")).toString(), QStringLiteral("main"));
        QCOMPARE(github.lastBody.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Revert \"Scale a to 3\""));
        QVERIFY(outcome.compareUrl.contains(QStringLiteral("/acme/env/compare/main...") + outcome.branch));
        QCOMPARE(server.refusedAttempts.load(), 0);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        QVERIFY(!after.gitFiles.value(QStringLiteral("config")).contains("s3cret"));

        // The same revert again: the branch is reused and the open pull request reported.
        const auto again = forge::revertViaPullRequest(request);
        QVERIFY2(again.status == forge::RevertStatus::Exists, qPrintable(again.message));
        QCOMPARE(again.pullRequest->number, 42);
        QCOMPARE(github.posts.load(), 1);
    }

    void httpWrongTokenGivesUpAfterBoundedAttempts()
    {
        RevertWorld w;
        Served s;
        const QString c1 = seed(w, s);
        test::GitHttpServer server(s.root.path(), QStringLiteral("s3cret"));
        QVERIFY(w.cloneUser(server.url(QStringLiteral("acme/env.git"))));
        const auto before = test::snapshot(w.user());
        auto request = requestFor(w, c1);
        request.forge = forge::ForgeKind::GitHub;
        auto store = std::make_shared<forge::MemoryTokenStore>();
        store->set(QStringLiteral("127.0.0.1"), QStringLiteral("wrong-token"));
        request.tokens.store = store;
        const auto outcome = forge::revertViaPullRequest(request);
        QCOMPARE(outcome.status, forge::RevertStatus::Error);
        QVERIFY2(outcome.message.contains(QStringLiteral("Authentication failed for http://127.0.0.1:")),
                 qPrintable(outcome.message));
        QVERIFY(!outcome.message.contains(QStringLiteral("wrong-token")));
        // The token once; git credential fill has no helper here: then it stops.
        QCOMPARE(server.refusedAttempts.load(), 1);
        QVERIFY(server.anonymous.load() <= 2);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void httpCredentialHelperApprovedAndRejected()
    {
        RevertWorld w;
        Served s;
        const QString c1 = seed(w, s);
        test::GitHttpServer server(s.root.path(), QStringLiteral("s3cret"));
        QVERIFY(w.cloneUser(server.url(QStringLiteral("acme/env.git"))));
        const QString log = w.userDir.filePath(QStringLiteral("helper.log"));
        auto helper = [&](const QString& password) {
            return QStringLiteral("!f() { echo \"$1\" >> '%1'; test \"$1\" = get && printf "
                                  "'username=u\\npassword=%2\\n'; true; }; f")
                .arg(log, password);
        };
        test::gitIn(w.user(), {QStringLiteral("config"), QStringLiteral("credential.helper"),
                               helper(QStringLiteral("bad"))});
        const auto refused = forge::revertViaPullRequest(requestFor(w, c1));
        QCOMPARE(refused.status, forge::RevertStatus::Error);
        QVERIFY2(refused.message.contains(QStringLiteral("Authentication failed")),
                 qPrintable(refused.message));
        QCOMPARE(server.refusedAttempts.load(), 1);
        QFile first(log);
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), QByteArray("get\nerase\n")); // reject = helpers' "erase"
        first.close();
        QFile::remove(log);

        test::gitIn(w.user(), {QStringLiteral("config"), QStringLiteral("credential.helper"),
                               helper(QStringLiteral("s3cret"))});
        const auto before = test::snapshot(w.user());
        const auto pushed = forge::revertViaPullRequest(requestFor(w, c1));
        QVERIFY2(pushed.status == forge::RevertStatus::Pushed, qPrintable(pushed.message));
        QFile second(log);
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), QByteArray("get\nstore\n")); // approve = helpers' "store"
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }
};

QTEST_GUILESS_MAIN(TestRevertNetwork)
#include "tst_revert_network.moc"
