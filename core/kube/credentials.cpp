#include "core/kube/credentials.h"

#include "core/common/secret_registry.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <csignal>
#include <cstdlib>
#include <sys/types.h>
#include <unistd.h>
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace shiplog::core::kube {

namespace {

const QString kV1 = QStringLiteral("client.authentication.k8s.io/v1");
const QString kV1beta1 = QStringLiteral("client.authentication.k8s.io/v1beta1");

struct ExecCache
{
    QMutex runLock; // serializes plugin runs and guards the map
    QHash<QByteArray, Credentials> entries;
};

ExecCache& execCache()
{
    static ExecCache cache;
    return cache;
}

Result<QByteArray> readFile(const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot read the %1 %2: %3.").arg(what, path, file.errorString()));
    return file.readAll();
}

// The key of the cache: the exec config and the cluster it authenticates to (client-go keys the
// same way, so two contexts sharing both share one plugin run).
QByteArray cacheKey(const ConnectionConfig& c)
{
    QJsonArray env;
    for (const ExecEnvVar& v : c.user.exec.env)
        env.append(QJsonArray{v.name, v.value});
    const QJsonObject key{
        {QStringLiteral("apiVersion"), c.user.exec.apiVersion},
        {QStringLiteral("command"), c.user.exec.command},
        {QStringLiteral("args"), QJsonArray::fromStringList(c.user.exec.args)},
        {QStringLiteral("env"), env},
        {QStringLiteral("server"), c.cluster.server},
        {QStringLiteral("tlsServerName"), c.cluster.tlsServerName},
        {QStringLiteral("ca"), QString::fromLatin1(c.cluster.certificateAuthorityData.toBase64())},
        {QStringLiteral("caFile"), c.cluster.certificateAuthority}};
    return QCryptographicHash::hash(QJsonDocument(key).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256);
}

bool stillValid(const Credentials& credentials)
{
    return !credentials.expiresAt.isValid() || QDateTime::currentDateTimeUtc() < credentials.expiresAt;
}

QString pluginName(const ExecConfig& exec)
{
    return QFileInfo(exec.command).fileName();
}

QJsonObject execInfo(const ConnectionConfig& c, const QByteArray& caPem)
{
    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (c.user.exec.provideClusterInfo) {
        QJsonObject cluster{{QStringLiteral("server"), c.cluster.server}};
        if (!c.cluster.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), c.cluster.tlsServerName);
        if (c.cluster.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!caPem.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"),
                           QString::fromLatin1(caPem.toBase64()));
        if (!c.cluster.proxyUrl.isEmpty())
            cluster.insert(QStringLiteral("proxy-url"), c.cluster.proxyUrl);
        if (c.cluster.disableCompression)
            cluster.insert(QStringLiteral("disable-compression"), true);
        spec.insert(QStringLiteral("cluster"), cluster);
    }
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                       {QStringLiteral("apiVersion"), c.user.exec.apiVersion},
                       {QStringLiteral("spec"), spec}};
}

// Exec plugins run in a process group of their own, so that a plugin that hangs or leaves helpers
// behind (a browser login, a token refresher) is ended whole: on timeout, when it exits, and when
// Shiplog exits while it runs. QProcess alone kills only the direct child.
class PluginGroups
{
public:
    static PluginGroups& instance()
    {
        static PluginGroups* groups = [] {
            auto* g = new PluginGroups; // never destroyed: the exit handler uses it
            std::atexit([] { PluginGroups::instance().killAll(); });
            return g;
        }();
        return *groups;
    }
    void add(pid_t group)
    {
        QMutexLocker lock(&m_lock);
        m_groups.insert(group);
    }
    void killAndForget(pid_t group)
    {
        ::kill(-group, SIGKILL);
        QMutexLocker lock(&m_lock);
        m_groups.remove(group);
    }
    void killAll()
    {
        QMutexLocker lock(&m_lock);
        for (pid_t group : std::as_const(m_groups))
            ::kill(-group, SIGKILL);
        m_groups.clear();
    }

private:
    QMutex m_lock;
    QSet<pid_t> m_groups;
};

// Runs in the child between fork and exec: only async-signal-safe calls.
void becomeGroupLeader()
{
    ::setpgid(0, 0);
#if defined(Q_OS_LINUX)
    ::prctl(PR_SET_PDEATHSIG, SIGKILL); // Shiplog killed outright: the plugin goes with it
#endif
}

} // namespace

QString Credentials::describe(const UserConfig& user) const
{
    switch (source) {
    case Source::Anonymous:
        return QStringLiteral("no credentials");
    case Source::Token:
        return QStringLiteral("bearer token");
    case Source::TokenFile:
        return QStringLiteral("token file %1").arg(user.tokenFile);
    case Source::ClientCertificate:
        return QStringLiteral("client certificate");
    case Source::Basic:
        return QStringLiteral("basic auth as %1").arg(user.username);
    case Source::Oidc:
        return QStringLiteral("OIDC id-token");
    case Source::Exec:
        return QStringLiteral("exec plugin %1").arg(pluginName(user.exec));
    }
    return {};
}

