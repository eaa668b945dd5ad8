// The history's resource field: lists only the commits that changed that resource (as its
// timeline does), completes from the history index, and combines with the other filters.
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/history/filter_bar.h"
#include "ui/history/history_model.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_view.h"

#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

using namespace shiplog;

namespace {

QByteArray configMap(const QByteArray& name, const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
           "\n  namespace: team\ndata:\n  value: " + value + "\n";
}

} // namespace

class TestHistoryResourceFilter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(m_settings); }

    void listsTheCommitsThatChangedTheResource()
    {
        // By construction: cm-1 added, modified, moved, removed; not by a comment-only edit, a
        // document added beside it, a requoting that YAML reads as the same value, or other resources.
        test::ScratchRepo repo;
        QStringList changing;
        repo.write(QStringLiteral("a.yaml"), configMap("cm-1", "\"1\""));
        changing.prepend(repo.commit(QStringLiteral("add cm-1")));
        repo.write(QStringLiteral("b.yaml"), configMap("cm-2", "\"1\""));
        repo.commit(QStringLiteral("add cm-2"));
        repo.write(QStringLiteral("a.yaml"), configMap("cm-1", "\"2\""));
        changing.prepend(repo.commit(QStringLiteral("bump cm-1")));
        repo.write(QStringLiteral("a.yaml"), "# reviewed\n" + configMap("cm-1", "\"2\""));
        repo.commit(QStringLiteral("comment"));
        repo.git({QStringLiteral("mv"), QStringLiteral("a.yaml"), QStringLiteral("c.yaml")});
        changing.prepend(repo.commit(QStringLiteral("move cm-1")));
        repo.write(QStringLiteral("c.yaml"), configMap("cm-1", "'2'") + "---\n" + configMap("cm-3", "x"));
        repo.commit(QStringLiteral("requote cm-1, add cm-3"));
        repo.write(QStringLiteral("b.yaml"), configMap("cm-2", "\"2\""));
        const QString byGrace =
            repo.commit(QStringLiteral("bump cm-2"), QStringLiteral("Grace Hopper <grace@example.com>"));
        repo.write(QStringLiteral("c.yaml"), configMap("cm-3", "y"));
        changing.prepend(repo.commit(QStringLiteral("remove cm-1")));

        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        QCOMPARE(view->historyModel()->rowCount(), 8);

        auto* resource = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterResource"));
        QVERIFY(resource);
        // Completion from the index, asked for when the field is first used.
        resource->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(resource->completer()->model()->rowCount() == 3, 30000);
        QStringList completions;
        for (int row = 0; row < 3; ++row)
            completions << resource->completer()->model()->index(row, 0).data().toString();
        QCOMPARE(completions,
                 (QStringList{QStringLiteral("ConfigMap/team/cm-1"), QStringLiteral("ConfigMap/team/cm-2"),
                              QStringLiteral("ConfigMap/team/cm-3")}));

        resource->setText(QStringLiteral("ConfigMap/team/cm-1"));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), changing, 30000);
        QVERIFY(view->statusText().contains(QStringLiteral("match the filters")));

        // With another filter: both must match.
        auto* author = view->filterBar()->findChild<QLineEdit*>(QStringLiteral("filterAuthor"));
        resource->setText(QStringLiteral("ConfigMap/team/cm-2"));
        author->setText(QStringLiteral("grace"));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), QStringList{byGrace}, 30000);

        // A text that names no resource lists nothing and says how to name one.
        author->clear();
        resource->setText(QStringLiteral("cm-1"));
        auto* empty = view->findChild<QLabel*>(QStringLiteral("historyEmpty"));
        QTRY_VERIFY_WITH_TIMEOUT(
            empty->isVisible() && empty->text().contains(QStringLiteral("Kind/namespace/name")), 10000);
        QCOMPARE(view->historyModel()->rowCount(), 0);

        resource->clear();
        QTRY_COMPARE_WITH_TIMEOUT(view->historyModel()->rowCount(), 8, 10000);
    }

    // The environment box: the commits that changed what one environment reads (its overlay and
    // the base both share), as `shiplog log --env` lists them.
    void environmentBoxListsTheCommitsOfOneEnvironment()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("base/kustomization.yaml"), "resources: [cm.yaml]\n");
        repo.write(QStringLiteral("base/cm.yaml"), configMap("app", "\"1\""));
        repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                   "resources: [../../base]\nnamespace: s\n");
        repo.write(QStringLiteral("overlays/production/kustomization.yaml"),
                   "resources: [../../base]\nnamespace: p\n");
        const QString both = repo.commit(QStringLiteral("two overlays"));
        repo.write(QStringLiteral("overlays/production/kustomization.yaml"),
                   "resources: [../../base]\nnamespace: p\nnamePrefix: prod-\n");
        const QString production = repo.commit(QStringLiteral("prefix production"));
        repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                   "resources: [../../base]\nnamespace: s\nnamePrefix: stg-\n");
        const QString staging = repo.commit(QStringLiteral("prefix staging"));
        repo.write(QStringLiteral("base/cm.yaml"), configMap("app", "\"2\""));
        const QString base = repo.commit(QStringLiteral("bump the base"));

        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::RepositoryView* view = window.repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(view), 30000);
        QComboBox* box = view->filterBar()->environmentBox();
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisibleTo(view) && box->count() == 3, 30000);
        box->setCurrentIndex(box->findText(QStringLiteral("overlays/staging")));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), (QStringList{base, staging, both}),
                                  30000);
        box->setCurrentIndex(box->findText(QStringLiteral("overlays/production")));
        QTRY_COMPARE_WITH_TIMEOUT(test::modelIds(view->historyModel()), (QStringList{base, production, both}),
                                  30000);
        box->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(view->historyModel()->rowCount(), 4, 30000);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestHistoryResourceFilter)
#include "tst_history_resource_filter.moc"
