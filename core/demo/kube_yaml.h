#pragma once

#include "core/common/error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>

namespace shiplog::core::demo {

// YAML → JSON as the API server's sigs.k8s.io/yaml does it (go-yaml v2 resolution: YAML 1.1
// booleans yes/no/on/off, octal 0755, quoted scalars stay strings).
Result<QJsonValue> yamlToJson(const QByteArray& yaml);

// Every document of a multi-document YAML stream (empty documents left out).
Result<QList<QJsonValue>> yamlDocumentsToJson(const QByteArray& yaml);

} // namespace shiplog::core::demo
