#pragma once

#include "core/common/error.h"

namespace shiplog::core::git {

// Captures libgit2's thread-local last error right away; `what` says what was being attempted.
Error lastError(int code, const QString& what);

// Initialises libgit2 once per process (thread-safe); every entry point into core/git calls it.
void ensureLibgit2();

// "abc1234" from a full id.
QString shortId(const QString& id);

}  // namespace shiplog::core::git
