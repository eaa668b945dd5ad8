#include "core/git/repository.h"

#include "core/git/detail/handles.h"
#include "core/git/detail/oid.h"
#include "core/git/git_error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace shiplog::core::git {

Result<Repository> Repository::open(const QString& path)
{
    ensureLibgit2();
    const QFileInfo info(path);
    if (path.isEmpty())
        return fail(QStringLiteral("No repository path given"));
    if (!info.exists())
        return fail(QStringLiteral("'%1' does not exist").arg(path));
    if (!info.isDir())
        return fail(QStringLiteral("'%1' is not a folder").arg(path));
    if (!info.isReadable() || !info.isExecutable())
        return fail(QStringLiteral("Cannot read '%1': permission denied").arg(path));

    git_repository* raw = nullptr;
    const QByteArray native = QFile::encodeName(QDir::cleanPath(info.absoluteFilePath()));
    const int rc = git_repository_open_ext(&raw, native.constData(), 0, nullptr);
    std::unique_ptr<git_repository, Free> repo(raw);
    if (rc == GIT_ENOTFOUND)
        return fail(
            QStringLiteral("'%1' is not a git repository (nor is any of its parent folders)").arg(path), rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot open '%1'").arg(path)));
    const char* workdir = git_repository_workdir(repo.get());
    QString opened = workdir ? QDir::cleanPath(QFile::decodeName(workdir))
                             : QDir::cleanPath(QFile::decodeName(git_repository_path(repo.get())));
    return Repository(repo.release(), opened);
}

QString Repository::gitDir() const
{
    return QDir::cleanPath(QFile::decodeName(git_repository_path(m_repo.get())));
}
bool Repository::isBare() const
{
    return git_repository_is_bare(m_repo.get()) == 1;
}
bool Repository::isEmpty() const
{
    return git_repository_is_empty(m_repo.get()) == 1;
}
bool Repository::isShallow() const
{
    return git_repository_is_shallow(m_repo.get()) == 1;
}

QStringList Repository::shallowBoundary() const
{
    QStringList ids;
    QFile file(gitDir() + QStringLiteral("/shallow"));
    if (!file.open(QIODevice::ReadOnly))
        return ids;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.size() == GIT_OID_HEXSZ)
            ids.append(QString::fromLatin1(line));
    }
    return ids;
}

Result<QString> Repository::resolve(const QString& revision) const
{
    git_object* raw = nullptr;
    const int rc = git_revparse_single(&raw, m_repo.get(), revision.toUtf8().constData());
    ObjectHandle object(raw);
    if (rc == GIT_ENOTFOUND) {
        // A reference whose commit is gone is a damaged repository (a deleted pack file), not a
        // revision the user mistyped.
        git_reference* rawReference = nullptr;
        if (git_reference_dwim(&rawReference, m_repo.get(), revision.toUtf8().constData()) == 0) {
            ReferenceHandle reference(rawReference);
            git_reference* rawResolved = nullptr;
            if (git_reference_resolve(&rawResolved, reference.get()) == 0) {
                ReferenceHandle resolved(rawResolved);
                return fail(
                    QStringLiteral("The repository is damaged: '%1' points to commit %2, which is missing "
                                   "from its object database (a deleted or corrupt pack file?); "
                                   "`git fsck` lists what else is missing")
                        .arg(revision, oidToString(*git_reference_target(resolved.get()))),
                    rc);
            }
        }
    }
    if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC)
        return fail(QStringLiteral("Unknown revision '%1'").arg(revision), rc);
    if (rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot resolve '%1'").arg(revision)));
    git_object* peeled = nullptr;
    const int prc = git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT);
    ObjectHandle commit(peeled);
    if (prc < 0)
        return fail(QStringLiteral("'%1' does not name a commit").arg(revision), prc);
    return oidToString(*git_object_id(commit.get()));
}

QString oidToString(const git_oid& oid)
{
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &oid);
    return QString::fromLatin1(hex);
}

void Repository::Free::operator()(git_repository* repo) const noexcept
{
    git_repository_free(repo);
}

QString ObjectId::toString() const
{
    return oidToString(*detail::toGit(*this));
}

Result<ObjectId> ObjectId::fromString(const QString& hex)
{
    git_oid oid;
    if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.toLatin1().constData()) < 0)
        return fail(QStringLiteral("'%1' is not a full object id").arg(hex));
    return detail::fromGit(oid);
}

} // namespace shiplog::core::git
