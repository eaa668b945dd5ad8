// libFuzzer target for the manifest parser: any bytes in, never a crash, a hang, a leak of a
// Secret value into the re-emitted text, or an unbounded allocation. Build and run: tests/fuzz/run.sh
#include "core/manifest/document_cache.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/secrets.h"
#include "core/manifest/yaml_writer.h"

#include <QJsonDocument>
#include <cstdint>
#include <cstdlib>

using namespace shiplog::core::manifest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ParseOptions options;
    options.maxFileBytes = 1 << 20;
    const ParsedBlob blob = parseManifest(bytes, options);
    if (blob.error && !blob.resources.isEmpty())
        abort(); // a file that does not parse contributes no resources
    // The slice cache (shared across inputs, as across blobs) must not change any result.
    static DocumentCache documents(8 * 1024 * 1024);
    const ParsedBlob cached = parseManifest(bytes, options, &documents);
    if (bool(cached.error) != bool(blob.error) || cached.resources.size() != blob.resources.size())
        abort();
    if (blob.error &&
        (cached.error->line != blob.error->line || cached.error->message != blob.error->message))
        abort();
    for (qsizetype i = 0; i < blob.resources.size(); ++i) {
        const Resource& a = blob.resources[i];
        const Resource& b = cached.resources[i];
        if (a.key != b.key || a.line != b.line || a.digest != b.digest || a.text != b.text ||
            a.object != b.object)
            abort();
    }
    for (const Resource& r : blob.resources) {
        if (r.key.kind.isEmpty() || r.key.name.isEmpty() || r.digest.size() != 32)
            abort();
        QJsonObject masked = r.object;
        if (r.isSecret()) {
            if (!r.text.isEmpty())
                abort(); // Secret texts are only ever re-emitted from masked values
            maskSecretPair(&masked, nullptr);
        }
        // The writer must accept anything the reader produced, and read back to the same values.
        const QByteArray yaml = toYaml(masked);
        const ParsedBlob again = parseManifest(yaml, options);
        if (again.error || again.resources.size() != 1)
            abort();
        if (!r.isSecret() && again.resources.front().digest != r.digest)
            abort();
    }
    return 0;
}
