#pragma once

#include <QString>
#include <expected>

namespace shiplog::core {

// A failure as a value: a sentence a user can act on, created on the thread where it happened.
struct Error
{
    QString message; // complete, human-readable ("'/tmp/x' is not a git repository")
    int code = 0;    // the library's code where one exists (libgit2 error code, HTTP status), else 0
};

template <typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(QString message, int code = 0)
{
    return std::unexpected<Error>(Error{std::move(message), code});
}

} // namespace shiplog::core
