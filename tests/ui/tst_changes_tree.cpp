// The Changes tab over real repositories: the tree groups a known commit by namespace and kind with
// the right counts (and passes QAbstractItemModelTester), parse errors get their group, the resource
// pane shows header/diff/fields, a Secret's value never reaches any view, the timeline lists the
// commits that changed a resource, blame names the commit that set a field, and merges offer parents.
#include "tests/support/scratch_repo.h"
#include "ui/changes/changes_model.h"
#include "ui/changes/changes_panel.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/resource_pane.h"
#include "ui/changes/timeline_view.h"
#include "ui/common/ui_settings.h"
#include "ui/diff/diff_text_edit.h"
#include "ui/diff/diff_view.h"
#include "ui/diff/fields_model.h"
#include "ui/diff/fields_view.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace shiplog;
using test::ScratchRepo;
using ui::ChangesModel;

namespace {

QByteArray deployment(const QByteArray& ns, const QByteArray& name, const QByteArray& image, int replicas = 1)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
           "\nspec:\n  replicas: " + QByteArray::number(replicas) +
           "\n  template:\n    spec:\n      containers:\n        - name: web\n          image: " + image +
           "\n";
}

QByteArray configMap(const QByteArray& ns, const QByteArray& name, const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
           "\ndata:\n  LOG_LEVEL: " + value + "\n";
}

QByteArray service(const QByteArray& ns, const QByteArray& name)
{
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
           "\nspec:\n  ports:\n    - port: 80\n";
}

QByteArray clusterRole(const QByteArray& verb)
{
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n"
           "  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [" +
           verb + "]\n";
}

const QByteArray kPlainSecret = "correct-horse-battery-staple";

QByteArray secretYaml(const QByteArray& value)
{
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\ndata:\n  password: " +
           value.toBase64() + "\nstringData:\n  token: " + value + "\n";
}

// Every display/tooltip text of a model, recursively.
QStringList modelTexts(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            texts << index.data().toString() << index.data(Qt::ToolTipRole).toString();
        }
        texts << modelTexts(model, model.index(row, 0, parent));
    }
    return texts;
}

QModelIndex child(const QAbstractItemModel& model, const QModelIndex& parent, const QString& display)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == display)
            return index;
    }
    return {};
}

core::git::CommitInfo commitInfo(const ScratchRepo& repo, const QString& id)
{
    core::git::CommitInfo info;
    info.id = id;
    const QString parents = QString::fromLatin1(repo.git({QStringLiteral("log"), QStringLiteral("-1"),
                                                          QStringLiteral("--format=%P"), id}))
                                .trimmed();
    info.parents = parents.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return info;
}

void waitLoaded(ui::ChangesPanel& panel)
{
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 30000);
    QCoreApplication::processEvents();
}

} // namespace

