#pragma once

#include "core/common/error.h"
#include "core/forge/http_session.h"
#include "core/forge/remote_url.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

namespace shiplog::core::forge {

struct PullRequestDraft
{
    QString title;
    QString body;
    QString head; // the new branch
    QString base; // the branch it merges into
};

struct PullRequest
{
    QString url;          // the web page, for people
    int number = 0;       // GitHub/Gitea number, GitLab iid, Bitbucket/Azure id
    bool existed = false; // it was open already for this branch and was not created again
};

struct ForgeOptions
{
    int retryDelayMs = 1500; // first pause before retrying GitHub's transient "No commits between" (doubles)
    int maxRetries = 4;
};

// One forge's REST API for one repository. Talks through an HttpSession (blocking, worker thread).
class ForgeClient
{
public:
    ForgeClient(ForgeRepo repo, QString token, QString tokenSource, HttpSession& http, ForgeOptions options);
    virtual ~ForgeClient() = default;
    ForgeClient(const ForgeClient&) = delete;
    ForgeClient& operator=(const ForgeClient&) = delete;

    // The open pull request from `head` into `base`, or nullopt when there is none.
    virtual Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) = 0;
    // Creates the pull request; when the forge answers that one exists already, finds and returns it
    // with existed = true.
    virtual Result<PullRequest> create(const PullRequestDraft& draft) = 0;

    const ForgeRepo& repo() const { return m_repo; }

protected:
    struct Answer
    {
        int status = 0;
        QJsonDocument json;
        QByteArray body;
    };
    virtual Headers authHeaders() const = 0;
    // Calls `apiBase + pathAndQuery` (already percent-encoded); a network failure is an Error,
    // any HTTP status is an Answer.
    Result<Answer> call(const QByteArray& method, const QString& pathAndQuery, const QJsonObject& body = {});
    // "GitLab answered 401 to POST https://…: 401 Unauthorized (token from GITLAB_TOKEN)."
    Error answerError(const QByteArray& method, const QString& pathAndQuery, const Answer& answer) const;
    static QString enc(const QString& value); // percent-encodes everything but unreserved characters
    QString forgeTitle() const;

    ForgeRepo m_repo;
    QString m_token;
    QString m_tokenSource;
    HttpSession& m_http;
    ForgeOptions m_options;
};

std::unique_ptr<ForgeClient> makeForgeClient(const ForgeRepo& repo, const QString& token,
                                             const QString& tokenSource, HttpSession& http,
                                             ForgeOptions options = {});

// Finds an open pull request for draft.head → draft.base, else creates one (never a duplicate).
Result<PullRequest> openPullRequest(ForgeClient& client, const PullRequestDraft& draft);

// The forge's prefilled "new pull request" page (percent-encoded), for when there is no API token.
QString browserPullRequestUrl(const ForgeRepo& repo, const PullRequestDraft& draft);
QString commitWebUrl(const ForgeRepo& repo, const QString& commitId);
QString pullRequestWebUrl(const ForgeRepo& repo, int number);
QString displayName(ForgeKind kind); // "GitHub", "GitLab", "Gitea", "Bitbucket", "Azure DevOps"

} // namespace shiplog::core::forge
