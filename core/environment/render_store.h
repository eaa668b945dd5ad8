#pragma once

#include "core/manifest/disk_cache.h"

#include <QByteArray>
#include <optional>

namespace shiplog::core::environment {

// What kustomize printed for a unit, on disk by the render's content key (the tool and its binary,
// the wrapper, every exported path and blob id), so that the next process — a second `shiplog
// envs`, `changes` or `drift`, the GUI reopened — parses it again instead of running kustomize
// (seconds per overlay on big installs). Kept like the parse cache (DiskCache: versioned, bounded,
// written whole under a lock), compressed. The renderer stores only outputs that are a function of
// the repository alone — no remote bases, no Helm charts fetched — and holds no Secret (a
// secretGenerator's values are not written to the cache).
class RenderStore
{
public:
    explicit RenderStore(const QString& directory, qint64 maxBytes = 64LL * 1024 * 1024);

    // The process-wide store: QStandardPaths::CacheLocation/renders, or $SHIPLOG_RENDER_CACHE_DIR
    // ("off": none, null).
    static RenderStore* shared();

    // kustomize's output for `key` (20 bytes), or nullopt.
    std::optional<QByteArray> find(const QByteArray& key);
    void add(const QByteArray& key, const QByteArray& output);
    void flush();

private:
    manifest::DiskCache m_disk;
};

} // namespace shiplog::core::environment
