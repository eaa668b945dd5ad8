#pragma once

// The history index turned around for one question — which commits may have changed one resource,
// and in which files that resource can live — so that `shiplog log --resource` and the history's
// resource filter read neither the whole index nor each candidate's whole revision. Built once per
// tip from the index, kept on disk beside its entries (IndexStore). Core-internal (timeline.cpp,
// history_index_store.cpp).
#include "core/diff/history_index.h"
#include "core/git/object_id.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <optional>

namespace shiplog::core::diff {

struct KeyPostings
{
    manifest::ResourceKey key;
    // The commits the index lists for the key (mayChange), as indices into ResourcePostings::commits,
    // in the index's order (newest first).
    QList<quint32> commits;
    // Every path at which some revision of the history defines the key, duplicates and files that
    // may not parse included (the identity scanner's reading, a superset of the parser's): at a
    // revision, only files at these paths can define it.
    QStringList homes;
};

struct ResourcePostings
{
    git::ObjectId tip;
    QStringList folders;
    QList<git::ObjectId> commits; // every commit of the index, in its order (git log --topo-order)
    QList<quint32> logPosition;   // per commit: its place in git log's default order (walkHistory's)
    QList<KeyPostings> keys;      // sorted by key

    const KeyPostings* find(const manifest::ResourceKey& key) const;
    QList<manifest::ResourceKey> allKeys() const; // sorted: indexedKeys() of the index
};

// From a complete index of `tip` (no shallow boundary: its first commits' files are unknown) and
// the same commits in git log's order. Empty optional when `logOrder` is not the index's commits,
// or a stored entry's definitions do not decode.
std::optional<ResourcePostings> buildPostings(const HistoryIndex& index, const git::ObjectId& tip,
                                              const QStringList& folders,
                                              const QList<git::ObjectId>& logOrder);

// The on-disk form: versioned by `tag` (the index store's: scanner and parser rules), checked by a
// digest; decodePostings gives nullopt for anything else (another version, another tip or
// folders, a corrupt file).
QByteArray encodePostings(const ResourcePostings& postings, const QString& tag);
std::optional<ResourcePostings> decodePostings(const QByteArray& bytes, const QString& tag,
                                               const git::ObjectId& tip, const QStringList& folders);

} // namespace shiplog::core::diff
