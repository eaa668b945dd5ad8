#include "core/kube/live_cache.h"

#include "core/kube/client.h"
#include "core/kube/list.h"

#include <QJsonDocument>

namespace shiplog::core::kube {

LiveCache::LiveCache(Client* client, Options options, QObject* parent)
    : QObject(parent), m_client(client), m_options(options)
{
}

LiveCache::~LiveCache()
{
    stop();
}

void LiveCache::stop()
{
    for (Entry* entry : std::as_const(m_entries)) {
        if (entry->stream)
            entry->stream->abort();
        delete entry;
    }
    m_entries.clear();
}

void LiveCache::add(const ApiResource& type, bool metadataOnly)
{
    if (m_entries.contains(typeKey(type)))
        return;
    auto* entry = new Entry;
    entry->type = type;
    entry->metadataOnly = metadataOnly;
    entry->retry = std::make_unique<QTimer>();
    entry->retry->setSingleShot(true);
    m_entries.insert(typeKey(type), entry);
    m_announcedSynced = false;
    connect(entry->retry.get(), &QTimer::timeout, this, [this, key = typeKey(type)]() {
        if (Entry* e = m_entries.value(key))
            watch(e);
    });
    list(entry);
}

void LiveCache::list(Entry* entry)
{
    const int generation = ++entry->generation;
    if (entry->stream)
        entry->stream->abort();
    ListOptions options;
    options.metadataOnly = entry->metadataOnly;
    QPointer<LiveCache> self(this);
    const QString key = typeKey(entry->type);
    listAll(m_client, entry->type, options, [self, key, generation](Result<ObjectList> result) {
        if (!self)
            return;
        Entry* entry = self->m_entries.value(key);
        if (!entry || entry->generation != generation)
            return;
        if (!result) {
            entry->state.phase =
                result.error().code == 403 ? TypeState::Phase::Unreadable : TypeState::Phase::Failed;
            entry->state.error = result.error();
            emit self->typeFailed(key, result.error().message, result.error().code);
            self->checkAllSynced();
            return;
        }
        QHash<QString, QJsonObject> fresh;
        fresh.reserve(result->items.size());
        for (QJsonObject& object : result->items)
            fresh.insert(objectKey(object), std::move(object));
        // After a relist, report what changed while we could not watch.
        const bool relist = entry->state.phase == TypeState::Phase::Synced;
        if (relist) {
            for (auto it = entry->objects.cbegin(); it != entry->objects.cend(); ++it)
                if (!fresh.contains(it.key()))
                    emit self->objectChanged(key, it.key(), QStringLiteral("DELETED"));
            for (auto it = fresh.cbegin(); it != fresh.cend(); ++it)
                if (entry->objects.value(it.key()) != it.value())
                    emit self->objectChanged(key, it.key(),
                                             entry->objects.contains(it.key()) ? QStringLiteral("MODIFIED")
                                                                               : QStringLiteral("ADDED"));
        }
        entry->objects = std::move(fresh);
        entry->state.phase = TypeState::Phase::Synced;
        entry->state.error = {};
        entry->state.resourceVersion = result->resourceVersion;
        emit self->typeSynced(key);
        self->checkAllSynced();
        if (self->m_options.watch && entry->type.can(QStringLiteral("watch")))
            self->watch(entry);
    });
}

void LiveCache::watch(Entry* entry)
{
    const int generation = ++entry->generation;
    const QString path =
        entry->type.collectionPath() +
        QStringLiteral("?watch=true&allowWatchBookmarks=true&resourceVersion=%1&timeoutSeconds=%2")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(entry->state.resourceVersion)))
            .arg(m_options.watchTimeoutSeconds);
    QPointer<LiveCache> self(this);
    const QString key = typeKey(entry->type);
    entry->stream = m_client->stream(
        path,
        [self, key, generation](const QByteArray& line) {
            if (!self)
                return;
            if (Entry* e = self->m_entries.value(key); e && e->generation == generation)
                self->onEvent(e, line);
        },
        [self, key, generation](Result<int> end) {
            if (!self)
                return;
            Entry* e = self->m_entries.value(key);
            if (!e || e->generation != generation)
                return;
            e->stream = nullptr;
            if (end) { // the server closed the watch (timeoutSeconds): continue from the last RV
                e->backoffMs = 0;
                return self->watch(e);
            }
            if (end.error().code == 410) {
                ++e->state.relists;
                return self->list(e);
            }
            if (end.error().code == 403 || end.error().code == 401) {
                e->state.phase =
                    end.error().code == 403 ? TypeState::Phase::Unreadable : TypeState::Phase::Failed;
                e->state.error = end.error();
                emit self->typeFailed(key, end.error().message, end.error().code);
                return;
            }
            ++e->state.reconnects;
            emit self->connectionTrouble(end.error().message);
            self->scheduleRewatch(e);
        },
        entry->metadataOnly ? QByteArray(kPartialObjectMetadataAccept) : QByteArray("application/json"));
}

