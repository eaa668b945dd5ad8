#include "core/forge/forge_client.h"

#include "core/common/secret_registry.h"
#include "core/forge/forge_clients.h"
#include "core/forge/redact.h"

#include <QJsonArray>
#include <QUrl>

namespace shiplog::core::forge {

ForgeClient::ForgeClient(ForgeRepo repo, QString token, QString tokenSource, HttpSession& http,
                         ForgeOptions options)
    : m_repo(std::move(repo)), m_token(std::move(token)), m_tokenSource(std::move(tokenSource)), m_http(http),
      m_options(options)
{
    rememberSecret(m_token); // however the caller found it, no output may show it
}

QString ForgeClient::enc(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
QString ForgeClient::forgeTitle() const
{
    return displayName(m_repo.kind);
}

Result<ForgeClient::Answer> ForgeClient::call(const QByteArray& method, const QString& pathAndQuery,
                                              const QJsonObject& body)
{
    const QUrl url = QUrl::fromEncoded((m_repo.apiBase + pathAndQuery).toUtf8(), QUrl::StrictMode);
    if (!url.isValid())
        return fail(QStringLiteral("'%1' is not a valid %2 API address")
                        .arg(m_repo.apiBase + pathAndQuery, forgeTitle()));
    Headers headers{{"User-Agent", "Shiplog/" SHIPLOG_VERSION}, {"Accept", "application/json"}};
    headers.append(authHeaders()); // after the defaults: a forge may ask for its own Accept
    QByteArray payload;
    if (!body.isEmpty()) {
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        headers.emplace_back("Content-Type", "application/json");
    }
    const HttpReply reply = m_http.send(method, url, headers, payload);
    if (reply.canceled)
        return fail(QStringLiteral("Canceled while talking to %1.").arg(forgeTitle()));
    if (reply.status == 0)
        return fail(
            scrubSecrets(QStringLiteral("Cannot reach %1 at %2: %3.")
                             .arg(forgeTitle(), url.toString(QUrl::RemoveQuery), reply.networkError)));
    return Answer{reply.status, QJsonDocument::fromJson(reply.body), reply.body};
}

Error ForgeClient::answerError(const QByteArray& method, const QString& pathAndQuery,
                               const Answer& answer) const
{
    // Forges put the reason in different fields; show the first one present, else the raw body.
    QString reason;
    const QJsonObject o = answer.json.object();
    for (const char* key : {"message", "error_description", "error"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString()) {
            reason = v.toString();
            break;
        }
        if (v.isObject() && v.toObject().value(QLatin1String("message")).isString()) {
            reason = v.toObject().value(QLatin1String("message")).toString(); // Bitbucket
            break;
        }
        if (v.isArray() && !v.toArray().isEmpty()) {
            reason = v.toArray().first().toString();
            break;
        }
    }
    for (const QJsonValue e : o.value(QLatin1String("errors")).toArray()) {
        const QString m = e.toObject().value(QLatin1String("message")).toString();
        if (!m.isEmpty())
            reason += (reason.isEmpty() ? QString() : QStringLiteral(": ")) + m;
    }
    if (reason.isEmpty())
        reason = QString::fromUtf8(answer.body.left(300)).trimmed();
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    QString text = QStringLiteral("%1 answered %2 to %3 %4")
                       .arg(forgeTitle())
                       .arg(answer.status)
                       .arg(QString::fromLatin1(method),
                            QUrl(m_repo.apiBase + pathAndQuery).toString(QUrl::RemoveQuery));
    if (!reason.isEmpty())
        text += QStringLiteral(": ") + reason;
    if (answer.status == 401 || answer.status == 403)
        text += QStringLiteral(" (the token from %1 was refused or lacks permission)").arg(m_tokenSource);
    // The body is the forge's (or a proxy's) text: it may quote the request's Authorization header.
    return Error{scrubSecrets(text + QLatin1Char('.')), answer.status};
}

std::unique_ptr<ForgeClient> makeForgeClient(const ForgeRepo& repo, const QString& token,
                                             const QString& tokenSource, HttpSession& http,
                                             ForgeOptions options)
{
    switch (repo.kind) {
    case ForgeKind::GitHub:
        return detail::makeGitHub(repo, token, tokenSource, http, options);
    case ForgeKind::GitLab:
        return detail::makeGitLab(repo, token, tokenSource, http, options);
    case ForgeKind::Gitea:
        return detail::makeGitea(repo, token, tokenSource, http, options);
    case ForgeKind::Bitbucket:
        return detail::makeBitbucket(repo, token, tokenSource, http, options);
    case ForgeKind::Azure:
        return detail::makeAzure(repo, token, tokenSource, http, options);
    case ForgeKind::Unknown:
        break;
    }
    return nullptr;
}

Result<PullRequest> openPullRequest(ForgeClient& client, const PullRequestDraft& draft)
{
    auto existing = client.findOpen(draft.head, draft.base);
    if (!existing)
        return std::unexpected(existing.error());
    if (*existing) {
        PullRequest pr = **existing;
        pr.existed = true;
        return pr;
    }
    return client.create(draft);
}

namespace {
QString enc(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
QString encBranch(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, "/"));
}
} // namespace

QString browserPullRequestUrl(const ForgeRepo& repo, const PullRequestDraft& d)
{
    switch (repo.kind) {
    case ForgeKind::GitHub:
    case ForgeKind::Gitea:
        return QStringLiteral("%1/compare/%2...%3?expand=1&title=%4&body=%5")
            .arg(repo.webRepo, encBranch(d.base), encBranch(d.head), enc(d.title), enc(d.body));
    case ForgeKind::GitLab:
        return QStringLiteral(
                   "%1/-/merge_requests/new?merge_request[source_branch]=%2&merge_request[target_branch]=%3"
                   "&merge_request[title]=%4&merge_request[description]=%5")
            .arg(repo.webRepo, enc(d.head), enc(d.base), enc(d.title), enc(d.body));
    case ForgeKind::Bitbucket:
        return QStringLiteral("%1/pull-requests/new?source=%2&dest=%3")
            .arg(repo.webRepo, enc(d.head), enc(d.base));
    case ForgeKind::Azure:
        return QStringLiteral("%1/pullrequestcreate?sourceRef=%2&targetRef=%3")
            .arg(repo.webRepo, enc(d.head), enc(d.base));
    case ForgeKind::Unknown:
        break;
    }
    return {};
}

QString commitWebUrl(const ForgeRepo& repo, const QString& id)
{
    switch (repo.kind) {
    case ForgeKind::GitHub:
    case ForgeKind::Gitea:
    case ForgeKind::Azure:
        return repo.webRepo + QStringLiteral("/commit/") + id;
    case ForgeKind::GitLab:
        return repo.webRepo + QStringLiteral("/-/commit/") + id;
    case ForgeKind::Bitbucket:
        return repo.webRepo + QStringLiteral("/commits/") + id;
    case ForgeKind::Unknown:
        break;
    }
    return {};
}

QString pullRequestWebUrl(const ForgeRepo& repo, int number)
{
    const QString n = QString::number(number);
    switch (repo.kind) {
    case ForgeKind::GitHub:
        return repo.webRepo + QStringLiteral("/pull/") + n;
    case ForgeKind::Gitea:
        return repo.webRepo + QStringLiteral("/pulls/") + n;
    case ForgeKind::GitLab:
        return repo.webRepo + QStringLiteral("/-/merge_requests/") + n;
    case ForgeKind::Bitbucket:
        return repo.webRepo + QStringLiteral("/pull-requests/") + n;
    case ForgeKind::Azure:
        return repo.webRepo + QStringLiteral("/pullrequest/") + n;
    case ForgeKind::Unknown:
        break;
    }
    return {};
}

QString displayName(ForgeKind kind)
{
    switch (kind) {
    case ForgeKind::GitHub:
        return QStringLiteral("GitHub");
    case ForgeKind::GitLab:
        return QStringLiteral("GitLab");
    case ForgeKind::Gitea:
        return QStringLiteral("Gitea");
    case ForgeKind::Bitbucket:
        return QStringLiteral("Bitbucket");
    case ForgeKind::Azure:
        return QStringLiteral("Azure DevOps");
    case ForgeKind::Unknown:
        break;
    }
    return QStringLiteral("the forge");
}

} // namespace shiplog::core::forge
