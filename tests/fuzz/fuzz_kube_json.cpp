// libFuzzer target for what an API server answers: discovery documents (legacy and aggregated),
// list pages, Status errors and managedFields. Any bytes in, never a crash or a hang; an answer
// that is not the document asked for is an error, never an empty success. Run: tests/fuzz/run.sh
#include "core/drift/field_path.h"
#include "core/drift/managed_fields.h"
#include "core/kube/decode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstdint>
#include <cstdlib>

using namespace shiplog::core;
using namespace shiplog::core::kube;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString server = QStringLiteral("https://fuzz:6443");
    for (DiscoveryDocument d : {DiscoveryDocument::Version, DiscoveryDocument::CoreVersions,
                                DiscoveryDocument::Groups, DiscoveryDocument::ResourceList}) {
        auto object = decodeDiscoveryDocument(server, QStringLiteral("/api"), "application/json", bytes, d);
        if (!object && !object.error().message.contains(server))
            abort(); // a discovery error names the server
    }
    const QList<ApiResource> legacy = parseResourceList(bytes, QStringLiteral("apps/v1"));
    for (const ApiResource& r : legacy)
        if (r.name.isEmpty() || r.name.contains(u'/'))
            abort(); // subresources and nameless entries are not types
    for (bool core : {true, false})
        (void)parseAggregated(bytes, core);

    ApiResource type;
    type.version = QStringLiteral("v1");
    type.kind = QStringLiteral("ConfigMap");
    type.name = QStringLiteral("configmaps");
    type.namespaced = true;
    auto page = decodeListPage(bytes, type, server, QStringLiteral("/api/v1/configmaps"));
    if (page) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        if (!doc.isObject())
            abort(); // only a JSON object can be a list
        for (const QJsonObject& item : page->items)
            if (item.value(u"kind").toString() != u"ConfigMap" ||
                item.value(u"apiVersion").toString() != u"v1")
                abort();
    }
    const StatusInfo status = decodeStatus(bytes, 500);
    if (status.code < 100 || status.code > 599)
        abort();

    // managedFields: the array itself, or the metadata of an object.
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    QJsonArray managed = doc.isArray()
                             ? doc.array()
                             : doc.object().value(u"metadata").toObject().value(u"managedFields").toArray();
    const drift::ManagedFields fields(managed);
    for (const char* path : {"spec.replicas", "metadata.labels[\"app\"]",
                             "spec.template.spec.containers[name=web].image", "spec.args[2]", "data"}) {
        if (auto parsed = drift::parsePath(QString::fromLatin1(path)))
            (void)fields.ownerOf(*parsed);
    }
    if (auto parsed = drift::parsePath(QString::fromUtf8(bytes.left(256))))
        (void)fields.ownerOf(*parsed);
    return 0;
}
