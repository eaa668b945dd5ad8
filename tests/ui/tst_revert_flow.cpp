// RevertFlow driven directly, without a widget: preview, push to a real bare remote, a push the
// server declines (pre-receive hook behind git daemon), cancel in the middle of the last stage, the
// demo forge opening (then finding) the pull request, the draft checks, abandoning without a wait,
// and no secret in anything the flow says.
#include "core/demo/demo_forge.h"
#include "core/git/history.h"
#include "core/jobs/job.h"
#include "tests/support/git_servers.h"
#include "tests/support/loopback_http.h"
#include "tests/support/revert_world.h"
#include "tests/support/stalling_forge.h"
#include "tests/ui/ui_test_support.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/revert_flow.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace shiplog;
using test::RevertWorld;
using State = ui::RevertFlow::State;
namespace forge = core::forge;

namespace {

const QString kToken = QStringLiteral("ghp_flow_token_4711");

QByteArray manifest(const char* kind, const char* name, const QByteArray& spec)
{
    const QByteArray apiVersion = QByteArray(kind) == "Deployment" ? "apps/v1" : "v1";
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: " + name +
           "\n  namespace: prod\n" + spec;
}

// main: base (web, cache); c1 scales web and adds flags; c2 grows the cache. All pushed.
struct History
{
    QString base, c1, c2;
};

History writeHistory(const RevertWorld& w)
{
    History h;
    w.seed.write(QStringLiteral("apps/web.yaml"), manifest("Deployment", "web", "spec:\n  replicas: 1\n"));
    w.seed.write(QStringLiteral("apps/cache.yaml"), manifest("ConfigMap", "cache", "data:\n  size: \"1\"\n"));
    h.base = w.seed.commit(QStringLiteral("Add web and cache"));
    w.seed.write(QStringLiteral("apps/web.yaml"), manifest("Deployment", "web", "spec:\n  replicas: 3\n"));
    w.seed.write(QStringLiteral("apps/flags.yaml"),
                 manifest("ConfigMap", "flags", "data:\n  beta: \"on\"\n"));
    h.c1 = w.seed.commit(QStringLiteral("Scale web to 3 and add flags"));
    w.seed.write(QStringLiteral("apps/cache.yaml"), manifest("ConfigMap", "cache", "data:\n  size: \"2\"\n"));
    h.c2 = w.seed.commit(QStringLiteral("Grow the cache"));
    w.push();
    return h;
}

core::git::CommitInfo commitInfo(const QString& repo, const QString& id)
{
    auto details = core::git::loadCommitDetails(repo, id);
    return details ? details->commit : core::git::CommitInfo{};
}

std::unique_ptr<ui::RevertFlow> makeFlow(const QString& repo, const QString& commit)
{
    auto flow = std::make_unique<ui::RevertFlow>(repo, commitInfo(repo, commit));
    forge::TokenSources none;
    none.environment = QProcessEnvironment();
    none.askGhCli = false;
    flow->setTokenSources(none);
    flow->setUseCredentialHelpers(false);
    flow->setForgeOptions({10, 2});
    return flow;
}

// Everything the flow says, as it says it.
struct Recorder
{
    QList<State> states;
    QStringList texts;
    QList<forge::RevertOutcome> outcomes;
    explicit Recorder(ui::RevertFlow& flow)
    {
        QObject::connect(&flow, &ui::RevertFlow::stateChanged, &flow, [this](State s) { states << s; });
        QObject::connect(&flow, &ui::RevertFlow::progress, &flow, [this](int, const QString& t) {
            if (!t.isEmpty())
                texts << t;
        });
        QObject::connect(&flow, &ui::RevertFlow::finished, &flow,
                         [this](const forge::RevertOutcome& o) { outcomes << o; });
    }
    int signalCount() const { return int(states.size() + texts.size() + outcomes.size()); }
};

bool preview(ui::RevertFlow& flow)
{
    flow.startPreview();
    return QTest::qWaitFor([&] { return !flow.isBusy(); }, 60000) && flow.state() != State::Previewing;
}

bool create(ui::RevertFlow& flow, const ui::RevertDraft& draft = {})
{
    QSignalSpy done(&flow, &ui::RevertFlow::finished);
    ui::RevertDraft d = draft;
    if (d.title.isEmpty())
        d.title = flow.preview() ? flow.preview()->title : QStringLiteral("Revert");
    if (flow.create(d))
        return false;
    return flow.state() == State::Creating && done.wait(60000);
}

// A pre-receive hook that declines every push, behind git daemon (hooks do not run over file paths).
struct DecliningServer
{
    QTemporaryDir root;
    QString bare;
    std::unique_ptr<test::GitDaemon> daemon;
    explicit DecliningServer(const RevertWorld& w)
    {
        bare = root.filePath(QStringLiteral("acme/env.git"));
        test::gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"),
                         w.remote.path(), bare});
        QFile hook(bare + QStringLiteral("/hooks/pre-receive"));
        if (!hook.open(QIODevice::WriteOnly))
            return;
        hook.write("#!/bin/sh\necho \"policy: revert branches come from the portal\" >&2\nexit 1\n");
        hook.close();
        hook.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        daemon = std::make_unique<test::GitDaemon>(root.path());
    }
};

} // namespace

