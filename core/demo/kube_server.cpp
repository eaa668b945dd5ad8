#include "core/demo/kube_server.h"

#include "core/demo/kube_api_handler.h"
#include "core/demo/kube_seed.h"
#include "core/demo/kube_server_worker.h"
#include "core/demo/kube_store.h"
#include "core/demo/kube_tls.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

// One CA and server certificate per process: generating them costs three openssl runs.
Result<TlsMaterial> processTlsMaterial()
{
    static QMutex mutex;
    static std::unique_ptr<QTemporaryDir> directory;
    static std::optional<TlsMaterial> material;
    QMutexLocker lock(&mutex);
    if (material)
        return *material;
    directory = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/shiplog-kube-tls-XXXXXX"_s);
    if (!directory->isValid())
        return fail(QStringLiteral("Could not create a temporary folder for the server certificates: %1")
                        .arg(directory->errorString()));
    auto generated = generateTlsMaterial(directory->path());
    if (!generated)
        return generated;
    material = *generated;
    return *material;
}

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QJsonObject> asResult(ApiResult<QJsonObject> result)
{
    if (!result)
        return fail(result.error().message, result.error().code);
    return *result;
}

} // namespace

struct KubeServer::Private
{
    KubeStore store;
    KubeApiHandler handler{&store};
    QThread thread;
    KubeServerWorker* worker = nullptr;
    KubeServerEndpoint endpoint;
    mutable QMutex mutex;

    Result<ResourceType> typeOf(const QString& apiVersion, const QString& kind) const
    {
        const auto type = store.findTypeByKind(apiVersion, kind);
        if (!type)
            return fail(QStringLiteral("The local Kubernetes API server does not serve %1 in %2.")
                            .arg(kind, apiVersion));
        return *type;
    }
};

KubeServer::KubeServer() : d(std::make_unique<Private>()) {}

KubeServer::~KubeServer()
{
    stop();
}

Result<KubeServerEndpoint> KubeServer::start(const KubeServerOptions& options)
{
    stop();
    QString certificate;
    QString key;
    QByteArray caPem;
    QString caPath;
    if (options.tls) {
        auto material = processTlsMaterial();
        if (!material)
            return std::unexpected(material.error());
        certificate = material->certificatePath;
        key = material->keyPath;
        caPem = material->caPem;
        caPath = material->caCertificatePath;
    }
    AccessPolicy policy;
    policy.token = options.anonymous ? QString() : options.token.isEmpty() ? randomToken() : options.token;
    policy.user = options.user;
    for (const QString& name : options.deniedResources) {
        const auto type = d->store.findTypeByName(name);
        if (!type)
            return fail(
                QStringLiteral("Cannot deny \"%1\": the local Kubernetes API server has no such resource.")
                    .arg(name));
        policy.denied.insert(type->storeKey());
    }
    d->handler.setPolicy(policy);
    if (!options.seedPath.isEmpty()) {
        auto seeded = seed(options.seedPath);
        if (!seeded)
            return std::unexpected(seeded.error());
    }

    d->worker = new KubeServerWorker(&d->store, &d->handler, options.bookmarkIntervalMs);
    d->worker->moveToThread(&d->thread);
    d->thread.setObjectName(u"kube-api-server"_s);
    d->thread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        d->worker, [&] { listening = d->worker->listen(options.port, certificate, key); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        const QString error = d->worker->errorString();
        stop();
        return fail(error);
    }
    KubeServerWorker* worker = d->worker;
    d->store.setListener([worker](const StoredEvent& event) {
        QMetaObject::invokeMethod(
            worker, [worker, event] { worker->dispatch(event); }, Qt::QueuedConnection);
    });
    const QString hostPort = QStringLiteral("127.0.0.1:%1").arg(worker->port());
    d->handler.setServerAddress(hostPort);
    QMutexLocker lock(&d->mutex);
    d->endpoint = {(options.tls ? u"https://"_s : u"http://"_s) + hostPort, caPath, caPem, policy.token};
    return d->endpoint;
}

