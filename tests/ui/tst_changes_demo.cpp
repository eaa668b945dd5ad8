// The Changes tab over the built-in demo environment (a Jenkins X repository with config changes, a
// moved ConfigMap and merges): a memory-limit fix shows as one modified Deployment with its field
// changes and diff, and a merge offers its parents. With SHIPLOG_SCREENSHOT_DIR set it also saves
// light and dark renderings of the tab (for looking at it and for the README).
#include "core/demo/demo_environment.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "ui/changes/changes_model.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/resource_pane.h"
#include "ui/changes/timeline_view.h"
#include "ui/common/ui_settings.h"
#include "ui/diff/diff_view.h"
#include "ui/diff/fields_model.h"
#include "ui/diff/fields_view.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

using namespace shiplog;

namespace {

QString git(const QString& repo, const QStringList& arguments)
{
    const auto result = test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments);
    return QString::fromUtf8(result.out).trimmed();
}

core::git::CommitInfo commitWithSubject(const QString& repo, const QString& grep)
{
    core::git::CommitInfo info;
    const QStringList fields =
        git(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H%x09%P%x09%s"),
                   QStringLiteral("--grep=") + grep})
            .split(QLatin1Char('\t'));
    if (fields.size() == 3) {
        info.id = fields[0];
        info.parents = fields[1].split(QLatin1Char(' '), Qt::SkipEmptyParts);
        info.subject = fields[2];
    }
    return info;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 37, 38));
    p.setColor(QPalette::WindowText, QColor(220, 220, 220));
    p.setColor(QPalette::Base, QColor(30, 30, 30));
    p.setColor(QPalette::AlternateBase, QColor(42, 42, 44));
    p.setColor(QPalette::Text, QColor(220, 220, 220));
    p.setColor(QPalette::Button, QColor(45, 45, 48));
    p.setColor(QPalette::ButtonText, QColor(220, 220, 220));
    p.setColor(QPalette::Highlight, QColor(38, 79, 120));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(45, 45, 48));
    p.setColor(QPalette::ToolTipText, QColor(220, 220, 220));
    p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    return p;
}

} // namespace

class TestChangesDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("shiplog-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_changes_demo"));
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_dir.isValid());
        auto demo = core::demo::createDemoEnvironment(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo));
        m_repo = demo->workTree;
    }

    void memoryLimitFix()
    {
        const auto commit = commitWithSubject(m_repo, QStringLiteral("raise payments memory limit"));
        QVERIFY(!commit.id.isEmpty());
        ui::ChangesPanel panel;
        panel.resize(1500, 860);
        panel.show();
        panel.showCommit(m_repo, commit);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 30000);
        const auto* change = panel.tree()->currentChange();
        QVERIFY2(change, qPrintable(panel.statusText()));
        QCOMPARE(change->key.kind, QStringLiteral("Deployment"));
        QCOMPARE(change->key.namespaceName, QStringLiteral("jx-production"));
        auto* pane = panel.resourcePane();
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 20000);
        QVERIFY(pane->diffView()->paneText(1).contains(QLatin1String("512Mi")));
        QStringList values;
        for (int row = 0; row < pane->fieldsView()->model()->rowCount(); ++row)
            values << pane->fieldsView()->model()->index(row, ui::FieldsModel::NewColumn).data().toString();
        QVERIFY2(values.contains(QStringLiteral("\"512Mi\"")), qPrintable(values.join(QLatin1Char(','))));
        saveScreenshots(panel, QStringLiteral("changes"));
    }

    // clear() while the change set is on its way: the old commit's resources never show.
    void clearedPanelNeverShowsTheOldChangeSet()
    {
        const auto commit = commitWithSubject(m_repo, QStringLiteral("raise payments memory limit"));
        QVERIFY(!commit.id.isEmpty());
        ui::ChangesPanel panel;
        panel.resize(1200, 700);
        panel.show();
        QSignalSpy loaded(&panel, &ui::ChangesPanel::loaded);
        panel.showCommit(m_repo, commit);
        QVERIFY(panel.isLoading());
        QThread::msleep(2000); // one commit's change set is made by now; its finished signal is queued
        panel.clear();
        QVERIFY(!panel.isLoading());
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(panel.statusText(), QStringLiteral("Select a commit to see the resources it changed."));
        QCOMPARE(panel.tree()->changesModel()->changeSet().resources.size(), 0);

        // The next commit loads normally.
        panel.showCommit(m_repo, commit);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(panel.tree()->changesModel()->changeSet().resources.size(), 1);
    }

    // Another resource (while the tab is hidden) or clear() while a timeline is on its way: the old
    // resource's history never shows, nor answers a blame for the new one.
    void timelineNeverShowsTheOldResource()
    {
        const core::manifest::ResourceKey payments{QStringLiteral("apps"), QStringLiteral("Deployment"),
                                                   QStringLiteral("jx-production"),
                                                   QStringLiteral("payments")};
        const core::manifest::ResourceKey ledger{QStringLiteral("apps"), QStringLiteral("Deployment"),
                                                 QStringLiteral("jx-production"), QStringLiteral("ledger")};
        ui::TimelineView view;
        QSignalSpy loaded(&view, &ui::TimelineView::loaded);
        view.setResource(m_repo, payments, QStringLiteral("HEAD"));
        view.load();
        QThread::msleep(2000); // the demo's history is read by now; its finished signal is queued
        view.setResource(m_repo, ledger, QStringLiteral("HEAD")); // hidden: not loaded yet
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(!view.timeline().has_value());

        view.load();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.timeline()->key, ledger);
        QVERIFY(view.tree()->topLevelItemCount() > 0);

        view.setResource(m_repo, payments, QStringLiteral("HEAD"));
        view.load();
        QThread::msleep(2000);
        view.clear();
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 1);
        QVERIFY(!view.timeline().has_value());
        QCOMPARE(view.tree()->topLevelItemCount(), 0);
    }

    void mergeOffersParents()
    {
        const QString merges = git(m_repo, {QStringLiteral("rev-list"), QStringLiteral("--merges"),
                                            QStringLiteral("-1"), QStringLiteral("HEAD")});
        QVERIFY(!merges.isEmpty());
        core::git::CommitInfo merge;
        merge.id = merges;
        merge.parents =
            git(m_repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%P"), merges})
                .split(QLatin1Char(' '));
        ui::ChangesPanel panel;
        panel.show();
        panel.showCommit(m_repo, merge);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 30000);
        QVERIFY(panel.parentChooser()->isVisible());
        QCOMPARE(panel.parentChooser()->count(), 2);
    }

private:
    void saveScreenshots(ui::ChangesPanel& panel, const QString& name)
    {
        const QString dir = qEnvironmentVariable("SHIPLOG_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(200);
        panel.grab().save(QDir(dir).filePath(name + QStringLiteral("-light.png")));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.resourcePane()->diffView()->isBuilding(), 20000);
        QTest::qWait(200);
        panel.grab().save(QDir(dir).filePath(name + QStringLiteral("-dark.png")));
        QApplication::setPalette(light);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.resourcePane()->diffView()->isBuilding(), 20000);
    }

    QTemporaryDir m_dir;
    QString m_repo;
};

QTEST_MAIN(TestChangesDemo)
#include "tst_changes_demo.moc"
