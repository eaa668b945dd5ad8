#include "core/git/objects.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

#include <git2/sys/odb_backend.h>

namespace shiplog::core::git {

namespace {

ObjectType typeOf(git_object_t type)
{
    switch (type) {
    case GIT_OBJECT_COMMIT:
        return ObjectType::Commit;
    case GIT_OBJECT_TREE:
        return ObjectType::Tree;
    case GIT_OBJECT_BLOB:
        return ObjectType::Blob;
    case GIT_OBJECT_TAG:
        return ObjectType::Tag;
    default:
        return ObjectType::Other;
    }
}

QString capitalized(const QString& noun)
{
    return noun.isEmpty() ? noun : noun.at(0).toUpper() + noun.mid(1);
}

Person personOf(const git_signature* s)
{
    Person p;
    if (!s)
        return p;
    p.name = QString::fromUtf8(s->name);
    p.email = QString::fromUtf8(s->email);
    p.time = qint64(s->when.time);
    p.offsetMinutes = s->when.offset;
    return p;
}

Result<CommitHandle> lookupCommit(const Repository& repo, const ObjectId& id)
{
    git_commit* raw = nullptr;
    const int rc = git_commit_lookup(&raw, repo.raw(), detail::toGit(id));
    CommitHandle commit(raw);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read commit %1").arg(shortId(id.toString()))));
    return commit;
}

} // namespace

RawObject::~RawObject()
{
    if (m_backend && m_data)
        git_odb_backend_data_free(m_backend, m_data);
    if (m_object)
        git_odb_object_free(m_object);
}

RawObject RawObject::fromBackend(void* data, size_t size, ObjectType type, git_odb_backend* backend)
{
    RawObject object;
    object.m_data = data;
    object.m_size = size;
    object.m_type = type;
    object.m_backend = backend;
    return object;
}

RawObject RawObject::fromOdbObject(git_odb_object* odbObject)
{
    RawObject object;
    object.m_data = const_cast<void*>(git_odb_object_data(odbObject));
    object.m_size = git_odb_object_size(odbObject);
    object.m_type = typeOf(git_odb_object_type(odbObject));
    object.m_object = odbObject;
    return object;
}

void ObjectDatabase::Free::operator()(git_odb* odb) const noexcept
{
    git_odb_free(odb);
}

Result<ObjectDatabase> ObjectDatabase::open(const Repository& repo)
{
    git_odb* raw = nullptr;
    if (const int rc = git_repository_odb(&raw, repo.raw()); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot open the object database of '%1'").arg(repo.path())));
    return ObjectDatabase(raw);
}

Result<RawObject> readRawObject(const ObjectDatabase& odb, const ObjectId& id, const QString& noun)
{
    const git_oid* oid = detail::toGit(id);
    const size_t backends = git_odb_num_backends(odb.raw());
    for (size_t i = 0; i < backends; ++i) {
        git_odb_backend* backend = nullptr;
        if (git_odb_get_backend(&backend, odb.raw(), i) < 0 || !backend->read)
            continue;
        void* data = nullptr;
        size_t size = 0;
        git_object_t type = GIT_OBJECT_INVALID;
        const int rc = backend->read(&data, &size, &type, backend, oid);
        if (rc == GIT_ENOTFOUND || rc == GIT_PASSTHROUGH)
            continue;
        RawObject object = RawObject::fromBackend(data, size, typeOf(type), backend);
        if (rc < 0) // a damaged object still fails to inflate here
            return std::unexpected(
                lastError(rc, QStringLiteral("Cannot read %1 %2").arg(noun, id.toString())));
        return object;
    }
    git_odb_object* raw = nullptr;
    const int rc = git_odb_read(&raw, odb.raw(), oid);
    if (rc == GIT_ENOTFOUND)
        return fail(QStringLiteral("%1 %2 is missing from the repository's object database")
                        .arg(capitalized(noun), id.toString()),
                    rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot read %1 %2").arg(noun, id.toString())));
    return RawObject::fromOdbObject(raw);
}

Result<QByteArray> readBlob(const Repository& repo, const ObjectId& id)
{
    git_blob* raw = nullptr;
    const int rc = git_blob_lookup(&raw, repo.raw(), detail::toGit(id));
    BlobHandle blob(raw);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read file %1").arg(shortId(id.toString()))));
    return QByteArray(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

Result<std::optional<QByteArray>> readBlobAtPath(const Repository& repo, const ObjectId& treeish,
                                                 const QString& path)
{
    git_object* rawObject = nullptr;
    int rc = git_object_lookup(&rawObject, repo.raw(), detail::toGit(treeish), GIT_OBJECT_ANY);
    ObjectHandle object(rawObject);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read %1").arg(shortId(treeish.toString()))));
    git_object* rawTree = nullptr;
    rc = git_object_peel(&rawTree, object.get(), GIT_OBJECT_TREE);
    ObjectHandle tree(rawTree);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read the tree of %1").arg(shortId(treeish.toString()))));
    git_tree_entry* rawEntry = nullptr;
    rc = git_tree_entry_bypath(&rawEntry, reinterpret_cast<git_tree*>(tree.get()), path.toUtf8().constData());
    TreeEntryHandle entry(rawEntry);
    if (rc == GIT_ENOTFOUND || (rc == 0 && git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB))
        return std::optional<QByteArray>();
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read '%1' at %2").arg(path, shortId(treeish.toString()))));
    auto content = readBlob(repo, detail::fromGit(*git_tree_entry_id(entry.get())));
    if (!content)
        return std::unexpected(Error{QStringLiteral("Cannot read '%1' at %2: %3")
                                         .arg(path, shortId(treeish.toString()), content.error().message),
                                     content.error().code});
    return std::optional<QByteArray>(std::move(*content));
}

Result<CommitInfo> readCommit(const Repository& repo, const ObjectId& id)
{
    auto commit = lookupCommit(repo, id);
    if (!commit)
        return std::unexpected(commit.error());
    const git_commit* c = commit->get();
    CommitInfo info;
    info.id = oidToString(*git_commit_id(c));
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
        info.parents.append(oidToString(*git_commit_parent_id(c, i)));
    info.author = personOf(git_commit_author(c));
    info.committer = personOf(git_commit_committer(c));
    const QString message = QString::fromUtf8(git_commit_message(c)).trimmed();
    const qsizetype blank = message.indexOf(QLatin1String("\n\n"));
    const QString subject = blank < 0 ? message : message.left(blank);
    info.subject = subject.simplified();
    info.body = blank < 0 ? QString() : message.mid(blank + 2).trimmed();
    return info;
}

Result<QString> commitMessage(const Repository& repo, const ObjectId& id)
{
    auto commit = lookupCommit(repo, id);
    if (!commit)
        return std::unexpected(commit.error());
    return QString::fromUtf8(git_commit_message(commit->get()));
}

Result<ObjectId> treeOf(const Repository& repo, const QString& commitOrTreeId)
{
    if (commitOrTreeId.isEmpty())
        return ObjectId();
    auto oid = ObjectId::fromString(commitOrTreeId);
    if (!oid)
        return std::unexpected(oid.error());
    git_object* rawObject = nullptr;
    int rc = git_object_lookup(&rawObject, repo.raw(), detail::toGit(*oid), GIT_OBJECT_ANY);
    ObjectHandle object(rawObject);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read commit %1").arg(shortId(commitOrTreeId))));
    git_object* rawTree = nullptr;
    rc = git_object_peel(&rawTree, object.get(), GIT_OBJECT_TREE);
    ObjectHandle tree(rawTree);
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read the tree of %1").arg(shortId(commitOrTreeId))));
    return detail::fromGit(*git_object_id(tree.get()));
}

Result<bool> isAncestor(const Repository& repo, const ObjectId& ancestor, const ObjectId& descendant)
{
    if (ancestor == descendant)
        return true;
    const int rc = git_graph_descendant_of(repo.raw(), detail::toGit(descendant), detail::toGit(ancestor));
    if (rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot tell whether %1 is an ancestor of %2")
                              .arg(shortId(ancestor.toString()), shortId(descendant.toString()))));
    return rc == 1;
}

} // namespace shiplog::core::git
