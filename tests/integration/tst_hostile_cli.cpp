// The real `shiplog` binary against hostile input (issue 14): no display and a mistyped command
// line (D16), terminal escapes in names and paths (D4), an empty revision, non-string identity
// fields (D3), broken discovery reported as an error and never as drift (D11), a token withheld
// from a plain-HTTP server elsewhere, and branch names git would refuse (D15).
#include "tests/support/hostile_kube_server.h"
#include "tests/support/revert_world.h"
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace shiplog;
using test::HostileAnswer;
using test::HostileKubeServer;

namespace {

test::ProcessResult shiplogIn(const QStringList& args, const QProcessEnvironment& env,
                              const QString& cwd = {})
{
    return test::run(QStringLiteral(SHIPLOG_BINARY), args, cwd, env, 60000);
}

QProcessEnvironment withoutDisplay()
{
    QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    return env;
}

// A repository declaring what HostileKubeServer::healthy serves: Namespace ns and ConfigMap ns/c1.
void writeClusterRepo(const test::ScratchRepo& repo)
{
    repo.write(QStringLiteral("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n");
    repo.write(QStringLiteral("c1.yaml"),
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: ns\ndata:\n  k: v\n");
    repo.commit(QStringLiteral("cluster"));
}

QString writeKubeconfig(const QTemporaryDir& dir, const QString& server, const QString& proxy = {})
{
    const QString path = dir.filePath(QStringLiteral("kubeconfig"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QString text = QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: h\n"
                                  "clusters:\n- name: h\n  cluster:\n    server: %1\n")
                       .arg(server);
    if (!proxy.isEmpty())
        text += QStringLiteral("    proxy-url: %1\n").arg(proxy);
    text += QStringLiteral("users:\n- name: u\n  user:\n    token: tok-planted-kube-4711\n"
                           "contexts:\n- name: h\n  context: {cluster: h, user: u}\n");
    file.write(text.toUtf8());
    return path;
}

} // namespace

class TestHostileCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_cwd; // where "chnages" is not a folder

private slots:
    // D16: these aborted (SIGABRT) inside Qt's platform plugin without a display.
    void commandLineIsCheckedBeforeAnyWindow()
    {
        const QProcessEnvironment env = withoutDisplay();
        const auto bogus = shiplogIn({QStringLiteral("--bogus")}, env, m_cwd.path());
        QCOMPARE(bogus.exitCode, 2);
        QVERIFY2(bogus.err.contains("Unknown option 'bogus'"), bogus.err.constData());

        const auto typo = shiplogIn({QStringLiteral("chnages")}, env, m_cwd.path());
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains("Unknown command 'chnages'; did you mean 'changes'?"),
                 typo.err.constData());

        const auto palette =
            shiplogIn({QStringLiteral("--palette"), QStringLiteral("purple")}, env, m_cwd.path());
        QCOMPARE(palette.exitCode, 2);
        QVERIFY2(palette.err.contains("--palette takes light or dark"), palette.err.constData());

        for (const QStringList& args :
             {QStringList{}, QStringList{m_cwd.path()}, QStringList{QStringLiteral("--demo")}}) {
            const auto gui = shiplogIn(args, env, m_cwd.path());
            QVERIFY2(gui.exitCode == 2,
                     qPrintable(args.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(gui.err)));
            QVERIFY2(gui.err.startsWith("shiplog: error: no display"), gui.err.constData());
        }
        // The commands need no display.
        QCOMPARE(shiplogIn({QStringLiteral("--version")}, env).exitCode, 0);
    }

    void emptyRevisionIsAnError()
    {
        test::ScratchRepo repo;
        writeClusterRepo(repo);
        const auto r =
            test::runShiplog({QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), QString()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the revision is empty"), r.err.constData());
        const auto t =
            test::runShiplog({QStringLiteral("timeline"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("--rev"), QString(), QStringLiteral("ConfigMap/ns/c1")});
        QCOMPARE(t.exitCode, 2);
        QVERIFY2(t.err.contains("--rev is empty"), t.err.constData());
    }

    // D4: names and paths are the repository's text; a terminal must not execute them.
    void controlCharactersAreEscapedInTextOutput()
    {
        test::ScratchRepo repo;
        const QString evilPath = QStringLiteral("evil\x1b]0;pwned\x07\nname.yaml");
        repo.write(evilPath, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"c\\e[2Jx\\nforged\"\n  "
                             "namespace: ns\ndata:\n  k: v\n");
        repo.commit(QStringLiteral("evil \x1b[31mred"));
        const auto changes = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), QStringLiteral("HEAD")});
        QCOMPARE(changes.exitCode, 0);
        QVERIFY2(!changes.out.contains('\x1b') && !changes.out.contains('\x07'),
                 changes.out.toPercentEncoding(" /:\n").constData());
        QVERIFY2(changes.out.contains("c\\e[2Jx\\nforged") &&
                     changes.out.contains("evil\\e]0;pwned\\x07\\nname.yaml"),
                 changes.out.constData());
        QVERIFY2(!changes.out.contains("\nforged") && !changes.out.contains("\nname.yaml"),
                 changes.out.constData()); // no forged lines

        const auto json = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), QStringLiteral("--json")});
        QVERIFY(!json.out.contains('\x1b'));
        QCOMPARE(QJsonDocument::fromJson(json.out)
                     .object()
                     .value(u"resources")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"name")
                     .toString(),
                 QStringLiteral("c\x1b[2Jx\nforged")); // JSON carries the real name, escaped by JSON
    }

    // D3: kubectl refuses a name or namespace YAML reads as another type; so does Shiplog, with file and
    // line.
    void nonStringIdentityIsAnErrorWithFileAndLine()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: no\n");
        repo.write(QStringLiteral("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n");
        repo.commit(QStringLiteral("bad identities"));
        const auto r = test::runShiplog(
            {QStringLiteral("changes"), QStringLiteral("--repo"), repo.path(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject set = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(set.value(u"resources").toArray().size(), 0);
        const QJsonArray errors = set.value(u"errors").toArray();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).toObject().value(u"path").toString(), QStringLiteral("a.yaml"));
        QVERIFY(errors.at(0).toObject().value(u"line").toInt() >= 1);
        QVERIFY2(errors.at(0).toObject().value(u"message").toString().contains(u"metadata.namespace"),
                 r.out.constData());
        QVERIFY2(errors.at(1)
                     .toObject()
                     .value(u"message")
                     .toString()
                     .contains(u"metadata.name of this ConfigMap is the number 123"),
                 r.out.constData());
    }

    // D11: discovery answering HTML, invalid JSON or {} made `drift` report "missing in cluster", exit 1.
    void brokenDiscoveryIsAnErrorNotDrift_data()
    {
        QTest::addColumn<QByteArray>("endpoint");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("HTML /api") << QByteArray("/api")
                                   << QByteArray("<html>Sign in to the corporate proxy</html>");
        QTest::newRow("invalid /api/v1") << QByteArray("/api/v1") << QByteArray("{\"resources\": [");
        QTest::newRow("empty /apis") << QByteArray("/apis") << QByteArray("{}");
        QTest::newRow("empty /api/v1") << QByteArray("/api/v1") << QByteArray("{}");
    }

    void brokenDiscoveryIsAnErrorNotDrift()
    {
        QFETCH(QByteArray, endpoint);
        QFETCH(QByteArray, body);
        test::ScratchRepo repo;
        writeClusterRepo(repo);
        HostileKubeServer server([=](const QByteArray&, const QByteArray& target) {
            HostileAnswer a = HostileKubeServer::healthy(target);
            if (target == endpoint) {
                a.body = body;
                a.contentType = body.startsWith('<') ? "text/html" : "application/json";
            }
            return a;
        });
        QTemporaryDir dir;
        const QString kubeconfig = writeKubeconfig(dir, server.url());
        const auto r =
            test::runShiplog({QStringLiteral("drift"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 2, (r.out + r.err).constData());
        QVERIFY2(r.err.contains(server.url().toUtf8()) && r.err.contains("GET " + endpoint + " "),
                 r.err.constData());
        QVERIFY(!r.out.contains("missing"));
    }

    void healthyServerIsInSync()
    {
        test::ScratchRepo repo;
        writeClusterRepo(repo);
        HostileKubeServer server(
            [](const QByteArray&, const QByteArray& target) { return HostileKubeServer::healthy(target); });
        QTemporaryDir dir;
        const auto r = test::runShiplog({QStringLiteral("drift"), QStringLiteral("--repo"), repo.path(),
                                         QStringLiteral("--kubeconfig"), writeKubeconfig(dir, server.url())});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(r.out.contains("All 2 resources in sync."), r.out.constData());
        QCOMPARE(server.authorizations().last(),
                 QByteArray("Bearer tok-planted-kube-4711")); // loopback: sent
    }

    // A declared Secret whose GET fails was compared with its metadata-only inventory: every value
    // looked removed. It is not readable, with the reason.
    void secretThatCannotBeReadIsNotDrift()
    {
        test::ScratchRepo repo;
        writeClusterRepo(repo);
        repo.write(
            QStringLiteral("s1.yaml"),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s1\n  namespace: ns\nstringData:\n  k: v\n");
        repo.commit(QStringLiteral("secret"));
        HostileKubeServer server([](const QByteArray&, const QByteArray& target) {
            const QByteArray path =
                target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            if (path == "/api/v1/secrets")
                return HostileAnswer{
                    200, "application/json",
                    R"({"kind":"SecretList","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"s1","namespace":"ns"}}]})"};
            if (path == "/api/v1/namespaces/ns/secrets/s1")
                return HostileAnswer{200, "application/json", "{\"kind\":\"Secret\",\"data\":{\"k\":",
                                     HostileAnswer::Mode::ResetMidBody};
            return HostileKubeServer::healthy(target);
        });
        QTemporaryDir dir;
        const auto r = test::runShiplog({QStringLiteral("drift"), QStringLiteral("--repo"), repo.path(),
                                         QStringLiteral("--kubeconfig"), writeKubeconfig(dir, server.url()),
                                         QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 1, (r.out + r.err).constData());
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QVERIFY2(report.value(u"summary").toObject().value(u"drifted").toInt() == 0, r.out.constData());
        QVERIFY2(report.value(u"summary").toObject().value(u"unreadable").toInt() == 1, r.out.constData());
        for (const QJsonValue& v : report.value(u"resources").toArray())
            if (v.toObject().value(u"name").toString() == u"s1")
                QVERIFY2(
                    v.toObject().value(u"reason").toString().contains(u"/api/v1/namespaces/ns/secrets/s1"),
                    r.out.constData());
    }

    // kubectl never sends credentials over plain HTTP; to another host, neither does Shiplog, and it says so.
    void tokenIsWithheldFromPlainHttpElsewhere()
    {
        test::ScratchRepo repo;
        writeClusterRepo(repo);
        HostileKubeServer proxy(
            [](const QByteArray&, const QByteArray& target) { return HostileKubeServer::healthy(target); });
        QTemporaryDir dir;
        const auto r = test::runShiplog(
            {QStringLiteral("drift"), QStringLiteral("--repo"), repo.path(), QStringLiteral("--kubeconfig"),
             writeKubeconfig(dir, QStringLiteral("http://cluster.example.test:8080"), proxy.url())});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY(!proxy.requests().isEmpty());
        for (const QByteArray& authorization : proxy.authorizations())
            QVERIFY2(authorization.isEmpty(), authorization.constData());
        QVERIFY2(r.err.contains("shiplog: warning: The server http://cluster.example.test:8080") &&
                     r.err.contains("are not sent"),
                 r.err.constData());
        QVERIFY(!r.out.contains("tok-planted-kube-4711") && !r.err.contains("tok-planted-kube-4711"));
    }

    // D15: these created refs/heads/HEAD, refs/heads/refs/heads/main and refs/heads/-x on the remote.
    void invalidBranchNamesAreRefusedBeforeAnyPush()
    {
        test::RevertWorld w;
        w.seed.write(QStringLiteral("a.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: '1'\n");
        w.seed.commit(QStringLiteral("a"));
        w.seed.write(QStringLiteral("a.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: '2'\n");
        const QString change = w.seed.commit(QStringLiteral("a 2"));
        w.push();
        QVERIFY(w.cloneUser());
        const QString before = w.remoteBranches();
        for (const QString& name :
             {QStringLiteral("HEAD"), QStringLiteral("refs/heads/main"), QStringLiteral("-x"),
              QStringLiteral("a..b"), QStringLiteral("x.lock"), QStringLiteral("sp ace")}) {
            const auto r = shiplogIn({QStringLiteral("revert"), QStringLiteral("--repo"), w.user(), change,
                                      QStringLiteral("--branch=") + name, QStringLiteral("--json")},
                                     test::ScratchRepo::gitEnvironment());
            QVERIFY2(r.exitCode == 2,
                     qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(r.out + r.err)));
            QVERIFY2(r.err.contains("is not a valid branch name"), r.err.constData());
        }
        QCOMPARE(w.remoteBranches(), before);
        // A valid name still works.
        const auto ok = shiplogIn({QStringLiteral("revert"), QStringLiteral("--repo"), w.user(), change,
                                   QStringLiteral("--branch=fix/undo-a"), QStringLiteral("--json")},
                                  test::ScratchRepo::gitEnvironment());
        QVERIFY2(ok.exitCode == 0, (ok.out + ok.err).constData());
        QVERIFY(w.remoteBranches().contains(QStringLiteral("refs/heads/fix/undo-a")));
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostile_cli.moc"
