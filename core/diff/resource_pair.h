#pragma once

// Comparing one resource at two revisions: the rules of a change set for one key. Core-internal.
#include "core/diff/change_set.h"
#include "core/diff/tree_changes.h"

#include <QSet>
#include <optional>

namespace shiplog::core::diff {

// `before`/`after` null where the key is absent. Added, removed, moved (different path) or modified
// (same path, different values); nullopt when unchanged. With `details`: masked field changes and
// document texts.
std::optional<ResourceChange> compareResource(const Placed* before, const Placed* after, bool details);

// The whole-revision rule for a key defined twice, for placements made from the changed files
// only: `unchanged` holds, for keys of `before`/`after`, their first definition in a file that the
// change did not touch (so the same at both revisions). Where that file comes first in path order
// it is the key's definition on that side (a key whose definition is an untouched file on both
// sides did not change); the later definition at the new revision is reported in `errors`.
// Returns the keys whose definition is now an untouched file on one side only (callers that need
// details load that file's values).
QList<manifest::ResourceKey> applyUnchangedDefinitions(QHash<manifest::ResourceKey, Placed>& before,
                                                       QHash<manifest::ResourceKey, Placed>& after,
                                                       const QHash<manifest::ResourceKey, Placed>& unchanged,
                                                       QList<manifest::ParseError>* errors);

// The first definition in path order, among `files` (with their parsed `blobs`), of each key in
// `wanted` — the `unchanged` argument above.
QHash<manifest::ResourceKey, Placed> firstDefinitions(const QList<FileVersion>& files,
                                                      const QList<manifest::ParsedBlobPtr>& blobs,
                                                      const QSet<manifest::ResourceKey>& wanted);

// The rule above for a change between two revisions (`tree`: the new one's; `delta`: the files
// the change touched), with `old`/`now` placed from those files: every other manifest file of the
// revision is read (as summaries) and applied. With options.details, an untouched file that
// decides a key on one side is read in full. With `onlyPaths`, only the untouched files there are
// read: a caller that asks about one key passes the paths where the history ever defines it (no
// other file can define it, so its answer is the same; the other keys' may not be).
Result<void> applyUntouchedFiles(const git::Repository& repo, const git::ObjectId& tree,
                                 const ManifestDelta& delta, QHash<manifest::ResourceKey, Placed>& old,
                                 QHash<manifest::ResourceKey, Placed>& now, const ChangeSetOptions& options,
                                 manifest::ParseCache& cache, QList<manifest::ParseError>* errors,
                                 const QSet<QString>* onlyPaths = nullptr);

// The old revision's own parse errors are its business; a file whose old content was never
// examined is the change's: what the change did to it is unknown. Appends those of `oldErrors`
// (except files that failed at the new revision too: their error is reported already) to `errors`.
void addUnexaminedBefore(const QList<manifest::ParseError>& oldErrors, const FailedFiles& failedAfter,
                         QList<manifest::ParseError>* errors);

// Git's path order (bytes of UTF-8), which is the order of "first in path order".
bool pathBefore(const QString& a, const QString& b);

// Every key whose resource differs between two placements, in change-set order (namespace, group,
// kind, name). With the failed files of each side, a key is not removed when its file failed at the
// new revision, and not added when its file's old content was never examined (FailedFiles).
QList<ResourceChange> compareSides(const QHash<manifest::ResourceKey, Placed>& before,
                                   const QHash<manifest::ResourceKey, Placed>& after, bool details,
                                   const FailedFiles& failedBefore = {}, const FailedFiles& failedAfter = {});

} // namespace shiplog::core::diff
