// The Clone dialog end to end: a real clone over file:// into a folder, the failure of a bad URL
// and of a folder that is not empty shown in the dialog, and Cancel stopping a running clone.
#include "tests/support/scratch_repo.h"
#include "ui/common/ui_settings.h"
#include "ui/welcome/clone_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using shiplog::ui::CloneDialog;
namespace test = shiplog::test;

class TestCloneDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().clear();
    }

    void folderNameFollowsTheUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("name");
        QTest::addRow("https") << "https://github.com/org/env-prod.git"
                               << "env-prod";
        QTest::addRow("trailing slash") << "https://gitlab.example/group/sub/env/"
                                        << "env";
        QTest::addRow("scp-like") << "git@github.com:org/staging.git"
                                  << "staging";
        QTest::addRow("bundle") << "/srv/fixtures/jx3-eagle.bundle"
                                << "jx3-eagle";
        QTest::addRow("host only") << "git@host:repo"
                                   << "repo";
    }

    void folderNameFollowsTheUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, name);
        QCOMPARE(CloneDialog::folderNameForUrl(url), name);
    }

    void typingTheUrlProposesTheFolder()
    {
        QTemporaryDir parent;
        CloneDialog dialog;
        dialog.setDestination(parent.path()); // an explicit choice is kept …
        auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("cloneUrl"));
        auto* destination = dialog.findChild<QLineEdit*>(QStringLiteral("cloneDestination"));
        QVERIFY(url && destination);
        QTest::keyClicks(url, QStringLiteral("https://example.com/org/env.git"));
        QCOMPARE(destination->text(), parent.path());

        CloneDialog fresh; // … and without one the folder follows the URL
        auto* freshUrl = fresh.findChild<QLineEdit*>(QStringLiteral("cloneUrl"));
        QTest::keyClicks(freshUrl, QStringLiteral("https://example.com/org/env.git"));
        QVERIFY2(fresh.findChild<QLineEdit*>(QStringLiteral("cloneDestination"))
                     ->text()
                     .endsWith(QLatin1String("/env")),
                 qPrintable(fresh.findChild<QLineEdit*>(QStringLiteral("cloneDestination"))->text()));
    }

    void clonesAndAccepts()
    {
        test::ScratchRepo source;
        source.write(QStringLiteral("config-root/namespaces/jx/web-deploy.yaml"), "kind: Deployment\n");
        const QString head = source.commit(QStringLiteral("add web"));
        QTemporaryDir parent;
        const QString target = QDir(parent.path()).filePath(QStringLiteral("env"));

        CloneDialog dialog;
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.setUrl(QStringLiteral("file://") + source.path());
        dialog.setDestination(target);
        dialog.show();
        auto* cloneButton = dialog.findChild<QDialogButtonBox*>()->buttons().value(0);
        for (QAbstractButton* b : dialog.findChild<QDialogButtonBox*>()->buttons())
            if (b->text() == QLatin1String("Clone"))
                cloneButton = b;
        QVERIFY(cloneButton->isEnabled());
        QTest::mouseClick(cloneButton, Qt::LeftButton);
        QVERIFY(accepted.wait(30000));
        QCOMPARE(QDir(dialog.clonedPath()).canonicalPath(), QDir(target).canonicalPath());
        const test::ProcessResult log =
            test::run(QStringLiteral("git"),
                      {QStringLiteral("-C"), target, QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
        QCOMPARE(QString::fromUtf8(log.out.trimmed()), head);
        QVERIFY(QFile::exists(
            QDir(target).filePath(QStringLiteral("config-root/namespaces/jx/web-deploy.yaml"))));
    }

    void badUrlIsShownInTheDialog()
    {
        QTemporaryDir parent;
        CloneDialog dialog;
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.setUrl(QStringLiteral("file://") + parent.filePath(QStringLiteral("no-such-repository")));
        dialog.setDestination(parent.filePath(QStringLiteral("env")));
        dialog.startClone();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isCloning(), 30000);
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.isVisible() || !dialog.result());
        QVERIFY2(dialog.statusText().contains(QLatin1String("no-such-repository")),
                 qPrintable(dialog.statusText()));
        QVERIFY(!QFileInfo::exists(parent.filePath(QStringLiteral("env/.git"))));
        QVERIFY(dialog.clonedPath().isEmpty());
    }

    void folderThatIsNotEmptyIsRefused()
    {
        test::ScratchRepo source;
        source.commit(QStringLiteral("one"));
        QTemporaryDir parent;
        QFile keep(parent.filePath(QStringLiteral("notes.txt")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("mine\n");
        keep.close();
        CloneDialog dialog;
        dialog.setUrl(QStringLiteral("file://") + source.path());
        dialog.setDestination(parent.path());
        dialog.startClone();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isCloning(), 30000);
        QVERIFY(dialog.clonedPath().isEmpty());
        QVERIFY2(!dialog.statusText().isEmpty(), "the dialog should say why");
        QVERIFY(QFile::exists(keep.fileName())); // nothing of the user's is lost
        QVERIFY(!QFileInfo::exists(parent.filePath(QStringLiteral(".git"))));
    }

    void emptyFieldsAreExplained()
    {
        CloneDialog dialog;
        dialog.setDestination(QString());
        dialog.startClone();
        QVERIFY(!dialog.isCloning());
        QCOMPARE(dialog.statusText(), QStringLiteral("Enter the URL to clone and the folder to clone into."));
    }
};

QTEST_MAIN(TestCloneDialog)
#include "tst_clone_dialog.moc"
