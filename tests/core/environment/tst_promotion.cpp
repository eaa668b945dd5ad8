// The promotion board: on the demo (Jenkins X; ledger 0.10.0 promoted to jx-staging only), every
// cell's version is what that environment's helmfile pins (read by git) and the commit that brought
// it is the promotion git's log names; on the Flux example, the podinfo HelmRelease's chart version
// per cluster.
#include "core/demo/demo_environment.h"
#include "core/environment/promotion.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QRegularExpression>
#include <QTest>

using namespace shiplog;
using core::environment::PromotionBoard;
using core::environment::PromotionRow;

namespace {

QString git(const QString& repo, const QStringList& arguments)
{
    return QString::fromUtf8(
               test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments).out)
        .trimmed();
}

const PromotionRow* row(const PromotionBoard& board, const QString& application)
{
    for (const PromotionRow& r : board.rows)
        if (r.application == application)
            return &r;
    return nullptr;
}

// The version a helmfile pins for a release, read from its text (`- chart: acme/<name>` then
// `version: "x"`).
QString pinned(const QString& helmfile, const QString& name)
{
    const QRegularExpression re(
        QStringLiteral("chart: [^\\n]*/%1\\n\\s*version: \"?([^\"\\n]+)\"?").arg(name));
    return re.match(helmfile).captured(1);
}

} // namespace

class TestPromotion : public QObject
{
    Q_OBJECT

private slots:
    void demoBoard()
    {
        QTemporaryDir dir;
        auto demo = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo));
        const QString repo = demo->workTree;
        auto board = core::environment::buildPromotionBoard(repo, {});
        QVERIFY2(board, test::why(board));
        QVERIFY(board->errors.isEmpty());
        const qsizetype staging = board->environments.indexOf(QStringLiteral("jx-staging"));
        const qsizetype production = board->environments.indexOf(QStringLiteral("jx-production"));
        QVERIFY(staging >= 0 && production >= 0);

        int checked = 0;
        for (const QString& ns : {QStringLiteral("jx-staging"), QStringLiteral("jx-production")}) {
            const QString helmfile = git(
                repo, {QStringLiteral("show"), QStringLiteral("HEAD:helmfiles/%1/helmfile.yaml").arg(ns)});
            const qsizetype column = board->environments.indexOf(ns);
            for (const QString& app : {QStringLiteral("payments"), QStringLiteral("checkout"),
                                       QStringLiteral("ledger"), QStringLiteral("notifications")}) {
                const QString version = pinned(helmfile, app);
                if (version.isEmpty())
                    continue;
                const PromotionRow* r = row(*board, app);
                QVERIFY2(r, qPrintable(app));
                QCOMPARE(r->cells.at(column).version, version);
                // The commit that brought it: git's newest commit whose diff adds that version line
                // to this helmfile (git log -G, independent of Shiplog's walk).
                const QString expected =
                    git(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                               QStringLiteral("-G"),
                               QStringLiteral("version: \"?%1\"?$").arg(QRegularExpression::escape(version)),
                               QStringLiteral("--"), QStringLiteral("helmfiles/%1/helmfile.yaml").arg(ns)});
                QVERIFY(!r->cells.at(column).commit.isEmpty());
                // -G also lists commits that only removed such a line (another release at that version):
                // the cell's commit must at least be one that touched the line, and be that commit
                // when no other release shares the version.
                const QString touched =
                    git(repo, {QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("-G"),
                               QStringLiteral("version: \"?%1\"?$").arg(QRegularExpression::escape(version)),
                               QStringLiteral("--"), QStringLiteral("helmfiles/%1/helmfile.yaml").arg(ns)});
                QVERIFY2(touched.contains(r->cells.at(column).commit), qPrintable(app + u' ' + ns));
                if (helmfile.count(QStringLiteral("version: \"%1\"").arg(version)) == 1)
                    QCOMPARE(r->cells.at(column).commit, expected);
                ++checked;
            }
        }
        QVERIFY(checked >= 6);
        const PromotionRow* ledger = row(*board, QStringLiteral("ledger"));
        QVERIFY(ledger && ledger->differs());
        QCOMPARE(ledger->cells.at(staging).version, QStringLiteral("0.10.0"));
        QCOMPARE(ledger->cells.at(staging).commitSubject,
                 QStringLiteral("chore: promote ledger to version 0.10.0"));
        QVERIFY(!row(*board, QStringLiteral("payments"))->differs());
    }

    void fluxHelmReleaseVersions()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("flux2-kustomize-helm-example"), dir.path()));
        auto board = core::environment::buildPromotionBoard(dir.path(), {});
        QVERIFY2(board, test::why(board));
        const PromotionRow* podinfo = row(*board, QStringLiteral("podinfo"));
        QVERIFY(podinfo);
        QCOMPARE(podinfo->kind, PromotionRow::Kind::HelmRelease);
        const qsizetype staging = board->environments.indexOf(QStringLiteral("staging"));
        const qsizetype production = board->environments.indexOf(QStringLiteral("production"));
        QVERIFY(staging >= 0 && production >= 0);
        QCOMPARE(podinfo->cells.at(staging).version, QStringLiteral(">=1.0.0-alpha"));
        QCOMPARE(podinfo->cells.at(production).version, QStringLiteral(">=1.0.0"));
        QVERIFY(podinfo->differs());
        // Brought by a commit that touched the overlay file holding the version.
        for (qsizetype column : {staging, production}) {
            const auto& cell = podinfo->cells.at(column);
            QVERIFY2(!cell.commit.isEmpty(), qPrintable(cell.file));
            QVERIFY(git(dir.path(), {QStringLiteral("show"), QStringLiteral("--name-only"),
                                     QStringLiteral("--format="), cell.commit})
                        .contains(cell.file));
        }
    }

    // An environment that does not render has unknown versions, not none.
    void unrenderedEnvironmentIsSaid()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("argocd-example-apps"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("argocd-example-apps"), dir.path()));
        auto board = core::environment::buildPromotionBoard(dir.path(), {});
        QVERIFY2(board, test::why(board));
        QCOMPARE(board->unrendered, QStringList{QStringLiteral("plugins/kustomized-helm")});
        QVERIFY(std::any_of(board->errors.cbegin(), board->errors.cend(), [](const auto& e) {
            return e.path == u"plugins/kustomized-helm/kustomization.yaml";
        }));
        QVERIFY(!board->rows.isEmpty()); // sock-shop's images
    }
};

QTEST_GUILESS_MAIN(TestPromotion)
#include "tst_promotion.moc"
