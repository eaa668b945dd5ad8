#include "core/git/git_error.h"
#include "core/git/detail/handles.h"
#include "core/git/history.h"
#include "core/git/repository.h"

#include <algorithm>

namespace shiplog::core::git {

Result<QList<RefLabel>> listRefs(const QString& repositoryPath)
{
    auto repository = Repository::open(repositoryPath);
    if (!repository)
        return std::unexpected(repository.error());
    git_repository* repo = repository->raw();

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
        return std::unexpected(lastError(rc, QStringLiteral("Cannot list the references of '%1'").arg(repository->path())));
    ReferenceIteratorHandle iterator(rawIterator);
    QList<RefLabel> others;
    git_reference* rawRef = nullptr;
    int rc = 0;
    while ((rc = git_reference_next(&rawRef, iterator.get())) == 0) {
        ReferenceHandle ref(rawRef);
        if (git_reference_type(rawRef) == GIT_REFERENCE_SYMBOLIC)
            continue;  // origin/HEAD: a pointer to a branch that is listed anyway
        RefLabel label;
        if (git_reference_is_branch(rawRef))
            label.kind = RefLabel::Kind::LocalBranch;
        else if (git_reference_is_remote(rawRef))
            label.kind = RefLabel::Kind::RemoteBranch;
        else if (git_reference_is_tag(rawRef))
            label.kind = RefLabel::Kind::Tag;
        else
            continue;  // notes, stash, pull-request refs: not labels
        git_object* peeled = nullptr;
        if (git_reference_peel(&peeled, rawRef, GIT_OBJECT_COMMIT) != 0)
            continue;  // a tag of a tree or a blob labels no commit
        ObjectHandle commit(peeled);
        label.fullName = QString::fromUtf8(git_reference_name(rawRef));
        label.name = QString::fromUtf8(git_reference_shorthand(rawRef));
        label.target = oidToString(*git_object_id(peeled));
        others.append(std::move(label));
    }
    if (rc != GIT_ITEROVER)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot list the references of '%1'").arg(repository->path())));
    std::sort(others.begin(), others.end(), [](const RefLabel& a, const RefLabel& b) {
        return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    labels.append(others);
    return labels;
}

}  // namespace shiplog::core::git
