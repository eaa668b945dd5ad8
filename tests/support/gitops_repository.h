#pragma once

#include <QString>

namespace shiplog::test {

// A Jenkins X-shaped environment repository of the size the index goal names (~30,000 commits,
// ~27,000 distinct YAML blobs): config-root/namespaces/<ns>/<app>/<app>-<kind>.yaml, one rendered
// resource per file, ~2 KB each; mostly bot promotions that bump one image, some ConfigMap edits,
// chart upgrades that regenerate an app, new apps, renames, commits that touch no manifest, and a
// merged pull request every 100 commits. Written by git fast-import as a bare repository
// (branch main), cached under benchCacheDir() as gitops-<commits>.git and reused while it is there
// (written under a temporary name and renamed, so a run that is interrupted, or two at once, never
// leave a half-made one behind). Returns its path, or "" when git failed (the message on stderr).
// Used by bench_changes (as gitops-N) and tst_gui_stall.
QString generatedGitOpsRepository(int commits);

// Adds `count` commits to branch main of `repository` (a copy of a generated one), each a bot
// promotion that bumps the image of one Deployment present at the tip, as the history's own
// promotions do: what a repository gains between two openings. False when git failed.
bool appendPromotions(const QString& repository, int count);

} // namespace shiplog::test
