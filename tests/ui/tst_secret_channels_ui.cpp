// Planted tokens and Secret values never reach the GUI (issue 14): the revert dialog and the Drift
// view are driven where every source quotes a secret — a remote URL carrying a token, a forge that
// echoes the Authorization header in its 401, an API server echoing the bearer token in a 403, a
// Secret whose live value differs from git — and the text of every widget, item view and message
// box on screen is searched for each planted value.
#include "core/git/history.h"
#include "tests/support/git_servers.h"
#include "tests/support/hostile_kube_server.h"
#include "tests/support/loopback_http.h"
#include "tests/support/revert_world.h"
#include "tests/ui/ui_test_support.h"
#include "ui/drift/connect_dialog.h"
#include "ui/drift/context_list.h"
#include "ui/drift/drift_tree_model.h"
#include "ui/drift/drift_view.h"
#include "ui/mainwindow/main_window.h"
#include "ui/mainwindow/repository_session.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/revert_dialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextEdit>

using namespace shiplog;
namespace forge = core::forge;

namespace {

const QString kUrlToken = QStringLiteral("ghp_urlsecretUi456");
const QString kForgeToken = QStringLiteral("ghp_plantedUiForge0042");
const QByteArray kKubeToken = "kube-planted-ui-bearer-77";
const QByteArray kSecretValue = "planted-ui-secret-value";

void collectModel(const QAbstractItemModel* model, const QModelIndex& parent, QStringList& out)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            for (int role :
                 {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::StatusTipRole), int(Qt::UserRole)})
                out << index.data(role).toString();
        }
        collectModel(model, model->index(row, 0, parent), out);
    }
}

// Everything a user can read: every widget's text and tooltip, every item of every view, in every
// top-level window (message boxes included).
QString everythingOnScreen()
{
    QStringList out;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        QList<QWidget*> widgets = top->findChildren<QWidget*>();
        widgets.prepend(top);
        for (QWidget* w : widgets) {
            out << w->windowTitle() << w->toolTip() << w->statusTip() << w->accessibleName();
            if (auto* label = qobject_cast<QLabel*>(w))
                out << label->text();
            if (auto* edit = qobject_cast<QLineEdit*>(w))
                out << edit->text();
            if (auto* plain = qobject_cast<QPlainTextEdit*>(w))
                out << plain->toPlainText();
            if (auto* rich = qobject_cast<QTextEdit*>(w))
                out << rich->toPlainText();
            if (auto* button = qobject_cast<QAbstractButton*>(w))
                out << button->text();
            if (auto* combo = qobject_cast<QComboBox*>(w))
                for (int i = 0; i < combo->count(); ++i)
                    out << combo->itemText(i);
            if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model())
                collectModel(view->model(), {}, out);
        }
    }
    return out.join(u'\n');
}

core::git::CommitInfo commitInfo(const QString& repo, const QString& id)
{
    auto details = core::git::loadCommitDetails(repo, id);
    return details ? details->commit : core::git::CommitInfo{};
}

