// The Connect dialog and the Drift view driven as a user drives them, against the local Kubernetes
// API server (TLS + token) seeded from a scratch GitOps repository: contexts as kubectl resolves
// them, drifted/missing/extra resources, live updates from the server and from the real kubectl,
// the drifted field with its manager and the commit that set it, wrong CA, 403, insecure badge.
#include "app/demo_launch.h"
#include "core/demo/kube_server.h"
#include "core/drift/drift_session.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"
#include "tests/ui/ui_test_support.h"
#include "ui/common/ui_settings.h"
#include "ui/diff/diff_view.h"
#include "ui/drift/connect_dialog.h"
#include "ui/drift/context_list.h"
#include "ui/drift/drift_fields_model.h"
#include "ui/drift/drift_resource_pane.h"
#include "ui/drift/drift_summary_bar.h"
#include "ui/drift/drift_tree_model.h"
#include "ui/drift/drift_view.h"
#include "ui/drift/raw_objects.h"
#include "ui/mainwindow/demo_launcher.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_session.h"
#include "ui/mainwindow/repository_view.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace shiplog;
using core::drift::DriftStatus;

namespace {

const QString kDeployment = QStringLiteral("apps/Deployment shop/web");
const QString kConfigMap = QStringLiteral("ConfigMap shop/web-config");
const QString kService = QStringLiteral("Service shop/web");
const QString kExtra = QStringLiteral("ConfigMap shop/debug-overrides");
const QString kSecret = QStringLiteral("Secret shop/web-secret");
const QByteArray kSecretValue = "s3cret-Value-42";

QByteArray deployment(int replicas)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    "
           "app: web\n"
           "    gitops.jenkins-x.io/pipeline: environment\nspec:\n  replicas: " +
           QByteArray::number(replicas) +
           "\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n     "
           "   app: web\n"
           "    spec:\n      containers:\n      - name: web\n        image: nginx:1.25.3\n        ports:\n"
           "        - containerPort: 80\n";
}

QString kubectlPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("kubectl"));
}

} // namespace

