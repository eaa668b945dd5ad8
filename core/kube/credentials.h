#pragma once

// What a request presents to the API server, from a resolved kubeconfig context: bearer token
// (token, tokenFile, OIDC id-token, exec plugin), client certificate, or basic auth.
#include "core/common/error.h"
#include "core/kube/kubeconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace shiplog::core::kube {

struct Credentials
{
    enum class Source
    {
        Anonymous,
        Token,
        TokenFile,
        ClientCertificate,
        Basic,
        Oidc,
        Exec
    };
    Source source = Source::Anonymous;
    QString token; // bearer token; never logged or shown
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
    QString username;
    QString password;
    QDateTime expiresAt; // exec plugins only; invalid = no expiry given

    bool refreshable() const { return source == Source::Exec; }
    // "token", "exec plugin aws-iam-authenticator", … — for status lines; never contains a secret.
    QString describe(const UserConfig& user) const;
};

// Resolves the credentials of a context. For exec plugins the result is cached per (exec config,
// cluster) until expirationTimestamp; runs are serialized process-wide and block the calling thread
// (call it from the client's thread, never the GUI thread).
Result<Credentials> resolveCredentials(const ConnectionConfig& connection);

// After a 401 that used `rejected`: re-runs the exec plugin once (unless another caller already
// replaced the cached credential, which is then returned). Non-exec credentials cannot be refreshed.
Result<Credentials> refreshCredentials(const ConnectionConfig& connection, const Credentials& rejected);

// Runs an exec plugin without the cache (tests; `shiplog` uses resolveCredentials).
Result<Credentials> runExecPlugin(const ConnectionConfig& connection, int timeoutMs = 60000);

// Forgets every cached exec credential (switching kubeconfig, tests).
void clearCredentialCache();

// The PEM of the cluster CA: certificate-authority-data, else the certificate-authority file.
Result<QByteArray> clusterCaPem(const ClusterConfig& cluster);

} // namespace shiplog::core::kube
