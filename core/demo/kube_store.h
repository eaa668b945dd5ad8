#pragma once

#include "core/demo/kube_api_error.h"
#include "core/demo/kube_resource_types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <functional>
#include <map>
#include <optional>

namespace shiplog::core::demo {

// One change in the store, as a watch reports it.
struct StoredEvent
{
    qint64 resourceVersion = 0;
    QString type;     // ADDED, MODIFIED, DELETED
    QString storeKey; // ResourceType::storeKey()
    QJsonObject object;
};

// Who writes and how (query parameters of a write request).
struct WriteOptions
{
    QString manager;     // fieldManager, or the user agent's program name
    QString subresource; // "", "status", "scale"
    bool dryRun = false;
    bool force = false; // server-side apply: take conflicting fields
};

// The objects of the stand-in API server, thread-safe: the server thread serves requests while
// tests mutate objects from their own thread. A global resourceVersion counter orders every
// change; a bounded history of changes feeds watches; `compact()` forgets it (410 afterwards).
class KubeStore
{
public:
    KubeStore();

    QList<ResourceType> types() const;
    std::optional<ResourceType> findType(const QString& group, const QString& version,
                                         const QString& resource) const;
    std::optional<ResourceType> findTypeByKind(const QString& apiVersion, const QString& kind) const;
    // "secrets", "deployments.apps", "deploy", "Deployment": for denying a type by a readable name.
    std::optional<ResourceType> findTypeByName(const QString& name) const;

    struct Snapshot
    {
        QList<QJsonObject> items; // sorted by namespace/name
        qint64 resourceVersion = 0;
    };
    // Objects of the type in `ns` (all namespaces when empty) whose key sorts after `after`.
    Snapshot list(const ResourceType& type, const QString& ns, const QString& after = {}) const;
    ApiResult<QJsonObject> get(const ResourceType& type, const QString& ns, const QString& name) const;

    ApiResult<QJsonObject> create(const ResourceType& type, const QString& ns, const QJsonObject& body,
                                  const WriteOptions& options);
    // PUT: a resourceVersion in the body must match (409 Conflict otherwise).
    ApiResult<QJsonObject> replace(const ResourceType& type, const QString& ns, const QString& name,
                                   const QJsonObject& body, const WriteOptions& options);
    // Reads the current object, lets `change` compute the new one, and writes it (patch, scale), all
    // under one lock so that no other write slips in between.
    using Change = std::function<ApiResult<QJsonObject>(const QJsonObject& current)>;
    ApiResult<QJsonObject> modify(const ResourceType& type, const QString& ns, const QString& name,
                                  const Change& change, const WriteOptions& options);
    // Server-side apply (PATCH application/apply-patch+yaml): creates or merges, tracks ownership.
    ApiResult<QJsonObject> apply(const ResourceType& type, const QString& ns, const QString& name,
                                 const QJsonObject& config, const WriteOptions& options);
    ApiResult<QJsonObject> remove(const ResourceType& type, const QString& ns, const QString& name,
                                  const WriteOptions& options);

    qint64 resourceVersion() const;
    // Watch history after `resourceVersion` for one type, and the resourceVersion it runs up to;
    // Expired when that point was compacted away.
    struct History
    {
        QList<StoredEvent> events;
        qint64 upTo = 0;
    };
    ApiResult<History> eventsSince(qint64 resourceVersion, const QString& storeKey) const;
    // Forgets the watch history and invalidates continue tokens issued so far (as etcd compaction).
    void compact();
    qint64 compactedResourceVersion() const;
    void setHistoryLimit(int events);

    // Called under the store's lock after every change, in resourceVersion order; keep it short
    // (post the event to another thread).
    void setListener(std::function<void(const StoredEvent&)> listener);

private:
    using Objects = std::map<QString, QJsonObject>; // "namespace/name" → object

    ApiResult<QJsonObject> createLocked(const ResourceType& type, const QString& ns, const QJsonObject& body,
                                        const WriteOptions& options, const QString& operation);
    ApiResult<QJsonObject> writeLocked(const ResourceType& type, const QJsonObject& current, QJsonObject next,
                                       const WriteOptions& options);
    void commitLocked(const ResourceType& type, const QString& eventType, QJsonObject& object);
    void allocateLocked(const ResourceType& type, QJsonObject& object, const QJsonObject& previous);
    void registerCrdLocked(const QJsonObject& crd, bool removed);
    std::optional<ResourceType> findTypeLocked(const QString& group, const QString& version,
                                               const QString& resource) const;
    QList<ResourceType> typesLocked() const;
    void seedSystemLocked();

    mutable QMutex m_mutex;
    QList<ResourceType> m_builtin;
    QHash<QString, QList<ResourceType>> m_custom; // CRD name → its types
    QHash<QString, Objects> m_objects;            // storeKey → objects
    qint64 m_resourceVersion = 0;
    qint64 m_compactedResourceVersion = 0;
    QList<StoredEvent> m_history;
    int m_historyLimit = 5000;
    quint32 m_nextServiceIp = 10;
    int m_nextNodePort = 30000;
    std::function<void(const StoredEvent&)> m_listener;
};

// "namespace/name" of an object in the store's ordering.
QString objectKey(const QString& ns, const QString& name);

} // namespace shiplog::core::demo
