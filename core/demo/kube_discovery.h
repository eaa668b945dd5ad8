#pragma once

#include "core/demo/kube_resource_types.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::core::demo {

// Legacy discovery documents (KUBE-API.md §2), built from the types the store serves now.
QJsonObject versionDocument();
QJsonObject coreApiVersions(const QString& serverAddress);
QJsonObject apiGroupList(const QList<ResourceType>& types);
std::optional<QJsonObject> apiGroup(const QList<ResourceType>& types, const QString& group);
// APIResourceList of one group version, nullopt when nothing is served there.
std::optional<QJsonObject> apiResourceList(const QList<ResourceType>& types, const QString& group,
                                           const QString& version);

} // namespace shiplog::core::demo
