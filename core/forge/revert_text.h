#pragma once

// The words of a revert pull request: default title, body, links to the original commit and PR.
#include "core/forge/remote_url.h"
#include "core/git/revert.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace shiplog::core::forge {

struct AffectedFile
{
    QString path;
    QStringList resources;
    git::RevertedChange::Kind kind = git::RevertedChange::Kind::Modified;
};

QString defaultRevertTitle(const QString& subject);

// The number of the pull request a commit came from, read from the message the forge wrote when
// merging ("Merge pull request #12 from …", "… (#12)", "See merge request g/p!12", "Merged PR 12: …").
int originalPullRequestNumber(const QString& commitMessage);

// `This reverts commit <id>.` (git's sentence, merge variant included), the affected files with
// their resources, and links to the original commit and pull request when the forge is known.
QString defaultRevertBody(const git::RevertResult& revert, const std::vector<AffectedFile>& files,
                          const ForgeRepo& repo, const QString& originalMessage);

} // namespace shiplog::core::forge
