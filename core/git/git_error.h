#pragma once

#include "core/common/error.h"

namespace shiplog::core::git {

// Captures libgit2's thread-local last error right away; `what` says what was being attempted.
Error lastError(int code, const QString& what);

// Initialises libgit2 once per process (thread-safe); every entry point into core/git calls it.
void ensureLibgit2();

// Error codes callers outside core/git test for (libgit2's values, checked in git_error.cpp).
inline constexpr int kErrorCanceled = -7;        // GIT_EUSER: a callback of ours stopped the operation
inline constexpr int kErrorAuthentication = -16; // GIT_EAUTH: the credentials were refused

// "abc1234" from a full id.
QString shortId(const QString& id);

} // namespace shiplog::core::git
