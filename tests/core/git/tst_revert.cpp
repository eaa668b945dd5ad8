// Revert through a pull request against a local bare remote: the pushed tree and message equal
// what `git revert` makes, and the user's repository stays byte-identical.
#include "core/forge/revert_pull_request.h"
#include "core/git/revert.h"
#include "core/jobs/job.h"
#include "tests/support/fixtures.h"
#include "tests/support/revert_world.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <git2.h>

using namespace shiplog;
using namespace shiplog::core;
using test::RevertWorld;

namespace {

forge::RevertRequest requestFor(const RevertWorld& w, const QString& commit)
{
    forge::RevertRequest r;
    r.repoPath = w.user();
    r.commit = commit;
    r.tokens.environment = QProcessEnvironment();
    r.tokens.askGhCli = false;
    r.useCredentialHelpers = false;
    return r;
}

// main: base (a.yaml, b.yaml), c1 (a.yaml replicas 3), c2 (b.yaml image 2), pushed.
struct History
{
    QString base, c1, c2;
};

History writeHistory(const RevertWorld& w)
{
    History h;
    w.seed.write(QStringLiteral("apps/a.yaml"),
                 "kind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 1\n");
    w.seed.write(QStringLiteral("apps/b.yaml"),
                 "kind: Deployment\nmetadata:\n  name: b\nspec:\n  image: b:1\n");
    h.base = w.seed.commit(QStringLiteral("Add a and b"));
    w.seed.write(QStringLiteral("apps/a.yaml"),
                 "kind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 3\n");
    w.seed.write(QStringLiteral("apps/c.yaml"), "kind: ConfigMap\nmetadata:\n  name: c\n");
    h.c1 = w.seed.commit(QStringLiteral("Scale a to 3 and add c (#12)"));
    w.seed.write(QStringLiteral("apps/b.yaml"),
                 "kind: Deployment\nmetadata:\n  name: b\nspec:\n  image: b:2\n");
    h.c2 = w.seed.commit(QStringLiteral("Bump b to 2"));
    w.push();
    return h;
}

} // namespace

