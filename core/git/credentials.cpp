#include "core/git/credentials.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QUrl>
#include <git2.h>

namespace shiplog::core::git {

namespace {
// Past this many callbacks in one operation something loops: stop whatever the sources say.
constexpr int kMaxCallbacks = 12;

QString withoutSecrets(const QString& url)
{
    QUrl u(url);
    u.setPassword(QString());
    u.setQuery(QString());
    return u.isValid() && !u.scheme().isEmpty() ? u.toString() : url;
}
} // namespace

CredentialSession::CredentialSession(TokenLookup token, QString workingDirectory, bool useCredentialHelpers)
    : m_token(std::move(token)), m_workingDirectory(std::move(workingDirectory)),
      m_useHelpers(useCredentialHelpers)
{
}

int credentialCallback(git_credential** out, const char* url, const char* usernameFromUrl,
                       unsigned int allowed, void* payload)
{
    return static_cast<CredentialSession*>(payload)->acquire(out, url, usernameFromUrl, allowed);
}

int CredentialSession::acquire(git_credential** out, const char* rawUrl, const char* usernameFromUrl,
                               unsigned int allowed)
{
    if (m_isCanceled && m_isCanceled())
        return GIT_EUSER;
    const QString url = withoutSecrets(QString::fromUtf8(rawUrl ? rawUrl : ""));
    const QString username = QString::fromUtf8(usernameFromUrl ? usernameFromUrl : "");
    if (++m_callbacks > kMaxCallbacks)
        return giveUp(url, QStringLiteral("%1 attempts").arg(kMaxCallbacks));
    if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
        return https(out, url, username, m_states[url + QStringLiteral("\nhttps")]);
    if (allowed & (GIT_CREDENTIAL_SSH_KEY | GIT_CREDENTIAL_USERNAME))
        return ssh(out, url, username, allowed, m_states[url + QStringLiteral("\nssh")]);
    return giveUp(url, QStringLiteral("no supported authentication method was offered"));
}

int CredentialSession::https(git_credential** out, const QString& url, const QString& username, State& state)
{
    // Sources in order: 0 the forge token, 1 the user's git credential helpers.
    if (state.replay && state.lastSecret) {
        state.replay = false;
        return git_credential_userpass_plaintext_new(out, state.lastSecret->username.toUtf8().constData(),
                                                     state.lastSecret->password.toUtf8().constData());
    }
    if (state.last == 1 && state.next > 1 && m_helperSecret && !m_helperRejected) {
        credentialHelper("reject", m_helperSecret->first,
                         m_helperSecret->second); // the helper's answer was refused
        m_helperRejected = true;
    }
    while (state.next <= 1) {
        const int source = state.next++;
        std::optional<HttpsSecret> secret;
        if (source == 0 && m_token)
            secret = m_token(url);
        else if (source == 1 && m_useHelpers)
            secret = credentialFill(url, username);
        if (!secret)
            continue;
        if (source == 1)
            m_helperSecret = std::make_pair(url, *secret);
        state.last = source;
        state.lastSecret = secret;
        return git_credential_userpass_plaintext_new(out, secret->username.toUtf8().constData(),
                                                     secret->password.toUtf8().constData());
    }
    if (state.last == 1 && m_helperSecret && !m_helperRejected) {
        credentialHelper("reject", m_helperSecret->first, m_helperSecret->second);
        m_helperRejected = true;
    }
    return giveUp(
        url, m_useHelpers
                 ? QStringLiteral("the forge token and git credential helpers were refused or unavailable")
                 : QStringLiteral("the forge token was refused or unavailable"));
}

int CredentialSession::ssh(git_credential** out, const QString& url, const QString& username,
                           unsigned int allowed, State& state)
{
    const QString user = username.isEmpty() ? QStringLiteral("git") : username;
    if (allowed & GIT_CREDENTIAL_USERNAME && !(allowed & GIT_CREDENTIAL_SSH_KEY))
        return git_credential_username_new(out, user.toUtf8().constData());
    // Sources: 0 ssh-agent, 1 ~/.ssh/id_ed25519, 2 ~/.ssh/id_rsa.
    if (state.replay && state.last >= 0) {
        state.replay = false;
        if (const int rc = sshSource(out, user, state.last); rc <= 0)
            return rc;
    }
    while (state.next <= 2) {
        const int source = state.next++;
        const int rc = sshSource(out, user, source);
        if (rc > 0)
            continue; // not available here
        state.last = source;
        return rc;
    }
    return giveUp(
        url, QStringLiteral("ssh-agent, ~/.ssh/id_ed25519 and ~/.ssh/id_rsa were refused or unavailable"));
}

int CredentialSession::sshSource(git_credential** out, const QString& user, int source)
{
    if (source == 0) {
        if (qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
            return 1;
        return git_credential_ssh_key_from_agent(out, user.toUtf8().constData());
    }
    const QString key = QDir::home().filePath(source == 1 ? QStringLiteral(".ssh/id_ed25519")
                                                          : QStringLiteral(".ssh/id_rsa"));
    if (!QFileInfo::exists(key))
        return 1;
    const QString pub = key + QStringLiteral(".pub");
    return git_credential_ssh_key_new(out, user.toUtf8().constData(),
                                      QFileInfo::exists(pub) ? QFile::encodeName(pub).constData() : nullptr,
                                      QFile::encodeName(key).constData(), nullptr);
}

int CredentialSession::giveUp(const QString& url, const QString& tried)
{
    m_failure = QStringLiteral("Authentication failed for %1 (%2).").arg(url, tried);
    git_error_set_str(GIT_ERROR_NET, m_failure.toUtf8().constData());
    return GIT_EAUTH;
}

void CredentialSession::connectionSucceeded()
{
    // The next connection (fetch, then push) starts again with what worked.
    for (State& s : m_states) {
        if (s.last >= 0) {
            s.replay = true;
            s.next = s.last + 1;
        }
    }
}

void CredentialSession::finish(bool success)
{
    if (!m_helperSecret)
        return;
    if (success)
        credentialHelper("approve", m_helperSecret->first, m_helperSecret->second);
    else if (!m_helperRejected)
        credentialHelper("reject", m_helperSecret->first, m_helperSecret->second);
    m_helperSecret.reset();
}

namespace {
QByteArray describe(const QString& url, const QString& username, const QString& password)
{
    const QUrl u(url);
    QByteArray text = "protocol=" + u.scheme().toUtf8() + "\nhost=" + u.host().toUtf8();
    if (u.port() > 0)
        text += ':' + QByteArray::number(u.port());
    text += '\n';
    QString path = u.path();
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty())
        text += "path=" + path.toUtf8() + '\n';
    if (!username.isEmpty())
        text += "username=" + username.toUtf8() + '\n';
    if (!password.isEmpty())
        text += "password=" + password.toUtf8() + '\n';
    return text + '\n';
}

QProcess* startGitCredential(QProcess& process, const QByteArray& action, const QString& workingDirectory)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"),
               QStringLiteral("0")); // never wait on a terminal nobody sees
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral("git"), {QStringLiteral("credential"), QString::fromLatin1(action)});
    return &process;
}
} // namespace

std::optional<HttpsSecret> CredentialSession::credentialFill(const QString& url, const QString& username)
{
    QProcess process;
    startGitCredential(process, "fill", m_workingDirectory);
    if (!process.waitForStarted(5000))
        return std::nullopt;
    process.write(describe(url, username, {}));
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    HttpsSecret secret;
    secret.source = QStringLiteral("git credential fill");
    for (const QByteArray& line : process.readAllStandardOutput().split('\n')) {
        if (line.startsWith("username="))
            secret.username = QString::fromUtf8(line.mid(9));
        else if (line.startsWith("password="))
            secret.password = QString::fromUtf8(line.mid(9));
    }
    if (secret.password.isEmpty())
        return std::nullopt;
    return secret;
}

void CredentialSession::credentialHelper(const QByteArray& action, const QString& url,
                                         const HttpsSecret& secret)
{
    QProcess process;
    startGitCredential(process, action, m_workingDirectory);
    if (!process.waitForStarted(5000))
        return;
    process.write(describe(url, secret.username, secret.password));
    process.closeWriteChannel();
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
    }
}

} // namespace shiplog::core::git
