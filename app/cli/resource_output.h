#pragma once

// Human-readable printing of change sets and timelines, shared by `changes` and `timeline`.
#include "core/diff/change_set.h"
#include "core/diff/timeline.h"

namespace shiplog::app {

// "+ apps/Deployment jx-staging/payments  (path)" then indented field changes; errors last.
void printChangeSet(const core::diff::ChangeSet& set);
// One line per commit ("abc1234 2024-05-01 Ada  modified  subject") with its field changes.
void printTimeline(const core::diff::Timeline& timeline);

} // namespace shiplog::app
