#include "core/kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <yaml-cpp/yaml.h>

namespace shiplog::core::kube {

namespace {

QString scalar(const YAML::Node& node, const char* key)
{
    const YAML::Node value = node[key];
    if (!value || !value.IsScalar())
        return {};
    return QString::fromStdString(value.as<std::string>());
}

bool boolean(const YAML::Node& node, const char* key)
{
    const QString text = scalar(node, key).toLower();
    return text == u"true" || text == u"yes" || text == u"on";
}

// Relative paths in a kubeconfig are relative to the file that holds them (client-go ResolvePaths).
QString resolvePath(const QString& path, const QDir& base)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(base.absoluteFilePath(path));
}

Result<QByteArray> base64Field(const YAML::Node& node, const char* key, const QString& where)
{
    const QString text = scalar(node, key);
    if (text.isEmpty())
        return QByteArray();
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(QStringLiteral("%1: %2 is not valid base64.").arg(where, QString::fromLatin1(key)));
    return *decoded;
}

template <typename T> const T* findNamed(const QList<T>& list, const QString& name)
{
    for (const T& item : list)
        if (item.name == name)
            return &item;
    return nullptr;
}

template <typename T> void mergeFirstWins(QList<T>& into, const QList<T>& from)
{
    for (const T& item : from)
        if (!findNamed(into, item.name))
            into.append(item);
}

} // namespace

const ClusterConfig* Kubeconfig::cluster(const QString& name) const
{
    return findNamed(clusters, name);
}
const UserConfig* Kubeconfig::user(const QString& name) const
{
    return findNamed(users, name);
}
const ContextConfig* Kubeconfig::context(const QString& name) const
{
    return findNamed(contexts, name);
}

KubeconfigSources KubeconfigSources::fromEnvironment(const QString& explicitPath)
{
    KubeconfigSources sources;
    sources.explicitPath = explicitPath;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    sources.kubeconfigVariableSet = env.contains(QStringLiteral("KUBECONFIG"));
    sources.kubeconfigVariable = env.value(QStringLiteral("KUBECONFIG"));
    sources.homeDirectory = QDir::homePath();
    return sources;
}

QStringList kubeconfigFiles(const KubeconfigSources& sources)
{
    if (!sources.explicitPath.isEmpty())
        return {sources.explicitPath};
    if (sources.kubeconfigVariableSet && !sources.kubeconfigVariable.isEmpty()) {
        QStringList files;
        for (const QString& entry :
             sources.kubeconfigVariable.split(QDir::listSeparator(), Qt::SkipEmptyParts))
            if (!files.contains(entry))
                files.append(entry);
        return files;
    }
    return {QDir(sources.homeDirectory).filePath(QStringLiteral(".kube/config"))};
}