class TestRevert : public QObject
{
    Q_OBJECT
    QTemporaryDir m_emptyConfig;

private slots:
    void initTestCase()
    {
        // libgit2 must not see the machine's identity or helpers: only the repositories' own config.
        git_libgit2_init();
        for (int level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM,
                          GIT_CONFIG_LEVEL_PROGRAMDATA})
            git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, m_emptyConfig.path().toUtf8().constData());
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qputenv("GIT_CONFIG_GLOBAL", "/dev/null");
    }

    void revertsNormalCommitLikeGit()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());

        const auto outcome = forge::revertViaPullRequest(requestFor(w, h.c1));
        QVERIFY2(outcome.status == forge::RevertStatus::Pushed, qPrintable(outcome.message));
        QCOMPARE(outcome.branch, QStringLiteral("revert-") + h.c1.left(7));
        QCOMPARE(outcome.targetBranch, QStringLiteral("main"));
        QCOMPARE(outcome.baseId, h.c2); // the remote tip, not the user's unpushed commit
        QVERIFY(!outcome.pullRequest);
        QVERIFY(outcome.message.contains(QStringLiteral("does not know which forge")));

        const auto [tree, message] = w.gitRevert(h.c1);
        QCOMPARE(RevertWorld::treeOf(w.remote.path(), outcome.branch), tree);
        QCOMPARE(RevertWorld::messageOf(w.remote.path(), outcome.branch), message);
        QCOMPARE(
            QString::fromUtf8(test::gitIn(w.remote.path(), {QStringLiteral("rev-parse"), outcome.branch}).out)
                .trimmed(),
            outcome.commit);
        QCOMPARE(QString::fromUtf8(
                     test::gitIn(w.remote.path(), {QStringLiteral("log"), QStringLiteral("-1"),
                                                   QStringLiteral("--format=%an <%ae>|%P"), outcome.branch})
                         .out)
                     .trimmed(),
                 QStringLiteral("Rita Reverter <rita@example.com>|") + h.c2);

        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        QVERIFY(!w.remoteBranches().contains(QStringLiteral("shiplog")));

        // Default title and body: git's sentence, the files, no links for an unknown forge.
        QCOMPARE(outcome.title, QStringLiteral("Revert \"Scale a to 3 and add c (#12)\""));
        QVERIFY2(
            outcome.body.startsWith(QStringLiteral("This reverts commit %1.\n\nAffected files:\n").arg(h.c1)),
            qPrintable(outcome.body));
        QVERIFY(outcome.body.contains(QStringLiteral("- `apps/c.yaml` (removed)")));
        QVERIFY(outcome.body.contains(QStringLiteral("- `apps/a.yaml` (changed)")));

        // Again: the branch holding this revert is found; nothing new is pushed.
        const QString branchesBefore = w.remoteBranches();
        const auto again = forge::revertViaPullRequest(requestFor(w, h.c1));
        QVERIFY2(again.status == forge::RevertStatus::Pushed, qPrintable(again.message));
        QCOMPARE(again.branch, outcome.branch);
        QCOMPARE(again.commit, outcome.commit);
        QVERIFY(again.message.contains(QStringLiteral("already holds this revert")));
        QCOMPARE(w.remoteBranches(), branchesBefore);
        const auto afterAgain = test::snapshot(w.user());
        QVERIFY2(before == afterAgain, before.difference(afterAgain).constData());
    }

    void takenBranchNameGetsSuffix()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        w.push(QStringLiteral("revert-") + h.c1.left(7)); // someone's unrelated branch of that name
        QVERIFY(w.cloneUser());
        const auto outcome = forge::revertViaPullRequest(requestFor(w, h.c1));
        QVERIFY2(outcome.status == forge::RevertStatus::Pushed, qPrintable(outcome.message));
        QCOMPARE(outcome.branch, QStringLiteral("revert-%1-2").arg(h.c1.left(7)));
        auto named = requestFor(w, h.c1);
        named.branchName = QStringLiteral("undo/scale-a");
        const auto custom = forge::revertViaPullRequest(named);
        QVERIFY2(custom.status == forge::RevertStatus::Pushed, qPrintable(custom.message));
        QCOMPARE(custom.branch, QStringLiteral("undo/scale-a"));
    }

    void revertsMergeWithMainline()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        w.seed.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                    QStringLiteral("feature"), h.base});
        w.seed.write(QStringLiteral("apps/d.yaml"), "kind: Service\nmetadata:\n  name: d\n");
        w.seed.commit(QStringLiteral("Add d"));
        w.seed.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        w.seed.git({QStringLiteral("-c"), QStringLiteral("user.name=M"), QStringLiteral("-c"),
                    QStringLiteral("user.email=m@y"), QStringLiteral("merge"), QStringLiteral("-q"),
                    QStringLiteral("--no-ff"), QStringLiteral("-m"),
                    QStringLiteral("Merge pull request #7 from acme/feature"), QStringLiteral("feature")});
        const QString merge =
            QString::fromUtf8(w.seed.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
        w.seed.write(QStringLiteral("apps/a.yaml"),
                     "kind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 5\n");
        w.seed.commit(QStringLiteral("Scale a to 5"));
        w.push();
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());

        auto request = requestFor(w, merge);
        request.mainline = 1;
        const auto outcome = forge::revertViaPullRequest(request);
        QVERIFY2(outcome.status == forge::RevertStatus::Pushed, qPrintable(outcome.message));
        const auto [tree, message] = w.gitRevert(merge, 1);
        QCOMPARE(RevertWorld::treeOf(w.remote.path(), outcome.branch), tree);
        QCOMPARE(RevertWorld::messageOf(w.remote.path(), outcome.branch), message);
        QVERIFY(message.contains(QStringLiteral(", reversing\nchanges made to ")));
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());

        // A non-merge commit with a mainline is refused with a sentence.
        auto wrong = requestFor(w, h.c2);
        wrong.mainline = 2;
        const auto refused = forge::revertViaPullRequest(wrong);
        QCOMPARE(refused.status, forge::RevertStatus::Error);
        QVERIFY2(refused.message.contains(QStringLiteral("is not a merge")), qPrintable(refused.message));
    }

    void conflictPushesNothing()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        w.seed.write(QStringLiteral("apps/a.yaml"),
                     "kind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: 7\n");
        w.seed.commit(QStringLiteral("Scale a to 7"));
        w.push();
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());
        const QString branchesBefore = w.remoteBranches();

        auto request = requestFor(w, h.c1);
        request.describeResources = [](const QString& path, const QByteArray& content) {
            return content.contains("kind: Deployment")
                       ? QStringList{QStringLiteral("Deployment/") +
                                     path.section(QLatin1Char('/'), -1).section(QLatin1Char('.'), 0, 0)}
                       : QStringList{};
        };
        const auto outcome = forge::revertViaPullRequest(request);
        QCOMPARE(outcome.status, forge::RevertStatus::Conflict);
        QCOMPARE(outcome.conflicts.size(), size_t(1));
        QCOMPARE(outcome.conflicts[0].path, QStringLiteral("apps/a.yaml"));
        QCOMPARE(outcome.conflicts[0].resources, QStringList{QStringLiteral("Deployment/a")});
        QVERIFY2(outcome.conflicts[0].text.contains(
                     QStringLiteral("<<<<<<< HEAD\n  replicas: 7\n=======\n  replicas: 1\n>>>>>>> ")),
                 qPrintable(outcome.conflicts[0].text));
        QVERIFY2(
            outcome.message.contains(QStringLiteral("conflicts in 1 file: apps/a.yaml. Nothing was pushed.")),
            qPrintable(outcome.message));
        QVERIFY(outcome.commit.isEmpty());
        QCOMPARE(w.remoteBranches(), branchesBefore);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
        const QJsonObject json = forge::toJson(outcome);
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
        QCOMPARE(json.value(QStringLiteral("conflicts"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("path"))
                     .toString(),
                 QStringLiteral("apps/a.yaml"));
        QVERIFY(json.value(QStringLiteral("pullRequest")).isNull());
    }

    void alreadyRevertedIsSaid()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        w.seed.git({QStringLiteral("-c"), QStringLiteral("user.name=X"), QStringLiteral("-c"),
                    QStringLiteral("user.email=x@y"), QStringLiteral("revert"), QStringLiteral("--no-edit"),
                    h.c2});
        w.push();
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());
        const QString branchesBefore = w.remoteBranches();
        const auto outcome = forge::revertViaPullRequest(requestFor(w, h.c2));
        QCOMPARE(outcome.status, forge::RevertStatus::AlreadyReverted);
        QVERIFY2(outcome.message.contains(QStringLiteral("is already reverted on origin/main")),
                 qPrintable(outcome.message));
        QCOMPARE(w.remoteBranches(), branchesBefore);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void dryRunAndPreviewPushNothing()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());
        const QString branchesBefore = w.remoteBranches();
        auto request = requestFor(w, h.c1);
        request.dryRun = true;
        const auto outcome = forge::revertViaPullRequest(request);
        QVERIFY2(outcome.status == forge::RevertStatus::DryRun, qPrintable(outcome.message));
        QCOMPARE(outcome.branch, QStringLiteral("revert-") + h.c1.left(7));
        QVERIFY(!outcome.commit.isEmpty());

        auto preview = forge::previewRevert(requestFor(w, h.c1));
        QVERIFY2(preview.has_value(), test::why(preview).constData());
        QCOMPARE(preview->baseId, h.c2);
        QCOMPARE(preview->proposedBranch, outcome.branch);
        QCOMPARE(preview->changes.size(), size_t(2));
        for (const auto& c : preview->changes) {
            if (c.path == QStringLiteral("apps/c.yaml")) {
                QCOMPARE(c.kind, git::RevertedChange::Kind::Deleted);
                QVERIFY(c.newBlob.isEmpty());
            } else {
                QCOMPARE(c.path, QStringLiteral("apps/a.yaml"));
                QCOMPARE(c.kind, git::RevertedChange::Kind::Modified);
                QCOMPARE(c.oldBlob, QString::fromUtf8(
                                        test::gitIn(w.remote.path(), {QStringLiteral("rev-parse"),
                                                                      h.c2 + QStringLiteral(":apps/a.yaml")})
                                            .out)
                                        .trimmed());
                QCOMPARE(c.newBlob, QString::fromUtf8(test::gitIn(w.remote.path(),
                                                                  {QStringLiteral("rev-parse"),
                                                                   h.base + QStringLiteral(":apps/a.yaml")})
                                                          .out)
                                        .trimmed());
            }
        }
        QCOMPARE(w.remoteBranches(), branchesBefore);
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void clearErrors()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        auto unknown = forge::revertViaPullRequest(requestFor(w, QStringLiteral("no-such-thing")));
        QCOMPARE(unknown.status, forge::RevertStatus::Error);
        QVERIFY2(unknown.message.contains(QStringLiteral("no-such-thing")), qPrintable(unknown.message));
        auto target = requestFor(w, h.c1);
        target.targetBranch = QStringLiteral("nope");
        auto noTarget = forge::revertViaPullRequest(target);
        QVERIFY2(noTarget.message.contains(QStringLiteral("has no branch 'nope'")),
                 qPrintable(noTarget.message));
        auto remote = requestFor(w, h.c1);
        remote.remote = QStringLiteral("upstream");
        QVERIFY(forge::revertViaPullRequest(remote).message.contains(
            QStringLiteral("no remote named 'upstream'")));

        // Without user.name/user.email nothing is committed and the fix is named.
        test::gitIn(w.user(),
                    {QStringLiteral("config"), QStringLiteral("--unset"), QStringLiteral("user.name")});
        test::gitIn(w.user(),
                    {QStringLiteral("config"), QStringLiteral("--unset"), QStringLiteral("user.email")});
        auto anonymous = forge::revertViaPullRequest(requestFor(w, h.c1));
        QCOMPARE(anonymous.status, forge::RevertStatus::Error);
        QVERIFY2(anonymous.message.contains(QStringLiteral("git config --global user.name")),
                 qPrintable(anonymous.message));
    }

    void runsAsJobWithProgressAndCancel()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        QStringList texts;
        jobs::Job<forge::RevertOutcome> job;
        QObject::connect(job.watcher(), &QFutureWatcherBase::progressTextChanged, job.watcher(),
                         [&](const QString& t) { texts << t; });
        QSignalSpy finished(job.watcher(), &QFutureWatcherBase::finished);
        job.start(&forge::revertViaPullRequestJob, requestFor(w, h.c1));
        QVERIFY(finished.wait(30000));
        QCOMPARE(job.future().resultCount(), 1);
        QCOMPARE(job.future().result().status, forge::RevertStatus::Pushed);
        QVERIFY(!texts.isEmpty()); // the watcher may merge updates; every stage is checked below

        QStringList steps;
        auto timed = requestFor(w, h.c2);
        const auto direct = forge::revertViaPullRequest(timed, [&](int step, const QString& text) {
            if (steps.isEmpty() || !steps.last().startsWith(QString::number(step)))
                steps << QString::number(step) + QLatin1Char(' ') + text.section(QLatin1Char(' '), 0, 0);
        });
        QVERIFY2(direct.status == forge::RevertStatus::Pushed, qPrintable(direct.message));
        QCOMPARE(steps, (QStringList{QStringLiteral("0 Fetching"), QStringLiteral("1 Reverting"),
                                     QStringLiteral("2 Pushing")}));

        // Canceled before it runs: nothing is pushed.
        const QString branchesBefore = w.remoteBranches();
        std::atomic<bool> cancel{true};
        auto canceled = forge::revertViaPullRequest(requestFor(w, h.base), {}, [&] { return cancel.load(); });
        QCOMPARE(canceled.status, forge::RevertStatus::Canceled);
        QCOMPARE(w.remoteBranches(), branchesBefore);
    }
};

QTEST_GUILESS_MAIN(TestRevert)
#include "tst_revert.moc"
