#include "core/forge/forge_client.h"
#include "core/forge/remote_url.h"
#include "core/forge/tokens.h"

#include <QTest>
#include <QUrlQuery>

using namespace shiplog::core::forge;

class TestRemoteUrl : public QObject
{
    Q_OBJECT
private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("forge");
        QTest::addColumn<QString>("apiBase");
        QTest::addColumn<QString>("webRepo");
        const int gh = int(ForgeKind::GitHub), gl = int(ForgeKind::GitLab), gt = int(ForgeKind::Gitea),
                  bb = int(ForgeKind::Bitbucket), az = int(ForgeKind::Azure), un = int(ForgeKind::Unknown);
        QTest::newRow("github https") << "https://github.com/acme/env.git"
                                      << "https"
                                      << "github.com" << -1 << "acme/env" << gh << "https://api.github.com"
                                      << "https://github.com/acme/env";
        QTest::newRow("github https no .git, slash")
            << "https://github.com/acme/env/"
            << "https"
            << "github.com" << -1 << "acme/env" << gh << "https://api.github.com"
            << "https://github.com/acme/env";
        QTest::newRow("github scp") << "git@github.com:acme/env.git"
                                    << "ssh"
                                    << "github.com" << -1 << "acme/env" << gh << "https://api.github.com"
                                    << "https://github.com/acme/env";
        QTest::newRow("github ssh port 443")
            << "ssh://git@ssh.github.com:443/acme/env.git"
            << "ssh"
            << "ssh.github.com" << 443 << "acme/env" << gh << "https://api.github.com"
            << "https://github.com/acme/env";
        QTest::newRow("ghes") << "https://github.corp.example/platform/env.git"
                              << "https"
                              << "github.corp.example" << -1 << "platform/env" << gh
                              << "https://github.corp.example/api/v3"
                              << "https://github.corp.example/platform/env";
        QTest::newRow("gitlab subgroups")
            << "https://gitlab.com/group/sub/deeper/env.git"
            << "https"
            << "gitlab.com" << -1 << "group/sub/deeper/env" << gl << "https://gitlab.com/api/v4"
            << "https://gitlab.com/group/sub/deeper/env";
        QTest::newRow("gitlab scp subgroups")
            << "git@gitlab.com:group/sub/env.git"
            << "ssh"
            << "gitlab.com" << -1 << "group/sub/env" << gl << "https://gitlab.com/api/v4"
            << "https://gitlab.com/group/sub/env";
        QTest::newRow("gitlab self-hosted port")
            << "https://gitlab.example.org:8443/ops/env.git"
            << "https"
            << "gitlab.example.org" << 8443 << "ops/env" << gl << "https://gitlab.example.org:8443/api/v4"
            << "https://gitlab.example.org:8443/ops/env";
        QTest::newRow("ssh with port")
            << "ssh://git@gitlab.example.org:2222/ops/env.git"
            << "ssh"
            << "gitlab.example.org" << 2222 << "ops/env" << gl << "https://gitlab.example.org/api/v4"
            << "https://gitlab.example.org/ops/env";
        QTest::newRow("codeberg") << "https://codeberg.org/me/env.git"
                                  << "https"
                                  << "codeberg.org" << -1 << "me/env" << gt << "https://codeberg.org/api/v1"
                                  << "https://codeberg.org/me/env";
        QTest::newRow("bitbucket scp")
            << "git@bitbucket.org:ws/env.git"
            << "ssh"
            << "bitbucket.org" << -1 << "ws/env" << bb << "https://api.bitbucket.org/2.0"
            << "https://bitbucket.org/ws/env";
        QTest::newRow("bitbucket https user")
            << "https://me@bitbucket.org/ws/env.git"
            << "https"
            << "bitbucket.org" << -1 << "ws/env" << bb << "https://api.bitbucket.org/2.0"
            << "https://bitbucket.org/ws/env";
        QTest::newRow("azure https") << "https://org@dev.azure.com/org/My%20Project/_git/env"
                                     << "https"
                                     << "dev.azure.com" << -1 << "org/My Project/env" << az
                                     << "https://dev.azure.com/org"
                                     << "https://dev.azure.com/org/My%20Project/_git/env";
        QTest::newRow("azure ssh") << "git@ssh.dev.azure.com:v3/org/proj/env"
                                   << "ssh"
                                   << "ssh.dev.azure.com" << -1 << "org/proj/env" << az
                                   << "https://dev.azure.com/org"
                                   << "https://dev.azure.com/org/proj/_git/env";
        QTest::newRow("azure vs-ssh")
            << "org@vs-ssh.visualstudio.com:v3/org/proj/env"
            << "ssh"
            << "vs-ssh.visualstudio.com" << -1 << "org/proj/env" << az << "https://dev.azure.com/org"
            << "https://dev.azure.com/org/proj/_git/env";
        QTest::newRow("azure visualstudio https")
            << "https://org.visualstudio.com/DefaultCollection/proj/_git/env"
            << "https"
            << "org.visualstudio.com" << -1 << "org/proj/env" << az << "https://dev.azure.com/org"
            << "https://dev.azure.com/org/proj/_git/env";
        QTest::newRow("unknown self-hosted") << "https://git.example.net/ops/env.git"
                                             << "https"
                                             << "git.example.net" << -1 << "ops/env" << un << ""
                                             << "https://git.example.net/ops/env";
        QTest::newRow("local path") << "/srv/git/env.git"
                                    << "file"
                                    << "" << -1 << "/srv/git/env.git" << un << ""
                                    << "/srv/git/env.git";
    }
    void parses()
    {
        QFETCH(QString, url);
        QFETCH(QString, scheme);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, path);
        QFETCH(int, forge);
        QFETCH(QString, apiBase);
        QFETCH(QString, webRepo);
        const auto parsed = parseRemoteUrl(url);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->scheme, scheme);
        QCOMPARE(parsed->host, host);
        QCOMPARE(parsed->port, port);
        QCOMPARE(parsed->path, path);
        QCOMPARE(int(detectForge(*parsed)), forge);
        if (forge != int(ForgeKind::Unknown)) {
            const ForgeRepo repo = forgeRepo(*parsed, ForgeKind(forge));
            QCOMPARE(repo.apiBase, apiBase);
            QCOMPARE(repo.webRepo, webRepo);
        }
    }

    void rejectsNonsense()
    {
        QVERIFY(!parseRemoteUrl(QString()).has_value());
        QVERIFY(!parseRemoteUrl(QStringLiteral("https://")).has_value());
        QVERIFY(!parseRemoteUrl(QStringLiteral("https://github.com/")).has_value());
    }

    void hostOverrideWins()
    {
        const auto url = parseRemoteUrl(QStringLiteral("git@git.example.net:ops/env.git"));
        QVERIFY(url.has_value());
        QCOMPARE(detectForge(*url), ForgeKind::Unknown);
        QCOMPARE(detectForge(*url, {{QStringLiteral("git.example.net"), ForgeKind::Gitea}}),
                 ForgeKind::Gitea);
        QCOMPARE(forgeRepo(*url, ForgeKind::Gitea).apiBase, QStringLiteral("https://git.example.net/api/v1"));
        QCOMPARE(forgeRepo(*url, ForgeKind::Gitea, QStringLiteral("http://127.0.0.1:9/api/v1/")).apiBase,
                 QStringLiteral("http://127.0.0.1:9/api/v1"));
        QCOMPARE(forgeFromName(QStringLiteral("forgejo")), std::optional<ForgeKind>(ForgeKind::Gitea));
        QCOMPARE(forgeFromName(QStringLiteral("sourcehut")), std::nullopt);
    }

    void browserUrlsArePercentEncoded()
    {
        const PullRequestDraft draft{QStringLiteral("Revert \"Bump web to 1.2 & more\""),
                                     QStringLiteral("This reverts commit abc.\n\n- a+b #1 100%"),
                                     QStringLiteral("revert-abc1234"), QStringLiteral("release/prod")};
        const auto gh =
            forgeRepo(*parseRemoteUrl(QStringLiteral("git@github.com:acme/env.git")), ForgeKind::GitHub);
        const QString ghUrl = browserPullRequestUrl(gh, draft);
        QCOMPARE(ghUrl,
                 QStringLiteral("https://github.com/acme/env/compare/release/prod...revert-abc1234?expand=1"
                                "&title=Revert%20%22Bump%20web%20to%201.2%20%26%20more%22"
                                "&body=This%20reverts%20commit%20abc.%0A%0A-%20a%2Bb%20%231%20100%25"));
        // Decoding gives back exactly what was put in (no '+' turned into a space, no '&' split).
        const QUrlQuery query(QUrl(ghUrl).query(QUrl::FullyEncoded));
        QCOMPARE(query.queryItemValue(QStringLiteral("title"), QUrl::FullyDecoded), draft.title);
        QCOMPARE(query.queryItemValue(QStringLiteral("body"), QUrl::FullyDecoded), draft.body);

        const auto gl = forgeRepo(*parseRemoteUrl(QStringLiteral("https://gitlab.com/group/sub/env.git")),
                                  ForgeKind::GitLab);
        QCOMPARE(
            browserPullRequestUrl(gl, draft),
            QStringLiteral(
                "https://gitlab.com/group/sub/env/-/merge_requests/"
                "new?merge_request[source_branch]=revert-abc1234"
                "&merge_request[target_branch]=release%2Fprod"
                "&merge_request[title]=Revert%20%22Bump%20web%20to%201.2%20%26%20more%22"
                "&merge_request[description]=This%20reverts%20commit%20abc.%0A%0A-%20a%2Bb%20%231%20100%25"));
        const auto gt =
            forgeRepo(*parseRemoteUrl(QStringLiteral("https://codeberg.org/me/env")), ForgeKind::Gitea);
        QVERIFY(browserPullRequestUrl(gt, draft).startsWith(
            QStringLiteral("https://codeberg.org/me/env/compare/release/"
                           "prod...revert-abc1234?expand=1&title=Revert%20%22")));
        const auto bb =
            forgeRepo(*parseRemoteUrl(QStringLiteral("git@bitbucket.org:ws/env.git")), ForgeKind::Bitbucket);
        QCOMPARE(
            browserPullRequestUrl(bb, draft),
            QStringLiteral(
                "https://bitbucket.org/ws/env/pull-requests/new?source=revert-abc1234&dest=release%2Fprod"));
        const auto az =
            forgeRepo(*parseRemoteUrl(QStringLiteral("https://dev.azure.com/org/My%20Project/_git/env")),
                      ForgeKind::Azure);
        QCOMPARE(
            browserPullRequestUrl(az, draft),
            QStringLiteral(
                "https://dev.azure.com/org/My%20Project/_git/env/pullrequestcreate?sourceRef=revert-abc1234"
                "&targetRef=release%2Fprod"));
        QCOMPARE(commitWebUrl(gl, QStringLiteral("abc")),
                 QStringLiteral("https://gitlab.com/group/sub/env/-/commit/abc"));
        QCOMPARE(pullRequestWebUrl(gh, 7), QStringLiteral("https://github.com/acme/env/pull/7"));
    }

    void tokensInOrder()
    {
        const auto ghRepo =
            forgeRepo(*parseRemoteUrl(QStringLiteral("git@github.com:acme/env.git")), ForgeKind::GitHub);
        TokenSources sources;
        sources.askGhCli = false;
        sources.environment = QProcessEnvironment();
        QVERIFY(!findToken(ghRepo, sources).has_value());
        sources.environment.insert(QStringLiteral("GITHUB_TOKEN"), QStringLiteral("from-github-token"));
        QCOMPARE(findToken(ghRepo, sources)->source, QStringLiteral("GITHUB_TOKEN"));
        sources.environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("from-gh-token"));
        QCOMPARE(findToken(ghRepo, sources)->value, QStringLiteral("from-gh-token"));
        auto store = std::make_shared<MemoryTokenStore>();
        store->set(QStringLiteral("github.com"), QStringLiteral("from-keychain"));
        sources.store = store;
        QCOMPARE(findToken(ghRepo, sources)->value, QStringLiteral("from-keychain"));
        // GitHub Enterprise hosts do not take github.com's variables.
        const auto ghes = forgeRepo(*parseRemoteUrl(QStringLiteral("https://github.corp.example/p/env")),
                                    ForgeKind::GitHub);
        QVERIFY(!findToken(ghes, sources).has_value());
        sources.environment.insert(QStringLiteral("GH_ENTERPRISE_TOKEN"), QStringLiteral("ent"));
        QCOMPARE(findToken(ghes, sources)->value, QStringLiteral("ent"));
        const auto gl =
            forgeRepo(*parseRemoteUrl(QStringLiteral("https://gitlab.com/g/env")), ForgeKind::GitLab);
        QVERIFY(!findToken(gl, sources).has_value());
        sources.environment.insert(QStringLiteral("GITLAB_TOKEN"), QStringLiteral("glpat"));
        QCOMPARE(findToken(gl, sources)->value, QStringLiteral("glpat"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteUrl)
#include "tst_remote_url.moc"
