#pragma once

#include "core/common/error.h"
#include "core/demo/kube_seed.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace shiplog::core::demo {

class KubeStore;

struct KubeServerOptions
{
    quint16 port = 0;            // 0: any free port
    bool tls = true;             // https with a CA generated for this process (see caPemPath)
    QString token;               // bearer token clients must send; empty: a random one is generated
    bool anonymous = false;      // no token required at all
    QString seedPath;            // a directory (or repository checkout) whose manifests are loaded at start
    QStringList deniedResources; // "secrets", "deployments.apps": 403 for every verb
    QString user = QStringLiteral("shiplog-demo"); // the user Forbidden messages name
    int bookmarkIntervalMs = 10000;                // BOOKMARK events on watches that allow them
};

// Where clients reach a started server.
struct KubeServerEndpoint
{
    QString url;       // https://127.0.0.1:PORT (or http://)
    QString caPemPath; // empty for plain HTTP
    QByteArray caPem;
    QString token; // empty when anonymous
};

// A Kubernetes-API-compatible server on loopback (KUBE-API.md) that the real kubectl works
// against: discovery, list/get/watch, create/replace/patch/apply/delete, scale and status
// subresources, Tables, Status errors, defaults and managedFields. It runs on its own thread; every
// method here is thread-safe and may be called from tests while clients are connected.
class KubeServer
{
public:
    KubeServer();
    ~KubeServer();
    KubeServer(const KubeServer&) = delete;
    KubeServer& operator=(const KubeServer&) = delete;

    Result<KubeServerEndpoint> start(const KubeServerOptions& options = {});
    void stop();
    bool isRunning() const;
    KubeServerEndpoint endpoint() const;

    // A kubeconfig for this server (certificate-authority-data + token) with one context.
    QByteArray kubeconfig(const QString& contextName = QStringLiteral("shiplog-demo"),
                          const QString& ns = {}) const;
    Result<void> writeKubeconfig(const QString& path,
                                 const QString& contextName = QStringLiteral("shiplog-demo"),
                                 const QString& ns = {}) const;

    // Loads every manifest (*.yaml, *.yml, *.json documents with apiVersion/kind/metadata.name) under
    // `path` as `kubectl apply` would create it; returns how many objects were created and, one line
    // each with the reason, those that were not.
    Result<SeedReport> seed(const QString& path);
    // Changes the objects the way people drift a cluster: a Deployment scaled (kubectl-scale), a
    // ConfigMap edited (kubectl-edit), a Service deleted, an object git does not have carrying the
    // ownership label, a Secret whose value differs. Returns one sentence per change made.
    QStringList injectDemoDrift();

    // Writes as a named field manager (as kubectl would with --field-manager).
    Result<QJsonObject> create(const QJsonObject& object,
                               const QString& manager = QStringLiteral("shiplog-test"));
    Result<QJsonObject> update(const QJsonObject& object,
                               const QString& manager = QStringLiteral("shiplog-test"));
    Result<QJsonObject> mergePatch(const QString& apiVersion, const QString& kind, const QString& ns,
                                   const QString& name, const QJsonObject& patch,
                                   const QString& manager = QStringLiteral("shiplog-test"));
    // Through the scale subresource, as `kubectl scale` does.
    Result<QJsonObject> scale(const QString& apiVersion, const QString& kind, const QString& ns,
                              const QString& name, int replicas,
                              const QString& manager = QStringLiteral("kubectl-scale"));
    Result<void> remove(const QString& apiVersion, const QString& kind, const QString& ns,
                        const QString& name);
    std::optional<QJsonObject> get(const QString& apiVersion, const QString& kind, const QString& ns,
                                   const QString& name) const;

    // 403 Forbidden for every verb on a type ("secrets", "deployments.apps", "Deployment").
    Result<void> denyResource(const QString& resource, bool denied = true);
    // Forget the watch history and continue tokens: old resourceVersions get 410 Expired.
    void compactHistory();
    // Closes every open watch stream (clients must re-watch).
    void dropWatches();
    int watchCount() const;

    KubeStore& store();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace shiplog::core::demo
