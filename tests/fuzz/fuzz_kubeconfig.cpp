// libFuzzer target for the kubeconfig parser and context resolution: any bytes in, never a crash,
// a hang or an unbounded allocation; a context that resolves has a server. Run: tests/fuzz/run.sh
#include "core/kube/kubeconfig.h"

#include <cstdint>
#include <cstdlib>

using namespace shiplog::core::kube;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    auto config = parseKubeconfig(bytes, QStringLiteral("/fuzz/kubeconfig"));
    if (!config) {
        if (config.error().message.isEmpty())
            abort(); // an error always says why
        return 0;
    }
    QStringList names{QString()};
    for (const ContextConfig& c : config->contexts)
        names << c.name;
    for (const QString& name : names) {
        auto connection = resolveContext(*config, name);
        if (connection && connection->cluster.server.isEmpty())
            abort(); // resolveContext promises an error for a cluster without server
    }
    return 0;
}
