#pragma once

#include "core/common/error.h"
#include "core/git/object_id.h"

#include <QString>
#include <QStringList>
#include <memory>

// libgit2's handle stays opaque here: only core/git's .cpp files include <git2.h>.
struct git_repository;
struct git_oid;

namespace shiplog::core::git {

// One open repository. Owned by exactly one thread: a background job opens its own from the path.
class Repository
{
public:
    // Opens the repository at `path` (a work tree, a subfolder of one, or a bare repository), with a
    // message a user can act on when it cannot: missing path, no permission, not a repository.
    static Result<Repository> open(const QString& path);

    Repository(Repository&&) noexcept = default;
    Repository& operator=(Repository&&) noexcept = default;
    ~Repository() = default;

    // libgit2's handle, for core/git's own files (and tests that build repositories with libgit2).
    git_repository* raw() const { return m_repo.get(); }
    QString path() const { return m_path; } // the folder the user named (work tree or bare)
    QString gitDir() const;                 // the .git folder (or the bare repository itself)
    bool isBare() const;
    bool isEmpty() const; // no commit yet
    bool isShallow() const;
    // The commits at a shallow clone's boundary (.git/shallow): their parents are not in the
    // repository. Empty for a complete repository.
    QStringList shallowBoundary() const;

    // Full id of a revision expression (`HEAD`, `main`, `origin/main`, `v1.2`, `abc123`, `HEAD~2`).
    Result<QString> resolve(const QString& revision) const;

private:
    struct Free
    {
        void operator()(git_repository* repo) const noexcept;
    };
    Repository(git_repository* repo, QString path) : m_repo(repo), m_path(std::move(path)) {}
    std::unique_ptr<git_repository, Free> m_repo;
    QString m_path;
};

// For core/git's own files, which speak git_oid.
QString oidToString(const git_oid& oid);

} // namespace shiplog::core::git