class TestChangesTree : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("shiplog-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_changes_tree"));
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().clear();
    }

    void groupsAndCountsAKnownCommit()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("apps/web.yaml"), deployment("shop", "web", "nginx:1.25"));
        repo.write(QStringLiteral("apps/api.yaml"), deployment("shop", "api", "api:1"));
        repo.write(QStringLiteral("apps/config.yaml"), configMap("shop", "settings", "info"));
        repo.write(QStringLiteral("apps/svc.yaml"), service("shop", "web"));
        repo.write(QStringLiteral("rbac/role.yaml"), clusterRole("get"));
        repo.commit(QStringLiteral("Initial environment"));
        repo.write(QStringLiteral("apps/web.yaml"), deployment("shop", "web", "nginx:1.27", 3)); // modified
        repo.remove(QStringLiteral("apps/svc.yaml"));                                            // removed
        repo.remove(QStringLiteral("apps/config.yaml"));
        repo.write(QStringLiteral("config/settings.yaml"), configMap("shop", "settings", "info")); // moved
        repo.write(QStringLiteral("ops/cache.yaml"), configMap("ops", "cache", "debug"));          // added
        repo.write(QStringLiteral("rbac/role.yaml"), clusterRole("list"));                         // modified
        repo.write(QStringLiteral("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        const QString id = repo.commit(QStringLiteral("Roll web, move settings"));

        ui::ChangesPanel panel;
        QAbstractItemModelTester tester(panel.tree()->changesModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.showCommit(repo.path(), commitInfo(repo, id));
        QVERIFY(panel.isLoading());
        waitLoaded(panel);
        const ChangesModel& model = *panel.tree()->changesModel();

        // Top level: cluster-scoped first, then namespaces by name, then the parse errors.
        QStringList top;
        for (int row = 0; row < model.rowCount(); ++row)
            top << model.index(row, 0).data().toString();
        QCOMPARE(top, (QStringList{QStringLiteral("Cluster-scoped (1)"), QStringLiteral("ops (1)"),
                                   QStringLiteral("shop (3)"), QStringLiteral("Parse errors (1)")}));
        const QModelIndex shop = model.index(2, 0);
        QCOMPARE(model.index(2, ChangesModel::ChangeColumn).data().toString(), QStringLiteral("~1 −1 →1"));
        const QModelIndex deployments = child(model, shop, QStringLiteral("Deployment (1)"));
        QVERIFY(deployments.isValid());
        const QModelIndex web = model.index(0, 0, deployments);
        QCOMPARE(web.data().toString(), QStringLiteral("web"));
        QCOMPARE(model.index(0, ChangesModel::ChangeColumn, deployments).data().toString(),
                 QStringLiteral("modified"));
        QVERIFY(!web.data(Qt::DecorationRole).value<QIcon>().isNull());
        const QModelIndex configMaps = child(model, shop, QStringLiteral("ConfigMap (1)"));
        QCOMPARE(model.index(0, ChangesModel::ChangeColumn, configMaps).data().toString(),
                 QStringLiteral("moved"));
        QVERIFY(model.index(0, 0, configMaps)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("apps/config.yaml to config/settings.yaml")));
        QVERIFY(child(model, shop, QStringLiteral("Service (1)")).isValid());
        QCOMPARE(model.rowCount(model.index(0, 0)), 1); // ClusterRole
        QCOMPARE(model.index(0, 0, model.index(0, 0)).data().toString(), QStringLiteral("ClusterRole (1)"));

        const QModelIndex errors = model.index(3, 0);
        QCOMPARE(model.rowCount(errors), 1);
        QVERIFY(model.index(0, 0, errors).data().toString().startsWith(QLatin1String("broken.yaml")));
        QVERIFY(!model.index(0, ChangesModel::ChangeColumn, errors).data().toString().isEmpty());
        QVERIFY2(panel.statusText().contains(QLatin1String("1 file could not be read")),
                 qPrintable(panel.statusText()));

        // The first resource is selected and shown: header, diff, fields.
        auto* pane = panel.resourcePane();
        QVERIFY(panel.tree()->currentChange());
        panel.tree()->setCurrentIndex(web);
        QVERIFY(pane->headerText().contains(QLatin1String("Deployment")));
        QVERIFY(pane->headerText().contains(QLatin1String("shop/web")));
        QVERIFY(pane->headerText().contains(QLatin1String("modified")));
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 20000);
        QVERIFY(pane->diffView()->paneText(1).contains(QLatin1String("nginx:1.27")) ||
                pane->diffView()->paneText(0).contains(QLatin1String("nginx:1.27")));
        QStringList paths;
        for (int row = 0; row < pane->fieldsView()->model()->rowCount(); ++row)
            paths << pane->fieldsView()->model()->index(row, 0).data().toString();
        QVERIFY2(paths.contains(QStringLiteral("spec.template.spec.containers[name=web].image")),
                 qPrintable(paths.join(',')));
        QVERIFY(paths.contains(QStringLiteral("spec.replicas")));

        // A moved resource names both paths in the header.
        panel.tree()->setCurrentIndex(model.index(0, 0, configMaps));
        QVERIFY2(pane->headerText().contains(QStringLiteral("apps/config.yaml → config/settings.yaml")),
                 qPrintable(pane->headerText()));
    }

    void secretNeverRendered()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("secret.yaml"), secretYaml(kPlainSecret));
        repo.commit(QStringLiteral("Add the database secret"));
        repo.write(QStringLiteral("secret.yaml"), secretYaml("rotated-" + kPlainSecret));
        const QString id = repo.commit(QStringLiteral("Rotate the database secret"));

        for (ui::DiffMode mode : {ui::DiffMode::SideBySide, ui::DiffMode::Unified}) {
            ui::ChangesPanel panel;
            panel.resourcePane()->diffView()->setMode(mode);
            panel.resourcePane()->diffView()->setFoldContext(false);
            panel.showCommit(repo.path(), commitInfo(repo, id));
            waitLoaded(panel);
            QVERIFY(panel.tree()->currentChange());
            QCOMPARE(panel.tree()->currentChange()->key.kind, QStringLiteral("Secret"));
            auto* diff = panel.resourcePane()->diffView();
            QTRY_VERIFY_WITH_TIMEOUT(!diff->isBuilding(), 20000);
            QStringList texts = modelTexts(*panel.tree()->changesModel());
            texts << modelTexts(*panel.resourcePane()->fieldsView()->model());
            texts << diff->paneText(0) << diff->paneText(1) << panel.resourcePane()->headerText();
            const QString all = texts.join(QLatin1Char('\n'));
            QVERIFY(all.contains(QLatin1String("password"))); // the key is shown, its value is not
            QVERIFY(all.contains(QLatin1String("data.password")) ||
                    all.contains(QLatin1String("stringData.token")));
            for (const QByteArray& secret : {kPlainSecret, "rotated-" + kPlainSecret}) {
                QVERIFY2(!all.contains(QString::fromUtf8(secret)), "a plain Secret value was rendered");
                QVERIFY2(!all.contains(QString::fromLatin1(secret.toBase64())),
                         "a base64 Secret value was rendered");
            }
        }
    }

    void timelineListsTheCommitsAndBlames()
    {
        ScratchRepo repo;
        const QString c1 = repo.commit(QStringLiteral("Empty start"));
        repo.write(QStringLiteral("web.yaml"), deployment("shop", "web", "nginx:1.25"));
        const QString c2 =
            repo.commit(QStringLiteral("Add web"), QStringLiteral("Ada Lovelace <ada@example.com>"));
        repo.write(QStringLiteral("other.yaml"), configMap("shop", "other", "info"));
        repo.commit(QStringLiteral("Unrelated"));
        repo.write(QStringLiteral("web.yaml"), deployment("shop", "web", "nginx:1.27"));
        const QString c4 =
            repo.commit(QStringLiteral("Roll web"), QStringLiteral("Grace Hopper <grace@example.com>"));
        repo.remove(QStringLiteral("web.yaml"));
        repo.write(QStringLiteral("apps/web.yaml"), deployment("shop", "web", "nginx:1.27", 4));
        const QString c5 = repo.commit(QStringLiteral("Move and scale web"),
                                       QStringLiteral("Alan Turing <alan@example.com>"));
        Q_UNUSED(c1);

        ui::ChangesPanel panel;
        panel.showCommit(repo.path(), commitInfo(repo, c5));
        waitLoaded(panel);
        auto* timeline = panel.resourcePane()->timelineView();
        QSignalSpy loaded(timeline, &ui::TimelineView::loaded);
        timeline->load();
        QVERIFY(loaded.wait(30000));
        QStringList ids;
        for (int i = 0; i < timeline->tree()->topLevelItemCount(); ++i)
            ids << timeline->tree()->topLevelItem(i)->data(0, Qt::UserRole + 1).toString();
        QCOMPARE(ids, (QStringList{c5, c4, c2}));
        QCOMPARE(timeline->tree()->topLevelItem(1)->text(1), QStringLiteral("Grace Hopper"));
        QVERIFY(timeline->tree()->topLevelItem(1)->childCount() >= 1);

        QSignalSpy activated(panel.resourcePane(), &ui::ResourcePane::commitActivated);
        emit timeline->tree()->itemDoubleClicked(timeline->tree()->topLevelItem(1), 0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), c4);

        // Blame: the image was last set by c4, the replicas by c5.
        auto* fields = panel.resourcePane()->fieldsView();
        emit fields->blameRequested(QStringLiteral("spec.template.spec.containers[name=web].image"));
        QTRY_VERIFY(fields->blameText().contains(c4.left(10)));
        QVERIFY(fields->blameText().contains(QLatin1String("Grace Hopper")));
        QVERIFY(fields->blameText().contains(QLatin1String("Roll web")));
        emit fields->blameRequested(QStringLiteral("spec.replicas"));
        QTRY_VERIFY(fields->blameText().contains(c5.left(10)));
    }

    void mergeOffersParentsAndRangeCompare()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("web.yaml"), deployment("shop", "web", "nginx:1.25"));
        const QString base = repo.commit(QStringLiteral("Base"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("feature")});
        repo.write(QStringLiteral("cache.yaml"), configMap("shop", "cache", "debug"));
        repo.commit(QStringLiteral("Add cache"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-")});
        repo.write(QStringLiteral("web.yaml"), deployment("shop", "web", "nginx:1.27"));
        repo.commit(QStringLiteral("Roll web"));
        QProcessEnvironment identity;
        identity.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Ada Lovelace"));
        identity.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("ada@example.com"));
        identity.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Ada Lovelace"));
        identity.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("ada@example.com"));
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-edit"),
                  QStringLiteral("feature")},
                 identity);
        const QString merge =
            QString::fromLatin1(repo.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();

        ui::ChangesPanel panel;
        panel.show();
        panel.showCommit(repo.path(), commitInfo(repo, merge));
        waitLoaded(panel);
        QVERIFY(panel.parentChooser()->isVisible());
        QCOMPARE(panel.parentChooser()->count(), 2);
        // Against the first parent the merge brought the ConfigMap; against the second, the new image.
        QCOMPARE(panel.tree()->currentChange()->key.kind, QStringLiteral("ConfigMap"));
        panel.setParentNumber(2);
        waitLoaded(panel);
        QCOMPARE(panel.tree()->currentChange()->key.kind, QStringLiteral("Deployment"));

        panel.showRange(repo.path(), base, merge);
        waitLoaded(panel);
        QVERIFY(!panel.parentChooser()->isVisible());
        QCOMPARE(panel.tree()->changesModel()->changeSet().resources.size(), 2);
    }
};

QTEST_MAIN(TestChangesTree)
#include "tst_changes_tree.moc"
