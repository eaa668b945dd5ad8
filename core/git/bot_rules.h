#pragma once

#include "core/git/commit_info.h"

#include <QStringList>

namespace shiplog::core::git {

// Commits that tools write, hidden by "Hide bot commits". Users can edit both lists (QSettings).
struct BotRules
{
    QStringList subjectPrefixes{QStringLiteral("chore: regenerated")};
    QStringList authorSuffixes{QStringLiteral("[bot]"), QStringLiteral("-bot")};
    bool matches(const CommitInfo& commit) const;
};

} // namespace shiplog::core::git
