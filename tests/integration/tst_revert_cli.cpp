// `shiplog revert` end to end: the real binary against a bare remote, git http-backend with Basic
// auth and a GitHub stand-in; JSON shape, exit codes, the user's repository left as it was.
#include "tests/support/fixtures.h"
#include "tests/support/git_servers.h"
#include "tests/support/revert_world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTest>

using namespace shiplog;
using test::RevertWorld;

namespace {

struct History
{
    QString c1, c2;
};

History seed(const RevertWorld& w)
{
    w.seed.write(QStringLiteral("apps/web.yaml"),
                 "kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n");
    w.seed.commit(QStringLiteral("Add web"));
    w.seed.write(QStringLiteral("apps/web.yaml"),
                 "kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n");
    History h;
    h.c1 = w.seed.commit(QStringLiteral("Scale web to 4"));
    w.seed.write(QStringLiteral("apps/web.yaml"),
                 "kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n");
    h.c2 = w.seed.commit(QStringLiteral("Scale web to 6"));
    w.push();
    return h;
}

QProcessEnvironment cliEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
    env.insert(QStringLiteral("HOME"), home.path()); // no ~/.gitconfig, no gh login of the machine's
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    for (const char* name :
         {"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITLAB_TOKEN",
          "GITEA_TOKEN", "AZURE_DEVOPS_EXT_PAT", "GIT_ASKPASS", "SSH_ASKPASS"})
        env.remove(QLatin1String(name));
    return env;
}

test::ProcessResult runRevert(const QStringList& args, const QProcessEnvironment& env)
{
    return test::run(QStringLiteral(SHIPLOG_BINARY), QStringList{QStringLiteral("revert")} + args, {}, env,
                     60000);
}

QJsonObject parse(const QByteArray& out)
{
    return QJsonDocument::fromJson(out.trimmed()).object();
}

} // namespace

class TestRevertCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    // A dry run lists the resources the revert would change, per environment as rendered: a change
    // to a base two kustomize overlays share shows under both, in each overlay's namespace.
    void dryRunListsResourcesPerEnvironment()
    {
        RevertWorld w;
        const auto configMap = [](const QByteArray& value) {
            return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  level: \"" + value +
                   "\"\n";
        };
        w.seed.write(QStringLiteral("base/kustomization.yaml"), "resources: [cm.yaml]\n");
        w.seed.write(QStringLiteral("base/cm.yaml"), configMap("1"));
        w.seed.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                     "resources: [../../base]\nnamespace: s\n");
        w.seed.write(QStringLiteral("overlays/production/kustomization.yaml"),
                     "resources: [../../base]\nnamespace: p\n");
        w.seed.commit(QStringLiteral("two overlays"));
        w.seed.write(QStringLiteral("base/cm.yaml"), configMap("2"));
        const QString bump = w.seed.commit(QStringLiteral("bump the base"));
        w.push();
        QVERIFY(w.cloneUser());
        const auto env = cliEnvironment(m_home);

        const auto json = runRevert(
            {QStringLiteral("--repo"), w.user(), bump, QStringLiteral("--dry-run"), QStringLiteral("--json")},
            env);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject o = parse(json.out);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("dry-run"));
        QStringList resources;
        for (const QJsonValue r : o.value(QStringLiteral("resources")).toArray())
            resources << QStringLiteral("%1 %2/%3 %4")
                             .arg(r[QStringLiteral("environment")].toString(),
                                  r[QStringLiteral("namespace")].toString(),
                                  r[QStringLiteral("name")].toString(),
                                  r[QStringLiteral("change")].toString());
        resources.sort();
        QCOMPARE(resources, (QStringList{QStringLiteral("overlays/production p/app modified"),
                                         QStringLiteral("overlays/staging s/app modified")}));
        QCOMPARE(o.value(QStringLiteral("resourceErrors")).toArray().size(), 0);

        const auto human =
            runRevert({QStringLiteral("--repo"), w.user(), bump, QStringLiteral("--dry-run")}, env);
        QVERIFY2(human.exitCode == 0, human.err.constData());
        QVERIFY2(human.out.contains("environment overlays/production:\n~ ConfigMap p/app"),
                 human.out.constData());
        QVERIFY2(human.out.contains("environment overlays/staging:\n~ ConfigMap s/app"),
                 human.out.constData());
        // Nothing was pushed.
        QVERIFY(!w.remoteBranches().contains(QStringLiteral("revert-")));
    }

    void helpDocumentsExitCodes()
    {
        const auto r = runRevert({QStringLiteral("--help")}, cliEnvironment(m_home));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: shiplog revert [--repo PATH] COMMIT [--mainline N]"));
        QVERIFY(r.out.contains("Exit status: 0 pull request created or found"));
        QVERIFY(r.out.contains("1 nothing done because the revert conflicts"));
    }

    void jsonShapeAndExitCodesWithLocalRemote()
    {
        RevertWorld w;
        const History h = seed(w);
        QVERIFY(w.cloneUser());
        const auto env = cliEnvironment(m_home);
        const auto before = test::snapshot(w.user());

        // c1 conflicts with c2 on the same line: exit 1, nothing pushed.
        const auto conflict =
            runRevert({QStringLiteral("--repo"), w.user(), h.c1, QStringLiteral("--json")}, env);
        QCOMPARE(conflict.exitCode, 1);
        const QByteArray line = conflict.out.trimmed();
        QVERIFY2(
            line.startsWith("{\"status\":\"conflict\",\"branch\":null,\"commit\":null,\"pullRequest\":null,"
                            "\"compareUrl\":null,"
                            "\"conflicts\":[{\"path\":\"apps/web.yaml\",\"resources\":[]}],\"message\":"),
            line.constData());
        QCOMPARE(conflict.out.count('\n'), 1);

        // c2 reverts cleanly: pushed (the remote is a folder: no forge), exit 0.
        const auto pushed =
            runRevert({QStringLiteral("--repo"), w.user(), h.c2, QStringLiteral("--json")}, env);
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
        const QJsonObject o = parse(pushed.out);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("pushed"));
        const QString branch = o.value(QStringLiteral("branch")).toString();
        QCOMPARE(branch, QStringLiteral("revert-") + h.c2.left(7));
        QCOMPARE(RevertWorld::treeOf(w.remote.path(), branch), w.gitRevert(h.c2).first);
        QCOMPARE(RevertWorld::messageOf(w.remote.path(), branch), w.gitRevert(h.c2).second);
        QCOMPARE(o.value(QStringLiteral("commit")).toString(),
                 QString::fromUtf8(test::gitIn(w.remote.path(), {QStringLiteral("rev-parse"), branch}).out)
                     .trimmed());
        QVERIFY(o.value(QStringLiteral("pullRequest")).isNull());

        // Once the revert is merged, reverting again says so: exit 1.
        test::gitIn(w.remote.path(), {QStringLiteral("update-ref"), QStringLiteral("refs/heads/main"),
                                      o.value(QStringLiteral("commit")).toString()});
        const auto already =
            runRevert({QStringLiteral("--repo"), w.user(), h.c2, QStringLiteral("--json")}, env);
        QCOMPARE(already.exitCode, 1);
        QCOMPARE(parse(already.out).value(QStringLiteral("status")).toString(),
                 QStringLiteral("already-reverted"));

        // Human output and errors.
        const auto human =
            runRevert({QStringLiteral("--repo"), w.user(), h.c1, QStringLiteral("--dry-run")}, env);
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.startsWith("Dry run: would push "), human.out.constData());
        const auto unknown = runRevert({QStringLiteral("--repo"), w.user(), QStringLiteral("nope")}, env);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.startsWith("shiplog: error: Unknown revision 'nope'"), unknown.err.constData());
        const auto badForge = runRevert({QStringLiteral("--repo"), w.user(), h.c1, QStringLiteral("--forge"),
                                         QStringLiteral("sourcehut")},
                                        env);
        QCOMPARE(badForge.exitCode, 2);
        QVERIFY(badForge.err.contains("not one of github, gitlab, gitea, bitbucket, azure"));

        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void httpsWithTokenOpensPullRequestOnce()
    {
        RevertWorld w;
        const History h = seed(w);
        QTemporaryDir root;
        const QString bare = root.filePath(QStringLiteral("acme/env.git"));
        test::gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"),
                         w.remote.path(), bare});
        test::GitHttpServer git(root.path(), QStringLiteral("ghp_secret"));

        QMutex mutex;
        QJsonObject created;
        std::atomic<int> posts{0};
        test::LoopbackHttpServer api([&](const test::HttpRequest& r) {
            QMutexLocker lock(&mutex);
            const auto reply = [](int status, const QJsonDocument& d) {
                return test::HttpResponse{status, {{"Content-Type", "application/json"}}, d.toJson(), false};
            };
            if (r.header("authorization") != "Bearer ghp_secret")
                return reply(401, QJsonDocument(QJsonObject{
                                      {QStringLiteral("message"), QStringLiteral("Bad credentials")}}));
            if (r.path != "/api/v3/repos/acme/env/pulls")
                return reply(404, QJsonDocument(
                                      QJsonObject{{QStringLiteral("message"), QStringLiteral("Not Found")}}));
            if (r.method == "GET")
                return reply(200, QJsonDocument(created.isEmpty() ? QJsonArray{} : QJsonArray{created}));
            ++posts;
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(QStringLiteral("base")).toString() != QStringLiteral("main") ||
                body.value(QStringLiteral("title")).toString().isEmpty())
                return reply(422, QJsonDocument(QJsonObject{
                                      {QStringLiteral("message"), QStringLiteral("Validation Failed")}}));
            created = QJsonObject{
                {QStringLiteral("html_url"), QStringLiteral("https://ghe.example/acme/env/pull/9")},
                {QStringLiteral("number"), 9}};
            return reply(201, QJsonDocument(created));
        });

        QVERIFY(w.cloneUser(git.url(QStringLiteral("acme/env.git"))));
        const auto before = test::snapshot(w.user());
        QProcessEnvironment env = cliEnvironment(m_home);
        env.insert(QStringLiteral("GH_ENTERPRISE_TOKEN"), QStringLiteral("ghp_secret"));
        const QStringList args{QStringLiteral("--repo"),
                               w.user(),
                               h.c2,
                               QStringLiteral("--forge"),
                               QStringLiteral("github"),
                               QStringLiteral("--forge-api"),
                               api.baseUrl() + QStringLiteral("/api/v3"),
                               QStringLiteral("--json")};
        const auto first = runRevert(args, env);
        QVERIFY2(first.exitCode == 0, (first.out + first.err).constData());
        const QJsonObject o = parse(first.out);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("created"));
        QCOMPARE(o.value(QStringLiteral("pullRequest")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://ghe.example/acme/env/pull/9"));
        QCOMPARE(o.value(QStringLiteral("pullRequest")).toObject().value(QStringLiteral("number")).toInt(),
                 9);
        QVERIFY(o.value(QStringLiteral("compareUrl"))
                    .toString()
                    .startsWith(QStringLiteral("http://127.0.0.1:%1/acme/env/compare/main...revert-")
                                    .arg(QUrl(git.url({})).port())));
        QVERIFY(!first.out.contains("ghp_secret") && !first.err.contains("ghp_secret"));
        QCOMPARE(RevertWorld::treeOf(bare, o.value(QStringLiteral("branch")).toString()),
                 w.gitRevert(h.c2).first);

        const auto second = runRevert(args, env);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(parse(second.out).value(QStringLiteral("status")).toString(), QStringLiteral("exists"));
        QCOMPARE(posts.load(), 1);

        // A wrong token: exit 2 and a sentence naming the server, after one refused attempt.
        env.insert(QStringLiteral("GH_ENTERPRISE_TOKEN"), QStringLiteral("wrong"));
        const int refusedBefore = git.refusedAttempts;
        const auto refused = runRevert(args, env);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("Authentication failed for http://127.0.0.1:"),
                 refused.err.constData());
        QCOMPARE(git.refusedAttempts - refusedBefore, 1);

        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }
};

QTEST_GUILESS_MAIN(TestRevertCli)
#include "tst_revert_cli.moc"
