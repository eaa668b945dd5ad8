#pragma once

// The connection-thread side of a drift view: connects with a kubeconfig context, discovers the
// types git declares, keeps their live objects current (LiveCache), fetches the values of the
// Secrets git declares (in memory only), and recomputes the report when something changes.
// Lives on one thread with an event loop; DriftSession puts it on its own QThread.
#include "core/common/error.h"
#include "core/drift/drift_report.h"
#include "core/drift/ignore_rules.h"
#include "core/drift/report_builder.h"
#include "core/kube/client.h"
#include "core/kube/discovery.h"
#include "core/kube/kubeconfig.h"

#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

namespace shiplog::core::kube {
class Client;
class LiveCache;
} // namespace shiplog::core::kube

namespace shiplog::core::drift {

// What git says, at one revision.
struct DesiredState
{
    QString revision;           // commit id (or the expression the user gave)
    QList<QJsonObject> objects; // typed values as core/manifest parses them
    QList<IgnoreRule> rules;    // from .shiplog.yaml at that revision
    QStringList extraMarks;     // repository setting: more ownership marks ("key=value")
    // Set when the objects are one environment's: extras count only in the namespaces its objects
    // are in (another environment's objects in the same cluster are not this one's extras).
    std::optional<QSet<QString>> extraNamespaces;
};

// What the Connect dialog and the status line show once connected.
struct ConnectionInfo
{
    QString context;
    QString server;
    QString serverVersion; // "v1.32.3"
    QString user;
    QString credentials; // "exec plugin aws", "client certificate", … (never the secret)
    QString namespaceName;
    bool insecure = false; // insecure-skip-tls-verify: show the warning badge
    bool aggregatedDiscovery = false;
    int resourceTypes = 0;
};

struct DriftOptions
{
    bool watch = true;             // keep watching after the first report
    bool serverSideDryRun = false; // approach 1: PATCH ?dryRun=All as field manager shiplog
    int debounceMs = 100;          // coalesce bursts of watch events
    kube::ClientOptions client;    // timeouts and response size limits
};

class DriftWorker : public QObject
{
    Q_OBJECT
public:
    explicit DriftWorker(DriftOptions options = {}, QObject* parent = nullptr);
    ~DriftWorker() override;

public slots:
    void connectTo(const shiplog::core::kube::ConnectionConfig& connection);
    void setDesired(const shiplog::core::drift::DesiredState& desired);
    void disconnectFromCluster();

signals:
    void connected(const shiplog::core::drift::ConnectionInfo& info);
    void failed(const QString& message); // could not connect / discover
    void statusChanged(const QString& line);
    void reportReady(const shiplog::core::drift::DriftReport& report);

private:
    void startWatching();
    void fetchDeclaredSecrets();
    void fetchDryRuns();
    void scheduleReport();
    void publish();
    LiveSnapshot snapshot() const;

    DriftOptions m_options;
    kube::ConnectionConfig m_connection;
    std::unique_ptr<kube::Client> m_client;
    std::unique_ptr<kube::LiveCache> m_cache;
    kube::DiscoveryResult m_discovery;
    bool m_discovered = false;
    bool m_haveDesired = false;
    DesiredState m_desired;
    OwnershipMarks m_marks;
    QHash<QString, QJsonObject> m_secrets;   // "ns/name" → full Secret (values in memory only)
    QHash<QString, QString> m_secretErrors;  // "ns/name" → why its GET failed (reported not readable)
    QHash<QString, QJsonObject> m_predicted; // dry-run results by "group/kind|ns/name"
    int m_pendingFetches = 0;
    QTimer m_debounce;
    int m_epoch = 0; // increases on reconnect/setDesired: late answers of older rounds are dropped
};

} // namespace shiplog::core::drift

Q_DECLARE_METATYPE(shiplog::core::drift::DesiredState)
Q_DECLARE_METATYPE(shiplog::core::drift::ConnectionInfo)
Q_DECLARE_METATYPE(shiplog::core::drift::DriftReport)
Q_DECLARE_METATYPE(shiplog::core::kube::ConnectionConfig)
