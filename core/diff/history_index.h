#pragma once

#include "core/common/error.h"
#include "core/diff/change_set.h"
#include "core/diff/duplicate_definitions.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace shiplog::core::diff {

// One commit of a history index: what it did to each resource against its first parent (root
// commits: the empty tree) — keys, kinds, paths, versions and lines, without fields or texts.
// Keys defined twice are resolved among the files the commit touched: a definition in a file it
// did not touch can still decide (computeChangeSet applies that by reading the whole revision), so
// the index lists every commit that may have changed a key — and computeChangeSet of a listed
// commit says for certain; a commit the index does not list for a key did not change it.
//
// The index reads identities with the identity scanner and compares documents by their text (less
// comments and trailing blanks), parsing only files the scanner cannot read. So a `presumed`
// commit may list a change that a parse would not (a value rewritten the same, `"1"` for `'1'`),
// and its `unsettled` keys — the other resources of files whose new text was not parsed — may change
// once parsed (a document that no longer parses takes its file's resources with it).
// settleIndexedCommit() gives any commit's certain answer; mayChange() is what the index lists.
struct IndexedCommit
{
    QString id;
    QList<ResourceChange> changes;      // in change-set order
    QList<manifest::ParseError> errors; // files that did not parse or could not be read
    bool presumed = false;
    QList<manifest::ResourceKey> unsettled;
    // Every key a new file version of the commit defines (duplicates and files that may not parse
    // included) and that no change already places there: with the changes' paths, every path
    // where a revision of the history defines a key (the resource filter reads only those).
    // Encoded as the store keeps them (encodeDefinitions), and decoded only when definitionsOf()
    // asks: the resource filter's postings and a timeline's homes are their only readers, and on
    // argo-cd they are most of each entry.
    struct Definition
    {
        manifest::ResourceKey key;
        QString path;
        bool operator==(const Definition&) const = default;
    };
    QByteArray definitions;
    // The keys its new file versions define twice (the later definitions, ignored), encoded as the
    // store keeps them (encodeDuplicates) and decoded when duplicatesOf() asks: on argo-cd they
    // were most of each entry as messages, and a timeline wants only those about its resource.
    QByteArray duplicates;
};

// A commit's definitions, decoded; nullopt when they do not decode (the caller then decides without
// them, as for any index it cannot use).
std::optional<QList<IndexedCommit::Definition>> definitionsOf(const IndexedCommit& commit);
// Calls `home(key, path)` for every path where `commit` places or defines a key: its changes' old
// and new paths and its definitions. Over a whole index (no shallow boundary), every path where a
// revision of the history defines a key. False when its definitions do not decode.
bool forEachHome(const IndexedCommit& commit,
                 const std::function<void(const manifest::ResourceKey&, const QString&)>& home);
// What IndexedCommit::definitions holds: each path once, followed by the keys defined there.
QByteArray encodeDefinitions(const QList<IndexedCommit::Definition>& defined);

// A commit's duplicate definitions, decoded; nullopt when they do not decode.
std::optional<QList<DuplicateDefinition>> duplicatesOf(const IndexedCommit& commit);

// Whether `commit` may have changed `key`: a listed change or an unsettled key.
bool mayChange(const IndexedCommit& commit, const manifest::ResourceKey& key);

// Every commit reachable from a revision with its key-level change set, newest first
// (git log --topo-order): the engine of resource timelines and of history-wide questions.
struct HistoryIndex
{
    QList<IndexedCommit> commits;
    // A shallow clone's boundary commits met (their parents are not in the repository): what they
    // changed is unknown, so they list no changes; the history stops there, as `git log` does.
    QStringList shallowBoundary;
};

class IndexStore;

struct IndexHooks
{
    std::function<bool()> canceled;                    // polled between batches
    std::function<void(int done, int total)> progress; // commits indexed so far
    IndexStore* store =
        nullptr;     // entries on disk: read where present, added where not (history_index_store.h)
    int threads = 0; // threads that index commits: 0 = one per core, at most 4
};

// Reads the commits' tree differences and scans each distinct blob about once (the parser reads
// only files the identity scanner leaves to it), on the calling thread (which owns `repo`) and on
// helper threads with their own handles, by chunks of consecutive commits; with hooks.store, commits
// indexed before are read from disk instead. `cache` is not used by the index itself: settling and
// timelines parse through it. Progress and cancel on the calling thread, every 64 commits or 50 ms.
Result<HistoryIndex> indexHistory(const git::Repository& repo, const QString& revision,
                                  const ChangeSetOptions& options, manifest::ParseCache& cache,
                                  const IndexHooks& hooks = {});

// indexHistory through a small process-wide memo of the last indexes, by repository, tip commit and
// folders: a timeline, the history's resource filter and its completion ask for the same index in
// turn. Thread-safe; an index being built by one thread is built again by another (never waited for).
Result<std::shared_ptr<const HistoryIndex>>
sharedIndexHistory(const git::Repository& repo, const QString& revision, const ChangeSetOptions& options,
                   manifest::ParseCache& cache, const IndexHooks& hooks = {});

// Every key the index lists (changes and unsettled keys), sorted: what a resource field completes.
QList<manifest::ResourceKey> indexedKeys(const HistoryIndex& index);

// A key named without its API group (`Deployment/jx/web`, as kubectl lets one write it) means the
// one group the history knows that kind, namespace and name in: `apps/Deployment/jx/web`. A key
// the history knows as written (a core kind) stays; several groups are an error that lists them;
// none leaves the key as written (its timeline is then empty, as for any unknown resource).
Result<manifest::ResourceKey> resolveOmittedGroup(const manifest::ResourceKey& key,
                                                  const QList<manifest::ResourceKey>& known);

// What `commit` (from an index) did, for certain: its files parsed (through `cache`, so blobs already
// parsed are not parsed again); presumed false and no unsettled keys. A commit that is not presumed
// comes back as it is.
Result<IndexedCommit> settleIndexedCommit(const git::Repository& repo, const IndexedCommit& commit,
                                          const ChangeSetOptions& options, manifest::ParseCache& cache);

} // namespace shiplog::core::diff
