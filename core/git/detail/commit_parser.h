#pragma once

// Reads commit objects straight from their raw bytes, the way git's own `log` does: the history
// walk needs the parents and the committer time of every commit before it needs anything else, and
// building a git_commit for each one costs several allocations that a 100,000-commit walk feels.
#include "core/git/commit_info.h"

#include <QStringDecoder>
#include <QVarLengthArray>
#include <git2.h>

namespace shiplog::core::git::detail {

// Where the parts of one raw commit are; pointers into the object's buffer (valid while it lives).
struct CommitHeader
{
    git_oid tree{};
    QVarLengthArray<git_oid, 2> parents;
    qint64 commitTime = 0;        // committer time: what git log orders by
    const char* author = nullptr; // "Name <email> 1714550400 +0200" (without "author ")
    qsizetype authorSize = 0;
    const char* committer = nullptr;
    qsizetype committerSize = 0;
    const char* encoding = nullptr; // the "encoding" header's value, when present
    qsizetype encodingSize = 0;
    const char* message = nullptr; // after the blank line that ends the header
    qsizetype messageSize = 0;
};

// Splits a raw commit; false when it is not a well-formed commit (no tree or no committer line).
bool parseCommitHeader(const char* data, qsizetype size, CommitHeader& header);

// A person line as git's split_ident_line reads it: name before '<' (trailing blanks dropped),
// e-mail between '<' and '>', then seconds and a "+hhmm" zone after the last '>'.
Person parsePerson(const char* line, qsizetype size, QStringDecoder* decoder = nullptr);

// Subject and body exactly as git's %s and %b: leading blank lines skipped, the subject is the
// first paragraph with its lines right-trimmed and joined by spaces, the body is what follows the
// blank lines after it (here without trailing whitespace).
void splitMessage(const QString& message, QString& subject, QString& body);

// The full value for one commit (decodes names and message as UTF-8 or the commit's encoding).
CommitInfo toCommitInfo(const git_oid& id, const CommitHeader& header);

// Parses "+0200" / "-0130" into minutes east of UTC.
int parseZoneMinutes(const char* begin, const char* end);

} // namespace shiplog::core::git::detail
