// Blobs, trees and commits straight into the object database with libgit2: fast, and independent of
// any git binary or user configuration on the machine.
#include "core/git/history_writer.h"

#include "core/git/detail/handles.h"
#include "core/git/git_error.h"
#include "core/git/repository.h"

#include <QDir>
#include <QHash>
#include <map>
#include <vector>

namespace shiplog::core::git {

namespace {

using TreeBuilderHandle = std::unique_ptr<git_treebuilder, Free<git_treebuilder_free>>;

// git_commit_create's parent array lost its pointee const in libgit2 1.8.
#if LIBGIT2_VER_MAJOR == 1 && LIBGIT2_VER_MINOR < 8
using ParentPointer = const git_commit*;
#else
using ParentPointer = git_commit*;
#endif

struct Folder
{
    std::map<QString, Folder> folders;
    std::map<QString, const QByteArray*> files;
};

class ObjectWriter
{
public:
    explicit ObjectWriter(git_repository* repo) : m_repo(repo) {}

    Result<git_oid> tree(const std::map<QString, QByteArray>& files)
    {
        Folder root;
        for (const auto& [path, content] : files) {
            const QStringList parts = path.split(QLatin1Char('/'));
            Folder* folder = &root;
            for (qsizetype i = 0; i + 1 < parts.size(); ++i)
                folder = &folder->folders[parts[i]];
            folder->files[parts.last()] = &content;
        }
        return write(root);
    }

private:
    Result<git_oid> blob(const QByteArray& content)
    {
        if (auto it = m_blobs.constFind(content); it != m_blobs.constEnd())
            return *it;
        git_oid id;
        if (int rc = git_blob_create_from_buffer(&id, m_repo, content.constData(), size_t(content.size()));
            rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot write a file of the repository")));
        m_blobs.insert(content, id);
        return id;
    }

    Result<git_oid> write(const Folder& folder)
    {
        git_treebuilder* raw = nullptr;
        if (int rc = git_treebuilder_new(&raw, m_repo, nullptr); rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot build a tree of the repository")));
        TreeBuilderHandle builder(raw);
        auto insert = [&](const QString& name, const git_oid& id, git_filemode_t mode) -> Result<void> {
            if (int rc = git_treebuilder_insert(nullptr, builder.get(), name.toUtf8().constData(), &id, mode);
                rc < 0)
                return std::unexpected(lastError(rc, QStringLiteral("Cannot add '%1' to a tree").arg(name)));
            return {};
        };
        for (const auto& [name, child] : folder.folders) {
            auto id = write(child);
            if (!id)
                return std::unexpected(id.error());
            if (auto ok = insert(name, *id, GIT_FILEMODE_TREE); !ok)
                return std::unexpected(ok.error());
        }
        for (const auto& [name, content] : folder.files) {
            auto id = blob(*content);
            if (!id)
                return std::unexpected(id.error());
            if (auto ok = insert(name, *id, GIT_FILEMODE_BLOB); !ok)
                return std::unexpected(ok.error());
        }
        git_oid id;
        if (int rc = git_treebuilder_write(&id, builder.get()); rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot write a tree of the repository")));
        return id;
    }

    git_repository* m_repo;
    QHash<QByteArray, git_oid> m_blobs;
};

Result<SignatureHandle> signature(const Person& person)
{
    git_signature* raw = nullptr;
    if (int rc = git_signature_new(&raw, person.name.toUtf8().constData(), person.email.toUtf8().constData(),
                                   git_time_t(person.time), person.offsetMinutes);
        rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot create the signature of %1").arg(person.name)));
    return SignatureHandle(raw);
}

Result<RepositoryHandle> initRepository(const QString& path, bool bare)
{
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_MKDIR;
    if (bare)
        options.flags |= GIT_REPOSITORY_INIT_BARE;
    options.initial_head = "master";
    git_repository* raw = nullptr;
    if (int rc = git_repository_init_ext(&raw, QDir::toNativeSeparators(path).toUtf8().constData(), &options);
        rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot create a git repository in '%1'").arg(path)));
    return RepositoryHandle(raw);
}

// The repository's own committer, in its .git/config (user.name/user.email), as git reads it.
Result<void> setIdentity(git_repository* repo, const QString& name, const QString& email)
{
    git_config* rawConfig = nullptr;
    if (int rc = git_repository_config(&rawConfig, repo); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot read the configuration of the repository")));
    ConfigHandle config(rawConfig);
    git_config* rawLocal = nullptr;
    if (int rc = git_config_open_level(&rawLocal, config.get(), GIT_CONFIG_LEVEL_LOCAL); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot open the .git/config of the repository")));
    ConfigHandle local(rawLocal);
    for (const auto& [key, value] : {std::pair{"user.name", name}, std::pair{"user.email", email}}) {
        if (int rc = git_config_set_string(local.get(), key, value.toUtf8().constData()); rc < 0)
            return std::unexpected(
                lastError(rc, QStringLiteral("Cannot set %1 in the repository").arg(QLatin1String(key))));
    }
    return {};
}

Result<std::map<QString, git_oid>> writeCommits(git_repository* repo, const HistoryToWrite& history)
{
    ObjectWriter writer(repo);
    std::map<QString, git_oid> ids;
    for (const CommitToWrite& planned : history.commits) {
        auto treeId = writer.tree(planned.files);
        if (!treeId)
            return std::unexpected(treeId.error());
        git_tree* rawTree = nullptr;
        if (int rc = git_tree_lookup(&rawTree, repo, &*treeId); rc < 0)
            return std::unexpected(lastError(rc, QStringLiteral("Cannot read back a tree")));
        TreeHandle tree(rawTree);

        std::vector<CommitHandle> parents;
        std::vector<ParentPointer> parentPointers;
        for (const QString& label : planned.parents) {
            git_commit* raw = nullptr;
            if (int rc = git_commit_lookup(&raw, repo, &ids.at(label)); rc < 0)
                return std::unexpected(
                    lastError(rc, QStringLiteral("Cannot read back commit %1").arg(label)));
            parents.emplace_back(raw);
            parentPointers.push_back(raw);
        }
        auto author = signature(planned.author);
        auto committer = signature(planned.committer);
        if (!author || !committer)
            return std::unexpected(!author ? author.error() : committer.error());

        QString message = planned.message;
        if (!planned.reverts.isEmpty())
            message +=
                QStringLiteral("\n\nThis reverts commit %1.").arg(oidToString(ids.at(planned.reverts)));
        message += QLatin1Char('\n');

        git_oid id;
        if (int rc = git_commit_create(&id, repo, nullptr, author->get(), committer->get(), nullptr,
                                       message.toUtf8().constData(), tree.get(), parentPointers.size(),
                                       parentPointers.data());
            rc < 0)
            return std::unexpected(
                lastError(rc, QStringLiteral("Cannot write commit \"%1\"").arg(planned.message)));
        ids[planned.label] = id;
    }
    return ids;
}

Result<void> pushBranches(git_repository* repo, const HistoryToWrite& history, const QString& originPath,
                          const QString& originUrl)
{
    git_remote* rawRemote = nullptr;
    if (int rc = git_remote_create(&rawRemote, repo, "origin",
                                   QDir::toNativeSeparators(originPath).toUtf8().constData());
        rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot add the remote 'origin' to the repository")));
    RemoteHandle remote(rawRemote);

    std::vector<QByteArray> specs;
    for (const auto& [branch, label] : history.branches)
        specs.push_back(QStringLiteral("refs/heads/%1:refs/heads/%1").arg(branch).toUtf8());
    std::vector<char*> pointers;
    for (QByteArray& spec : specs)
        pointers.push_back(spec.data());
    const git_strarray refspecs{pointers.data(), pointers.size()};
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    if (int rc = git_remote_push(remote.get(), &refspecs, &options); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot push the branches to '%1'").arg(originPath)));

    // Like a fresh clone: only master is a local branch; the others exist as origin/<name>.
    for (const auto& [branch, label] : history.branches) {
        if (branch == QLatin1String("master"))
            continue;
        git_reference* raw = nullptr;
        if (git_branch_lookup(&raw, repo, branch.toUtf8().constData(), GIT_BRANCH_LOCAL) == 0) {
            ReferenceHandle ref(raw);
            if (int rc = git_branch_delete(ref.get()); rc < 0)
                return std::unexpected(
                    lastError(rc, QStringLiteral("Cannot delete the local branch '%1'").arg(branch)));
        }
    }
    git_reference* rawHead = nullptr;
    if (int rc = git_reference_symbolic_create(&rawHead, repo, "refs/remotes/origin/HEAD",
                                               "refs/remotes/origin/master", 1, "shiplog: origin/HEAD");
        rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot set origin/HEAD in the repository")));
    ReferenceHandle originHead(rawHead);

    git_reference* rawMaster = nullptr;
    if (int rc = git_branch_lookup(&rawMaster, repo, "master", GIT_BRANCH_LOCAL); rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("The repository has no master branch")));
    ReferenceHandle master(rawMaster);
    if (int rc = git_branch_set_upstream(master.get(), "origin/master"); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot make origin/master the upstream of master")));
    if (int rc = git_remote_set_url(repo, "origin", QDir::toNativeSeparators(originUrl).toUtf8().constData());
        rc < 0)
        return std::unexpected(lastError(rc, QStringLiteral("Cannot set the URL of the origin")));
    return {};
}

} // namespace

Result<void> writeRepositories(const HistoryToWrite& history, const QString& workTree,
                               const QString& originPath, const QString& originUrl, const QString& userName,
                               const QString& userEmail)
{
    ensureLibgit2();
    auto repo = initRepository(workTree, false);
    if (!repo)
        return std::unexpected(repo.error());
    if (auto identity = setIdentity(repo->get(), userName, userEmail); !identity)
        return identity;
    auto ids = writeCommits(repo->get(), history);
    if (!ids)
        return std::unexpected(ids.error());
    for (const auto& [branch, label] : history.branches) {
        git_reference* raw = nullptr;
        const QByteArray name = QStringLiteral("refs/heads/%1").arg(branch).toUtf8();
        if (int rc = git_reference_create(&raw, repo->get(), name.constData(), &ids->at(label), 1,
                                          "shiplog: written");
            rc < 0)
            return std::unexpected(
                lastError(rc, QStringLiteral("Cannot create the branch '%1'").arg(branch)));
        ReferenceHandle ref(raw);
    }

    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE;
    if (int rc = git_checkout_head(repo->get(), &checkout); rc < 0)
        return std::unexpected(
            lastError(rc, QStringLiteral("Cannot check out master in '%1'").arg(workTree)));

    auto origin = initRepository(originPath, true);
    if (!origin)
        return std::unexpected(origin.error());
    return pushBranches(repo->get(), history, originPath, originUrl);
}

} // namespace shiplog::core::git