void LiveCache::scheduleRewatch(Entry* entry)
{
    entry->backoffMs = entry->backoffMs == 0 ? 250 : std::min(entry->backoffMs * 2, m_options.maxBackoffMs);
    entry->retry->start(entry->backoffMs);
}

void LiveCache::onEvent(Entry* entry, const QByteArray& line)
{
    const QJsonObject event = QJsonDocument::fromJson(line).object();
    const QString type = event.value(u"type").toString();
    QJsonObject object = event.value(u"object").toObject();
    const QString key = typeKey(entry->type);
    if (type == u"ERROR") {
        // In-stream Status: 410 means our resourceVersion is too old — relist.
        const int code = object.value(u"code").toInt();
        if (code == 410) {
            ++entry->state.relists;
            return list(entry);
        }
        emit connectionTrouble(
            m_client->statusError(code, QJsonDocument(object).toJson(), QStringLiteral("watch %1").arg(key))
                .message);
        if (entry->stream)
            entry->stream->abort();
        entry->stream = nullptr;
        ++entry->generation;
        return scheduleRewatch(entry);
    }
    entry->backoffMs = 0;
    const QString rv = object.value(u"metadata").toObject().value(u"resourceVersion").toString();
    if (!rv.isEmpty())
        entry->state.resourceVersion = rv;
    if (type == u"BOOKMARK")
        return;
    if (object.value(u"kind").toString() == u"PartialObjectMetadata" ||
        object.value(u"kind").toString().isEmpty()) {
        object.insert(QStringLiteral("kind"), entry->type.kind);
        object.insert(QStringLiteral("apiVersion"), entry->type.groupVersion());
    }
    const QString objectName = objectKey(object);
    if (type == u"DELETED") {
        if (entry->objects.remove(objectName))
            emit objectChanged(key, objectName, type);
        return;
    }
    if (type != u"ADDED" && type != u"MODIFIED")
        return;
    auto it = entry->objects.find(objectName);
    if (it != entry->objects.end() && *it == object)
        return;
    const bool existed = it != entry->objects.end();
    entry->objects.insert(objectName, object);
    emit objectChanged(key, objectName, existed ? QStringLiteral("MODIFIED") : QStringLiteral("ADDED"));
}

void LiveCache::checkAllSynced()
{
    if (!m_announcedSynced && allSynced()) {
        m_announcedSynced = true;
        emit allTypesSynced();
    }
}

bool LiveCache::allSynced() const
{
    for (const Entry* entry : m_entries)
        if (entry->state.phase == TypeState::Phase::Listing)
            return false;
    return true;
}

QList<ApiResource> LiveCache::types() const
{
    QList<ApiResource> list;
    for (const Entry* entry : m_entries)
        list.append(entry->type);
    return list;
}

TypeState LiveCache::state(const ApiResource& type) const
{
    const Entry* entry = m_entries.value(typeKey(type));
    return entry ? entry->state : TypeState{};
}

QHash<QString, QJsonObject> LiveCache::objects(const ApiResource& type) const
{
    const Entry* entry = m_entries.value(typeKey(type));
    return entry ? entry->objects : QHash<QString, QJsonObject>{};
}

const QJsonObject* LiveCache::object(const ApiResource& type, const QString& key) const
{
    const Entry* entry = m_entries.value(typeKey(type));
    if (!entry)
        return nullptr;
    auto it = entry->objects.constFind(key);
    return it == entry->objects.cend() ? nullptr : &*it;
}

} // namespace shiplog::core::kube
