// The Timeline tab reads a whole history the first time: it shows how far it got and can be stopped.
#include "core/manifest/resource.h"
#include "tests/support/scratch_repo.h"
#include "ui/changes/timeline_view.h"

#include <QLocale>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace shiplog;

class TestTimelineView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // A parse cache of its own (the shared one is made on first use), so the history is read cold.
        QVERIFY(m_cache.isValid());
        qputenv("SHIPLOG_PARSE_CACHE_DIR", m_cache.path().toUtf8());
        // 20,000 commits that each change one ConfigMap: long enough to be stopped half-way.
        QByteArray stream;
        for (int i = 1; i <= 20000; ++i) {
            const QByteArray content =
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team\n"
                "data:\n  revision: \"" +
                QByteArray::number(i) + "\"\n";
            const QByteArray who =
                "Ada <ada@example.com> " + QByteArray::number(1600000000 + i * 60) + " +0000";
            stream += "commit refs/heads/main\nmark :" + QByteArray::number(i) + "\nauthor " + who +
                      "\ncommitter " + who + "\ndata 10\nchange it\n";
            if (i > 1)
                stream += "from :" + QByteArray::number(i - 1) + "\n";
            stream += "M 100644 inline settings.yaml\ndata " + QByteArray::number(content.size()) + "\n" +
                      content + "\n";
        }
        const auto imported =
            test::run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")},
                      m_repo.path(), test::ScratchRepo::gitEnvironment(), 120000, stream);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

    void showsProgressAndCancels()
    {
        ui::TimelineView view;
        QSignalSpy loaded(&view, &ui::TimelineView::loaded);
        const auto key = core::manifest::ResourceKey::fromArgument(QStringLiteral("ConfigMap/team/settings"));
        QVERIFY(key);
        view.setResource(m_repo.path(), *key, QStringLiteral("main"));
        QVERIFY(!view.progressBar()->isVisibleTo(&view));
        view.load();
        QVERIFY(view.isLoading());
        QVERIFY(view.progressBar()->isVisibleTo(&view));
        QVERIFY(view.cancelButton()->isVisibleTo(&view));
        // How far it got: commits read of all of them.
        QTRY_VERIFY_WITH_TIMEOUT(view.progressBar()->maximum() == 20000 && view.progressBar()->value() > 0,
                                 60000);
        const QString total = QLocale().toString(20000); // "20,000" in English
        QVERIFY2(view.statusText().contains(QStringLiteral("of %1").arg(total)),
                 qPrintable(view.statusText()));
        QVERIFY(loaded.isEmpty());

        QTest::mouseClick(view.cancelButton(), Qt::LeftButton);
        QVERIFY(!view.isLoading());
        QVERIFY(!view.progressBar()->isVisibleTo(&view));
        QVERIFY2(view.statusText().startsWith(QLatin1String("Stopped")), qPrintable(view.statusText()));
        QTest::qWait(1000);
        QVERIFY(loaded.isEmpty()); // nothing of the stopped job arrives
        QVERIFY(!view.timeline().has_value());
        QCOMPARE(view.tree()->topLevelItemCount(), 0);

        // Asked again, it reads anew.
        view.load();
        QVERIFY(view.isLoading());
        view.clear();
    }

private:
    QTemporaryDir m_cache;
    test::ScratchRepo m_repo;
};

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
