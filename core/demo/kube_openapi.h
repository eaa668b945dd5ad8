#pragma once

#include "core/demo/kube_resource_types.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::core::demo {

// The OpenAPI v3 discovery kubectl reads before it writes: /openapi/v3 lists one document per
// group version; each document declares the PATCH operation of every resource with the
// fieldValidation parameter, so kubectl leaves validation to the server (it would otherwise fall
// back to client-side validation with /openapi/v2, which this server does not serve). No schemas are
// published: kubectl then computes strategic merge patches from its compiled-in types.
QJsonObject openApiV3Root(const QList<ResourceType>& types);
// `groupVersionPath` is "api/v1" or "apis/apps/v1".
std::optional<QJsonObject> openApiV3Document(const QList<ResourceType>& types,
                                             const QString& groupVersionPath);

} // namespace shiplog::core::demo
