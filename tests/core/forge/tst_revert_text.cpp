#include "core/forge/revert_text.h"

#include <QTest>

using namespace shiplog::core;

class TestRevertText : public QObject
{
    Q_OBJECT
private slots:
    void originalPullRequest_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("number");
        QTest::newRow("github merge") << "Merge pull request #12 from acme/feature\n\nAdd web" << 12;
        QTest::newRow("github squash") << "Scale web to 4 (#345)\n\n* details" << 345;
        QTest::newRow("gitlab")
            << "Merge branch 'x' into 'main'\n\nScale web\n\nSee merge request group/sub/env!77" << 77;
        QTest::newRow("bitbucket") << "Merged in feature/x (pull request #5)\n\nScale" << 5;
        QTest::newRow("azure") << "Merged PR 31: Scale web" << 31;
        QTest::newRow("none") << "Scale web to 4\n\nSee issue #3 (#not)" << 0;
    }
    void originalPullRequest()
    {
        QFETCH(QString, message);
        QFETCH(int, number);
        QCOMPARE(forge::originalPullRequestNumber(message), number);
    }

    void bodyHasGitSentenceFilesAndLinks()
    {
        git::RevertResult revert;
        revert.revertedId = QStringLiteral("1111111111111111111111111111111111111111");
        revert.mainlineParentId = QStringLiteral("2222222222222222222222222222222222222222");
        revert.message = git::revertMessage(QStringLiteral("Merge pull request #7 from acme/x"),
                                            revert.revertedId, revert.mainlineParentId);
        QCOMPARE(revert.message,
                 QStringLiteral("Revert \"Merge pull request #7 from acme/x\"\n\nThis reverts commit "
                                "1111111111111111111111111111111111111111, reversing\nchanges made to "
                                "2222222222222222222222222222222222222222.\n"));
        const auto repo = forge::forgeRepo(
            *forge::parseRemoteUrl(QStringLiteral("git@github.com:acme/env.git")), forge::ForgeKind::GitHub);
        const std::vector<forge::AffectedFile> files{
            {QStringLiteral("apps/web.yaml"),
             {QStringLiteral("Deployment/prod/web")},
             git::RevertedChange::Kind::Modified},
            {QStringLiteral("apps/new.yaml"), {}, git::RevertedChange::Kind::Deleted}};
        QCOMPARE(
            forge::defaultRevertBody(revert, files, repo,
                                     QStringLiteral("Merge pull request #7 from acme/x")),
            QStringLiteral(
                "This reverts commit 1111111111111111111111111111111111111111, reversing changes made to "
                "2222222222222222222222222222222222222222.\n\n"
                "Affected files:\n- `apps/web.yaml` (changed): Deployment/prod/web\n- `apps/new.yaml` "
                "(removed)\n\n"
                "Original commit: "
                "https://github.com/acme/env/commit/1111111111111111111111111111111111111111\n"
                "Original pull request: https://github.com/acme/env/pull/7\n"));
        QCOMPARE(forge::defaultRevertTitle(QStringLiteral("Scale \"web\"")),
                 QStringLiteral("Revert \"Scale \"web\"\""));
    }
};

QTEST_GUILESS_MAIN(TestRevertText)
#include "tst_revert_text.moc"
