#pragma once

// Owning handles for libgit2 objects. An object returned through an out-parameter belongs to the
// caller and is wrapped here at once; pointers returned by getters are borrowed and stay raw.
#include <git2.h>
#include <memory>

namespace shiplog::core::git {

template <auto FreeFunction> struct Free
{
    template <typename T> void operator()(T* p) const noexcept { FreeFunction(p); }
};

using RepositoryHandle = std::unique_ptr<git_repository, Free<git_repository_free>>;
using CommitHandle = std::unique_ptr<git_commit, Free<git_commit_free>>;
using TreeHandle = std::unique_ptr<git_tree, Free<git_tree_free>>;
using BlobHandle = std::unique_ptr<git_blob, Free<git_blob_free>>;
using ObjectHandle = std::unique_ptr<git_object, Free<git_object_free>>;
using ReferenceHandle = std::unique_ptr<git_reference, Free<git_reference_free>>;
using RevwalkHandle = std::unique_ptr<git_revwalk, Free<git_revwalk_free>>;
using DiffHandle = std::unique_ptr<git_diff, Free<git_diff_free>>;
using IndexHandle = std::unique_ptr<git_index, Free<git_index_free>>;
using RemoteHandle = std::unique_ptr<git_remote, Free<git_remote_free>>;
using SignatureHandle = std::unique_ptr<git_signature, Free<git_signature_free>>;
using ConfigHandle = std::unique_ptr<git_config, Free<git_config_free>>;
using ConfigIteratorHandle = std::unique_ptr<git_config_iterator, Free<git_config_iterator_free>>;
using ReferenceIteratorHandle = std::unique_ptr<git_reference_iterator, Free<git_reference_iterator_free>>;
using OdbHandle = std::unique_ptr<git_odb, Free<git_odb_free>>;
using OdbObjectHandle = std::unique_ptr<git_odb_object, Free<git_odb_object_free>>;
using TreeEntryHandle = std::unique_ptr<git_tree_entry, Free<git_tree_entry_free>>;
using StatusListHandle = std::unique_ptr<git_status_list, Free<git_status_list_free>>;
using PatchHandle = std::unique_ptr<git_patch, Free<git_patch_free>>;

// Frees a git_buf's memory (git_buf is a value, not a pointer, so it gets its own guard).
struct BufGuard
{
    git_buf buf = GIT_BUF_INIT;
    BufGuard() = default;
    BufGuard(const BufGuard&) = delete;
    BufGuard& operator=(const BufGuard&) = delete;
    ~BufGuard() { git_buf_dispose(&buf); }
};

} // namespace shiplog::core::git