Result<QByteArray> clusterCaPem(const ClusterConfig& cluster)
{
    if (!cluster.certificateAuthorityData.isEmpty())
        return cluster.certificateAuthorityData;
    if (!cluster.certificateAuthority.isEmpty())
        return readFile(cluster.certificateAuthority,
                        QStringLiteral("certificate-authority of cluster \"%1\"").arg(cluster.name));
    return QByteArray();
}

Result<Credentials> runExecPlugin(const ConnectionConfig& c, int timeoutMs)
{
    const ExecConfig& exec = c.user.exec;
    const QString who =
        QStringLiteral("The credential plugin \"%1\" of user \"%2\"").arg(exec.command, c.user.name);
    if (exec.apiVersion != kV1 && exec.apiVersion != kV1beta1)
        return fail(QStringLiteral("%1 uses apiVersion \"%2\"; supported are %3 and %4.")
                        .arg(who, exec.apiVersion, kV1, kV1beta1));
    if (exec.interactiveMode == u"Always")
        return fail(
            QStringLiteral("%1 requires an interactive terminal (interactiveMode: Always), which a desktop "
                           "application does not have.")
                .arg(who));

    const QString program =
        exec.command.contains(u'/') ? exec.command : QStandardPaths::findExecutable(exec.command);
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        QString message = QStringLiteral("%1 was not found%2.")
                              .arg(who, exec.command.contains(u'/') ? QString() : QStringLiteral(" in PATH"));
        if (!exec.installHint.isEmpty())
            message += u' ' + exec.installHint.trimmed();
        return fail(message);
    }

    auto caPem = clusterCaPem(c.cluster);
    if (!caPem)
        return std::unexpected(caPem.error());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const ExecEnvVar& v : exec.env)
        env.insert(v.name, v.value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"),
               QString::fromUtf8(QJsonDocument(execInfo(c, *caPem)).toJson(QJsonDocument::Compact)));

    QProcess process;
    process.setProcessEnvironment(env);
    process.setProgram(program);
    process.setArguments(exec.args);
    process.setStandardInputFile(QProcess::nullDevice()); // non-interactive: no stdin
    process.setChildProcessModifier(&becomeGroupLeader);
    process.start();
    if (!process.waitForStarted(timeoutMs))
        return fail(QStringLiteral("%1 could not start: %2.").arg(who, process.errorString()));
    const auto group = static_cast<pid_t>(process.processId());
    PluginGroups::instance().add(group);
    const bool finished = process.waitForFinished(timeoutMs);
    // Whatever the plugin left running in its group ends with it.
    PluginGroups::instance().killAndForget(group);
    if (!finished) {
        process.waitForFinished(2000);
        return fail(QStringLiteral(
                        "%1 did not finish within %2 seconds; it and the processes it started were stopped.")
                        .arg(who)
                        .arg(timeoutMs / 1000));
    }
    const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(QStringLiteral("%1 failed with exit code %2: %3")
                        .arg(who)
                        .arg(process.exitCode())
                        .arg(stderrText.isEmpty() ? QStringLiteral("(no output on stderr)") : stderrText));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(process.readAllStandardOutput(), &parseError);
    if (!doc.isObject())
        return fail(
            QStringLiteral("%1 printed no ExecCredential JSON: %2.").arg(who, parseError.errorString()));
    const QJsonObject root = doc.object();
    const QString apiVersion = root.value(u"apiVersion").toString();
    if (apiVersion != exec.apiVersion)
        return fail(QStringLiteral("%1 answered with apiVersion \"%2\" but the kubeconfig asks for \"%3\".")
                        .arg(who, apiVersion, exec.apiVersion));
    if (root.value(u"kind").toString() != u"ExecCredential")
        return fail(QStringLiteral("%1 answered with kind \"%2\" instead of ExecCredential.")
                        .arg(who, root.value(u"kind").toString()));
    if (!root.value(u"status").isObject())
        return fail(QStringLiteral("%1 answered an ExecCredential without status.").arg(who));
    const QJsonObject status = root.value(u"status").toObject();
    Credentials credentials;
    credentials.source = Credentials::Source::Exec;
    credentials.token = status.value(u"token").toString();
    credentials.clientCertificatePem = status.value(u"clientCertificateData").toString().toUtf8();
    credentials.clientKeyPem = status.value(u"clientKeyData").toString().toUtf8();
    if (credentials.clientCertificatePem.isEmpty() != credentials.clientKeyPem.isEmpty())
        return fail(QStringLiteral(
                        "%1 answered only one of clientCertificateData and clientKeyData; both are needed.")
                        .arg(who));
    if (credentials.token.isEmpty() && credentials.clientCertificatePem.isEmpty())
        return fail(QStringLiteral("%1 answered neither a token nor a client certificate.").arg(who));
    if (const QString expiry = status.value(u"expirationTimestamp").toString(); !expiry.isEmpty()) {
        credentials.expiresAt = QDateTime::fromString(expiry, Qt::ISODate);
        if (!credentials.expiresAt.isValid())
            return fail(QStringLiteral("%1 answered an expirationTimestamp \"%2\" that is not RFC 3339.")
                            .arg(who, expiry));
    }
    return credentials;
}

