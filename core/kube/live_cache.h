#pragma once

// The live objects of a set of resource types, kept current like a client-go informer: list, then
// watch from the list's resourceVersion with bookmarks; after a dropped stream re-watch from the
// last resourceVersion seen; after 410 Expired relist. Lives on the client's thread.
#include "core/common/error.h"
#include "core/kube/discovery.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace shiplog::core::kube {

class Client;
class Stream;

// The state of one type in the cache.
struct TypeState
{
    enum class Phase
    {
        Listing,
        Synced,
        Unreadable,
        Failed
    };
    Phase phase = Phase::Listing;
    Error error; // Unreadable (403) or Failed
    QString resourceVersion;
    int relists = 0;    // 410 recoveries so far
    int reconnects = 0; // dropped-stream recoveries so far
};

class LiveCache : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool watch = true;
        int watchTimeoutSeconds = 300; // the server ends each watch after this; we re-watch at once
        int maxBackoffMs = 30000;
    };

    LiveCache(Client* client, Options options, QObject* parent = nullptr);
    explicit LiveCache(Client* client, QObject* parent = nullptr) : LiveCache(client, Options{}, parent) {}
    ~LiveCache() override;

    // Starts listing (and watching) a type. Secrets are listed metadata-only unless asked otherwise.
    void add(const ApiResource& type, bool metadataOnly = false);
    void stop();

    bool allSynced() const; // every type is Synced, Unreadable or Failed
    QList<ApiResource> types() const;
    TypeState state(const ApiResource& type) const;
    // Objects of a type keyed "ns/name" (each with kind and apiVersion).
    QHash<QString, QJsonObject> objects(const ApiResource& type) const;
    const QJsonObject* object(const ApiResource& type, const QString& key) const;

signals:
    void typeSynced(const QString& type); // first list done, or a relist after 410
    void typeFailed(const QString& type, const QString& message, int code);
    void objectChanged(const QString& type, const QString& key,
                       const QString& event); // ADDED/MODIFIED/DELETED
    void allTypesSynced();
    void connectionTrouble(const QString& message); // a dropped watch being retried (status line)

private:
    struct Entry
    {
        ApiResource type;
        bool metadataOnly = false;
        TypeState state;
        QHash<QString, QJsonObject> objects;
        QPointer<Stream> stream;
        std::unique_ptr<QTimer> retry;
        int backoffMs = 0;
        int generation = 0; // callbacks of a superseded list/watch are ignored
    };
    void list(Entry* entry);
    void watch(Entry* entry);
    void onEvent(Entry* entry, const QByteArray& line);
    void scheduleRewatch(Entry* entry);
    void checkAllSynced();
    static QString typeKey(const ApiResource& type) { return type.qualifiedName(); }

    Client* m_client;
    Options m_options;
    QHash<QString, Entry*> m_entries;
    bool m_announcedSynced = false;
};

} // namespace shiplog::core::kube
