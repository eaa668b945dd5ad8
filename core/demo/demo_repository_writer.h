#pragma once

#include "core/common/error.h"
#include "core/demo/demo_history.h"

#include <QString>

namespace shiplog::core::demo {

// The committer identity the demo work tree carries in its own .git/config (user.name, user.email).
inline constexpr const char* demoIdentityName = "Shiplog Demo";
inline constexpr const char* demoIdentityEmail = "demo@shiplog.invalid";

// Writes `history` (through core/git) into a new repository at `workTree` (branch master checked out) and
// pushes its branches to a new bare repository at `originPath`. The work tree's "origin" remote is
// then set to `originUrl` (where the bare repository will be once the demo folder is swapped in). The
// work tree has its own user.name/user.email (demoIdentityName, demoIdentityEmail).
Result<void> writeDemoRepositories(const PlannedHistory& history, const QString& workTree,
                                   const QString& originPath, const QString& originUrl);

} // namespace shiplog::core::demo
