// Tokens in a real Secret Service (GNOME Keyring in a private D-Bus session, see
// support/with_keychain.sh), the Forge Accounts page that stores them, and the message when there is
// no keychain at all. Nothing may reach QSettings or any file in plain text.
#include "tests/ui/ui_test_support.h"
#include "ui/common/ui_settings.h"
#include "ui/revert/forge_accounts_dialog.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/keychain_token_store.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace shiplog;

namespace {

struct ReadResult
{
    bool done = false;
    std::optional<QString> token;
    QString error;
};

ReadResult readToken(ui::KeychainTokenStore& store, const QString& host)
{
    ReadResult r;
    store.read(host, [&r](std::optional<QString> token, QString error) {
        r.done = true;
        r.token = token;
        r.error = error;
    });
    if (!QTest::qWaitFor([&r] { return r.done; }, 20000))
        r.error = QStringLiteral("timed out waiting for the keychain");
    return r;
}

QString writeToken(ui::KeychainTokenStore& store, const QString& host, const QString& token)
{
    bool done = false;
    QString error;
    store.write(host, token, [&](QString e) {
        done = true;
        error = e;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        return QStringLiteral("timed out waiting for the keychain");
    return error;
}

bool haveKeychain()
{
    return qEnvironmentVariableIsSet("SHIPLOG_TEST_KEYCHAIN");
}

// Any file under `dir` that contains `secret`.
QStringList filesContaining(const QString& dir, const QByteArray& secret)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(secret))
            hits << f.fileName();
    }
    return hits;
}

} // namespace

class TestKeychainTokenStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;
    QString m_service = QStringLiteral("Shiplog tests ") + QUuid::createUuid().toString(QUuid::Id128);

