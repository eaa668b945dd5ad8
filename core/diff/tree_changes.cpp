#include "core/diff/tree_changes.h"

#include "core/manifest/manifest_parser.h"

namespace shiplog::core::diff {

git::FileFilter manifestFilter(const QStringList& folders)
{
    return git::FileFilter{folders, [](const QByteArray& path) {
                               return path.endsWith(".yaml") || path.endsWith(".yml") ||
                                      manifest::isManifestPath(QString::fromUtf8(path));
                           }};
}

Result<ManifestDelta> manifestDelta(const git::Repository& repo, const git::ObjectId& before,
                                    const git::ObjectId& after, const QStringList& folders)
{
    return git::treeDelta(repo, before, after, manifestFilter(folders));
}

Result<QList<FileVersion>> manifestFiles(const git::Repository& repo, const git::ObjectId& tree,
                                         const QStringList& folders)
{
    return git::filesOfTree(repo, tree, manifestFilter(folders));
}

Result<ManifestDelta> deltaToParent(const git::Repository& repo, const git::ObjectId& commit, unsigned parent,
                                    const QStringList& folders)
{
    return git::deltaToParent(repo, commit, parent, manifestFilter(folders));
}

QHash<manifest::ResourceKey, Placed>
placeResources(const git::Repository& repo, const QList<FileVersion>& files, manifest::ParseCache& cache,
               QList<manifest::ParseError>* errors, bool details, FailedFiles* failed)
{
    QList<git::ObjectId> ids;
    for (const FileVersion& file : files)
        ids.append(file.id);
    return placeResources(
        files,
        cache.getMany(repo, ids,
                      details ? manifest::ParseCache::Need::Details : manifest::ParseCache::Need::Keys),
        errors, failed);
}

QHash<manifest::ResourceKey, Placed> placeResources(const QList<FileVersion>& files,
                                                    const QList<manifest::ParsedBlobPtr>& blobs,
                                                    QList<manifest::ParseError>* errors, FailedFiles* failed,
                                                    QList<DuplicateDefinition>* duplicates)
{
    QHash<manifest::ResourceKey, Placed> placed;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const FileVersion& file = files[i];
        const manifest::ParsedBlobPtr& blob = blobs[i];
        if (blob->error) {
            if (errors) {
                errors->append(manifest::ParseError{file.path, blob->error->line, blob->error->message,
                                                    blob->error->contentUnknown});
            }
            if (failed) {
                failed->failed.insert(file.path);
                if (blob->error->contentUnknown)
                    failed->unexamined.insert(file.path);
            }
            continue;
        }
        for (const manifest::Resource& r : blob->resources) {
            const auto it = placed.constFind(r.key);
            if (it != placed.constEnd()) {
                const DuplicateDefinition duplicate{r.key, file.path, r.line, it->path, it->resource->line};
                if (duplicates)
                    duplicates->append(duplicate);
                else if (errors)
                    errors->append(toParseError(duplicate));
                continue;
            }
            placed.insert(r.key, Placed{&r, file.path, blob});
        }
    }
    return placed;
}

} // namespace shiplog::core::diff
