#pragma once

#include "core/common/error.h"
#include "core/git/handles.h"

#include <QString>

namespace shiplog::core::git {

// One open repository. Owned by exactly one thread: a background job opens its own from the path.
class Repository
{
public:
    // Opens the repository at `path` (a work tree, a subfolder of one, or a bare repository), with a
    // message a user can act on when it cannot: missing path, no permission, not a repository.
    static Result<Repository> open(const QString& path);

    git_repository* raw() const { return m_repo.get(); }
    QString path() const { return m_path; }        // the folder the user named (work tree or bare)
    QString gitDir() const;                        // the .git folder (or the bare repository itself)
    bool isBare() const;
    bool isEmpty() const;                          // no commit yet
    bool isShallow() const;

    // Full id of a revision expression (`HEAD`, `main`, `origin/main`, `v1.2`, `abc123`, `HEAD~2`).
    Result<QString> resolve(const QString& revision) const;

private:
    Repository(RepositoryHandle repo, QString path) : m_repo(std::move(repo)), m_path(std::move(path)) {}
    RepositoryHandle m_repo;
    QString m_path;
};

QString oidToString(const git_oid& oid);
Result<git_oid> oidFromString(const QString& hex);

}  // namespace shiplog::core::git