class TestRevertFlow : public QObject
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

    void previewSaysWhatTheRevertDoes()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        auto flow = makeFlow(w.user(), h.c1);
        Recorder seen(*flow);
        QCOMPARE(flow->state(), State::Idle);
        QCOMPARE(flow->mainline(), 0);
        QVERIFY(flow->targetBranch().isEmpty()); // the remote's default

        QVERIFY(preview(*flow));
        QCOMPARE(seen.states, (QList<State>{State::Previewing, State::Previewed}));
        QVERIFY2(flow->preview().has_value(), qPrintable(flow->previewError()));
        const forge::RevertPreview& p = *flow->preview();
        QCOMPARE(p.revertedId, h.c1);
        QCOMPARE(p.kind, core::git::RevertResult::Kind::Clean);
        QCOMPARE(p.targetBranch, QStringLiteral("main"));
        QCOMPARE(flow->targetBranch(), QStringLiteral("main")); // the next request names it
        QCOMPARE(p.proposedBranch, QStringLiteral("revert-") + h.c1.left(7));
        QCOMPARE(p.title, QStringLiteral("Revert \"Scale web to 3 and add flags\""));
        QCOMPARE(p.baseId,
                 QString::fromUtf8(
                     test::gitIn(w.remote.path(), {QStringLiteral("rev-parse"), QStringLiteral("main")}).out)
                     .trimmed());
        QCOMPARE(p.resources.summary().removed, 1);  // flags
        QCOMPARE(p.resources.summary().modified, 1); // web
        QVERIFY2(seen.texts.contains(QStringLiteral("Fetching the target branch…")),
                 qPrintable(seen.texts.join('|')));
        QVERIFY(seen.outcomes.isEmpty());
        QVERIFY(!flow->outcome());
    }

    // No forge for a plain path remote: the flow pushes the branch only, and says so.
    void pushesToABareRemote()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        const auto before = test::snapshot(w.user());
        auto flow = makeFlow(w.user(), h.c1);
        Recorder seen(*flow);
        QVERIFY(preview(*flow));
        QVERIFY(create(*flow));
        QCOMPARE(flow->state(), State::Finished);
        QCOMPARE(seen.states.mid(2), (QList<State>{State::Creating, State::Finished}));
        QCOMPARE(seen.outcomes.size(), 1);
        const forge::RevertOutcome& o = *flow->outcome();
        QVERIFY2(o.status == forge::RevertStatus::Pushed, qPrintable(o.message));
        const QString branch = QStringLiteral("revert-") + h.c1.left(7);
        QCOMPARE(o.branch, branch);
        QVERIFY2(o.message.contains(QStringLiteral("does not know which forge")), qPrintable(o.message));
        QVERIFY(w.remoteBranches().contains(QStringLiteral("refs/heads/") + branch));
        const auto [tree, message] = w.gitRevert(h.c1);
        QCOMPARE(RevertWorld::treeOf(w.remote.path(), QStringLiteral("refs/heads/") + branch), tree);
        QCOMPARE(RevertWorld::messageOf(w.remote.path(), QStringLiteral("refs/heads/") + branch), message);
        QVERIFY(seen.texts.contains(QStringLiteral("Starting…")));
        const auto after = test::snapshot(w.user());
        QVERIFY2(before == after, before.difference(after).constData());
    }

    void declinedPushIsAnErrorWithTheServersWords()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        DecliningServer server(w);
        QVERIFY(server.daemon->ready());
        QVERIFY(w.cloneUser(server.daemon->url(QStringLiteral("acme/env.git"))));
        auto flow = makeFlow(w.user(), h.c2);
        QVERIFY(preview(*flow));
        QVERIFY2(flow->preview().has_value(), qPrintable(flow->previewError()));
        QVERIFY(create(*flow));
        const forge::RevertOutcome& o = *flow->outcome();
        QVERIFY2(o.status == forge::RevertStatus::Error, qPrintable(o.message));
        QVERIFY2(o.message.contains(QStringLiteral("policy: revert branches come from the portal")),
                 qPrintable(o.message));
        QVERIFY(!test::gitIn(server.bare, {QStringLiteral("branch")}).out.contains("revert-"));
    }

    // Canceled while the forge holds the pull request's POST: the branch is on the remote already,
    // and the outcome says so instead of a bare "Canceled.".
    void cancelInTheLastStage()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::StallingForge stub(kToken.toUtf8());
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, stub.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        auto flow = makeFlow(w.user(), h.c1);
        Recorder seen(*flow);
        QVERIFY(preview(*flow));
        QSignalSpy done(flow.get(), &ui::RevertFlow::finished);
        QVERIFY(!flow->create({{}, flow->preview()->title, flow->preview()->body}));
        QTRY_VERIFY_WITH_TIMEOUT(stub.posted(), 60000);
        QTRY_COMPARE(flow->step(), 3);
        QCOMPARE(flow->state(), State::Creating);
        QVERIFY(flow->isBusy());
        flow->cancel();
        QVERIFY(seen.texts.contains(QStringLiteral("Canceling…")));
        QVERIFY(done.wait(30000)); // the forge client stops waiting for the answer when canceled
        QCOMPARE(flow->state(), State::Finished);
        const forge::RevertOutcome& o = *flow->outcome();
        QCOMPARE(o.status, forge::RevertStatus::Canceled);
        QVERIFY2(o.message.contains(QStringLiteral("after the branch was pushed")), qPrintable(o.message));
        QVERIFY(w.remoteBranches().contains(QStringLiteral("refs/heads/revert-") + h.c1.left(7)));
        QCOMPARE(stub.answered(), 0);
        ui::forges::clearSessionForge(w.user());
    }

    void demoForgeOpensThenFindsThePullRequest()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        core::demo::DemoForge demo;
        QVERIFY2(demo.start(w.remote.path(), kToken).has_value(), "demo forge did not start");
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, demo.apiUrl(), demo.webRepo(), kToken});

        auto flow = makeFlow(w.user(), h.c2);
        QVERIFY(preview(*flow));
        QVERIFY(flow->preview()->hasApiToken);
        QCOMPARE(flow->preview()->forge, forge::ForgeKind::GitHub);
        QVERIFY(create(*flow, {{}, flow->preview()->title, flow->preview()->body}));
        const forge::RevertOutcome& o = *flow->outcome();
        QVERIFY2(o.status == forge::RevertStatus::Created, qPrintable(o.message));
        QVERIFY(o.pullRequest.has_value());
        QCOMPARE(o.pullRequest->url, demo.webRepo() + QStringLiteral("/pull/1"));
        QCOMPARE(demo.pullRequests().size(), size_t(1));
        QCOMPARE(demo.pullRequests()[0].head, QStringLiteral("revert-") + h.c2.left(7));

        auto again = makeFlow(w.user(), h.c2);
        QVERIFY(preview(*again));
        QVERIFY(create(*again, {{}, again->preview()->title, again->preview()->body}));
        QVERIFY2(again->outcome()->status == forge::RevertStatus::Exists,
                 qPrintable(again->outcome()->message));
        QCOMPARE(demo.pullRequests().size(), size_t(1));
        ui::forges::clearSessionForge(w.user());
    }

    void draftProblemsStartNothing()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        auto flow = makeFlow(w.user(), h.c2);
        // Before a preview there is nothing to create.
        QVERIFY(!flow->create({{}, QStringLiteral("t"), {}}));
        QCOMPARE(flow->state(), State::Idle);
        QVERIFY(preview(*flow));
        Recorder seen(*flow);
        const auto noTitle = flow->create({{}, QStringLiteral("  "), {}});
        QVERIFY(noTitle);
        QCOMPARE(noTitle->field, ui::RevertFlow::Field::Title);
        const auto badBranch = flow->create({QStringLiteral("-x"), QStringLiteral("Revert"), {}});
        QVERIFY(badBranch);
        QCOMPARE(badBranch->field, ui::RevertFlow::Field::Branch);
        QVERIFY2(badBranch->message.contains(QStringLiteral("'-x' is not a valid branch name")),
                 qPrintable(badBranch->message));
        QCOMPARE(flow->state(), State::Previewed);
        QCOMPARE(seen.signalCount(), 0);
        QVERIFY(!w.remoteBranches().contains(QStringLiteral("revert-")));
    }

    void unknownTargetFailsThePreview()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        auto flow = makeFlow(w.user(), h.c2);
        flow->setTargetBranch(QStringLiteral(" release-9 "));
        QCOMPARE(flow->targetBranch(), QStringLiteral("release-9"));
        QVERIFY(preview(*flow));
        QCOMPARE(flow->state(), State::PreviewFailed);
        QVERIFY(!flow->preview());
        QVERIFY2(flow->previewError().contains(QStringLiteral("has no branch 'release-9'")),
                 qPrintable(flow->previewError()));
        QVERIFY(!flow->create({{}, QStringLiteral("Revert"), {}}));
        QCOMPARE(flow->state(), State::PreviewFailed);
    }

    // Abandoned while the forge holds its POST (the dialog closes): it returns at once, and no
    // state, progress or outcome of this flow arrives afterwards, even once the job has ended.
    void abandonReturnsAtOnceAndNothingArrives()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::StallingForge stub(kToken.toUtf8());
        ui::forges::setSessionForge(w.user(), {forge::ForgeKind::GitHub, stub.baseUrl(), {}, kToken});
        auto flow = makeFlow(w.user(), h.c1);
        QVERIFY(preview(*flow));
        QVERIFY(!flow->create({{}, flow->preview()->title, {}}));
        QTRY_VERIFY_WITH_TIMEOUT(stub.posted(), 60000);
        Recorder seen(*flow);
        QElapsedTimer clock;
        clock.start();
        flow->abandon();
        const qint64 took = clock.elapsed();
        qInfo("abandon took %lld ms", took);
        QVERIFY2(took < 100, qPrintable(QString::number(took)));
        QCOMPARE(flow->state(), State::Idle);
        stub.release();
        QVERIFY(core::jobs::pool()->waitForDone(60000)); // the test thread may wait; the job has ended
        QTest::qWait(200);                               // anything it posted would be delivered now
        QCOMPARE(seen.signalCount(), 0);
        QVERIFY(!flow->outcome());
        ui::forges::clearSessionForge(w.user());
    }

    // Nothing the flow says carries a token: neither a forge's 401 that quotes the Authorization
    // header, nor a fetch from a remote URL with a token in it.
    void noTokenInAnythingTheFlowSays()
    {
        RevertWorld w;
        const History h = writeHistory(w);
        QVERIFY(w.cloneUser());
        test::LoopbackHttpServer echo([](const test::HttpRequest& r) {
            if (r.method == "GET")
                return test::HttpResponse{200, {}, "[]", false};
            return test::HttpResponse{
                401,
                {{"Content-Type", "application/json"}},
                "{\"message\":\"Bad credentials: Authorization: " + r.header("authorization") + "\"}",
                false};
        });
        ui::forges::setSessionForge(w.user(),
                                    {forge::ForgeKind::GitHub, echo.baseUrl(),
                                     QStringLiteral("https://github.example.com/acme/env"), kToken});
        auto flow = makeFlow(w.user(), h.c1);
        Recorder seen(*flow);
        QVERIFY(preview(*flow));
        QVERIFY(create(*flow, {{}, flow->preview()->title, flow->preview()->body}));
        const forge::RevertOutcome& o = *flow->outcome();
        QVERIFY2(o.status == forge::RevertStatus::Error, qPrintable(o.message));
        QVERIFY2(o.message.contains(QStringLiteral("401")), qPrintable(o.message));
        QVERIFY(!seen.texts.isEmpty());
        for (const QString& said : seen.texts + QStringList{o.message, o.body, o.title, o.compareUrl})
            QVERIFY2(!said.contains(kToken), qPrintable(said));
        ui::forges::clearSessionForge(w.user());

        const QString urlToken = QStringLiteral("ghp_in_the_remote_url_0815");
        RevertWorld w2;
        const History h2 = writeHistory(w2);
        QVERIFY(w2.cloneUser(QStringLiteral("https://x-access-token:%1@127.0.0.1:%2/acme/env.git")
                                 .arg(urlToken)
                                 .arg(test::freePort())));
        auto failing = makeFlow(w2.user(), h2.c1);
        Recorder heard(*failing);
        QVERIFY(preview(*failing));
        QCOMPARE(failing->state(), State::PreviewFailed);
        QVERIFY2(failing->previewError().contains(QStringLiteral("127.0.0.1")),
                 qPrintable(failing->previewError()));
        for (const QString& said : heard.texts + QStringList{failing->previewError()})
            QVERIFY2(!said.contains(urlToken), qPrintable(said));
    }
};

QTEST_MAIN(TestRevertFlow)
#include "tst_revert_flow.moc"
