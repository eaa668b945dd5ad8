#include "core/diff/commit_walk.h"

#include "core/git/git_error.h"
#include "core/git/handles.h"
#include "core/git/repository.h"

namespace shiplog::core::diff {

namespace {

git::Person personOf(const git_signature* s)
{
    git::Person p;
    if (!s)
        return p;
    p.name = QString::fromUtf8(s->name);
    p.email = QString::fromUtf8(s->email);
    p.time = qint64(s->when.time);
    p.offsetMinutes = s->when.offset;
    return p;
}

}  // namespace

git::CommitInfo commitInfoOf(const git_commit* commit)
{
    git::CommitInfo info;
    info.id = git::oidToString(*git_commit_id(commit));
    for (unsigned i = 0; i < git_commit_parentcount(commit); ++i)
        info.parents.append(git::oidToString(*git_commit_parent_id(commit, i)));
    info.author = personOf(git_commit_author(commit));
    info.committer = personOf(git_commit_committer(commit));
    const QString message = QString::fromUtf8(git_commit_message(commit)).trimmed();
    const qsizetype blank = message.indexOf(QLatin1String("\n\n"));
    const QString subject = blank < 0 ? message : message.left(blank);
    info.subject = subject.simplified();
    info.body = blank < 0 ? QString() : message.mid(blank + 2).trimmed();
    return info;
}

Result<QList<git_oid>> reachableCommits(git_repository* repo, const QString& revision)
{
    git_revwalk* raw = nullptr;
    int rc = git_revwalk_new(&raw, repo);
    git::RevwalkHandle walk(raw);
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot walk the history")));
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_object* rawObject = nullptr;
    rc = git_revparse_single(&rawObject, repo, revision.toUtf8().constData());
    git::ObjectHandle object(rawObject);
    if (rc < 0)
        return fail(QStringLiteral("Unknown revision '%1'").arg(revision), rc);
    git_object* peeled = nullptr;
    rc = git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT);
    git::ObjectHandle commit(peeled);
    if (rc < 0)
        return fail(QStringLiteral("'%1' does not name a commit").arg(revision), rc);
    rc = git_revwalk_push(walk.get(), git_object_id(commit.get()));
    if (rc < 0)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot walk the history of '%1'").arg(revision)));
    QList<git_oid> ids;
    git_oid id;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0)
        ids.append(id);
    if (rc != GIT_ITEROVER)
        return std::unexpected(git::lastError(rc, QStringLiteral("Cannot walk the history of '%1'").arg(revision)));
    return ids;
}

}  // namespace shiplog::core::diff
