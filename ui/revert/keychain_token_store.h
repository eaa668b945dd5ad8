#pragma once

// API tokens in the system keychain (Secret Service, macOS Keychain, Windows Credential Manager)
// through QtKeychain. Never a plaintext fallback: without a keychain the calls fail with a message
// that says so. Asynchronous (the keychain may ask the user to unlock it); callbacks run on the
// GUI thread. A job gets a MemoryTokenStore copy read before it starts (readAll).
#include "core/forge/tokens.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace shiplog::ui {

class KeychainTokenStore : public QObject
{
    Q_OBJECT
public:
    explicit KeychainTokenStore(QObject* parent = nullptr);

    // The keychain service name and the key of a host's token ("forge-token:github.com").
    static QString serviceName();
    static QString keyFor(const QString& host);

    // `error` is empty on success. A missing entry is not an error: the token is nullopt.
    using ReadDone = std::function<void(std::optional<QString> token, QString error)>;
    using WriteDone = std::function<void(QString error)>;
    using ReadAllDone =
        std::function<void(std::shared_ptr<core::forge::MemoryTokenStore> store, QStringList errors)>;

    void read(const QString& host, ReadDone done);
    void write(const QString& host, const QString& token, WriteDone done);
    void remove(const QString& host, WriteDone done);
    // Reads the tokens of all `hosts` (sequentially: one keychain prompt at a time).
    void readAll(const QStringList& hosts, ReadAllDone done);

    // Overrides the service name (tests use their own, so nothing of the user's is touched).
    void setServiceName(const QString& name) { m_service = name; }

private:
    QString m_service;
};

} // namespace shiplog::ui
