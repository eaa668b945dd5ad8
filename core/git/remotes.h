#pragma once

// The URLs a repository's remotes name: how the environments area recognizes an Argo CD Application
// or a Flux GitRepository that points at this very repository.
#include "core/common/error.h"
#include "core/git/repository.h"

#include <QStringList>

namespace shiplog::core::git {

// Fetch and push URLs of every remote, as configured (duplicates removed); empty without remotes.
// As git reads them: every URL rewritten by the longest matching url.<base>.insteadOf prefix, and a
// remote without a push URL also pushing where url.<base>.pushInsteadOf sends its URL.
Result<QStringList> remoteUrls(const Repository& repo);

} // namespace shiplog::core::git
