// Gitea and Forgejo: API v1 pulls.
#include "core/forge/forge_clients.h"

#include <QJsonArray>

namespace shiplog::core::forge::detail {

namespace {

class GiteaClient final : public ForgeClient
{
public:
    using ForgeClient::ForgeClient;

    Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) override
    {
        // The list cannot be filtered by head branch: page through open pulls (bounded).
        for (int page = 1; page <= 20; ++page) {
            const QString path = QStringLiteral("%1?state=open&limit=50&page=%2").arg(pullsPath()).arg(page);
            auto answer = call("GET", path);
            if (!answer)
                return std::unexpected(answer.error());
            if (answer->status != 200)
                return std::unexpected(answerError("GET", path, *answer));
            const QJsonArray list = answer->json.array();
            for (const QJsonValue v : list) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1String("head")).toObject().value(QLatin1String("ref")).toString() ==
                        head &&
                    o.value(QLatin1String("base")).toObject().value(QLatin1String("ref")).toString() == base)
                    return std::optional<PullRequest>(fromJson(o));
            }
            if (list.size() < 50)
                break;
        }
        return std::optional<PullRequest>();
    }

    Result<PullRequest> create(const PullRequestDraft& draft) override
    {
        const QJsonObject body{{QStringLiteral("head"), draft.head},
                               {QStringLiteral("base"), draft.base},
                               {QStringLiteral("title"), draft.title},
                               {QStringLiteral("body"), draft.body}};
        auto answer = call("POST", pullsPath(), body);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status == 201 || answer->status == 200)
            return fromJson(answer->json.object());
        if (answer->status == 409) { // a pull request for these branches exists
            auto existing = findOpen(draft.head, draft.base);
            if (existing && *existing) {
                PullRequest pr = **existing;
                pr.existed = true;
                return pr;
            }
        }
        return std::unexpected(answerError("POST", pullsPath(), *answer));
    }

protected:
    Headers authHeaders() const override { return {{"Authorization", "token " + m_token.toUtf8()}}; }

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

std::unique_ptr<ForgeClient> makeGitea(const ForgeRepo& r, const QString& t, const QString& s, HttpSession& h,
                                       ForgeOptions o)
{
    return std::make_unique<GiteaClient>(r, t, s, h, o);
}

} // namespace shiplog::core::forge::detail
