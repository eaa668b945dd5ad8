#pragma once

#include "core/common/error.h"

#include <QByteArray>
#include <QJsonObject>

namespace shiplog::core::demo {

// True when a request body is Kubernetes' protobuf encoding ("k8s\0" + runtime.Unknown).
bool isKubeProtobuf(const QByteArray& body);

// Decodes the protobuf encoding of the few types kubectl's typed clients send that way
// (`kubectl create configmap|secret|namespace|serviceaccount`) into their JSON form. Other kinds
// are an error naming the kind, which the server answers with 415.
Result<QJsonObject> decodeKubeProtobuf(const QByteArray& body);

} // namespace shiplog::core::demo