void KubeServer::stop()
{
    if (!d->worker)
        return;
    d->store.setListener({});
    if (d->thread.isRunning()) {
        KubeServerWorker* worker = d->worker;
        QMetaObject::invokeMethod(
            worker, [worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
        d->thread.quit();
        d->thread.wait();
    }
    delete d->worker;
    d->worker = nullptr;
    QMutexLocker lock(&d->mutex);
    d->endpoint = {};
}

bool KubeServer::isRunning() const
{
    return d->worker != nullptr;
}

KubeServerEndpoint KubeServer::endpoint() const
{
    QMutexLocker lock(&d->mutex);
    return d->endpoint;
}

QByteArray KubeServer::kubeconfig(const QString& contextName, const QString& ns) const
{
    const KubeServerEndpoint e = endpoint();
    QByteArray yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: " + contextName.toUtf8() +
                      "\n  cluster:\n    server: " + e.url.toUtf8() + "\n";
    if (!e.caPem.isEmpty())
        yaml += "    certificate-authority-data: " + e.caPem.toBase64() + "\n";
    yaml += "users:\n- name: " + contextName.toUtf8() + "\n  user:\n";
    if (!e.token.isEmpty())
        yaml += "    token: " + e.token.toUtf8() + "\n";
    else
        yaml += "    {}\n";
    yaml += "contexts:\n- name: " + contextName.toUtf8() +
            "\n  context:\n    cluster: " + contextName.toUtf8() + "\n    user: " + contextName.toUtf8() +
            "\n";
    if (!ns.isEmpty())
        yaml += "    namespace: " + ns.toUtf8() + "\n";
    yaml += "current-context: " + contextName.toUtf8() + "\npreferences: {}\n";
    return yaml;
}

Result<void> KubeServer::writeKubeconfig(const QString& path, const QString& contextName,
                                         const QString& ns) const
{
    if (!isRunning())
        return fail(
            QStringLiteral("Cannot write %1: the local Kubernetes API server is not running.").arg(path));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    // It holds a bearer token: readable by its owner only, as kubectl keeps ~/.kube/config.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(kubeconfig(contextName, ns)) < 0)
        return fail(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<SeedReport> KubeServer::seed(const QString& path)
{
    return seedFromDirectory(d->store, path);
}

QStringList KubeServer::injectDemoDrift()
{
    return demo::injectDemoDrift(d->store);
}

Result<QJsonObject> KubeServer::create(const QJsonObject& object, const QString& manager)
{
    auto type = d->typeOf(object.value(u"apiVersion"_s).toString(), object.value(u"kind"_s).toString());
    if (!type)
        return std::unexpected(type.error());
    const QString ns = object.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
    return asResult(d->store.create(*type, ns, object, WriteOptions{manager, {}, false, false}));
}

Result<QJsonObject> KubeServer::update(const QJsonObject& object, const QString& manager)
{
    auto type = d->typeOf(object.value(u"apiVersion"_s).toString(), object.value(u"kind"_s).toString());
    if (!type)
        return std::unexpected(type.error());
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    return asResult(d->store.replace(*type, meta.value(u"namespace"_s).toString(),
                                     meta.value(u"name"_s).toString(), object,
                                     WriteOptions{manager, {}, false, false}));
}

Result<QJsonObject> KubeServer::mergePatch(const QString& apiVersion, const QString& kind, const QString& ns,
                                           const QString& name, const QJsonObject& patch,
                                           const QString& manager)
{
    auto type = d->typeOf(apiVersion, kind);
    if (!type)
        return std::unexpected(type.error());
    return asResult(d->store.modify(
        *type, ns, name,
        [&](const QJsonObject& current) -> ApiResult<QJsonObject> {
            QJsonObject next = current;
            for (auto it = patch.begin(); it != patch.end(); ++it) {
                // RFC 7386 on the top level; nested objects merge recursively below.
                std::function<QJsonValue(const QJsonValue&, const QJsonValue&)> merge =
                    [&](const QJsonValue& target, const QJsonValue& p) -> QJsonValue {
                    if (!p.isObject())
                        return p;
                    QJsonObject result = target.toObject();
                    const QJsonObject po = p.toObject();
                    for (auto f = po.begin(); f != po.end(); ++f) {
                        if (f.value().isNull())
                            result.remove(f.key());
                        else
                            result.insert(f.key(), merge(result.value(f.key()), f.value()));
                    }
                    return result;
                };
                if (it.value().isNull())
                    next.remove(it.key());
                else
                    next.insert(it.key(), merge(next.value(it.key()), it.value()));
            }
            return next;
        },
        WriteOptions{manager, {}, false, false}));
}

Result<QJsonObject> KubeServer::scale(const QString& apiVersion, const QString& kind, const QString& ns,
                                      const QString& name, int replicas, const QString& manager)
{
    auto type = d->typeOf(apiVersion, kind);
    if (!type)
        return std::unexpected(type.error());
    if (!type->hasScale)
        return fail(QStringLiteral("%1 has no scale subresource.").arg(type->qualifiedResource()));
    return asResult(d->store.modify(
        *type, ns, name,
        [replicas](const QJsonObject& current) -> ApiResult<QJsonObject> {
            QJsonObject next = current;
            QJsonObject spec = next.value(u"spec"_s).toObject();
            spec.insert(u"replicas"_s, replicas);
            next.insert(u"spec"_s, spec);
            return next;
        },
        WriteOptions{manager, u"scale"_s, false, false}));
}

Result<void> KubeServer::remove(const QString& apiVersion, const QString& kind, const QString& ns,
                                const QString& name)
{
    auto type = d->typeOf(apiVersion, kind);
    if (!type)
        return std::unexpected(type.error());
    auto removed = d->store.remove(*type, ns, name, {});
    if (!removed)
        return fail(removed.error().message, removed.error().code);
    return {};
}

std::optional<QJsonObject> KubeServer::get(const QString& apiVersion, const QString& kind, const QString& ns,
                                           const QString& name) const
{
    auto type = d->typeOf(apiVersion, kind);
    if (!type)
        return std::nullopt;
    auto object = d->store.get(*type, ns, name);
    if (!object)
        return std::nullopt;
    return servedObject(*type, *object);
}

Result<void> KubeServer::denyResource(const QString& resource, bool denied)
{
    const auto type = d->store.findTypeByName(resource);
    if (!type)
        return fail(
            QStringLiteral("Cannot deny \"%1\": the local Kubernetes API server has no such resource.")
                .arg(resource));
    AccessPolicy policy = d->handler.policy();
    if (denied)
        policy.denied.insert(type->storeKey());
    else
        policy.denied.remove(type->storeKey());
    d->handler.setPolicy(policy);
    return {};
}

void KubeServer::compactHistory()
{
    d->store.compact();
}

void KubeServer::dropWatches()
{
    if (!d->worker)
        return;
    KubeServerWorker* worker = d->worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->dropWatches(); }, Qt::BlockingQueuedConnection);
}

int KubeServer::watchCount() const
{
    return d->worker ? d->worker->watchCount() : 0;
}

KubeStore& KubeServer::store()
{
    return d->store;
}

} // namespace shiplog::core::demo