QString seedHistory(const test::RevertWorld& w)
{
    w.seed.write(
        QStringLiteral("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\ndata:\n  k: '1'\n");
    w.seed.commit(QStringLiteral("a"));
    w.seed.write(
        QStringLiteral("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: prod\ndata:\n  k: '2'\n");
    const QString change = w.seed.commit(QStringLiteral("a 2"));
    w.push();
    return change;
}

std::unique_ptr<ui::RevertDialog> makeDialog(const test::RevertWorld& w, const QString& commit)
{
    auto* flow = new ui::RevertFlow(w.user(), commitInfo(w.user(), commit));
    forge::TokenSources none;
    none.environment = QProcessEnvironment();
    none.askGhCli = false;
    flow->setTokenSources(none);
    flow->setUseCredentialHelpers(false);
    flow->setForgeOptions({10, 1});
    auto dialog = std::make_unique<ui::RevertDialog>(flow, QStringList{QStringLiteral("main")});
    dialog->setUrlOpener([](const QUrl&) {});
    return dialog;
}

} // namespace

class TestSecretChannelsUi : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        test::isolateSettings(m_settings);
        test::isolateGitConfiguration(m_home);
    }

    // D13 in the dialog: the fetch from a remote whose URL carries a token fails, and says where.
    void revertDialogWithTokenInTheRemoteUrl()
    {
        test::RevertWorld w;
        const QString change = seedHistory(w);
        QVERIFY(w.cloneUser(QStringLiteral("https://x-access-token:%1@127.0.0.1:%2/acme/env.git")
                                .arg(kUrlToken)
                                .arg(test::freePort())));
        auto dialog = makeDialog(w, change);
        dialog->show();
        ui::RevertFlow* flow = dialog->flow();
        flow->startPreview();
        QTRY_VERIFY_WITH_TIMEOUT(!flow->isBusy(), 60000);
        QVERIFY2(!flow->previewError().isEmpty(), "the fetch from a closed port succeeded");
        QVERIFY(!flow->previewError().contains(kUrlToken));
        const QString screen = everythingOnScreen();
        QVERIFY2(!screen.contains(kUrlToken), qPrintable(screen));
        QVERIFY2(screen.contains(QStringLiteral("127.0.0.1")), qPrintable(screen));
    }

    // D14 in the dialog: the forge's 401 quotes the Authorization header.
    void revertDialogWhenTheForgeEchoesTheToken()
    {
        test::RevertWorld w;
        const QString change = seedHistory(w);
        QVERIFY(w.cloneUser());
        test::LoopbackHttpServer api([](const test::HttpRequest& r) {
            return test::HttpResponse{
                401,
                {{"Content-Type", "application/json"}},
                "{\"message\":\"Bad credentials: Authorization: " + r.header("authorization") + "\"}",
                false};
        });
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, api.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kForgeToken});
        auto dialog = makeDialog(w, change);
        dialog->show();
        ui::RevertFlow* flow = dialog->flow();
        flow->startPreview();
        QTRY_VERIFY_WITH_TIMEOUT(!flow->isBusy(), 60000);
        QVERIFY2(flow->preview().has_value(), qPrintable(flow->previewError()));
        QSignalSpy finished(flow, &ui::RevertFlow::finished);
        dialog->findChild<QPushButton*>(QStringLiteral("revertCreate"))->click();
        QVERIFY(finished.wait(60000));
        QVERIFY(flow->outcome().has_value());
        QVERIFY2(flow->outcome()->message.contains(u"401"), qPrintable(flow->outcome()->message));
        QVERIFY(!flow->outcome()->message.contains(kForgeToken));
        const QString screen = everythingOnScreen();
        QVERIFY2(!screen.contains(kForgeToken), qPrintable(screen));
        QVERIFY2(screen.contains(QStringLiteral("401")), qPrintable(screen));
        ui::forges::clearSessionForge(w.user());
    }

    // The Drift view: a 403 that quotes the bearer token, and a Secret whose value differs.
    void driftViewWithEchoedTokenAndDifferingSecret()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n");
        repo.write(
            QStringLiteral("c1.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: ns\ndata:\n  k: v\n");
        repo.write(QStringLiteral("s1.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s1\n  "
                                              "namespace: ns\nstringData:\n  password: " +
                                                  kSecretValue + "-in-git\n");
        repo.commit(QStringLiteral("cluster"));
        const QByteArray live = QByteArray(kSecretValue + "-live").toBase64();
        test::HostileKubeServer server([live](const QByteArray&, const QByteArray& target) {
            const QByteArray path =
                target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            if (path == "/api/v1/configmaps")
                return test::HostileAnswer{403, "application/json",
                                           "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":"
                                           "\"Forbidden\",\"code\":403,\"message\":"
                                           "\"configmaps is forbidden: request with Authorization: Bearer " +
                                               kKubeToken + " denied\"}"};
            if (path == "/api/v1/secrets")
                return test::HostileAnswer{
                    200, "application/json",
                    R"({"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"s1","namespace":"ns","resourceVersion":"4"}}]})"};
            if (path == "/api/v1/namespaces/ns/secrets/s1")
                return test::HostileAnswer{
                    200, "application/json",
                    // (a plain literal: Qt 6.4's moc misreads a raw string that ends in a quote)
                    "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"s1\",\"namespace\":"
                    "\"ns\",\"resourceVersion\":\"4\"},\"type\":\"Opaque\",\"data\":{\"password\":\"" +
                        live + "\"}}"};
            if (target.contains("watch=true"))
                return test::HostileAnswer{200, "application/json", {}, test::HostileAnswer::Mode::Silent};
            return test::HostileKubeServer::healthy(target);
        });
        QTemporaryDir dir;
        const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
        QFile file(kubeconfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: Config\ncurrent-context: h\nclusters:\n- name: h\n  cluster:\n    "
                   "server: " +
                   server.url().toUtf8() + "\nusers:\n- name: u\n  user:\n    token: " + kKubeToken +
                   "\ncontexts:\n- name: h\n  context: {cluster: h, user: u}\n");
        file.close();

        ui::DriftView view;
        view.show();
        ui::RepositorySession session(repo.path());
        ui::followInDrift(&session, &view);
        QTRY_VERIFY_WITH_TIMEOUT(!view.revision().isEmpty(), 10000);
        ui::ConnectDialog* dialog = view.openConnectDialog();
        dialog->setKubeconfigPath(kubeconfig);
        QVERIFY(QTest::qWaitFor(
            [&] { return !dialog->isLoading() && !dialog->contextList()->contextNames().isEmpty(); }, 10000));
        dialog->selectContext(QStringLiteral("h"));
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 30000);
        QVERIFY2(view.report().summary.unreadable >= 1, "the 403 was not reported");
        for (const QString& key : {QStringLiteral("ConfigMap ns/c1"), QStringLiteral("Secret ns/s1")})
            if (view.treeModel()->resource(key))
                view.selectResource(key);
        const QString screen = everythingOnScreen();
        for (const QByteArray& planted : {kKubeToken, kSecretValue, live})
            QVERIFY2(!screen.contains(QString::fromUtf8(planted)),
                     qPrintable(QString::fromUtf8(planted) + QStringLiteral(" shown in:\n") + screen));
        QVERIFY2(screen.contains(QStringLiteral("forbidden")), qPrintable(screen));
    }
};

QTEST_MAIN(TestSecretChannelsUi)
#include "tst_secret_channels_ui.moc"
