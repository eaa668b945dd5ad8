#pragma once

// Shared by the revert tests: a bare "remote", a seed clone that writes its history, the user's
// clone (with unpushed work, a dirty tree and a staged change) and a byte-level snapshot of the
// user's repository to prove that a revert-by-pull-request never touches it. Header-only.
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>

namespace shiplog::test {

struct RepoSnapshot
{
    QMap<QString, QByteArray> files;    // working tree, relative path → bytes
    QMap<QString, QByteArray> gitFiles; // index, HEAD, packed-refs, FETCH_HEAD, ORIG_HEAD, logs/HEAD
    QByteArray refs;                    // git for-each-ref (all refs, remote-tracking included)

    bool operator==(const RepoSnapshot&) const = default;
    QByteArray difference(const RepoSnapshot& other) const
    {
        QByteArray d;
        for (auto it = files.begin(); it != files.end(); ++it)
            if (other.files.value(it.key()) != it.value())
                d += "file " + it.key().toUtf8() + " ";
        for (auto it = other.files.begin(); it != other.files.end(); ++it)
            if (!files.contains(it.key()))
                d += "new file " + it.key().toUtf8() + " ";
        for (auto it = gitFiles.begin(); it != gitFiles.end(); ++it)
            if (other.gitFiles.value(it.key()) != it.value())
                d += ".git/" + it.key().toUtf8() + " ";
        if (refs != other.refs)
            d += "refs:\n" + refs + "\nvs\n" + other.refs;
        return d;
    }
};

inline ProcessResult gitIn(const QString& dir, const QStringList& args)
{
    return run(QStringLiteral("git"), args, dir, ScratchRepo::gitEnvironment());
}

inline RepoSnapshot snapshot(const QString& path)
{
    RepoSnapshot s;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString rel = QDir(path).relativeFilePath(file);
        if (rel.startsWith(QLatin1String(".git/")))
            continue;
        QFile f(file);
        f.open(QIODevice::ReadOnly);
        s.files.insert(rel, f.readAll());
    }
    for (const char* name :
         {"index", "HEAD", "packed-refs", "FETCH_HEAD", "ORIG_HEAD", "logs/HEAD", "config"}) {
        QFile f(path + QStringLiteral("/.git/") + QLatin1String(name));
        s.gitFiles.insert(QLatin1String(name),
                          f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<absent>"));
    }
    s.refs = gitIn(path, {QStringLiteral("for-each-ref"),
                          QStringLiteral("--format=%(refname) %(objectname) %(symref)")})
                 .out;
    return s;
}

class RevertWorld
{
public:
    ScratchRepo remote{true};
    ScratchRepo seed;
    QTemporaryDir userDir;
    QString user() const { return userDir.filePath(QStringLiteral("user")); }
    QString remoteUrl() const { return remote.path(); }

    RevertWorld()
    {
        seed.git({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), remote.path()});
    }

    void push(const QString& branch = QStringLiteral("main")) const
    {
        seed.git({QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                  QStringLiteral("HEAD:refs/heads/") + branch});
    }

    // The user's clone: identity set, one unpushed commit, a modified file and a staged new file.
    bool cloneUser(const QString& url = {}) const
    {
        if (gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), remote.path(), user()}).exitCode != 0)
            return false;
        gitIn(user(),
              {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Rita Reverter")});
        gitIn(user(),
              {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("rita@example.com")});
        if (!url.isEmpty())
            gitIn(user(),
                  {QStringLiteral("remote"), QStringLiteral("set-url"), QStringLiteral("origin"), url});
        writeUser(QStringLiteral("local-only.yaml"), "unpushed: true\n");
        gitIn(user(), {QStringLiteral("add"), QStringLiteral("local-only.yaml")});
        gitIn(user(), {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                       QStringLiteral("local work, not pushed")});
        writeUser(QStringLiteral("dirty.txt"), "uncommitted\n");
        writeUser(QStringLiteral("staged.yaml"), "staged: yes\n");
        gitIn(user(), {QStringLiteral("add"), QStringLiteral("staged.yaml")});
        return true;
    }

    void writeUser(const QString& rel, const QByteArray& content) const
    {
        QFile f(user() + QLatin1Char('/') + rel);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(content);
    }

    // What `git revert --no-edit [-m N]` makes of `commit` on the remote's `branch`: tree id and message.
    std::pair<QString, QString> gitRevert(const QString& commit, int mainline = 0,
                                          const QString& branch = QStringLiteral("main")) const
    {
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("c"));
        gitIn({}, {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("-b"), branch, remote.path(),
                   clone});
        QStringList args{QStringLiteral("-c"),     QStringLiteral("user.name=X"),
                         QStringLiteral("-c"),     QStringLiteral("user.email=x@y"),
                         QStringLiteral("revert"), QStringLiteral("--no-edit")};
        if (mainline > 0)
            args << QStringLiteral("-m") << QString::number(mainline);
        args << commit;
        const ProcessResult r = gitIn(clone, args);
        if (r.exitCode != 0)
            return {QStringLiteral("git revert failed: ") + QString::fromUtf8(r.err), {}};
        return {treeOf(clone, QStringLiteral("HEAD")), messageOf(clone, QStringLiteral("HEAD"))};
    }

    static QString treeOf(const QString& repo, const QString& rev)
    {
        return QString::fromUtf8(
                   gitIn(repo, {QStringLiteral("rev-parse"), rev + QStringLiteral("^{tree}")}).out)
            .trimmed();
    }
    static QString messageOf(const QString& repo, const QString& rev)
    {
        return QString::fromUtf8(
            gitIn(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"), rev})
                .out);
    }
    QString remoteBranches() const
    {
        return QString::fromUtf8(
            gitIn(remote.path(), {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"),
                                  QStringLiteral("refs/")})
                .out);
    }
};

} // namespace shiplog::test
