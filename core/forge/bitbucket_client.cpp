// Bitbucket Cloud: API 2.0 pullrequests, addressed by workspace and repository slug.
#include "core/forge/forge_clients.h"

#include <QJsonArray>

namespace shiplog::core::forge::detail {

namespace {

class BitbucketClient final : public ForgeClient
{
public:
    using ForgeClient::ForgeClient;

    Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) override
    {
        const QString query =
            QStringLiteral("source.branch.name=\"%1\" AND destination.branch.name=\"%2\"").arg(head, base);
        const QString path = QStringLiteral("%1?state=OPEN&q=%2").arg(prPath(), enc(query));
        auto answer = call("GET", path);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status != 200)
            return std::unexpected(answerError("GET", path, *answer));
        const QJsonArray list = answer->json.object().value(QLatin1String("values")).toArray();
        if (list.isEmpty())
            return std::optional<PullRequest>();
        return std::optional<PullRequest>(fromJson(list.first().toObject()));
    }

    Result<PullRequest> create(const PullRequestDraft& draft) override
    {
        const auto branch = [](const QString& name) {
            return QJsonObject{{QStringLiteral("branch"), QJsonObject{{QStringLiteral("name"), name}}}};
        };
        const QJsonObject body{{QStringLiteral("title"), draft.title},
                               {QStringLiteral("description"), draft.body},
                               {QStringLiteral("source"), branch(draft.head)},
                               {QStringLiteral("destination"), branch(draft.base)},
                               {QStringLiteral("close_source_branch"), true}};
        auto answer = call("POST", prPath(), body);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status == 201 || answer->status == 200)
            return fromJson(answer->json.object());
        if (answer->status == 400 || answer->status == 409) {
            auto existing = findOpen(draft.head, draft.base);
            if (existing && *existing) {
                PullRequest pr = **existing;
                pr.existed = true;
                return pr;
            }
        }
        return std::unexpected(answerError("POST", prPath(), *answer));
    }

protected:
    Headers authHeaders() const override { return {{"Authorization", "Bearer " + m_token.toUtf8()}}; }

private:
    QString prPath() const
    {
        return QStringLiteral("/repositories/%1/%2/pullrequests")
            .arg(enc(m_repo.remote.owner()), enc(m_repo.remote.name()));
    }
    static PullRequest fromJson(const QJsonObject& o)
    {
        const QString url = o.value(QLatin1String("links"))
                                .toObject()
                                .value(QLatin1String("html"))
                                .toObject()
                                .value(QLatin1String("href"))
                                .toString();
        return PullRequest{url, o.value(QLatin1String("id")).toInt(), false};
    }
};

} // namespace

std::unique_ptr<ForgeClient> makeBitbucket(const ForgeRepo& r, const QString& t, const QString& s,
                                           HttpSession& h, ForgeOptions o)
{
    return std::make_unique<BitbucketClient>(r, t, s, h, o);
}

} // namespace shiplog::core::forge::detail
