#pragma once

// libgit2 stays opaque here: only core/git's .cpp files include <git2.h>.
struct git_credential;

#include <QHash>
#include <QString>
#include <functional>
#include <optional>

namespace shiplog::core::git {

// A user name and password for HTTPS (a forge token used as password, or a credential helper's answer).
struct HttpsSecret
{
    QString username;
    QString password; // never logged or shown
    QString source;   // "GH_TOKEN", "git credential fill", … for messages
};

// Answers libgit2's credential callback for one operation, trying the sources users already keep,
// each once per URL, and giving up with "authentication failed for <url>" when they are exhausted
// (libgit2 asks again after every 401 without saying the last answer failed: the count is the only
// way to tell). HTTPS: the token, then `git credential fill` (approve/reject afterwards). SSH: the
// user name, ssh-agent, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa.
class CredentialSession
{
public:
    using TokenLookup = std::function<std::optional<HttpsSecret>(const QString& url)>;
    // `workingDirectory` is where `git credential` runs (the user's repository: its config applies).
    explicit CredentialSession(TokenLookup token = {}, QString workingDirectory = {},
                               bool useCredentialHelpers = true);

    // The body of git_remote_callbacks::credentials.
    int acquire(git_credential** out, const char* url, const char* usernameFromUrl,
                unsigned int allowedTypes);
    // A connection got through: what answered last is kept for the next connection (and approved).
    void connectionSucceeded();
    // The operation is over: approve (success) or reject (auth failure) what `git credential fill` gave.
    void finish(bool success);

    int callbacks() const { return m_callbacks; } // how often libgit2 asked, over the whole session
    QString failure() const { return m_failure; } // set when the sources were exhausted
    void setCanceledCheck(std::function<bool()> isCanceled) { m_isCanceled = std::move(isCanceled); }

private:
    struct State
    {
        int next = 0;        // index of the source to try at the next callback
        int last = -1;       // the source answered last
        bool replay = false; // a new connection: answer again what got the last one through
        std::optional<HttpsSecret> lastSecret;
    };
    int sshSource(git_credential** out, const QString& user, int source);
    int https(git_credential** out, const QString& url, const QString& username, State& state);
    int ssh(git_credential** out, const QString& url, const QString& username, unsigned int allowed,
            State& state);
    int giveUp(const QString& url, const QString& tried);
    std::optional<HttpsSecret> credentialFill(const QString& url, const QString& username);
    void credentialHelper(const QByteArray& action, const QString& url, const HttpsSecret& secret);

    TokenLookup m_token;
    QString m_workingDirectory;
    bool m_useHelpers;
    std::function<bool()> m_isCanceled;
    QHash<QString, State> m_states;                                // key: url + "\n" + kind
    std::optional<std::pair<QString, HttpsSecret>> m_helperSecret; // url, secret from `git credential fill`
    bool m_helperRejected = false;
    int m_callbacks = 0;
    QString m_failure;
};

// The payload libgit2 hands to the credential callback must be the session.
int credentialCallback(git_credential** out, const char* url, const char* usernameFromUrl,
                       unsigned int allowed, void* payload);

} // namespace shiplog::core::git
