#include "core/git/bot_rules.h"

namespace shiplog::core::git {

bool BotRules::matches(const CommitInfo& commit) const
{
    for (const QString& prefix : subjectPrefixes) {
        if (!prefix.isEmpty() && commit.subject.startsWith(prefix, Qt::CaseInsensitive))
            return true;
    }
    // Bots sign as "jenkins-x-bot" or "dependabot[bot]"; some only show it in the e-mail's local part
    // ("49699333+dependabot[bot]@users.noreply.github.com").
    const QStringView localPart =
        QStringView(commit.author.email).left(commit.author.email.indexOf(QLatin1Char('@')));
    for (const QString& suffix : authorSuffixes) {
        if (suffix.isEmpty())
            continue;
        if (commit.author.name.endsWith(suffix, Qt::CaseInsensitive) ||
            localPart.endsWith(suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace shiplog::core::git
