#pragma once

// The one place where secrets are taken out of text that leaves the process (CLI output, JSON,
// logs, the GUI's messages): every message built from a remote URL, a forge's answer, a git or
// server message passes through scrubSecrets before a user or a log can see it.
#include <QString>

namespace shiplog::core::forge {

// "https://x-access-token:ghp_…@host/o/r.git" → "https://***@host/o/r.git". Userinfo with a
// password is always redacted; a user name alone only for http(s), where it may itself be a token
// ("https://ghp_…@github.com/…"); ssh's "git@" stays. Anything that is not a URL is returned as is.
QString redactUrl(const QString& url);

// Redacts the userinfo of every URL inside `text`, replaces every secret the process knows
// (core/common/secret_registry.h) with "***", and masks what looks like credentials whatever their
// source: "Bearer …", "Authorization: token …", "PRIVATE-TOKEN: …", GitHub and GitLab token formats.
QString scrubSecrets(const QString& text);

// Remembers the password (and, for http(s), the user name) of a URL's userinfo as secrets.
void rememberUrlSecrets(const QString& url);

} // namespace shiplog::core::forge
