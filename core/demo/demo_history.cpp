// Six weeks in the life of a Jenkins X cluster repository: services added and promoted, the bot
// regenerating config-root after every helmfile change, Renovate bumping charts, hand edits to
// limits and config, a CronJob removed, a file moved, a pull request merged, a change reverted.
#include "core/demo/demo_history.h"

#include <QDateTime>
#include <QTimeZone>
#include <functional>

namespace shiplog::core::demo {

namespace {

const Person kLukas{QStringLiteral("Lukas Brandt"), QStringLiteral("lukas.brandt@acme-payments.io"), 120};
const Person kMaya{QStringLiteral("Maya Okafor"), QStringLiteral("maya.okafor@acme-payments.io"), 60};
const Person kPriya{QStringLiteral("Priya Raman"), QStringLiteral("priya.raman@acme-payments.io"), 330};
const Person kDaniel{QStringLiteral("Daniel Reyes"), QStringLiteral("daniel.reyes@acme-payments.io"), -240};
const Person kBot{QStringLiteral("jenkins-x-bot"), QStringLiteral("jenkins-x@googlegroups.com"), 0};
const Person kRenovate{QStringLiteral("renovate[bot]"),
                       QStringLiteral("29139614+renovate[bot]@users.noreply.github.com"), 0};
const Person kGitHub{QStringLiteral("GitHub"), QStringLiteral("noreply@github.com"), 0};

using Change = std::function<void(DemoState&)>;

// A line of development: the state at its tip and the tip's label.
struct Line
{
    DemoState state;
    QString tip;
    FileMap files;
};

// `when` is the wall-clock time where the person works: "2026-09-01 09:12".
Stamp stamp(const Person& who, const char* when)
{
    QDateTime local = QDateTime::fromString(QString::fromLatin1(when), QStringLiteral("yyyy-MM-dd HH:mm"));
    Q_ASSERT(local.isValid());
    local.setTimeZone(QTimeZone(who.utcOffsetMinutes * 60));
    return Stamp{who, local.toSecsSinceEpoch()};
}

App payments()
{
    App a;
    a.name = QStringLiteral("payments");
    a.component = QStringLiteral("api");
    a.chartVersion = QStringLiteral("1.4.0");
    a.memoryRequest = QStringLiteral("192Mi");
    a.memoryLimit = QStringLiteral("384Mi");
    a.ingress = true;
    a.databaseSecret = true;
    a.config = {{QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")},
                {QStringLiteral("PAYMENT_PROVIDER"), QStringLiteral("stripe")},
                {QStringLiteral("STRIPE_API_BASE"), QStringLiteral("https://api.stripe.com")},
                {QStringLiteral("IDEMPOTENCY_TTL"), QStringLiteral("24h")}};
    return a;
}

App checkout()
{
    App a;
    a.name = QStringLiteral("checkout");
    a.component = QStringLiteral("web");
    a.chartVersion = QStringLiteral("2.7.3");
    a.port = 3000;
    a.ingress = true;
    a.config = {{QStringLiteral("PAYMENTS_URL"), QStringLiteral("https://payments.staging.acme-payments.io")},
                {QStringLiteral("SESSION_TTL"), QStringLiteral("30m")},
                {QStringLiteral("THREE_DS_VERSION"), QStringLiteral("1")}};
    return a;
}

App ledger()
{
    App a;
    a.name = QStringLiteral("ledger");
    a.component = QStringLiteral("worker");
    a.chartVersion = QStringLiteral("0.9.2");
    a.replicas = 1;
    a.databaseSecret = true;
    a.config = {{QStringLiteral("LEDGER_CURRENCY"), QStringLiteral("EUR")},
                {QStringLiteral("RECONCILE_BATCH_SIZE"), QStringLiteral("500")}};
    return a;
}

App notifications()
{
    App a;
    a.name = QStringLiteral("notifications");
    a.component = QStringLiteral("worker");
    a.chartVersion = QStringLiteral("0.3.0");
    a.replicas = 1;
    a.memoryLimit = QStringLiteral("192Mi");
    a.config = {{QStringLiteral("SMTP_HOST"), QStringLiteral("smtp.sendgrid.net")},
                {QStringLiteral("SMTP_PORT"), QStringLiteral("587")},
                {QStringLiteral("FROM_ADDRESS"), QStringLiteral("no-reply@acme-payments.io")}};
    return a;
}

void setConfig(App& app, const QString& key, const QString& value)
{
    for (auto& entry : app.config)
        if (entry.first == key) {
            entry.second = value;
            return;
        }
    app.config.append({key, value});
}

class Planner
{
public:
    // A commit on `line` by `who` (also the committer), changing the state with `change`.
    void commit(Line& line, const Person& who, const char* when, const QString& message, const Change& change)
    {
        change(line.state);
        add(line, {line.tip}, stamp(who, when), stamp(who, when), message);
    }

    // `change` applies the merged branch's changes to `into` (the script knows them, no merge needed).
    void merge(Line& into, const Line& from, const Person& who, const char* when, const QString& message,
               const Change& change)
    {
        change(into.state);
        add(into, {into.tip, from.tip}, stamp(who, when), stamp(kGitHub, when), message);
        // GitHub records the merging user's wall clock; keep the zone of the merger.
        m_history.commits.back().committer.who.utcOffsetMinutes = who.utcOffsetMinutes;
    }

    void revert(Line& line, const Person& who, const char* when, const QString& revertedLabel,
                const QString& revertedSubject, const Change& undo)
    {
        commit(line, who, when, QStringLiteral("Revert \"%1\"").arg(revertedSubject), undo);
        m_history.commits.back().reverts = revertedLabel;
    }

    QString lastLabel() const { return m_history.commits.back().label; }

    Result<PlannedHistory> finish()
    {
        if (!m_problem.isEmpty())
            return fail(m_problem);
        return std::move(m_history);
    }

    PlannedHistory& history() { return m_history; }

private:
    void add(Line& line, QStringList parents, Stamp author, Stamp committer, const QString& message)
    {
        parents.removeAll(QString());
        FileMap files = render(line.state);
        if (parents.size() == 1 && files == line.files && m_problem.isEmpty())
            m_problem = QStringLiteral("The demo history step \"%1\" changes no file.").arg(message);
        PlannedCommit c;
        c.label = QStringLiteral("c%1").arg(m_history.commits.size() + 1);
        c.parents = std::move(parents);
        c.author = std::move(author);
        c.committer = std::move(committer);
        c.message = message;
        c.files = files;
        line.tip = c.label;
        line.files = std::move(files);
        m_history.commits.push_back(std::move(c));
    }

    PlannedHistory m_history;
    QString m_problem;
};

void promote(Stage& stage, const QString& app, const QString& version)
{
    stage.app(app)->chartVersion = version;
}

} // namespace

Result<PlannedHistory> plannedHistory()
{
    Planner p;
    Line master{initialState(), {}, {}};
    const Change regenerated = [](DemoState& s) { regenerate(s); };
    const QString regen = QStringLiteral("chore: regenerated");

    // Week 1: the cluster is booted and the team's services arrive.
    p.commit(master, kLukas, "2026-09-01 09:12",
             QStringLiteral("chore: initial cluster from jx3-gitops-repositories/jx3-kubernetes"),
             [](DemoState&) {});
    p.commit(master, kBot, "2026-09-01 07:31", regen, regenerated);
    p.commit(master, kMaya, "2026-09-02 11:05",
             QStringLiteral("feat: add payments and checkout to jx-staging"),
             [](DemoState& s) { s.staging.apps << payments() << checkout(); });
    p.commit(master, kBot, "2026-09-02 10:19", regen, regenerated);
    p.commit(master, kDaniel, "2026-09-02 15:40",
             QStringLiteral("feat: add ledger with a nightly reconcile job to jx-staging"),
             [](DemoState& s) { s.staging.apps << ledger(); });
    p.commit(master, kBot, "2026-09-02 19:52", regen, regenerated);
    p.commit(master, kPriya, "2026-09-03 10:10",
             QStringLiteral("feat: add payments-cleanup CronJob to purge expired payment intents\n\n"
                            "Intents older than 72h pile up in staging since the load tests started;\n"
                            "purge them every 30 minutes until payments does it itself."),
             [](DemoState& s) { s.staging.paymentsCleanupJob = true; });
    p.commit(master, kMaya, "2026-09-03 14:22",
             QStringLiteral("feat: promote payments, checkout and ledger to jx-production"),
             [](DemoState& s) {
                 for (const App& app : s.staging.apps) {
                     App copy = app;
                     copy.rendered = false;
                     if (copy.name == QLatin1String("payments"))
                         setConfig(copy, QStringLiteral("LOG_LEVEL"), QStringLiteral("info"));
                     if (copy.name == QLatin1String("checkout"))
                         setConfig(copy, QStringLiteral("PAYMENTS_URL"),
                                   QStringLiteral("https://payments.acme-payments.io"));
                     s.production.apps << copy;
                 }
             });
    p.commit(master, kBot, "2026-09-03 13:35", regen, regenerated);
    p.commit(master, kLukas, "2026-09-04 09:45",
             QStringLiteral("fix: raise payments memory limit to 512Mi in jx-production\n\n"
                            "OOMKilled twice during the Tuesday peak."),
             [](DemoState& s) {
                 s.production.app(QStringLiteral("payments"))->memoryLimit = QStringLiteral("512Mi");
                 s.production.app(QStringLiteral("payments"))->memoryRequest = QStringLiteral("256Mi");
             });
    p.commit(master, kDaniel, "2026-09-04 16:03", QStringLiteral("feat: autoscale payments in jx-production"),
             [](DemoState& s) { s.production.app(QStringLiteral("payments"))->autoscaling = Autoscaling{}; });

    // Week 2.
    p.commit(master, kBot, "2026-09-07 08:30", QStringLiteral("chore: promote payments to version 1.4.1"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("payments"), QStringLiteral("1.4.1")); });
    p.commit(master, kBot, "2026-09-07 08:31", regen, regenerated);
    p.commit(master, kPriya, "2026-09-07 15:12",
             QStringLiteral("feat: add fraud rules ConfigMap for payments in jx-production"),
             [](DemoState& s) {
                 s.production.fraudRules = {{QStringLiteral("max-amount-eur"), QStringLiteral("15000")},
                                            {QStringLiteral("velocity-window"), QStringLiteral("10m")},
                                            {QStringLiteral("velocity-max-attempts"), QStringLiteral("5")},
                                            {QStringLiteral("blocked-countries"), QStringLiteral("KP,IR")}};
             });
    p.commit(master, kRenovate, "2026-09-08 06:00",
             QStringLiteral("chore(deps): update helm release lighthouse to v1.14.2"),
             [](DemoState& s) { s.platform.lighthouseChart = QStringLiteral("1.14.2"); });
    p.commit(master, kBot, "2026-09-08 06:14", regen, regenerated);
    p.commit(master, kMaya, "2026-09-08 13:50",
             QStringLiteral("chore: scale checkout to 3 replicas in jx-production"),
             [](DemoState& s) { s.production.app(QStringLiteral("checkout"))->replicas = 3; });
    p.commit(master, kLukas, "2026-09-09 10:00",
             QStringLiteral("fix(checkout): call payments through the in-cluster service"), [](DemoState& s) {
                 for (Stage* stage : {&s.staging, &s.production})
                     setConfig(*stage->app(QStringLiteral("checkout")), QStringLiteral("PAYMENTS_URL"),
                               QStringLiteral("http://payments.%1.svc.cluster.local").arg(stage->ns));
             });
    p.commit(master, kBot, "2026-09-10 08:40", QStringLiteral("chore: promote checkout to version 2.8.0"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("checkout"), QStringLiteral("2.8.0")); });
    p.commit(master, kBot, "2026-09-10 08:41", regen, regenerated);
    p.commit(master, kDaniel, "2026-09-10 17:25",
             QStringLiteral("chore(ledger): run the reconcile job at 02:30 instead of 01:00"),
             [](DemoState& s) {
                 s.staging.reconcileSchedule = QStringLiteral("30 2 * * *");
                 s.production.reconcileSchedule = QStringLiteral("30 2 * * *");
             });
    p.commit(master, kPriya, "2026-09-11 12:00",
             QStringLiteral("fix(payments): shorter idempotency window in jx-staging"), [](DemoState& s) {
                 setConfig(*s.staging.app(QStringLiteral("payments")), QStringLiteral("IDEMPOTENCY_TTL"),
                           QStringLiteral("6h"));
             });

