#include "core/manifest/resource.h"

#include <QHash>

namespace shiplog::core::manifest {

QString ResourceKey::groupKind() const
{
    return group.isEmpty() ? kind : group + QLatin1Char('/') + kind;
}

QString ResourceKey::displayName() const
{
    const QString where = namespaceName.isEmpty() ? name : namespaceName + QLatin1Char('/') + name;
    return groupKind() + QLatin1Char(' ') + where;
}

QString ResourceKey::toArgument() const
{
    return groupKind() + QLatin1Char('/') + (namespaceName.isEmpty() ? QStringLiteral("-") : namespaceName) +
           QLatin1Char('/') + name;
}

std::optional<ResourceKey> ResourceKey::fromArgument(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 3 && parts.size() != 4)
        return std::nullopt;
    for (const QString& part : parts) {
        if (part.isEmpty())
            return std::nullopt;
    }
    ResourceKey key;
    int i = 0;
    if (parts.size() == 4)
        key.group = parts[i++];
    key.kind = parts[i++];
    key.namespaceName = parts[i] == QLatin1String("-") ? QString() : parts[i];
    key.name = parts[i + 1];
    return key;
}

size_t qHash(const ResourceKey& key, size_t seed) noexcept
{
    return qHashMulti(seed, key.group, key.kind, key.namespaceName, key.name);
}

std::pair<QString, QString> splitApiVersion(const QString& apiVersion)
{
    const qsizetype slash = apiVersion.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {QString(), apiVersion};
    return {apiVersion.left(slash), apiVersion.mid(slash + 1)};
}

} // namespace shiplog::core::manifest
