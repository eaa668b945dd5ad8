#pragma once

#include "core/demo/kube_resource_types.h"

#include <QJsonObject>

namespace shiplog::core::demo {

// Fills the fields the API server defaults when a client leaves them out (kubernetes
// pkg/apis/*/v1/defaults.go, as listed in KUBE-API.md §6): Deployment/StatefulSet/DaemonSet/Job/
// CronJob specs, pod specs and containers in every template, probes, volume modes, Service policies,
// Secret type (and stringData folded into data), PVC/PV, Namespace label and finalizers, RBAC
// subjects. Allocations that need server state (cluster IPs, node ports) are done by the store.
void applyDefaults(const ResourceType& type, QJsonObject& object);

// The status a settled cluster would report for the object (all replicas ready, namespace Active…),
// keeping what a client wrote through the status subresource where that makes sense.
void updateStatus(const ResourceType& type, QJsonObject& object);

} // namespace shiplog::core::demo