    // Week 3.
    p.commit(master, kBot, "2026-09-14 09:15", QStringLiteral("chore: promote payments to version 1.4.2"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("payments"), QStringLiteral("1.4.2")); });
    p.commit(master, kBot, "2026-09-14 09:16", regen, regenerated);
    p.commit(master, kMaya, "2026-09-14 14:00",
             QStringLiteral("chore(deps): bump payments to 1.4.2 in jx-production"), [](DemoState& s) {
                 promote(s.production, QStringLiteral("payments"), QStringLiteral("1.4.2"));
             });
    p.commit(master, kBot, "2026-09-14 13:12", regen, regenerated);
    p.commit(master, kRenovate, "2026-09-15 06:00",
             QStringLiteral("chore(deps): update helm release jxboot-helmfile-resources to v1.1.360"),
             [](DemoState& s) { s.platform.jxbootChart = QStringLiteral("1.1.360"); });
    p.commit(master, kBot, "2026-09-15 06:11", regen, regenerated);

    // Pull request #42: the notifications service, two commits on a branch while master moves on.
    Line feature = master;
    const Change addNotifications = [](DemoState& s) {
        App app = notifications();
        app.rendered = true;
        app.version = app.chartVersion;
        s.staging.apps << app;
    };
    const Change relaySmtp = [](DemoState& s) {
        setConfig(*s.staging.app(QStringLiteral("notifications")), QStringLiteral("SMTP_HOST"),
                  QStringLiteral("smtp-relay.jx-staging.svc.cluster.local"));
        setConfig(*s.staging.app(QStringLiteral("notifications")), QStringLiteral("SMTP_PORT"),
                  QStringLiteral("25"));
    };
    p.commit(feature, kPriya, "2026-09-16 10:30",
             QStringLiteral("feat: add notifications service to jx-staging"), addNotifications);
    p.commit(master, kDaniel, "2026-09-16 13:05",
             QStringLiteral("fix: raise ledger memory limit to 384Mi in jx-production"), [](DemoState& s) {
                 s.production.app(QStringLiteral("ledger"))->memoryLimit = QStringLiteral("384Mi");
             });
    p.commit(feature, kPriya, "2026-09-16 18:45",
             QStringLiteral("fix(notifications): send through the cluster SMTP relay\n\n"
                            "SendGrid is only reachable from production's egress IPs."),
             relaySmtp);
    p.merge(master, feature, kPriya, "2026-09-17 09:02",
            QStringLiteral("Merge pull request #42 from acme-payments/feature-notifications\n\n"
                           "feat: add notifications service to jx-staging"),
            [&](DemoState& s) {
                addNotifications(s);
                relaySmtp(s);
            });
    p.commit(master, kMaya, "2026-09-18 10:00",
             QStringLiteral(
                 "chore: remove payments-cleanup CronJob\n\npayments 1.4.2 purges expired intents itself."),
             [](DemoState& s) { s.staging.paymentsCleanupJob = false; });

    // Week 4.
    p.commit(master, kBot, "2026-09-21 08:20", QStringLiteral("chore: promote ledger to version 0.9.3"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("ledger"), QStringLiteral("0.9.3")); });
    p.commit(master, kBot, "2026-09-21 08:21", regen, regenerated);
    p.commit(master, kLukas, "2026-09-21 15:00",
             QStringLiteral("refactor: move the fraud rules ConfigMap under the payments release"),
             [](DemoState& s) { s.production.fraudRulesUnderPayments = true; });
    p.commit(master, kRenovate, "2026-09-22 06:00",
             QStringLiteral("chore(deps): update helm release lighthouse to v1.14.4"),
             [](DemoState& s) { s.platform.lighthouseChart = QStringLiteral("1.14.4"); });
    p.commit(master, kBot, "2026-09-22 06:09", regen, regenerated);
    p.commit(master, kDaniel, "2026-09-23 11:40",
             QStringLiteral("chore: run two lighthouse webhook replicas"),
             [](DemoState& s) { s.platform.webhookReplicas = 2; });
    p.commit(master, kPriya, "2026-09-24 09:00",
             QStringLiteral("feat: promote notifications to jx-production"), [](DemoState& s) {
                 App app = *s.staging.app(QStringLiteral("notifications"));
                 app.rendered = false;
                 setConfig(app, QStringLiteral("SMTP_HOST"), QStringLiteral("smtp.sendgrid.net"));
                 setConfig(app, QStringLiteral("SMTP_PORT"), QStringLiteral("587"));
                 s.production.apps << app;
             });
    p.commit(master, kBot, "2026-09-24 03:48", regen, regenerated);

    // Week 5.
    p.commit(master, kBot, "2026-09-28 08:45", QStringLiteral("chore: promote checkout to version 2.8.1"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("checkout"), QStringLiteral("2.8.1")); });
    p.commit(master, kBot, "2026-09-28 08:46", regen, regenerated);
    p.commit(master, kMaya, "2026-09-29 14:30",
             QStringLiteral("chore(deps): bump checkout to 2.8.1 in jx-production"), [](DemoState& s) {
                 promote(s.production, QStringLiteral("checkout"), QStringLiteral("2.8.1"));
             });
    p.commit(master, kBot, "2026-09-29 13:41", regen, regenerated);
    p.commit(master, kLukas, "2026-09-30 10:10",
             QStringLiteral("fix: lower the payments autoscaling CPU target to 65%"), [](DemoState& s) {
                 s.production.app(QStringLiteral("payments"))->autoscaling->cpuUtilization = 65;
             });
    const QString loadTest =
        QStringLiteral("chore: scale payments to 4 replicas in jx-staging for the load test");
    p.commit(master, kDaniel, "2026-10-01 16:20", loadTest,
             [](DemoState& s) { s.staging.app(QStringLiteral("payments"))->replicas = 4; });
    p.revert(master, kDaniel, "2026-10-02 09:30", p.lastLabel(), loadTest,
             [](DemoState& s) { s.staging.app(QStringLiteral("payments"))->replicas = 2; });

    // Week 6.
    p.commit(master, kRenovate, "2026-10-05 06:00",
             QStringLiteral("chore(deps): update helm release jenkins-x-crds to v3.0.12"),
             [](DemoState& s) { s.platform.crdsChart = QStringLiteral("3.0.12"); });
    p.commit(master, kBot, "2026-10-05 06:10", regen, regenerated);
    p.commit(master, kPriya, "2026-10-06 11:00",
             QStringLiteral("feat(checkout): enable 3-D Secure 2 in jx-staging"), [](DemoState& s) {
                 setConfig(*s.staging.app(QStringLiteral("checkout")), QStringLiteral("THREE_DS_VERSION"),
                           QStringLiteral("2.2"));
             });
    p.commit(master, kBot, "2026-10-07 08:30", QStringLiteral("chore: promote payments to version 1.5.0"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("payments"), QStringLiteral("1.5.0")); });
    p.commit(master, kBot, "2026-10-07 08:31", regen, regenerated);
    p.commit(master, kMaya, "2026-10-08 10:15",
             QStringLiteral("chore(deps): bump payments to 1.5.0 in jx-production"), [](DemoState& s) {
                 promote(s.production, QStringLiteral("payments"), QStringLiteral("1.5.0"));
             });
    p.commit(master, kBot, "2026-10-08 09:27", regen, regenerated);
    // Ends with a promotion waiting in jx-staging, so that comparing the environments and the
    // promotion board show a version that runs in staging but not yet in production.
    p.commit(master, kBot, "2026-10-08 14:05", QStringLiteral("chore: promote ledger to version 0.10.0"),
             [](DemoState& s) { promote(s.staging, QStringLiteral("ledger"), QStringLiteral("0.10.0")); });
    p.commit(master, kBot, "2026-10-08 14:12", regen, regenerated);
    p.history().branches.emplace_back(QStringLiteral("master"), master.tip);

    // An open Renovate pull request, not merged yet.
    Line renovate = master;
    p.commit(renovate, kRenovate, "2026-10-09 06:00",
             QStringLiteral("chore(deps): update helm release lighthouse to v1.15.0"),
             [](DemoState& s) { s.platform.lighthouseChart = QStringLiteral("1.15.0"); });
    p.commit(renovate, kBot, "2026-10-09 06:12", regen, regenerated);
    p.history().branches.emplace_back(QStringLiteral("renovate/lighthouse-1.x"), renovate.tip);

    return p.finish();
}

} // namespace shiplog::core::demo
