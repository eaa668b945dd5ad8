#pragma once

#include "core/common/error.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <array>
#include <compare>
#include <cstring>

namespace shiplog::core::git {

// A git object id (SHA-1) as a plain value: what core/git hands out instead of libgit2's git_oid.
struct ObjectId
{
    static constexpr int kSize = 20;
    std::array<unsigned char, kSize> bytes{};

    bool isNull() const { return bytes == std::array<unsigned char, kSize>{}; }
    QString toString() const; // 40 hex digits
    QByteArray toRaw() const { return QByteArray(reinterpret_cast<const char*>(bytes.data()), kSize); }
    // A full 40-digit id, or an error naming `hex`.
    static Result<ObjectId> fromString(const QString& hex);

    auto operator<=>(const ObjectId&) const = default;
};

// Object ids are uniformly distributed already: their first bytes are a hash.
inline size_t qHash(const ObjectId& id, size_t seed = 0) noexcept
{
    size_t h;
    std::memcpy(&h, id.bytes.data(), sizeof h);
    return h ^ seed;
}
struct ObjectIdHash
{
    size_t operator()(const ObjectId& id) const noexcept { return qHash(id); }
};

} // namespace shiplog::core::git
