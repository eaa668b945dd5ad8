#include "core/environment/render_store.h"

#include <QCoreApplication>

namespace shiplog::core::environment {

namespace {
// Bumped when what is stored (or how the renderer reads it) changes.
const QString kStoreTag = QStringLiteral("kustomize-output 1");
} // namespace

RenderStore::RenderStore(const QString& directory, qint64 maxBytes) : m_disk(directory, kStoreTag, maxBytes)
{
}

RenderStore* RenderStore::shared()
{
    static RenderStore* store = []() -> RenderStore* {
        const QString directory =
            manifest::cacheFolder("SHIPLOG_RENDER_CACHE_DIR", QStringLiteral("renders"));
        if (directory.isEmpty())
            return nullptr;
        auto* s = new RenderStore(directory); // never destroyed: render jobs may use it while statics go
        if (QCoreApplication::instance())
            qAddPostRoutine([] { RenderStore::shared()->flush(); });
        return s;
    }();
    return store;
}

std::optional<QByteArray> RenderStore::find(const QByteArray& key)
{
    const QByteArray record = m_disk.findRecord(key);
    if (record.isEmpty())
        return std::nullopt;
    QByteArray output = qUncompress(record);
    if (output.isEmpty())
        return std::nullopt; // does not decode: rendered again
    return output;
}

void RenderStore::add(const QByteArray& key, const QByteArray& output)
{
    m_disk.addRecord(key, qCompress(output, 6));
}

void RenderStore::flush()
{
    m_disk.flush();
}

} // namespace shiplog::core::environment
