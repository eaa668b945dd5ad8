#pragma once

// Kubeconfig loading and merging exactly as kubectl (client-go tools/clientcmd) resolves it.
#include "core/common/error.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace shiplog::core::kube {

struct ExecEnvVar
{
    QString name;
    QString value;
};

// users[].user.exec: a client-go credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin).
struct ExecConfig
{
    QString apiVersion; // client.authentication.k8s.io/v1 or /v1beta1
    QString command;    // absolute after loading when the kubeconfig gave a path containing '/'
    QStringList args;
    QList<ExecEnvVar> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never, IfAvailable, Always (a desktop app never has a terminal)
    bool isSet() const { return !command.isEmpty(); }
};

struct ClusterConfig
{
    QString name;
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QString certificateAuthority;        // absolute path (resolved against the defining file)
    QByteArray certificateAuthorityData; // PEM (decoded from base64)
    QString proxyUrl;
    bool disableCompression = false;
    QString definedIn; // the kubeconfig file that won the merge for this name
};

struct UserConfig
{
    QString name;
    QString clientCertificate; // absolute paths
    QByteArray clientCertificateData;
    QString clientKey;
    QByteArray clientKeyData;
    QString token;
    QString tokenFile;
    QString username;
    QString password;
    QString authProviderName; // "oidc" is supported (id-token); others are reported
    QMap<QString, QString> authProviderConfig;
    ExecConfig exec;
    QString definedIn;
};

struct ContextConfig
{
    QString name;
    QString cluster;
    QString user;
    QString namespaceName; // empty = "default"
    QString definedIn;
};

// The merged view of every kubeconfig file kubectl would read.
struct Kubeconfig
{
    QStringList files; // the files read, in precedence order
    QString currentContext;
    QList<ClusterConfig> clusters;
    QList<UserConfig> users;
    QList<ContextConfig> contexts;

    const ClusterConfig* cluster(const QString& name) const;
    const UserConfig* user(const QString& name) const;
    const ContextConfig* context(const QString& name) const;
};

// Where kubeconfig comes from; defaults read the process environment (KUBECONFIG, HOME).
struct KubeconfigSources
{
    QString explicitPath;       // --kubeconfig: only this file, and it must exist
    QString kubeconfigVariable; // the value of KUBECONFIG
    bool kubeconfigVariableSet = false;
    QString homeDirectory;
    static KubeconfigSources fromEnvironment(const QString& explicitPath = {});
};

// The files to read, in precedence order (KUBECONFIG split on ':', duplicates dropped).
QStringList kubeconfigFiles(const KubeconfigSources& sources);

// Reads and merges the files: first file wins per named cluster/user/context and for current-context;
// missing KUBECONFIG entries are skipped; a file that does not parse is an error naming it.
Result<Kubeconfig> loadKubeconfig(const KubeconfigSources& sources);
Result<Kubeconfig> loadKubeconfig(const QString& explicitPath = {});

// Parses one file's text (exposed for tests); relative paths resolve against `directory`.
Result<Kubeconfig> parseKubeconfig(const QByteArray& text, const QString& fileName);

// Everything needed to connect with one context: its cluster, user and namespace, validated.
struct ConnectionConfig
{
    QString contextName;
    QString namespaceName; // "default" when the context names none
    ClusterConfig cluster;
    UserConfig user;
};

// The named context, or current-context when `contextName` is empty. Errors name the context and
// file: unknown context, missing cluster entry, no server, CA together with insecure-skip-tls-verify.
Result<ConnectionConfig> resolveContext(const Kubeconfig& config, const QString& contextName = {});

} // namespace shiplog::core::kube
