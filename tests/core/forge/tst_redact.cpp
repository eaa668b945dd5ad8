// Secrets out of every text (D13, D14) and branch names as git accepts them (D15): URL userinfo is
// redacted, known tokens and credential shapes are masked whatever quotes them, and
// branchNameProblem agrees with the real `git check-ref-format --branch` on a table of names.
#include "core/common/secret_registry.h"
#include "core/forge/branch_name.h"
#include "core/forge/redact.h"
#include "tests/support/scratch_repo.h"

#include <QTemporaryDir>
#include <QTest>

using namespace shiplog::core;
using namespace shiplog::core::forge;

class TestRedact : public QObject
{
    Q_OBJECT

private slots:
    void urlsLoseTheirUserinfo_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("redacted");
        QTest::newRow("user and token") << "https://x-access-token:ghp_urlsecret456@host/o/r.git"
                                        << "https://***@host/o/r.git";
        QTest::newRow("token as user") << "https://ghp_abcdefgh12345678@github.com/o/r"
                                       << "https://***@github.com/o/r";
        QTest::newRow("port") << "http://u:p%40ss@127.0.0.1:8080/a"
                              << "http://***@127.0.0.1:8080/a";
        QTest::newRow("ssh user stays") << "ssh://git@host/o/r.git"
                                        << "ssh://git@host/o/r.git";
        QTest::newRow("ssh password goes") << "ssh://git:hunter22@host/o/r.git"
                                           << "ssh://***@host/o/r.git";
        QTest::newRow("scp form stays") << "git@github.com:o/r.git"
                                        << "git@github.com:o/r.git";
        QTest::newRow("no userinfo") << "https://host/o/r.git"
                                     << "https://host/o/r.git";
        QTest::newRow("@ in the path") << "https://host/o/r@v2"
                                       << "https://host/o/r@v2";
        QTest::newRow("compound scheme") << "git+https://glptt-0123456789@gitlab.example.com/o/r"
                                         << "git+https://***@gitlab.example.com/o/r";
        QTest::newRow("scheme glued to a word") << "remote.https://tok3n@h/x"
                                                << "remote.https://***@h/x";
        QTest::newRow("in a sentence")
            << "Fetching from origin (https://a:b1234567@h/x) and https://c:d7654321@k/y failed"
            << "Fetching from origin (https://***@h/x) and https://***@k/y failed";
    }

    void urlsLoseTheirUserinfo()
    {
        QFETCH(QString, url);
        QFETCH(QString, redacted);
        QCOMPARE(redactUrl(url), redacted);
    }

    void knownSecretsAndCredentialShapesAreMasked()
    {
        rememberSecret(QStringLiteral("s3cr3t-from-keychain"));
        rememberSecret(QStringLiteral("ab")); // too short to mean anything: not remembered
        const QString forgeBody = QStringLiteral(
            "{\"message\":\"Bad credentials\",\"request\":\"Authorization: Bearer s3cr3t-from-keychain\"} "
            "Authorization: token 0123abcdef PRIVATE-TOKEN: glpat-abcdefghij1234 seen "
            "ghp_0123456789abcdefghij and github_pat_11AAAA_bbbbbbbbcccc");
        const QString scrubbed = scrubSecrets(forgeBody);
        for (const char* secret : {"s3cr3t-from-keychain", "0123abcdef", "glpat-abcdefghij1234",
                                   "ghp_0123456789abcdefghij", "github_pat_11AAAA"})
            QVERIFY2(!scrubbed.contains(QLatin1String(secret)), qPrintable(scrubbed));
        QVERIFY2(scrubbed.contains(u"Bad credentials"), qPrintable(scrubbed));
        // Prose stays prose.
        for (const QString& text :
             {QStringLiteral("Basic authentication is refused; Bearer tokens expire."),
              QStringLiteral("set one of the token variables"), QStringLiteral("about 2 absent")})
            QCOMPARE(scrubSecrets(text), text);
    }

    // Found by the fuzzer (fuzz_remote_url): a token glued to a URL's scheme hid the URL, so a
    // second scrub still found a token there. Scrubbing is idempotent and leaves no userinfo.
    void scrubbingTwiceChangesNothing()
    {
        const QString input = QStringLiteral("ghp_chtvphtt.https://_1@https://_1@h://_1@http//_1@https://x");
        const QString once = scrubSecrets(input);
        QCOMPARE(scrubSecrets(once), once);
        QVERIFY2(!once.contains(u"ghp_") && !once.contains(u"https://_1@"), qPrintable(once));
    }

    void urlPasswordsBecomeSecretsEverywhere()
    {
        rememberUrlSecrets(QStringLiteral("https://x-access-token:ghp_urlsecret456@host/o/r.git"));
        // A message quoting the token without its URL (a git server echoing the password) is masked too.
        QCOMPARE(scrubSecrets(QStringLiteral("remote: invalid credentials ghp_urlsecret456")),
                 QStringLiteral("remote: invalid credentials ***"));
        // The conventional user name is not a secret.
        QCOMPARE(scrubSecrets(QStringLiteral("user x-access-token")), QStringLiteral("user x-access-token"));
    }

    // Compared with the real git on each name; "refs/…" is refused beyond git (it names a ref).
    void branchNamesAsGitChecksThem_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name : {"main",       "revert-abc1234",
                                 "fix/undo-a", "feature/x/y",
                                 "HEAD",       "-x",
                                 "--branch",   "a..b",
                                 "a.lock",     "a/b.lock",
                                 ".hidden",    "a/.b",
                                 "a/",         "/a",
                                 "a//b",       "a.",
                                 "a b",        "a~1",
                                 "a^",         "a:b",
                                 "a?",         "a*",
                                 "a[b",        "a\\b",
                                 "a@{1}",      "@",
                                 "a@b",        "@a",
                                 "x\x01y",     "tab\there",
                                 "ü-umlaut",   "a/b/c.d",
                                 "HEADS",      "head",
                                 "v1.0",       "..",
                                 "a/..",       "a.lock/b",
                                 "refs",       "x\x7f"})
            QTest::newRow(name) << QString::fromUtf8(name);
    }

    void branchNamesAsGitChecksThem()
    {
        QFETCH(QString, name);
        QTemporaryDir outside; // not in a repository: "@{-1}" has no previous branch to mean
        const auto git = shiplog::test::run(
            QStringLiteral("git"), {QStringLiteral("check-ref-format"), QStringLiteral("--branch"), name},
            outside.path());
        const bool gitAccepts = git.exitCode == 0;
        const auto problem = branchNameProblem(name);
        QVERIFY2(gitAccepts == !problem.has_value(),
                 qPrintable(
                     QStringLiteral("'%1': git %2, Shiplog %3")
                         .arg(name, gitAccepts ? u"accepts" : u"refuses",
                              problem ? QStringLiteral("refuses: ") + *problem : QStringLiteral("accepts"))));
    }

    void refsPrefixIsRefusedThoughGitAcceptsIt()
    {
        const auto git = shiplog::test::run(QStringLiteral("git"),
                                            {QStringLiteral("check-ref-format"), QStringLiteral("--branch"),
                                             QStringLiteral("refs/heads/main")});
        QCOMPARE(git.exitCode, 0); // git would create refs/heads/refs/heads/main
        const auto problem = branchNameProblem(QStringLiteral("refs/heads/main"));
        QVERIFY(problem.has_value());
        QVERIFY2(problem->contains(u"'main'"), qPrintable(*problem));
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