namespace {
Result<Credentials> resolveUnremembered(const ConnectionConfig& c);
} // namespace

Result<Credentials> resolveCredentials(const ConnectionConfig& c)
{
    // Bearer tokens and passwords join the process's secrets: scrubbed from any output, even
    // when a server's error message quotes them.
    auto credentials = resolveUnremembered(c);
    if (credentials) {
        rememberSecret(credentials->token);
        rememberSecret(credentials->password);
    }
    return credentials;
}

namespace {
Result<Credentials> resolveUnremembered(const ConnectionConfig& c)
{
    const UserConfig& user = c.user;
    Credentials credentials;
    if (user.exec.isSet()) {
        ExecCache& cache = execCache();
        QMutexLocker lock(&cache.runLock);
        const QByteArray key = cacheKey(c);
        if (auto it = cache.entries.constFind(key); it != cache.entries.cend() && stillValid(*it))
            return *it;
        auto fresh = runExecPlugin(c);
        if (fresh)
            cache.entries.insert(key, *fresh);
        return fresh;
    }
    if (!user.authProviderName.isEmpty()) {
        if (user.authProviderName != u"oidc")
            return fail(
                QStringLiteral(
                    "The user \"%1\" uses the auth-provider \"%2\", which kubectl no longer supports; "
                    "use its exec credential plugin instead (e.g. gke-gcloud-auth-plugin, kubelogin).")
                    .arg(user.name, user.authProviderName));
        credentials.source = Credentials::Source::Oidc;
        credentials.token = user.authProviderConfig.value(QStringLiteral("id-token"));
        if (credentials.token.isEmpty())
            return fail(
                QStringLiteral("The user \"%1\" uses the oidc auth-provider but has no id-token; log in with "
                               "your OIDC helper (e.g. kubelogin) first.")
                    .arg(user.name));
    } else if (!user.token.isEmpty()) {
        credentials.source = Credentials::Source::Token; // token wins over tokenFile
        credentials.token = user.token;
    } else if (!user.tokenFile.isEmpty()) {
        auto text = readFile(user.tokenFile, QStringLiteral("tokenFile of user \"%1\"").arg(user.name));
        if (!text)
            return std::unexpected(text.error());
        credentials.source = Credentials::Source::TokenFile;
        credentials.token = QString::fromUtf8(*text).trimmed();
    } else if (!user.username.isEmpty() || !user.password.isEmpty()) {
        credentials.source = Credentials::Source::Basic;
        credentials.username = user.username;
        credentials.password = user.password;
    }
    // A client certificate can accompany any of the above; -data overrides the file form.
    if (!user.clientCertificateData.isEmpty() || !user.clientCertificate.isEmpty()) {
        if (!user.clientCertificateData.isEmpty()) {
            credentials.clientCertificatePem = user.clientCertificateData;
        } else {
            auto pem = readFile(user.clientCertificate,
                                QStringLiteral("client-certificate of user \"%1\"").arg(user.name));
            if (!pem)
                return std::unexpected(pem.error());
            credentials.clientCertificatePem = *pem;
        }
        if (!user.clientKeyData.isEmpty()) {
            credentials.clientKeyPem = user.clientKeyData;
        } else if (!user.clientKey.isEmpty()) {
            auto pem = readFile(user.clientKey, QStringLiteral("client-key of user \"%1\"").arg(user.name));
            if (!pem)
                return std::unexpected(pem.error());
            credentials.clientKeyPem = *pem;
        } else {
            return fail(QStringLiteral("The user \"%1\" in %2 has a client certificate but no client key.")
                            .arg(user.name, user.definedIn));
        }
        if (credentials.source == Credentials::Source::Anonymous)
            credentials.source = Credentials::Source::ClientCertificate;
    }
    return credentials;
}

} // namespace

Result<Credentials> refreshCredentials(const ConnectionConfig& c, const Credentials& rejected)
{
    if (!rejected.refreshable())
        return rejected;
    ExecCache& cache = execCache();
    QMutexLocker lock(&cache.runLock);
    const QByteArray key = cacheKey(c);
    if (auto it = cache.entries.constFind(key);
        it != cache.entries.cend() && stillValid(*it) &&
        (it->token != rejected.token || it->clientCertificatePem != rejected.clientCertificatePem))
        return *it; // another request already re-ran the plugin
    auto fresh = runExecPlugin(c);
    if (fresh) {
        rememberSecret(fresh->token);
        cache.entries.insert(key, *fresh);
    } else {
        cache.entries.remove(key);
    }
    return fresh;
}

void clearCredentialCache()
{
    ExecCache& cache = execCache();
    QMutexLocker lock(&cache.runLock);
    cache.entries.clear();
}

} // namespace shiplog::core::kube
