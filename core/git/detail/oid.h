#pragma once

// Between core/git's ObjectId and libgit2's git_oid (the same 20 bytes). core/git's .cpp files only.
#include "core/git/object_id.h"

#include <git2.h>

namespace shiplog::core::git::detail {

static_assert(sizeof(git_oid) == ObjectId::kSize, "libgit2 built for SHA-1 object ids");

inline const git_oid* toGit(const ObjectId& id)
{
    return reinterpret_cast<const git_oid*>(id.bytes.data());
}
inline ObjectId fromGit(const git_oid& oid)
{
    ObjectId id;
    std::memcpy(id.bytes.data(), oid.id, ObjectId::kSize);
    return id;
}

} // namespace shiplog::core::git::detail

namespace shiplog::core::git {

// A full 40-digit id as libgit2's git_oid, or an error naming `hex`.
inline Result<git_oid> oidFromString(const QString& hex)
{
    auto id = ObjectId::fromString(hex);
    if (!id)
        return std::unexpected(id.error());
    return *detail::toGit(*id);
}

} // namespace shiplog::core::git
