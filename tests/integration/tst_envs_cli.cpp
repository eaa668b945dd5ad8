// `shiplog envs`, and --env on log, changes and drift, as a user runs them on the Flux example.
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;

namespace {

QStringList lines(const QByteArray& text)
{
    return QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts);
}

QStringList gitLines(const QString& repo, const QStringList& arguments)
{
    return lines(test::run(QStringLiteral("git"), arguments, repo).out);
}

// The files a commit changed against its first parent (a root commit: all of them).
QStringList changedFiles(const QString& repo, const QString& commit)
{
    const QStringList parents =
        gitLines(repo, {"rev-list", "--parents", "-n", "1", commit}).value(0).split(u' ');
    if (parents.size() > 1)
        return gitLines(repo, {"diff", "--name-only", parents.at(1), commit});
    return gitLines(repo, {"diff-tree", "--no-commit-id", "-r", "--name-only", "--root", commit});
}

} // namespace

class TestEnvsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_flux;
    QJsonObject m_envs;

    // The repository folders and files an environment reads, from `shiplog envs --json`.
    QStringList pathsOf(const QString& environment) const
    {
        QStringList paths;
        for (const QJsonValue& e : m_envs.value(u"environments").toArray())
            if (e.toObject().value(u"name").toString() == environment)
                for (const QJsonValue& u : e.toObject().value(u"units").toArray())
                    for (const QJsonValue& p : u.toObject().value(u"paths").toArray())
                        paths << p.toString();
        return paths;
    }

    static bool touches(const QStringList& files, const QStringList& paths)
    {
        return std::any_of(files.cbegin(), files.cend(), [&](const QString& f) {
            return std::any_of(paths.cbegin(), paths.cend(),
                               [&](const QString& p) { return f == p || f.startsWith(p + u'/'); });
        });
    }

