#pragma once

// The demo's cluster: the local Kubernetes API server on loopback (TLS + token), seeded from the
// demo repository's manifests with the demo drift injected (a scaled Deployment, an edited
// ConfigMap, a deleted Service, an extra object carrying the ownership label, a Secret whose value
// differs), and a kubeconfig for it in the demo folder. `shiplog --demo` starts it with the window;
// the Connect dialog preselects `kubeconfigPath` + `context`.
#include "core/common/error.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>

namespace shiplog::core::demo {

class KubeServer;

struct DemoClusterInfo
{
    QString kubeconfigPath; // <demo folder>/kubeconfig (only this cluster, one context)
    QString context;        // "shiplog-demo"
    QString server;         // https://127.0.0.1:PORT
    int objects = 0;        // seeded from the repository
    QString seedSummary;    // "Seeded N of M objects; K skipped"
    QStringList skipped;    // one line per object not seeded, with the reason
    QStringList drift;      // one sentence per injected change
};

// Owns the running server. The server runs on its own thread; start() blocks for well under a
// second on a demo repository (it reads the manifests), so call it from a job or at startup before
// the window shows, not from a slot of the GUI thread that must stay responsive.
class DemoCluster
{
public:
    DemoCluster();
    ~DemoCluster(); // stops the server and removes the kubeconfig
    DemoCluster(const DemoCluster&) = delete;
    DemoCluster& operator=(const DemoCluster&) = delete;

    // `repository`: the demo work tree to seed from; the kubeconfig is written into `folder`
    // (default: the repository's parent, i.e. the demo folder). Restarting replaces the old server.
    Result<DemoClusterInfo> start(const QString& repository, const QString& folder = {},
                                  bool injectDrift = true);
    void stop();
    bool isRunning() const;
    DemoClusterInfo info() const;
    KubeServer* server(); // for tests and the demo's own scripted changes

    static QString contextName() { return QStringLiteral("shiplog-demo"); }

private:
    std::unique_ptr<KubeServer> m_server;
    DemoClusterInfo m_info;
};

} // namespace shiplog::core::demo

Q_DECLARE_METATYPE(shiplog::core::demo::DemoClusterInfo)