private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void storesReadsAndRemovesTokens()
    {
        if (!haveKeychain())
            QSKIP("No Secret Service in this run (support/with_keychain.sh starts one).");
        ui::KeychainTokenStore store;
        store.setServiceName(m_service);
        const QString token = QStringLiteral("glpat-") + QUuid::createUuid().toString(QUuid::Id128);
        const ReadResult missing = readToken(store, QStringLiteral("gitlab.example.com"));
        QVERIFY2(missing.error.isEmpty(), qPrintable(missing.error));
        QVERIFY(!missing.token);

        const QString error = writeToken(store, QStringLiteral("GitLab.Example.com"), token);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const ReadResult back = readToken(store, QStringLiteral("gitlab.example.com"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error));
        QCOMPARE(back.token.value_or(QString()), token);

        // readAll: the copy a job gets; lookups go through core's findToken with the keychain first.
        std::shared_ptr<core::forge::MemoryTokenStore> copy;
        QStringList errors;
        store.readAll({QStringLiteral("gitlab.example.com"), QStringLiteral("github.example.com")},
                      [&](std::shared_ptr<core::forge::MemoryTokenStore> s, QStringList e) {
                          copy = s;
                          errors = e;
                      });
        QTRY_VERIFY_WITH_TIMEOUT(copy != nullptr, 20000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        core::forge::ForgeRepo repo;
        repo.kind = core::forge::ForgeKind::GitLab;
        repo.remote.host = QStringLiteral("gitlab.example.com");
        core::forge::TokenSources sources;
        sources.store = copy;
        QProcessEnvironment env;
        env.insert(QStringLiteral("GITLAB_TOKEN"), QStringLiteral("from-environment"));
        sources.environment = env;
        const auto found = core::forge::findToken(repo, sources);
        QVERIFY(found);
        QCOMPARE(found->value, token);
        QCOMPARE(found->source, QStringLiteral("keychain"));
        repo.remote.host = QStringLiteral("github.example.com");
        QCOMPARE(core::forge::findToken(repo, sources)->source, QStringLiteral("GITLAB_TOKEN"));

        bool removed = false;
        store.remove(QStringLiteral("gitlab.example.com"), [&](QString e) {
            QVERIFY2(e.isEmpty(), qPrintable(e));
            removed = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
        QVERIFY(!readToken(store, QStringLiteral("gitlab.example.com")).token);
    }

    void signInPageKeepsTheTokenOutOfSettings()
    {
        if (!haveKeychain())
            QSKIP("No Secret Service in this run (support/with_keychain.sh starts one).");
        ui::ForgeAccountsDialog dialog;
        dialog.tokenStore()->setServiceName(m_service);
        const QString token = QStringLiteral("ghp_") + QUuid::createUuid().toString(QUuid::Id128);
        dialog.hostEdit()->setText(QStringLiteral("git.corp.example"));
        dialog.kindCombo()->setCurrentIndex(dialog.kindCombo()->findText(QStringLiteral("Gitea / Forgejo")));
        dialog.apiEdit()->setText(QStringLiteral("https://git.corp.example/api/v1"));
        QTest::keyClicks(dialog.tokenEdit(), token);
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
        QSignalSpy stored(&dialog, &ui::ForgeAccountsDialog::finishedStoring);
        dialog.saveButton()->click();
        QVERIFY(stored.wait(20000));
        QVERIFY2(stored.first().first().toBool(), qPrintable(dialog.statusText()));
        QVERIFY(dialog.tokenEdit()->text().isEmpty());
        QCOMPARE(dialog.hostList()->count(), 1);

        // The settings name the forge and its API, never the token.
        QCOMPARE(ui::forges::hostForges().value(QStringLiteral("git.corp.example")),
                 core::forge::ForgeKind::Gitea);
        QCOMPARE(ui::forges::hostApis().value(QStringLiteral("git.corp.example")),
                 QStringLiteral("https://git.corp.example/api/v1"));
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().sync();
        QCOMPARE(filesContaining(m_settings.path(), token.toUtf8()), QStringList());
        // The keychain has it.
        ui::KeychainTokenStore store;
        store.setServiceName(m_service);
        QCOMPARE(readToken(store, QStringLiteral("git.corp.example")).token.value_or(QString()), token);

        // Remove drops both.
        dialog.removeButton()->click();
        QVERIFY(stored.wait(20000));
        QVERIFY(ui::forges::accounts().isEmpty());
        QVERIFY(!readToken(store, QStringLiteral("git.corp.example")).token);
    }

    // Run in a child process whose D-Bus session does not exist: the store must say so plainly.
    void noKeychainChild()
    {
        if (!qEnvironmentVariableIsSet("SHIPLOG_TEST_NO_KEYCHAIN_CHILD"))
            QSKIP("Runs as a child of noKeychainIsReportedClearly.");
        ui::KeychainTokenStore store;
        store.setServiceName(m_service);
        const QString error =
            writeToken(store, QStringLiteral("github.example.com"), QStringLiteral("secret-value-123"));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("The system keychain is not available, so the token for "
                                               "github.example.com could not be saved")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("never stores tokens in plain text")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("secret-value-123")), qPrintable(error));
        printf("NO-KEYCHAIN-MESSAGE: %s\n", qPrintable(error));
        const ReadResult r = readToken(store, QStringLiteral("github.example.com"));
        QVERIFY(!r.token);
        QVERIFY(!r.error.isEmpty());
    }

    void noKeychainIsReportedClearly()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SHIPLOG_TEST_NO_KEYCHAIN_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        env.remove(QStringLiteral("DISPLAY"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("noKeychainChild")});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray out = child.readAllStandardOutput() + child.readAllStandardError();
        QVERIFY2(child.exitCode() == 0, out.constData());
        QVERIFY2(out.contains("NO-KEYCHAIN-MESSAGE"), out.constData());
        qInfo("%s", out.mid(out.indexOf("NO-KEYCHAIN-MESSAGE")).split('\n').first().constData());
        // And no plaintext fallback was written anywhere.
        QCOMPARE(filesContaining(home.path(), "secret-value-123"), QStringList());
        QCOMPARE(filesContaining(m_settings.path(), "secret-value-123"), QStringList());
    }
};

QTEST_MAIN(TestKeychainTokenStore)
#include "tst_keychain_token_store.moc"