private slots:
    void initTestCase()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        m_flux = m_dir.filePath(QStringLiteral("flux"));
        QVERIFY(test::cloneFixture(QStringLiteral("flux2-kustomize-helm-example"), m_flux));
    }

    void envsJsonHasTheIssuesShape()
    {
        const auto r = test::runShiplog(
            {QStringLiteral("envs"), QStringLiteral("--repo"), m_flux, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(r.out).size(), 1);
        m_envs = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(m_envs.keys(), (QStringList{"environments", "layout", "revision"}));
        QCOMPARE(m_envs.value(u"layout").toString(), QStringLiteral("flux"));
        QCOMPARE(m_envs.value(u"revision").toString(),
                 QString::fromUtf8(test::run("git", {"rev-parse", "HEAD"}, m_flux).out.trimmed()));
        const QJsonArray environments = m_envs.value(u"environments").toArray();
        QCOMPARE(environments.size(), 2);
        for (const QJsonValue& v : environments) {
            const QJsonObject e = v.toObject();
            QCOMPARE(e.keys(), (QStringList{"cluster", "errors", "layout", "name", "resources", "units"}));
            QCOMPARE(e.value(u"layout").toString(), QStringLiteral("flux"));
            int sum = 0;
            for (const QJsonValue& u : e.value(u"units").toArray()) {
                QCOMPARE(u.toObject().keys(),
                         (QStringList{"definition", "name", "namespace", "paths", "resources"}));
                sum += u.toObject().value(u"resources").toInt();
            }
            QCOMPARE(e.value(u"resources").toInt(), sum);
            QVERIFY(sum > 5);
        }
        QVERIFY(pathsOf(QStringLiteral("production")).contains(QStringLiteral("apps/production")));
        QVERIFY(!pathsOf(QStringLiteral("production")).contains(QStringLiteral("apps/staging")));
    }

    // kustomize's output is kept on disk by content: a second run renders nothing again, a change
    // to what an overlay reads renders it again, and an overlay whose output holds a Secret's
    // values is never written to the cache (rendered each time).
    void rendersAreKeptOnDiskForTheNextRun()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("base/kustomization.yaml"), "resources: [app.yaml]\n");
        repo.write(QStringLiteral("base/app.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {mode: blue}\n");
        repo.write(QStringLiteral("overlays/plain/kustomization.yaml"),
                   "namespace: plain\nresources: [../../base]\n");
        repo.write(QStringLiteral("overlays/secret/kustomization.yaml"),
                   "namespace: secret\nresources: [../../base]\nsecretGenerator:\n- name: db\n  literals: "
                   "[password=hunter2]\n");
        repo.commit(QStringLiteral("two overlays"));
        QTemporaryDir bin;
        QTemporaryDir cache;
        // A kustomize that counts its runs and hands over to kubectl's.
        const QString count = bin.filePath(QStringLiteral("runs"));
        const QString script = bin.filePath(QStringLiteral("kustomize"));
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\necho \"$*\" >> '" + count.toUtf8() +
                    "'\nshift\nexec kubectl kustomize \"$@\"\n");
        }
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
        env.insert(QStringLiteral("PATH"), bin.path() + u':' + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("SHIPLOG_RENDER_CACHE_DIR"), cache.filePath(QStringLiteral("renders")));
        const auto runs = [&count] {
            QFile f(count);
            return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : 0;
        };
        const auto envs = [&](const QProcessEnvironment& e) {
            const auto r = test::run(
                QStringLiteral(SHIPLOG_BINARY),
                {QStringLiteral("envs"), QStringLiteral("--repo"), repo.path(), QStringLiteral("--json")}, {},
                e);
            if (r.exitCode != 0)
                qWarning("shiplog envs: %s", r.err.constData());
            QJsonObject counts;
            for (const QJsonValue& v :
                 QJsonDocument::fromJson(r.out).object().value(u"environments").toArray())
                counts.insert(v.toObject().value(u"name").toString(), v.toObject().value(u"resources"));
            return counts;
        };
        const QJsonObject first = envs(env);
        QCOMPARE(first, (QJsonObject{{"overlays/plain", 1}, {"overlays/secret", 2}}));
        QCOMPARE(runs(), 2);
        // The next process: only the overlay with the Secret's values runs kustomize again.
        QCOMPARE(envs(env), first);
        QCOMPARE(runs(), 3);
        // A change to the base both read: both render again, and the cache answers the new content.
        repo.write(QStringLiteral("base/app.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {mode: blue}\n---\n"
                   "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: more}\n");
        repo.commit(QStringLiteral("one more"));
        const QJsonObject changed{{"overlays/plain", 2}, {"overlays/secret", 3}};
        QCOMPARE(envs(env), changed);
        QCOMPARE(runs(), 5);
        QCOMPARE(envs(env), changed);
        QCOMPARE(runs(), 6);
        // "off": no cache at all.
        env.insert(QStringLiteral("SHIPLOG_RENDER_CACHE_DIR"), QStringLiteral("off"));
        QCOMPARE(envs(env), changed);
        QCOMPARE(runs(), 8);
    }

    void logEnvListsOnlyCommitsThatChangedTheEnvironment()
    {
        const QStringList production = pathsOf(QStringLiteral("production"));
        QVERIFY(!production.isEmpty());
        const auto r = test::runShiplog({QStringLiteral("log"), QStringLiteral("--repo"), m_flux,
                                         QStringLiteral("--env"), QStringLiteral("production"),
                                         QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QSet<QString> listed;
        for (const QString& line : lines(r.out))
            listed.insert(QJsonDocument::fromJson(line.toUtf8()).object().value(u"id").toString());
        QVERIFY(!listed.isEmpty());
        // Against git itself: a commit is listed exactly when its first-parent diff touches a path
        // production reads.
        int stagingOnly = 0;
        for (const QString& commit : gitLines(m_flux, {"rev-list", "HEAD"})) {
            const QStringList files = changedFiles(m_flux, commit);
            const bool expected = touches(files, production);
            QVERIFY2(listed.contains(commit) == expected,
                     qPrintable(commit + QStringLiteral(": ") + files.join(u' ')));
            if (!expected &&
                touches(files, {QStringLiteral("apps/staging"), QStringLiteral("clusters/staging")}))
                ++stagingOnly;
        }
        QVERIFY2(stagingOnly > 0, "no staging-only commit: the filter was not put to the test");
    }

    void changesOfASharedBaseShowInBothEnvironments()
    {
        // The latest commit that changed the podinfo base without touching either overlay.
        QString commit;
        for (const QString& c :
             gitLines(m_flux, {"log", "--no-merges", "--format=%H", "--", "apps/base/podinfo"})) {
            if (!touches(changedFiles(m_flux, c),
                         {QStringLiteral("apps/staging"), QStringLiteral("apps/production")})) {
                commit = c;
                break;
            }
        }
        QVERIFY(!commit.isEmpty());
        const auto all = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), m_flux, QStringLiteral("--json"), commit});
        QCOMPARE(all.exitCode, 0);
        QSet<QString> environments;
        QSet<QString> keys[2];
        for (const QJsonValue& v : QJsonDocument::fromJson(all.out).object().value(u"resources").toArray()) {
            const QJsonObject o = v.toObject();
            environments.insert(o.value(u"environment").toString());
            const QString key = o.value(u"kind").toString() + u'/' + o.value(u"namespace").toString() + u'/' +
                                o.value(u"name").toString();
            keys[o.value(u"environment").toString() == u"staging" ? 0 : 1].insert(key);
        }
        QCOMPARE(environments, (QSet<QString>{"staging", "production"}));
        QCOMPARE(keys[0], keys[1]);
        const auto one = test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), m_flux,
                                           QStringLiteral("--json"), QStringLiteral("--env"),
                                           QStringLiteral("staging"), commit});
        QCOMPARE(one.exitCode, 0);
        const QJsonArray staged = QJsonDocument::fromJson(one.out).object().value(u"resources").toArray();
        QCOMPARE(staged.size(), keys[0].size());
        for (const QJsonValue& v : staged)
            QCOMPARE(v.toObject().value(u"environment").toString(), QStringLiteral("staging"));
    }

    void timelineFollowsTheRenderedResource()
    {
        // podinfo's HelmRelease as production renders it: the base, production's patch, namespace.
        const auto r =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), m_flux,
                              QStringLiteral("--env"), QStringLiteral("production"), QStringLiteral("--json"),
                              QStringLiteral("helm.toolkit.fluxcd.io/HelmRelease/podinfo/podinfo")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray steps = QJsonDocument::fromJson(r.out).object().value(u"steps").toArray();
        QVERIFY(steps.size() >= 5);
        const QStringList production = pathsOf(QStringLiteral("production"));
        for (const QJsonValue& v : steps) {
            const QJsonObject step = v.toObject();
            const QString id = step.value(u"commit").toString();
            QVERIFY2(touches(changedFiles(m_flux, id), production), qPrintable(id));
        }
        // The oldest step is the commit that created production's podinfo.
        QCOMPARE(steps.last().toObject().value(u"change").toString(), QStringLiteral("added"));
        QCOMPARE(steps.first().toObject().value(u"namespace").toString(), QStringLiteral("podinfo"));
    }

    void driftAsksForAnEnvironmentWhenClustersDiffer()
    {
        // A kubeconfig that names a server nobody listens on: the environment question comes first.
        QFile config(m_dir.filePath(QStringLiteral("kubeconfig")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n"
            "    server: https://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n"
            "users:\n- name: u\n  user:\n    token: t0k3n-for-tests\n");
        config.close();
        const auto r = test::runShiplog({QStringLiteral("drift"), QStringLiteral("--repo"), m_flux,
                                         QStringLiteral("--kubeconfig"), config.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("choose one with --env") && r.err.contains("production, staging"), r.err);
        const auto unknown = test::runShiplog({QStringLiteral("drift"), QStringLiteral("--repo"), m_flux,
                                               QStringLiteral("--kubeconfig"), config.fileName(),
                                               QStringLiteral("--env"), QStringLiteral("qa")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("No environment 'qa'"), unknown.err);
    }
};

QTEST_GUILESS_MAIN(TestEnvsCli)
#include "tst_envs_cli.moc"
