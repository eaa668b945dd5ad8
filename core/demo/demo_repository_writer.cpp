#include "core/demo/demo_repository_writer.h"

#include "core/git/history_writer.h"

namespace shiplog::core::demo {

namespace {

git::Person personOf(const Stamp& stamp)
{
    return git::Person{stamp.who.name, stamp.who.email, stamp.secondsSinceEpoch, stamp.who.utcOffsetMinutes};
}

} // namespace

Result<void> writeDemoRepositories(const PlannedHistory& history, const QString& workTree,
                                   const QString& originPath, const QString& originUrl)
{
    git::HistoryToWrite toWrite;
    toWrite.commits.reserve(history.commits.size());
    for (const PlannedCommit& planned : history.commits)
        toWrite.commits.push_back(git::CommitToWrite{planned.label, planned.parents, personOf(planned.author),
                                                     personOf(planned.committer), planned.message,
                                                     planned.reverts, planned.files});
    toWrite.branches = history.branches;
    // The demo's own committer: Create Pull Request in the demo signs its revert commit with
    // user.name/user.email like git does, and a machine without a global git identity (a fresh VM,
    // a container) must still be able to try the whole flow.
    return git::writeRepositories(toWrite, workTree, originPath, originUrl,
                                  QString::fromUtf8(demoIdentityName), QString::fromUtf8(demoIdentityEmail));
}

} // namespace shiplog::core::demo
