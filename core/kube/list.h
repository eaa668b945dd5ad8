#pragma once

// Paged list of one resource type (limit=500 + continue, as kubectl), relisting from the start
// when a continue token expires (410).
#include "core/common/error.h"
#include "core/kube/discovery.h"

#include <QJsonObject>
#include <QList>
#include <functional>

namespace shiplog::core::kube {

class Client;

// Accept header for metadata-only answers: Secrets are inventoried without their values.
inline constexpr char kPartialObjectMetadataListAccept[] =
    "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";
inline constexpr char kPartialObjectMetadataAccept[] =
    "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json";

struct ListOptions
{
    QString namespaceName; // empty = all namespaces (or cluster-scoped)
    QString labelSelector;
    QString fieldSelector;
    bool metadataOnly = false;
    int pageSize = 500;
};

struct ObjectList
{
    QString resourceVersion;  // of the first page: watch from here
    QList<QJsonObject> items; // each with kind and apiVersion filled in from the type
};

void listAll(Client* client, const ApiResource& type, const ListOptions& options,
             std::function<void(Result<ObjectList>)> done);

// "ns/name" or "name": the key of an object within its type.
QString objectKey(const QJsonObject& object);

} // namespace shiplog::core::kube
