#pragma once

// The demo environment as plain values: what the Jenkins X cluster repository declares at one point
// of its history. The scripted history (demo_history.cpp) edits these values commit by commit and
// demo_render.cpp turns them into files, so every commit is a consistent, complete repository.
#include <QByteArray>
#include <QList>
#include <QString>
#include <map>
#include <optional>
#include <utility>

namespace shiplog::core::demo {

// Path inside the repository -> file content; sorted, so trees come out the same every time.
using FileMap = std::map<QString, QByteArray>;
using KeyValues = QList<std::pair<QString, QString>>;

struct Autoscaling
{
    int minReplicas = 2;
    int maxReplicas = 6;
    int cpuUtilization = 70;
};

// One of the team's services, released as a Helm chart of the same name and version.
struct App
{
    QString name;
    QString component;     // app.kubernetes.io/component
    QString chartVersion;  // what helmfiles/<ns>/helmfile.yaml asks for
    QString version;       // what config-root was last generated with
    bool rendered = false; // false until the bot's "chore: regenerated" picks it up
    int replicas = 2;
    int port = 8080;
    QString cpuRequest = QStringLiteral("100m");
    QString memoryRequest = QStringLiteral("128Mi");
    QString cpuLimit = QStringLiteral("500m");
    QString memoryLimit = QStringLiteral("256Mi");
    KeyValues config; // <name>-config ConfigMap, passed with envFrom
    bool ingress = false;
    std::optional<Autoscaling> autoscaling;
    bool databaseSecret = false; // reads <name>-db, synced by an ExternalSecret
};

// A jx-staging / jx-production namespace.
struct Stage
{
    QString ns;
    QString hostSuffix; // ingress hosts are <app>.<hostSuffix>
    QList<App> apps;
    bool paymentsCleanupJob = false; // a hand-written CronJob, later removed
    QString reconcileSchedule = QStringLiteral("0 1 * * *");
    KeyValues fraudRules;                 // empty: no fraud rules ConfigMap
    bool fraudRulesUnderPayments = false; // the ConfigMap file was moved (a rename in history)

    App* app(const QString& name);
    const App* app(const QString& name) const;
};

// The Jenkins X platform in the jx namespace.
struct Platform
{
    bool rendered = false;
    QString lighthouseChart; // declared in helmfiles/jx/helmfile.yaml
    QString lighthouse;      // generated into config-root
    QString jxbootChart;
    QString jxboot;
    QString crdsChart;
    QString crds;
    int webhookReplicas = 1;
    QString triggerRegex = QStringLiteral("^/test( all| this)?\\s*$");
};

struct DemoState
{
    Platform platform;
    Stage staging;
    Stage production;
};

DemoState initialState();

// The bot's `jx gitops` regeneration: config-root catches up with the helmfiles.
void regenerate(DemoState& state);

// Every file of the repository for this state.
FileMap render(const DemoState& state);

} // namespace shiplog::core::demo
