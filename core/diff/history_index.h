#pragma once

#include "core/common/error.h"
#include "core/diff/change_set.h"

#include <QList>
#include <QString>
#include <functional>

namespace shiplog::core::diff {

// One commit of a history index: what it did to each resource against its first parent (root
// commits: the empty tree) — keys, kinds, paths, versions and lines, without fields or texts.
// Keys defined twice are resolved among the files the commit touched: a definition in a file it
// did not touch can still decide (computeChangeSet applies that by reading the whole revision), so
// the index lists every commit that may have changed a key — and computeChangeSet of a listed
// commit says for certain; a commit the index does not list for a key did not change it.
struct IndexedCommit
{
    QString id;
    QList<ResourceChange> changes;      // in change-set order
    QList<manifest::ParseError> errors; // files that did not parse or could not be read, duplicate keys
};

// Every commit reachable from a revision with its key-level change set, newest first
// (git log --topo-order): the engine of resource timelines and of history-wide questions.
struct HistoryIndex
{
    QList<IndexedCommit> commits;
    // A shallow clone's boundary commits met (their parents are not in the repository): what they
    // changed is unknown, so they list no changes; the history stops there, as `git log` does.
    QStringList shallowBoundary;
};

struct IndexHooks
{
    std::function<bool()> canceled;                    // polled between batches
    std::function<void(int done, int total)> progress; // commits indexed so far
};

// Reads the commits' tree differences on the calling thread (which owns `repo`) in batches, and has
// the parse cache read every new blob of a batch at once, so that parsing keeps all cores busy.
// One parse per distinct blob; with the cache's disk folder, a second opening parses nothing.
Result<HistoryIndex> indexHistory(const git::Repository& repo, const QString& revision,
                                  const ChangeSetOptions& options, manifest::ParseCache& cache,
                                  const IndexHooks& hooks = {});

} // namespace shiplog::core::diff
