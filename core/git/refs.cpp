#include "core/git/refs.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"
#include "core/git/history.h"
#include "core/git/repository.h"

#include <algorithm>

namespace shiplog::core::git {

namespace {

Result<QList<RefLabel>> listRefs(const Repository& repository)
{
    git_repository* repo = repository.raw();
    QList<RefLabel> labels;
    git_reference* rawHead = nullptr;
    if (git_repository_head(&rawHead, repo) == 0) {
        ReferenceHandle head(rawHead);
        git_object* peeled = nullptr;
        if (git_reference_peel(&peeled, rawHead, GIT_OBJECT_COMMIT) == 0) {
            ObjectHandle commit(peeled);
            labels.append(RefLabel{QStringLiteral("HEAD"), QStringLiteral("HEAD"), RefLabel::Kind::Head,
                                   oidToString(*git_object_id(peeled))});
        }
    }

    git_reference_iterator* rawIterator = nullptr;
    if (const int rc = git_reference_iterator_new(&rawIterator, repo); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot list the references of '%1'").arg(repository.path())));
    ReferenceIteratorHandle iterator(rawIterator);
    QList<RefLabel> others;
    git_reference* rawRef = nullptr;
    int rc = 0;
    while ((rc = git_reference_next(&rawRef, iterator.get())) == 0) {
        ReferenceHandle ref(rawRef);
        if (git_reference_type(rawRef) == GIT_REFERENCE_SYMBOLIC)
            continue; // origin/HEAD: a pointer to a branch that is listed anyway
        RefLabel label;
        if (git_reference_is_branch(rawRef))
            label.kind = RefLabel::Kind::LocalBranch;
        else if (git_reference_is_remote(rawRef))
            label.kind = RefLabel::Kind::RemoteBranch;
        else if (git_reference_is_tag(rawRef))
            label.kind = RefLabel::Kind::Tag;
        else
            continue; // notes, stash, pull-request refs: not labels
        git_object* peeled = nullptr;
        if (git_reference_peel(&peeled, rawRef, GIT_OBJECT_COMMIT) != 0)
            continue; // a tag of a tree or a blob labels no commit
        ObjectHandle commit(peeled);
        label.fullName = QString::fromUtf8(git_reference_name(rawRef));
        label.name = QString::fromUtf8(git_reference_shorthand(rawRef));
        label.target = oidToString(*git_object_id(peeled));
        others.append(std::move(label));
    }
    if (rc != GIT_ITEROVER)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot list the references of '%1'").arg(repository.path())));
    std::sort(others.begin(), others.end(), [](const RefLabel& a, const RefLabel& b) {
        return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    labels.append(others);
    return labels;
}

Result<QString> remoteHead(const Repository& repository, const QString& remote)
{
    const QByteArray name = QStringLiteral("refs/remotes/%1/HEAD").arg(remote).toUtf8();
    git_reference* raw = nullptr;
    const int rc = git_reference_lookup(&raw, repository.raw(), name.constData());
    if (rc == GIT_ENOTFOUND)
        return QString();
    if (rc < 0)
        return std::unexpected(lastError(
            rc, QStringLiteral("Cannot read %1 of '%2'").arg(QString::fromUtf8(name), repository.path())));
    ReferenceHandle ref(raw);
    if (git_reference_type(raw) != GIT_REFERENCE_SYMBOLIC)
        return QString(); // a detached remote HEAD names no branch
    return QString::fromUtf8(git_reference_symbolic_target(raw));
}

} // namespace

Result<QList<RefLabel>> listRefs(const QString& repositoryPath)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    return listRefs(*repository);
}

Result<QString> remoteHead(const QString& repositoryPath, const QString& remote)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    return remoteHead(*repository, remote);
}

QString appliedRevision(const QList<RefLabel>& refs, const QString& remoteHead)
{
    auto has = [&](const QString& fullName) {
        return std::any_of(refs.cbegin(), refs.cend(),
                           [&](const RefLabel& r) { return r.fullName == fullName; });
    };
    const QStringList candidates = {remoteHead, QStringLiteral("refs/remotes/origin/main"),
                                    QStringLiteral("refs/remotes/origin/master"),
                                    QStringLiteral("refs/heads/main"), QStringLiteral("refs/heads/master")};
    for (const QString& candidate : candidates)
        if (!candidate.isEmpty() && has(candidate))
            return candidate;
    return QStringLiteral("HEAD");
}

QString shortRefName(const QString& revision)
{
    for (const QLatin1String prefix :
         {QLatin1String("refs/heads/"), QLatin1String("refs/remotes/"), QLatin1String("refs/tags/")})
        if (revision.startsWith(prefix))
            return revision.mid(prefix.size());
    return revision;
}

QStringList RepositoryRefs::remoteBranches() const
{
    QStringList names;
    for (const RefLabel& r : labels) {
        if (r.kind != RefLabel::Kind::RemoteBranch)
            continue;
        const QString branch = r.name.section(QLatin1Char('/'), 1);
        if (!branch.isEmpty() && branch != QLatin1String("HEAD") && !names.contains(branch))
            names << branch;
    }
    return names;
}

QString RepositoryRefs::branchAtHead() const
{
    const auto head = std::find_if(labels.cbegin(), labels.cend(),
                                   [](const RefLabel& r) { return r.kind == RefLabel::Kind::Head; });
    if (head == labels.cend())
        return {};
    for (const RefLabel& r : labels)
        if (r.kind == RefLabel::Kind::LocalBranch && r.target == head->target)
            return r.name;
    return {};
}

Result<RepositoryRefs> loadRepositoryRefs(const QString& repositoryPath)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    auto labels = listRefs(*repository);
    if (!labels)
        return std::unexpected(labels.error());
    auto head = remoteHead(*repository, QStringLiteral("origin"));
    if (!head)
        return std::unexpected(head.error());
    RepositoryRefs refs;
    refs.labels = std::move(*labels);
    refs.remoteHead = std::move(*head);
    refs.appliedRevision = appliedRevision(refs.labels, refs.remoteHead);
    return refs;
}

} // namespace shiplog::core::git