class TestDriftView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    test::ScratchRepo m_repo;
    core::demo::KubeServer m_server;
    core::demo::KubeServerEndpoint m_endpoint;
    QString m_kubeconfig;
    QString m_scaleCommit;

    QString writeFile(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path;
    }

    // Opens the dialog on `kubeconfig`, selects `context` and presses Connect.
    ui::ConnectDialog* startConnect(ui::DriftView& view, const QString& kubeconfig, const QString& context)
    {
        ui::ConnectDialog* dialog = view.openConnectDialog();
        dialog->setKubeconfigPath(kubeconfig);
        if (!QTest::qWaitFor(
                [&] { return !dialog->isLoading() && !dialog->contextList()->contextNames().isEmpty(); },
                10000))
            return dialog;
        dialog->selectContext(context);
        if (dialog->connectButton()->isEnabled())
            QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        return dialog;
    }

    static DriftStatus statusOf(ui::DriftView& view, const QString& key)
    {
        const auto* r = view.treeModel()->resource(key);
        return r ? r->status : DriftStatus(-1);
    }

    static int rowOf(const ui::DriftFieldsModel* model, const QString& path)
    {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->pathAt(row) == path)
                return row;
        return -1;
    }

    static QString allText(const QAbstractItemModel* model)
    {
        QString text;
        for (int row = 0; row < model->rowCount(); ++row)
            for (int column = 0; column < model->columnCount(); ++column)
                text += model->index(row, column).data().toString() + u'\n';
        return text;
    }

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        ui::setDemoLaunchFunction(&app::launchDemo); // as the application does at start-up
        m_repo.write(QStringLiteral("namespace.yaml"),
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n"
                     "    gitops.jenkins-x.io/pipeline: environment\n");
        m_repo.write(QStringLiteral("apps/web/deployment.yaml"), deployment(2));
        m_repo.write(
            QStringLiteral("apps/web/config.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop\n  labels:\n"
            "    gitops.jenkins-x.io/pipeline: environment\ndata:\n  mode: blue\n");
        m_repo.write(
            QStringLiteral("apps/web/service.yaml"),
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n"
            "    gitops.jenkins-x.io/pipeline: environment\nspec:\n  selector:\n    app: web\n  ports:\n"
            "  - port: 80\n    targetPort: 80\n");
        m_repo.write(
            QStringLiteral("apps/web/secret.yaml"),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\n  namespace: shop\n  labels:\n"
            "    gitops.jenkins-x.io/pipeline: environment\nstringData:\n  password: " +
                kSecretValue + "\n");
        m_repo.commit(QStringLiteral("Add the web shop"), QStringLiteral("Ada Lovelace <ada@example.com>"),
                      QStringLiteral("2024-05-01T10:00:00+02:00"));
        m_repo.write(QStringLiteral("apps/web/deployment.yaml"), deployment(3));
        m_scaleCommit = m_repo.commit(QStringLiteral("Scale web to 3 for the sale"),
                                      QStringLiteral("Grace Hopper <grace@example.com>"),
                                      QStringLiteral("2024-05-03T09:00:00+02:00"));
        m_repo.git({QStringLiteral("branch"), QStringLiteral("-M"), QStringLiteral("main")});

        auto started = m_server.start({});
        QVERIFY2(started.has_value(), test::why(started).constData());
        m_endpoint = *started;
        auto seeded = m_server.seed(m_repo.path());
        QVERIFY2(seeded.has_value(), test::why(seeded).constData());
        QCOMPARE(seeded->created, 5);
        // Drift as people make it.
        auto scaled = m_server.scale(QStringLiteral("apps/v1"), QStringLiteral("Deployment"),
                                     QStringLiteral("shop"), QStringLiteral("web"), 5);
        QVERIFY2(scaled.has_value(), test::why(scaled).constData());
        auto removed = m_server.remove(QStringLiteral("v1"), QStringLiteral("Service"),
                                       QStringLiteral("shop"), QStringLiteral("web"));
        QVERIFY2(removed.has_value(), test::why(removed).constData());
        const QJsonObject extra{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"),
             QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("debug-overrides")},
                 {QStringLiteral("namespace"), QStringLiteral("shop")},
                 {QStringLiteral("labels"), QJsonObject{{QStringLiteral("gitops.jenkins-x.io/pipeline"),
                                                         QStringLiteral("environment")}}}}},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")}}}};
        auto created = m_server.create(extra, QStringLiteral("kubectl-create"));
        QVERIFY2(created.has_value(), test::why(created).constData());

        // Two contexts; the second is current (the dialog must preselect it).
        const QByteArray ca = m_endpoint.caPem.toBase64();
        const QByteArray token = m_endpoint.token.toUtf8();
        m_kubeconfig = writeFile(
            QStringLiteral("kubeconfig"),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster:\n    server: " +
                m_endpoint.url.toUtf8() + "\n    certificate-authority-data: " + ca +
                "\n- name: elsewhere\n  cluster:\n    server: https://192.0.2.10:6443\n"
                "users:\n- name: admin\n  user:\n    token: " +
                token +
                "\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                "      command: aws\n      args: [eks, get-token]\n"
                "contexts:\n- name: prod\n  context:\n    cluster: elsewhere\n    user: eks\n"
                "- name: local-shop\n  context:\n    cluster: local\n    user: admin\n    namespace: shop\n"
                "current-context: local-shop\n");
    }

    void cleanupTestCase() { m_server.stop(); }

    void dialogListsContextsAsKubectlResolvesThem()
    {
        core::drift::DriftSession session;
        ui::ConnectDialog dialog(&session);
        dialog.setKubeconfigPath(m_kubeconfig);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading(), 10000);
        QCOMPARE(dialog.contextList()->contextNames(),
                 (QStringList{QStringLiteral("prod"), QStringLiteral("local-shop")}));
        QCOMPARE(dialog.selectedContext(), QStringLiteral("local-shop")); // current-context
        QVERIFY(dialog.errorText().isEmpty());
        const QTreeWidgetItem* prod = dialog.contextList()->topLevelItem(0);
        QCOMPARE(prod->text(ui::ContextList::ServerColumn), QStringLiteral("https://192.0.2.10:6443"));
        QCOMPARE(prod->text(ui::ContextList::AuthColumn), QStringLiteral("exec plugin aws"));
        const QTreeWidgetItem* local = dialog.contextList()->topLevelItem(1);
        QCOMPARE(local->text(ui::ContextList::ServerColumn), m_endpoint.url);
        QCOMPARE(local->text(ui::ContextList::UserColumn), QStringLiteral("admin"));
        QCOMPARE(local->text(ui::ContextList::NamespaceColumn), QStringLiteral("shop"));
        QCOMPARE(local->text(ui::ContextList::AuthColumn), QStringLiteral("token"));
        QVERIFY(!dialog.showsInsecureBadge());
        QVERIFY(dialog.sourcesText().contains(QStringLiteral("only this file")));
    }

    void kubeconfigVariableMergesFirstWins()
    {
        const QString a = writeFile(
            QStringLiteral("a.yaml"),
            "apiVersion: v1\nkind: Config\ncurrent-context: from-a\nclusters:\n- name: c\n  cluster:\n"
            "    server: https://a.example:6443\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  "
            "user:\n"
            "    token: abc\ncontexts:\n- name: from-a\n  context:\n    cluster: c\n    user: u\n"
            "- name: shared\n  context:\n    cluster: c\n    user: u\n    namespace: first\n");
        const QString b = writeFile(
            QStringLiteral("b.yaml"),
            "apiVersion: v1\nkind: Config\ncurrent-context: shared\nclusters:\n- name: c\n  cluster:\n"
            "    server: https://b.example:6443\nusers:\n- name: u\n  user:\n    username: x\n    password: "
            "y\n"
            "contexts:\n- name: shared\n  context:\n    cluster: c\n    user: u\n    namespace: second\n"
            "- name: from-b\n  context:\n    cluster: c\n    user: u\n");
        const QByteArray saved = qgetenv("KUBECONFIG");
        qputenv("KUBECONFIG", (a + u':' + m_dir.filePath(QStringLiteral("absent.yaml")) + u':' + b).toUtf8());
        core::drift::DriftSession session;
        ui::ConnectDialog dialog(&session);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading(), 10000);
        qputenv("KUBECONFIG", saved);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.contextList()->contextNames(),
                 (QStringList{QStringLiteral("from-a"), QStringLiteral("shared"), QStringLiteral("from-b")}));
        QCOMPARE(dialog.selectedContext(), QStringLiteral("from-a")); // the first file's current-context wins
        QVERIFY(dialog.sourcesText().startsWith(QStringLiteral("KUBECONFIG:")));
        // The first file's cluster "c" wins: insecure, shown as a badge; its namespace for "shared".
        QVERIFY(dialog.showsInsecureBadge());
        const QTreeWidgetItem* shared = dialog.contextList()->topLevelItem(1);
        QCOMPARE(shared->text(ui::ContextList::NamespaceColumn), QStringLiteral("first"));
        QCOMPARE(shared->text(ui::ContextList::ServerColumn), QStringLiteral("https://a.example:6443"));
        QCOMPARE(shared->text(ui::ContextList::AuthColumn), QStringLiteral("token"));
        QVERIFY(shared->data(ui::ContextList::ContextColumn, ui::ContextList::InsecureRole).toBool());
    }

    void connectShowsDriftedMissingAndExtra()
    {
        ui::DriftView view;
        view.resize(1200, 700);
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        QTRY_COMPARE_WITH_TIMEOUT(view.revision(), QStringLiteral("refs/heads/main"), 10000);
        QPointer<ui::ConnectDialog> dialog = startConnect(view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view.isConnected(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        QVERIFY(dialog.isNull() || !dialog->isVisible()); // closed itself once connected
        QVERIFY(view.connectionText().contains(QStringLiteral("local-shop")));
        QVERIFY(view.connectionText().contains(m_endpoint.url));
        QVERIFY(!view.showsInsecureBadge());

        QCOMPARE(view.report().revision, m_scaleCommit);
        QCOMPARE(statusOf(view, kDeployment), DriftStatus::Drifted);
        QCOMPARE(statusOf(view, kService), DriftStatus::Missing);
        QCOMPARE(statusOf(view, kExtra), DriftStatus::Extra);
        QCOMPARE(statusOf(view, kConfigMap), DriftStatus::InSync);
        QCOMPARE(statusOf(view, kSecret), DriftStatus::InSync);
        QCOMPARE(statusOf(view, QStringLiteral("Namespace shop")), DriftStatus::InSync);
        const auto summary = view.report().summary;
        QCOMPARE(summary.drifted, 1);
        QCOMPARE(summary.missing, 1);
        QCOMPARE(summary.extra, 1);
        QCOMPARE(view.summaryBar()->chipText(DriftStatus::Missing), QStringLiteral("1  Missing in cluster"));
        QCOMPARE(view.summaryBar()->stateText(), QStringLiteral("Out of sync"));

        // The tree: cluster-scoped first, then the namespace with its kinds.
        QAbstractItemModelTester tester(view.treeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex shop = view.treeModel()->index(1, 0);
        QCOMPARE(shop.data().toString(), QStringLiteral("shop"));
        QCOMPARE(shop.siblingAtColumn(1).data().toString(),
                 QStringLiteral("1 missing · 1 drifted · 1 extra"));
        QVERIFY(view.tree()->isExpanded(shop));

        // The first resource out of sync is selected: its diff and fields are on screen.
        QVERIFY(!view.resourcePane()->currentKey().isEmpty());
        // Filtering by a chip keeps only those resources.
        view.summaryBar()->setChecked(DriftStatus::Extra, true);
        QCOMPARE(view.treeModel()->resourceCount(), 1);
        view.summaryBar()->setChecked(DriftStatus::Extra, false);
        QCOMPARE(view.treeModel()->resourceCount(), 6);
    }

    void drifedFieldShowsManagerAndCommit()
    {
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        startConnect(view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        QVERIFY(view.selectResource(kDeployment));
        ui::DriftResourcePane* pane = view.resourcePane();
        QVERIFY(pane->headerText().contains(QStringLiteral("shop/web")));
        const ui::DriftFieldsModel* fields = pane->fieldsModel();
        const int row = rowOf(fields, QStringLiteral("spec.replicas"));
        QVERIFY2(row >= 0, qPrintable(allText(fields)));
        QCOMPARE(fields->index(row, ui::DriftFieldsModel::GitColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(fields->index(row, ui::DriftFieldsModel::ClusterColumn).data().toString(),
                 QStringLiteral("5"));
        // "kubectl-scale, just now": the manager from managedFields and when it wrote.
        QCOMPARE(fields->changedBy(row), QStringLiteral("kubectl-scale, just now"));
        QCOMPARE(fields->rowCount(), 1); // server defaults are not drift
        // The commit that last set the desired value.
        QTRY_VERIFY_WITH_TIMEOUT(fields->index(row, ui::DriftFieldsModel::CommitColumn)
                                     .data()
                                     .toString()
                                     .startsWith(m_scaleCommit.left(7)),
                                 20000);
        QVERIFY(fields->index(row, ui::DriftFieldsModel::CommitColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Scale web to 3 for the sale")));

        // The diff: git's object against the cluster's, in the shared DiffView.
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 10000);
        QVERIFY(pane->diffView()->paneText(0).contains(QStringLiteral("replicas: 3")));
        QVERIFY(pane->diffView()->paneText(1).contains(QStringLiteral("replicas: 5")));
        QVERIFY2(pane->diffView()->document().additions == 1,
                 (pane->desiredText() + "\n----\n" + pane->liveText()).constData());
        QCOMPARE(pane->diffView()->document().deletions, 1);
        // Normalized: the server's defaults are not in the diff; raw shows them and says why.
        QVERIFY(!pane->liveText().contains("progressDeadlineSeconds"));
        view.setRaw(true);
        QVERIFY(pane->liveText().contains("progressDeadlineSeconds: 600"));
        QVERIFY(!pane->desiredText().contains("progressDeadlineSeconds"));
        const int hidden = rowOf(fields, QStringLiteral("spec.progressDeadlineSeconds"));
        QVERIFY2(hidden >= 0, qPrintable(allText(fields)));
        QVERIFY(fields->isHiddenRow(hidden));
        QVERIFY(fields->index(hidden, ui::DriftFieldsModel::HiddenColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("server default")));
        view.setRaw(false);
        QCOMPARE(fields->rowCount(), 1);

        // Missing and extra: one side only.
        QVERIFY(view.selectResource(kService));
        QVERIFY(pane->liveText().isEmpty());
        QVERIFY(pane->desiredText().contains("port: 80"));
        QVERIFY(view.selectResource(kExtra));
        QVERIFY(pane->desiredText().isEmpty());
        QVERIFY(pane->liveText().contains("LOG_LEVEL: debug"));
    }

    void changesOnTheServerShowWithoutUserAction()
    {
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        startConnect(view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        QCOMPARE(statusOf(view, kConfigMap), DriftStatus::InSync);
        QVERIFY(view.selectResource(kConfigMap));
        const int before = view.reportsReceived();

        // Someone patches the ConfigMap: the view follows through the watch.
        auto patched =
            m_server.mergePatch(QStringLiteral("v1"), QStringLiteral("ConfigMap"), QStringLiteral("shop"),
                                QStringLiteral("web-config"),
                                QJsonObject{{QStringLiteral("data"),
                                             QJsonObject{{QStringLiteral("mode"), QStringLiteral("green")}}}},
                                QStringLiteral("kubectl-patch"));
        QVERIFY2(patched.has_value(), test::why(patched).constData());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, kConfigMap), DriftStatus::Drifted, 5000);
        QVERIFY(view.reportsReceived() > before);
        // The selection stays on the resource, now with its drifted field.
        QCOMPARE(view.resourcePane()->currentKey(), kConfigMap);
        const ui::DriftFieldsModel* fields = view.resourcePane()->fieldsModel();
        const int row = rowOf(fields, QStringLiteral("data.mode"));
        QVERIFY2(row >= 0, qPrintable(allText(fields)));
        QVERIFY(fields->changedBy(row).startsWith(QStringLiteral("kubectl-patch, ")));

        // Put back as git has it: in sync again.
        patched =
            m_server.mergePatch(QStringLiteral("v1"), QStringLiteral("ConfigMap"), QStringLiteral("shop"),
                                QStringLiteral("web-config"),
                                QJsonObject{{QStringLiteral("data"),
                                             QJsonObject{{QStringLiteral("mode"), QStringLiteral("blue")}}}},
                                QStringLiteral("kubectl-patch"));
        QVERIFY2(patched.has_value(), test::why(patched).constData());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, kConfigMap), DriftStatus::InSync, 5000);

        // The real kubectl, as a user types it in a terminal.
        if (kubectlPath().isEmpty())
            QSKIP("kubectl is not installed");
        QTemporaryDir cache;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        const auto r = test::run(kubectlPath(),
                                 {QStringLiteral("--kubeconfig"), m_kubeconfig, QStringLiteral("--cache-dir"),
                                  cache.path(), QStringLiteral("scale"), QStringLiteral("deployment/web"),
                                  QStringLiteral("--replicas=7")},
                                 {}, env, 30000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(view.treeModel()->resource(kDeployment) &&
                                     view.treeModel()
                                             ->resource(kDeployment)
                                             ->live.value(QStringLiteral("spec"))
                                             .toObject()
                                             .value(QStringLiteral("replicas"))
                                             .toInt() == 7,
                                 5000);
        QVERIFY(view.selectResource(kDeployment));
        const int replicas = rowOf(view.resourcePane()->fieldsModel(), QStringLiteral("spec.replicas"));
        QVERIFY(replicas >= 0);
        QCOMPARE(view.resourcePane()
                     ->fieldsModel()
                     ->index(replicas, ui::DriftFieldsModel::ClusterColumn)
                     .data()
                     .toString(),
                 QStringLiteral("7"));
        QVERIFY(
            view.resourcePane()->fieldsModel()->changedBy(replicas).startsWith(QStringLiteral("kubectl")));
    }

    void secretValuesAreNeverShown()
    {
        // The cluster's Secret gets another value: drifted, but both sides masked.
        const QByteArray other = "0ther-Secret-Value";
        auto changed = m_server.mergePatch(
            QStringLiteral("v1"), QStringLiteral("Secret"), QStringLiteral("shop"),
            QStringLiteral("web-secret"),
            QJsonObject{{QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("password"), QString::fromLatin1(other.toBase64())}}}},
            QStringLiteral("kubectl-edit"));
        QVERIFY2(changed.has_value(), test::why(changed).constData());
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        startConnect(view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(view, kSecret), DriftStatus::Drifted, 5000);
        QVERIFY(view.selectResource(kSecret));
        ui::DriftResourcePane* pane = view.resourcePane();
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 10000);
        view.setRaw(true);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->diffView()->isBuilding(), 10000);
        const QString shown = pane->diffView()->paneText(0) + pane->diffView()->paneText(1) +
                              allText(pane->fieldsModel()) +
                              QString::fromUtf8(pane->desiredText() + pane->liveText());
        for (const QByteArray& secret : {kSecretValue, kSecretValue.toBase64(), other, other.toBase64()})
            QVERIFY2(!shown.contains(QString::fromLatin1(secret)), secret.constData());
        QVERIFY(shown.contains(QStringLiteral("++++")));
        // Restore for the other tests.
        changed = m_server.mergePatch(
            QStringLiteral("v1"), QStringLiteral("Secret"), QStringLiteral("shop"),
            QStringLiteral("web-secret"),
            QJsonObject{
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("password"), QString::fromLatin1(kSecretValue.toBase64())}}}},
            QStringLiteral("kubectl-edit"));
        QVERIFY2(changed.has_value(), test::why(changed).constData());
    }

    void wrongCaIsRefusedNamingTheServer()
    {
        // Another CA, made with the openssl CLI: the server's certificate does not chain to it.
        const QString key = m_dir.filePath(QStringLiteral("other-ca.key"));
        const QString cert = m_dir.filePath(QStringLiteral("other-ca.pem"));
        const auto made =
            test::run(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                       QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=Other CA")});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QFile pem(cert);
        QVERIFY(pem.open(QIODevice::ReadOnly));
        const QByteArray otherCa = pem.readAll();
        QVERIFY(otherCa != m_endpoint.caPem);
        const QString kubeconfig = writeFile(
            QStringLiteral("wrong-ca"),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " +
                m_endpoint.url.toUtf8() + "\n    certificate-authority-data: " + otherCa.toBase64() +
                "\nusers:\n- name: u\n  user:\n    token: " + m_endpoint.token.toUtf8() +
                "\ncontexts:\n- name: wrong-ca\n  context:\n    cluster: c\n    user: u\ncurrent-context: "
                "wrong-ca\n");
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        QPointer<ui::ConnectDialog> dialog = startConnect(view, kubeconfig, QStringLiteral("wrong-ca"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->errorText().isEmpty(), 20000);
        QVERIFY2(dialog, "the dialog closed: the wrong CA was accepted");
        QVERIFY2(dialog->errorText().contains(m_endpoint.url), qPrintable(dialog->errorText()));
        QVERIFY2(dialog->errorText().contains(QStringLiteral("certificate"), Qt::CaseInsensitive),
                 qPrintable(dialog->errorText()));
        QVERIFY(dialog->isVisible()); // stays open so the user can pick another context
        QVERIFY(!dialog->isConnecting());
        QVERIFY(dialog->connectButton()->isEnabled());
        QVERIFY(!view.isConnected());
        dialog->reject();
    }

    void execPluginErrorsShowStderrAndInstallHint()
    {
        const QString script = writeFile(
            QStringLiteral("failing-plugin.sh"),
            "#!/bin/sh\necho 'error: the SSO session has expired; run aws sso login' >&2\nexit 3\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray common =
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " +
            m_endpoint.url.toUtf8() + "\n    certificate-authority-data: " + m_endpoint.caPem.toBase64() +
            "\n";
        const QString kubeconfig = writeFile(
            QStringLiteral("exec"),
            common +
                "users:\n- name: failing\n  user:\n    exec:\n      apiVersion: "
                "client.authentication.k8s.io/v1\n      command: " +
                script.toUtf8() +
                "\n- name: absent\n  user:\n    exec:\n      apiVersion: "
                "client.authentication.k8s.io/v1beta1\n"
                "      command: shiplog-no-such-plugin\n      installHint: Install it with brew install "
                "no-such-plugin\n"
                "contexts:\n- name: failing\n  context:\n    cluster: c\n    user: failing\n"
                "- name: absent\n  context:\n    cluster: c\n    user: absent\ncurrent-context: failing\n");
        ui::DriftView view;
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        QPointer<ui::ConnectDialog> dialog = startConnect(view, kubeconfig, QStringLiteral("failing"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->errorText().isEmpty(), 20000);
        QVERIFY(dialog);
        QVERIFY2(
            dialog->errorText().contains(QStringLiteral("the SSO session has expired; run aws sso login")),
            qPrintable(dialog->errorText()));
        QVERIFY(dialog->selectContext(QStringLiteral("absent")));
        QCOMPARE(dialog->contextList()->currentItem()->text(ui::ContextList::AuthColumn),
                 QStringLiteral("exec plugin shiplog-no-such-plugin"));
        dialog->connectSelected();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->errorText().contains(QStringLiteral("Install it with brew install no-such-plugin")),
            20000);
        QVERIFY(!view.isConnected());
        dialog->reject();
    }

    void forbiddenTypeIsNotReadable()
    {
        auto denied = m_server.denyResource(QStringLiteral("configmaps"));
        QVERIFY2(denied.has_value(), test::why(denied).constData());
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        startConnect(view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        auto allowed = m_server.denyResource(QStringLiteral("configmaps"), false);
        QVERIFY2(allowed.has_value(), test::why(allowed).constData());
        QCOMPARE(statusOf(view, kConfigMap), DriftStatus::Unreadable);
        QVERIFY(view.report().summary.unreadable >= 1);
        // The rest still works.
        QCOMPARE(statusOf(view, kDeployment), DriftStatus::Drifted);
        QCOMPARE(statusOf(view, kService), DriftStatus::Missing);
        QVERIFY(view.selectResource(kConfigMap));
        QVERIFY2(view.resourcePane()->fieldsModel()->rowCount() == 0, "no fields for an unreadable resource");
        const auto* r = view.treeModel()->resource(kConfigMap);
        QVERIFY2(r->reason.contains(QStringLiteral("forbidden"), Qt::CaseInsensitive) ||
                     r->reason.contains(QStringLiteral("403")),
                 qPrintable(r->reason));
        QVERIFY(view.summaryBar()
                    ->chipText(DriftStatus::Unreadable)
                    .startsWith(QString::number(view.report().summary.unreadable)));
    }

    void insecureContextShowsTheBadge()
    {
        const QString kubeconfig =
            writeFile(QStringLiteral("insecure"),
                      "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " +
                          m_endpoint.url.toUtf8() +
                          "\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: " +
                          m_endpoint.token.toUtf8() +
                          "\ncontexts:\n- name: insecure\n  context:\n    cluster: c\n    user: u\n"
                          "    namespace: shop\ncurrent-context: insecure\n");
        ui::DriftView view;
        view.show();
        ui::RepositorySession session(m_repo.path());
        ui::followInDrift(&session, &view);
        ui::ConnectDialog* dialog = view.openConnectDialog();
        dialog->setKubeconfigPath(kubeconfig);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
        QVERIFY(dialog->showsInsecureBadge());
        dialog->connectSelected();
        QTRY_VERIFY_WITH_TIMEOUT(view.isConnected(), 20000);
        QVERIFY(view.showsInsecureBadge());
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 20000);
        QCOMPARE(statusOf(view, kDeployment), DriftStatus::Drifted);
    }

    void demoPreselectsTheDemoCluster()
    {
        QTemporaryDir demo;
        ui::MainWindow window;
        window.show();
        window.openDemo(demo.filePath(QStringLiteral("demo")));
        QTRY_VERIFY_WITH_TIMEOUT(window.repositoryView() != nullptr, 60000);
        ui::DriftView* view = window.driftView();
        QCOMPARE(window.repositoryTabs()->tabText(window.repositoryTabs()->indexOf(view)),
                 QStringLiteral("Drift"));
        QTRY_COMPARE_WITH_TIMEOUT(view->suggestedContext(), QStringLiteral("shiplog-demo"), 60000);
        QVERIFY(view->suggestedKubeconfig().startsWith(demo.path()));

        // Cluster ▸ Connect… opens the dialog on the demo's kubeconfig and context.
        QAction* connectAction = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->text() == QStringLiteral("&Cluster"))
                for (QAction* action : menu->menu()->actions())
                    if (action->text() == QStringLiteral("&Connect…"))
                        connectAction = action;
        QVERIFY(connectAction);
        QCOMPARE(connectAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+K")));
        connectAction->trigger();
        auto* dialog = view->findChild<ui::ConnectDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
        QCOMPARE(dialog->kubeconfigPath(), view->suggestedKubeconfig());
        QCOMPARE(dialog->selectedContext(), QStringLiteral("shiplog-demo"));
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view->hasReport(), 30000);
        QCOMPARE(window.repositoryTabs()->currentWidget(), view);
        // The injected drift: a scaled Deployment, an edited ConfigMap, a deleted Service, an extra object.
        const auto summary = view->report().summary;
        QVERIFY2(summary.drifted >= 2, qPrintable(QString::number(summary.drifted)));
        QCOMPARE(summary.missing, 1);
        QCOMPARE(summary.extra, 1);
        QVERIFY(summary.inSync > 50);
        QTRY_VERIFY(window.repositoryTabs()
                        ->tabText(window.repositoryTabs()->indexOf(view))
                        .startsWith(QStringLiteral("Drift (")));
    }

    // View ▸ Reload after a commit pushed outside Shiplog: the Drift tab compares the branch's new
    // tip, not the content it read when it connected.
    void reloadRereadsTheGitSide()
    {
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("env"));
        QCOMPARE(test::run(QStringLiteral("git"),
                           {QStringLiteral("clone"), QStringLiteral("-q"), m_repo.path(), clone}, {},
                           test::ScratchRepo::gitEnvironment())
                     .exitCode,
                 0);
        ui::MainWindow window;
        window.show();
        window.openRepository(clone);
        QTRY_VERIFY_WITH_TIMEOUT(test::historyLoaded(window.repositoryView()), 30000);
        ui::DriftView* view = window.driftView();
        QTRY_VERIFY_WITH_TIMEOUT(!view->revision().isEmpty(), 10000);
        startConnect(*view, m_kubeconfig, QStringLiteral("local-shop"));
        QTRY_VERIFY_WITH_TIMEOUT(view->hasReport() && view->report().revision == m_scaleCommit, 30000);

        QFile file(clone + QStringLiteral("/apps/web/deployment.yaml"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(deployment(7));
        file.close();
        const test::ProcessResult committed =
            test::run(QStringLiteral("git"),
                      {QStringLiteral("-C"), clone, QStringLiteral("commit"), QStringLiteral("-q"),
                       QStringLiteral("-am"), QStringLiteral("Scale web to 7"), QStringLiteral("--author"),
                       QStringLiteral("Ada Lovelace <ada@example.com>")},
                      {}, test::ScratchRepo::gitEnvironment());
        QVERIFY2(committed.exitCode == 0, committed.err.constData());
        // Pushed: origin/main (the branch the operator applies, which the Drift tab compares) moves.
        test::run(QStringLiteral("git"),
                  {QStringLiteral("-C"), clone, QStringLiteral("update-ref"),
                   QStringLiteral("refs/remotes/origin/main"), QStringLiteral("HEAD")});
        const QString tip = QString::fromUtf8(test::run(QStringLiteral("git"),
                                                        {QStringLiteral("-C"), clone,
                                                         QStringLiteral("rev-parse"), QStringLiteral("HEAD")})
                                                  .out)
                                .trimmed();
        QVERIFY(tip != m_scaleCommit);

        QAction* reload = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu() && menu->text() == QStringLiteral("&View"))
                for (QAction* action : menu->menu()->actions())
                    if (action->text() == QStringLiteral("&Reload"))
                        reload = action;
        QVERIFY(reload);
        reload->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(view->desiredCommit(), tip, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->report().revision, tip, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(window.repositoryView()->historyModel()->commitAt(0).id, tip, 20000);
        view->disconnectFromCluster();
    }

    // Environments in different clusters are compared one at a time: the box lists them, the first
    // is compared, another choice reloads that environment's desired state (rendered by kustomize).
    void environmentsOfDifferentClustersAreComparedOneAtATime()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("base/kustomization.yaml"), "resources: [cm.yaml]\n");
        repo.write(QStringLiteral("base/cm.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  k: v\n");
        repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                   "resources: [../../base]\nnamespace: staging\n");
        repo.write(QStringLiteral("overlays/production/kustomization.yaml"),
                   "resources: [../../base, extra.yaml]\nnamespace: production\n");
        repo.write(QStringLiteral("overlays/production/extra.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  k: v\n");
        repo.commit(QStringLiteral("two overlays"));
        shiplog::ui::settings::waitForWrites(); // the GUI writes settings on a thread of its own
        QSettings().remove(QStringLiteral("drift"));

        ui::MainWindow window;
        window.show();
        window.openRepository(repo.path());
        ui::DriftView* view = window.driftView();
        QComboBox* box = view->environmentBox();
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisibleTo(view) && !view->desiredCommit().isEmpty(), 30000);
        QStringList names;
        for (int i = 0; i < box->count(); ++i)
            names << box->itemData(i).toString();
        names.sort();
        QCOMPARE(names,
                 (QStringList{QStringLiteral("overlays/production"), QStringLiteral("overlays/staging")}));
        const QHash<QString, int> expected{{QStringLiteral("overlays/staging"), 1},
                                           {QStringLiteral("overlays/production"), 2}};
        QCOMPARE(box->currentData().toString(), view->environment());
        QTRY_VERIFY_WITH_TIMEOUT(
            view->statusLine().contains(
                QStringLiteral("%1 resource(s) in git").arg(expected.value(view->environment()))),
            30000);
        const QString other = view->environment() == names[0] ? names[1] : names[0];
        view->setEnvironment(other);
        QCOMPARE(box->currentData().toString(), other);
        QTRY_VERIFY_WITH_TIMEOUT(
            view->statusLine().contains(QStringLiteral("%1 resource(s) in git").arg(expected.value(other))),
            30000);
        // Remembered for the repository.
        ui::DriftView again;
        again.setRepository(repo.path());
        QCOMPARE(again.environment(), other);
    }

    void rawObjectsPutHiddenFieldsBack()
    {
        const QJsonObject root{
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("containers"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}},
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("side")}}}}}}};
        const QJsonObject set = ui::withFieldValue(root, QStringLiteral("spec.containers[name=side].image"),
                                                   QStringLiteral("busybox"));
        QCOMPARE(set[u"spec"][u"containers"][1][u"image"].toString(), QStringLiteral("busybox"));
        QVERIFY(!set[u"spec"][u"containers"][0].toObject().contains(u"image"));
        const QJsonObject labels = ui::withFieldValue(
            root, QStringLiteral("metadata.labels[\"app.kubernetes.io/name\"]"), QStringLiteral("web"));
        QCOMPARE(labels[u"metadata"][u"labels"][u"app.kubernetes.io/name"].toString(), QStringLiteral("web"));
        const QJsonObject removed =
            ui::withFieldValue(set, QStringLiteral("spec.containers[1].image"), QJsonValue::Null);
        QCOMPARE(removed, root);
        // A list item that is not there is left alone.
        QCOMPARE(
            ui::withFieldValue(root, QStringLiteral("spec.containers[name=nope].image"), QStringLiteral("x")),
            root);
    }
};

QTEST_MAIN(TestDriftView)
#include "tst_drift_view.moc"
