#pragma once

// Detection on a snapshot already open (the renderer and the change sets reuse the caller's),
// cached by root tree id and the repository's remote URLs.
#include "core/environment/environment.h"
#include "core/environment/snapshot.h"

namespace shiplog::core::environment {

// What detection at a snapshot is a function of besides the tree's files: the repository's remote
// URLs (Argo CD and Flux sources that name this repository) and whether helm is here. `key` (with
// the root tree id) is what detection and the renders it leads to are cached by.
struct DetectionInputs
{
    QStringList remoteUrls;
    QString key;
};
DetectionInputs detectionInputs(const Snapshot& snapshot);

Environments detectIn(const Snapshot& snapshot);
// The same with detectionInputs(snapshot) already read.
Environments detectIn(const Snapshot& snapshot, const DetectionInputs& inputs);

} // namespace shiplog::core::environment
