#pragma once

// Comparing one resource at two revisions: the rules of a change set for one key. Core-internal.
#include "core/diff/change_set.h"
#include "core/diff/tree_changes.h"

#include <optional>

namespace shiplog::core::diff {

// `before`/`after` null where the key is absent. Added, removed, moved (different path) or modified
// (same path, different values); nullopt when unchanged. With `details`: masked field changes and
// document texts.
std::optional<ResourceChange> compareResource(const Placed* before, const Placed* after, bool details);

// Every key whose resource differs between two placements, in change-set order (namespace, group,
// kind, name).
QList<ResourceChange> compareSides(const QHash<manifest::ResourceKey, Placed>& before,
                                   const QHash<manifest::ResourceKey, Placed>& after, bool details);

}  // namespace shiplog::core::diff
