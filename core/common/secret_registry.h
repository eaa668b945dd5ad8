#pragma once

// Every secret this process holds (API tokens, kube bearer tokens, passwords from remote URLs),
// remembered so that text leaving the process can be scrubbed of them whatever its source: a
// forge's error body quoting the Authorization header, a git message quoting the remote URL.
// Header-only, thread-safe; areas below core/forge register here, core/forge/redact.h scrubs.
#include <QMutex>
#include <QSet>
#include <QString>

namespace shiplog::core {

namespace detail {
struct SecretRegistry
{
    QMutex lock;
    QSet<QString> secrets;
};
inline SecretRegistry& secretRegistry()
{
    static SecretRegistry registry;
    return registry;
}
} // namespace detail

// Secrets shorter than this are not remembered: replacing "ab" everywhere would garble text and
// such a value protects nothing.
inline constexpr qsizetype kMinSecretLength = 6;

inline void rememberSecret(const QString& secret)
{
    const QString s = secret.trimmed();
    if (s.size() < kMinSecretLength)
        return;
    detail::SecretRegistry& r = detail::secretRegistry();
    QMutexLocker locker(&r.lock);
    r.secrets.insert(s);
}

inline QList<QString> knownSecrets()
{
    detail::SecretRegistry& r = detail::secretRegistry();
    QMutexLocker locker(&r.lock);
    return r.secrets.values();
}

} // namespace shiplog::core
