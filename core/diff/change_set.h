#pragma once

#include "core/common/error.h"
#include "core/diff/field_diff.h"
#include "core/manifest/resource.h"

#include <QByteArray>
#include <QList>
#include <QPromise>
#include <QString>
#include <QStringList>

namespace shiplog::core::manifest {
class ParseCache;
}

namespace shiplog::core::git {
class Repository;
}

namespace shiplog::core::diff {

enum class ChangeKind
{
    Added,
    Removed,
    Modified,
    Moved
};
QString changeKindName(ChangeKind kind); // "added", "removed", "modified", "moved"

// What happened to one resource between two revisions. Plain values: safe to hand to the GUI.
// Secret values are masked everywhere here (fields and texts), Argo CD style.
struct ResourceChange
{
    manifest::ResourceKey key;
    ChangeKind change = ChangeKind::Modified;
    QString oldVersion; // "v1" — empty when added
    QString newVersion; // empty when removed
    QString oldPath;    // file at the old revision — empty when added
    QString newPath;    // file at the new revision — empty when removed
    int oldLine = 0;    // first line of the document in its file (1-based), 0 where absent
    int newLine = 0;
    QList<FieldChange> fields; // modified and moved: the changed fields; empty for added/removed
    QByteArray oldText;        // the document's YAML at each side (for the text diff), empty where absent
    QByteArray newText;
    QString environment; // the environment that applies it (change sets by environment), else ""
    QString version() const { return newVersion.isEmpty() ? oldVersion : newVersion; }
};

// Counts for a compact per-commit summary such as "+2 ~3 −1 →1".
struct ChangeSummary
{
    int added = 0;
    int removed = 0;
    int modified = 0;
    int moved = 0;
    int errors = 0;
    int total() const { return added + removed + modified + moved; }
    QString compact() const;
};

// The resources that changed from `from` to `to` (commit ids; `from` empty = the empty tree), in
// order of namespace (cluster-scoped first), group/kind, name; and the files that could not be read.
struct ChangeSet
{
    QString from;
    QString to;
    QList<ResourceChange> resources;
    QList<manifest::ParseError> errors; // at `to`: files that do not parse, duplicate keys
    ChangeSummary summary() const;
};

struct ChangeSetOptions
{
    QStringList folders; // only manifest files under these folders (empty: every *.yaml/*.yml)
    bool details = true; // field changes and document texts (off: keys and kinds only, faster)
    // Read through the repository's environments (core/environment) when it has a detected layout:
    // each environment's resources as rendered, each change tagged with its environment; a change
    // to a base two overlays share shows in both. A plain repository is read as files, as without.
    // Ignored when `folders` is set.
    bool byEnvironment = false;
    QString environment; // with byEnvironment: only this environment ("" = all)
};

// A by two commit ids (`from` may be empty).
Result<ChangeSet> computeChangeSet(const git::Repository& repo, const QString& from, const QString& to,
                                   const ChangeSetOptions& options, manifest::ParseCache& cache);

// `revision` against its parent number `parent` (1 = first parent; root commits: the empty tree),
// or "A..B" for two revisions.
Result<ChangeSet> computeChangeSetOfRevision(const git::Repository& repo, const QString& revision, int parent,
                                             const ChangeSetOptions& options, manifest::ParseCache& cache);

// The job (jobs::Job<Result<ChangeSet>>): opens its own repository; uses the shared parse cache.
void loadChangeSet(QPromise<Result<ChangeSet>>& promise, const QString& repositoryPath,
                   const QString& revision, int parent, const ChangeSetOptions& options);

} // namespace shiplog::core::diff
