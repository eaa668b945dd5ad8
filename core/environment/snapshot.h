#pragma once

// One revision's files, listed once (paths and blob ids), for detection and rendering: which
// folders exist, what lies under a folder, and the bytes of a file — read from git objects, never
// from the working tree.
#include "core/common/error.h"
#include "core/git/object_id.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"
#include "core/manifest/resource.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>

namespace shiplog::core::environment {

class Snapshot
{
public:
    static Result<Snapshot> open(const git::Repository& repo, const QString& revision);

    const git::Repository& repository() const { return *m_repo; }
    QString commit() const { return m_commit; }
    git::ObjectId tree() const { return m_tree; }
    const QList<git::FileVersion>& files() const { return m_listing->files; }

    bool hasFile(const QString& path) const { return m_listing->byPath.contains(path); }
    bool hasFolder(const QString& path) const { return path.isEmpty() || m_listing->folders.contains(path); }
    git::ObjectId blobId(const QString& path) const { return m_listing->byPath.value(path); }
    // Files under `folder` ("" = every file), in path order; only its direct files unless `recursive`.
    QList<git::FileVersion> filesUnder(const QString& folder, bool recursive = true) const;
    // The file's bytes, nullopt when there is no such file.
    Result<std::optional<QByteArray>> read(const QString& path) const;
    // The resources of a manifest file through the shared parse cache (empty when not a manifest).
    manifest::ParsedBlobPtr parsed(const QString& path) const;
    // The kustomization file of a folder ("kustomization.yaml", ".yml" or "Kustomization"), or "".
    QString kustomizationIn(const QString& folder) const;

    // Which manifest files mention each of a few words (read once per snapshot: detection asks for
    // Flux, Argo CD and ConfigMap objects in turn, and reading every blob is the cost).
    QStringList filesMentioning(const QByteArray& word) const;

    // What a tree holds, a function of its id: shared by every snapshot of that tree (a timeline
    // through an environment opens each revision several times, and listing a Jenkins X
    // repository's 255 folders was a third of it).
    struct Listing
    {
        QList<git::FileVersion> files; // sorted by path
        QHash<QString, git::ObjectId> byPath;
        QSet<QString> folders;
        mutable std::mutex mutex; // guards mentions
        mutable std::optional<QHash<QByteArray, QStringList>> mentions;
    };

private:
    const git::Repository* m_repo = nullptr;
    QString m_commit;
    git::ObjectId m_tree;
    std::shared_ptr<const Listing> m_listing;
};

// "a/b/../c/./d" → "a/c/d"; nullopt when it climbs out of the repository.
std::optional<QString> normalizePath(const QString& path);
// The folder part of a path ("a/b/c.yaml" → "a/b", "c.yaml" → "").
QString folderOf(const QString& path);
// `relative` seen from `folder` ("apps/staging", "../base" → "apps/base").
std::optional<QString> resolveRelative(const QString& folder, const QString& relative);

} // namespace shiplog::core::environment