Result<Kubeconfig> parseKubeconfig(const QByteArray& text, const QString& fileName)
{
    Kubeconfig config;
    config.files = {fileName};
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        return fail(QStringLiteral("The kubeconfig %1 does not parse: line %2: %3.")
                        .arg(fileName)
                        .arg(e.mark.line + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
    if (!root || root.IsNull())
        return config; // an empty file is an empty config, as in client-go
    if (!root.IsMap())
        return fail(QStringLiteral("The kubeconfig %1 is not a YAML mapping.").arg(fileName));

    const QDir base = QFileInfo(fileName).absoluteDir();
    try {
        config.currentContext = scalar(root, "current-context");
        for (const YAML::Node& entry : root["clusters"]) {
            ClusterConfig cluster;
            cluster.name = scalar(entry, "name");
            cluster.definedIn = fileName;
            const YAML::Node c = entry["cluster"];
            const QString where = QStringLiteral("%1: cluster \"%2\"").arg(fileName, cluster.name);
            if (c && c.IsMap()) {
                cluster.server = scalar(c, "server");
                cluster.tlsServerName = scalar(c, "tls-server-name");
                cluster.insecureSkipTlsVerify = boolean(c, "insecure-skip-tls-verify");
                cluster.certificateAuthority = resolvePath(scalar(c, "certificate-authority"), base);
                auto data = base64Field(c, "certificate-authority-data", where);
                if (!data)
                    return std::unexpected(data.error());
                cluster.certificateAuthorityData = *data;
                cluster.proxyUrl = scalar(c, "proxy-url");
                cluster.disableCompression = boolean(c, "disable-compression");
            }
            if (!cluster.name.isEmpty() && !findNamed(config.clusters, cluster.name))
                config.clusters.append(cluster);
        }
        for (const YAML::Node& entry : root["users"]) {
            UserConfig user;
            user.name = scalar(entry, "name");
            user.definedIn = fileName;
            const YAML::Node u = entry["user"];
            const QString where = QStringLiteral("%1: user \"%2\"").arg(fileName, user.name);
            if (u && u.IsMap()) {
                user.clientCertificate = resolvePath(scalar(u, "client-certificate"), base);
                user.clientKey = resolvePath(scalar(u, "client-key"), base);
                auto cert = base64Field(u, "client-certificate-data", where);
                if (!cert)
                    return std::unexpected(cert.error());
                auto key = base64Field(u, "client-key-data", where);
                if (!key)
                    return std::unexpected(key.error());
                user.clientCertificateData = *cert;
                user.clientKeyData = *key;
                user.token = scalar(u, "token");
                user.tokenFile = resolvePath(scalar(u, "tokenFile"), base);
                user.username = scalar(u, "username");
                user.password = scalar(u, "password");
                if (const YAML::Node provider = u["auth-provider"]; provider && provider.IsMap()) {
                    user.authProviderName = scalar(provider, "name");
                    if (const YAML::Node providerConfig = provider["config"];
                        providerConfig && providerConfig.IsMap())
                        for (const auto& kv : providerConfig)
                            if (kv.second.IsScalar())
                                user.authProviderConfig.insert(
                                    QString::fromStdString(kv.first.as<std::string>()),
                                    QString::fromStdString(kv.second.as<std::string>()));
                }
                if (const YAML::Node exec = u["exec"]; exec && exec.IsMap()) {
                    ExecConfig& e = user.exec;
                    e.apiVersion = scalar(exec, "apiVersion");
                    e.command = scalar(exec, "command");
                    // client-go resolves the command only when it is a path, else it is looked up in PATH.
                    if (e.command.contains(u'/'))
                        e.command = resolvePath(e.command, base);
                    for (const YAML::Node& arg : exec["args"])
                        e.args.append(QString::fromStdString(arg.as<std::string>()));
                    for (const YAML::Node& env : exec["env"])
                        e.env.append({scalar(env, "name"), scalar(env, "value")});
                    e.installHint = scalar(exec, "installHint");
                    e.provideClusterInfo = boolean(exec, "provideClusterInfo");
                    e.interactiveMode = scalar(exec, "interactiveMode");
                }
            }
            if (!user.name.isEmpty() && !findNamed(config.users, user.name))
                config.users.append(user);
        }
        for (const YAML::Node& entry : root["contexts"]) {
            ContextConfig context;
            context.name = scalar(entry, "name");
            context.definedIn = fileName;
            if (const YAML::Node c = entry["context"]; c && c.IsMap()) {
                context.cluster = scalar(c, "cluster");
                context.user = scalar(c, "user");
                context.namespaceName = scalar(c, "namespace");
            }
            if (!context.name.isEmpty() && !findNamed(config.contexts, context.name))
                config.contexts.append(context);
        }
    } catch (const YAML::Exception& e) {
        return fail(QStringLiteral("The kubeconfig %1 is not valid: line %2: %3.")
                        .arg(fileName)
                        .arg(e.mark.line + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
    return config;
}

Result<Kubeconfig> loadKubeconfig(const KubeconfigSources& sources)
{
    Kubeconfig merged;
    const bool explicitFile = !sources.explicitPath.isEmpty();
    for (const QString& path : kubeconfigFiles(sources)) {
        QFile file(path);
        if (!file.exists()) {
            if (explicitFile)
                return fail(
                    QStringLiteral("The kubeconfig %1 given with --kubeconfig does not exist.").arg(path));
            continue; // KUBECONFIG entries and ~/.kube/config may be missing
        }
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("Cannot read the kubeconfig %1: %2.").arg(path, file.errorString()));
        auto one = parseKubeconfig(file.readAll(), path);
        if (!one)
            return one;
        merged.files.append(path);
        if (merged.currentContext.isEmpty())
            merged.currentContext = one->currentContext;
        mergeFirstWins(merged.clusters, one->clusters);
        mergeFirstWins(merged.users, one->users);
        mergeFirstWins(merged.contexts, one->contexts);
    }
    return merged;
}

Result<Kubeconfig> loadKubeconfig(const QString& explicitPath)
{
    return loadKubeconfig(KubeconfigSources::fromEnvironment(explicitPath));
}

Result<ConnectionConfig> resolveContext(const Kubeconfig& config, const QString& contextName)
{
    const QString files =
        config.files.isEmpty() ? QStringLiteral("(no kubeconfig file found)") : config.files.join(u':');
    const QString name = contextName.isEmpty() ? config.currentContext : contextName;
    if (name.isEmpty())
        return fail(
            QStringLiteral("The kubeconfig %1 sets no current-context; choose a context.").arg(files));
    const ContextConfig* context = config.context(name);
    if (!context)
        return fail(
            QStringLiteral("The context \"%1\" does not exist in the kubeconfig %2.").arg(name, files));
    ConnectionConfig connection;
    connection.contextName = name;
    connection.namespaceName =
        context->namespaceName.isEmpty() ? QStringLiteral("default") : context->namespaceName;
    const ClusterConfig* cluster = config.cluster(context->cluster);
    if (!cluster)
        return fail(QStringLiteral(
                        "The context \"%1\" (%2) names the cluster \"%3\", which no kubeconfig file defines.")
                        .arg(name, context->definedIn, context->cluster));
    connection.cluster = *cluster;
    if (cluster->server.isEmpty())
        return fail(
            QStringLiteral("The cluster \"%1\" in %2 has no server.").arg(cluster->name, cluster->definedIn));
    if (cluster->insecureSkipTlsVerify &&
        (!cluster->certificateAuthority.isEmpty() || !cluster->certificateAuthorityData.isEmpty()))
        return fail(
            QStringLiteral(
                "The cluster \"%1\" in %2 sets both a certificate authority and insecure-skip-tls-verify; "
                "kubectl refuses this combination too. Remove one of them.")
                .arg(cluster->name, cluster->definedIn));
    if (const UserConfig* user = config.user(context->user))
        connection.user = *user;
    else
        connection.user.name = context->user; // client-go connects anonymously
    if (connection.user.exec.isSet() && !connection.user.authProviderName.isEmpty())
        return fail(
            QStringLiteral("The user \"%1\" in %2 sets both exec and auth-provider; only one may be used.")
                .arg(connection.user.name, connection.user.definedIn));
    return connection;
}

} // namespace shiplog::core::kube
