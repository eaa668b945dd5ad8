// The history's keyboard and bot-rule flows in the real window: Ctrl+F puts the cursor in the
// message filter and typing filters like `git log --grep`; editing the bot rules changes what
// "Hide bot commits" hides and is remembered; cancelling the dialog changes nothing.
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/common/ui_settings.h"
#include "ui/history/filter_bar.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace shiplog;

class TestHistoryKeyboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void ctrlFFocusesTheMessageFilter()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 30);
        ui::MainWindow window;
        window.show();
        window.activateWindow();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        auto* text = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterText"));
        QVERIFY(text);
        QVERIFY(!text->hasFocus());

        QTest::keyClick(view->historyTable(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(text->hasFocus());
        QTest::keyClicks(text, QStringLiteral("apps/2"));
        QTRY_COMPARE_WITH_TIMEOUT(
            test::modelIds(view->historyModel()),
            test::gitLogIds(repo, {QStringLiteral("--grep=apps/2"), QStringLiteral("-i")}), 10000);
        QVERIFY(view->historyModel()->rowCount() < 30);
    }

    void editedBotRulesChangeWhatIsHiddenAndAreRemembered()
    {
        test::ScratchRepo repo;
        test::importHistory(repo, 40);
        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        auto* hideBots = view->filterBar()->findChild<QCheckBox*>(QStringLiteral("filterHideBots"));
        auto* editRules = view->filterBar()->findChild<QToolButton*>(QStringLiteral("editBotRules"));
        QVERIFY(hideBots && editRules);
        hideBots->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(view->historyModel()->rowCount(), 30,
                                  10000); // the default rules hide the 10 bot commits

        // Rules: subjects starting with "change 1" are bots too; no author is.
        bool edited = false;
        QTimer::singleShot(0, this, [&edited] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->findChild<QPlainTextEdit*>(QStringLiteral("botSubjectPrefixes"))
                ->setPlainText(QStringLiteral("change 1\n"));
            dialog->findChild<QPlainTextEdit*>(QStringLiteral("botAuthorSuffixes"))->setPlainText(QString());
            edited = true;
            dialog->accept();
        });
        QTest::mouseClick(editRules, Qt::LeftButton);
        QVERIFY(edited);

        // What git lists, minus the subjects that start with "change 1".
        QStringList expected;
        const QByteArray log = repo.git({QStringLiteral("log"), QStringLiteral("--format=%H%x09%s")});
        for (const QByteArray& line : log.split('\n')) {
            if (!line.isEmpty() && !line.split('\t').value(1).startsWith("change 1"))
                expected.append(QString::fromLatin1(line.split('\t').value(0)));
        }
        QCOMPARE(expected.size(),
                 40 - 8); // change 1, 10, 12, 13, 14, 16, 17, 18 (11, 15, 19 are bot commits)
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), expected, 10000);
        QCOMPARE(ui::settings::botRules().subjectPrefixes, QStringList{QStringLiteral("change 1")});
        QVERIFY(ui::settings::botRules().authorSuffixes.isEmpty());
    }

    void cancelledBotRulesChangeNothing()
    {
        const core::git::BotRules before = ui::settings::botRules();
        ui::FilterBar bar;
        bar.show();
        QTimer::singleShot(0, this, [] {
            if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget())) {
                dialog->findChild<QPlainTextEdit*>(QStringLiteral("botSubjectPrefixes"))
                    ->setPlainText(QStringLiteral("x"));
                dialog->reject();
            }
        });
        QTest::mouseClick(bar.findChild<QToolButton*>(QStringLiteral("editBotRules")), Qt::LeftButton);
        QCOMPARE(ui::settings::botRules().subjectPrefixes, before.subjectPrefixes);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestHistoryKeyboard)
#include "tst_history_keyboard.moc"
