// GitHub and GitHub Enterprise Server: REST v3 pulls API.
#include "core/forge/forge_clients.h"

#include <QJsonArray>

namespace shiplog::core::forge::detail {

namespace {

class GitHubClient final : public ForgeClient
{
public:
    using ForgeClient::ForgeClient;

    Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) override
    {
        // GitHub filters by "owner:branch"; the head branch lives in the same repository.
        const QString path =
            QStringLiteral("%1?head=%2&base=%3&state=open")
                .arg(pullsPath(), enc(m_repo.remote.owner() + QLatin1Char(':') + head), enc(base));
        auto answer = call("GET", path);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status != 200)
            return std::unexpected(answerError("GET", path, *answer));
        const QJsonArray list = answer->json.array();
        if (list.isEmpty())
            return std::optional<PullRequest>();
        return std::optional<PullRequest>(fromJson(list.first().toObject()));
    }

    Result<PullRequest> create(const PullRequestDraft& draft) override
    {
        const QJsonObject body{
            {QStringLiteral("title"), draft.title}, {QStringLiteral("head"), draft.head},
            {QStringLiteral("base"), draft.base},   {QStringLiteral("body"), draft.body},
            {QStringLiteral("draft"), false},       {QStringLiteral("maintainer_can_modify"), true}};
        int delay = m_options.retryDelayMs;
        for (int attempt = 0;; ++attempt) {
            auto answer = call("POST", pullsPath(), body);
            if (!answer)
                return std::unexpected(answer.error());
            if (answer->status == 201 || answer->status == 200)
                return fromJson(answer->json.object());
            const QString text = QString::fromUtf8(answer->body);
            if (answer->status == 422 && text.contains(QLatin1String("already exists"))) {
                auto existing = findOpen(draft.head, draft.base);
                if (existing && *existing) {
                    PullRequest pr = **existing;
                    pr.existed = true;
                    return pr;
                }
            }
            // Right after a push GitHub may not have indexed the branch yet: retry a few times.
            if (answer->status == 422 && text.contains(QLatin1String("No commits between")) &&
                attempt < m_options.maxRetries) {
                if (!m_http.pause(delay))
                    return fail(QStringLiteral("Canceled while waiting for GitHub to see branch %1.")
                                    .arg(draft.head));
                delay *= 2;
                continue;
            }
            return std::unexpected(answerError("POST", pullsPath(), *answer));
        }
    }

protected:
    Headers authHeaders() const override
    {
        return {{"Authorization", "Bearer " + m_token.toUtf8()},
                {"X-GitHub-Api-Version", "2022-11-28"},
                {"Accept", "application/vnd.github+json"}};
    }

private:
    QString pullsPath() const
    {
        return QStringLiteral("/repos/%1/%2/pulls")
            .arg(enc(m_repo.remote.owner()), enc(m_repo.remote.name()));
    }
    static PullRequest fromJson(const QJsonObject& o)
    {
        return PullRequest{o.value(QLatin1String("html_url")).toString(),
                           o.value(QLatin1String("number")).toInt(), false};
    }
};

} // namespace

std::unique_ptr<ForgeClient> makeGitHub(const ForgeRepo& r, const QString& t, const QString& s,
                                        HttpSession& h, ForgeOptions o)
{
    return std::make_unique<GitHubClient>(r, t, s, h, o);
}

} // namespace shiplog::core::forge::detail
