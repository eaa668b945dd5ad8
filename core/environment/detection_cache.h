#pragma once

// Detection on a snapshot already open (the renderer and the change sets reuse the caller's),
// cached by root tree id and the repository's remote URLs.
#include "core/environment/environment.h"
#include "core/environment/snapshot.h"

namespace shiplog::core::environment {

Environments detectIn(const Snapshot& snapshot);

} // namespace shiplog::core::environment
