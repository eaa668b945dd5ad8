// Azure DevOps Services: Git pull requests API 6.0, Basic authentication with an empty user and
// the personal access token as password.
#include "core/forge/forge_clients.h"

#include <QJsonArray>

namespace shiplog::core::forge::detail {

namespace {

class AzureClient final : public ForgeClient
{
public:
    using ForgeClient::ForgeClient;

    Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) override
    {
        const QString path =
            QStringLiteral("%1?api-version=6.0&searchCriteria.status=active"
                           "&searchCriteria.sourceRefName=%2&searchCriteria.targetRefName=%3")
                .arg(prPath(), enc(QStringLiteral("refs/heads/") + head),
                     enc(QStringLiteral("refs/heads/") + base));
        auto answer = call("GET", path);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status != 200)
            return std::unexpected(answerError("GET", path, *answer));
        const QJsonArray list = answer->json.object().value(QLatin1String("value")).toArray();
        if (list.isEmpty())
            return std::optional<PullRequest>();
        return std::optional<PullRequest>(fromJson(list.first().toObject()));
    }

    Result<PullRequest> create(const PullRequestDraft& draft) override
    {
        const QJsonObject body{{QStringLiteral("sourceRefName"), QStringLiteral("refs/heads/") + draft.head},
                               {QStringLiteral("targetRefName"), QStringLiteral("refs/heads/") + draft.base},
                               {QStringLiteral("title"), draft.title},
                               {QStringLiteral("description"), draft.body.left(4000)}}; // Azure's limit
        const QString path = prPath() + QStringLiteral("?api-version=6.0");
        auto answer = call("POST", path, body);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status == 201 || answer->status == 200)
            return fromJson(answer->json.object());
        if (answer->status == 409) { // TF401179: an active pull request for these branches exists
            auto existing = findOpen(draft.head, draft.base);
            if (existing && *existing) {
                PullRequest pr = **existing;
                pr.existed = true;
                return pr;
            }
        }
        return std::unexpected(answerError("POST", path, *answer));
    }

protected:
    Headers authHeaders() const override
    {
        return {{"Authorization", "Basic " + (QByteArray(":") + m_token.toUtf8()).toBase64()}};
    }

private:
    QString prPath() const
    {
        return QStringLiteral("/%1/_apis/git/repositories/%2/pullrequests")
            .arg(enc(m_repo.remote.azureProject), enc(m_repo.remote.azureRepository));
    }
    PullRequest fromJson(const QJsonObject& o) const
    {
        const int id = o.value(QLatin1String("pullRequestId")).toInt();
        QString web =
            o.value(QLatin1String("repository")).toObject().value(QLatin1String("webUrl")).toString();
        if (web.isEmpty())
            web = m_repo.webRepo;
        return PullRequest{web + QStringLiteral("/pullrequest/") + QString::number(id), id, false};
    }
};

} // namespace

std::unique_ptr<ForgeClient> makeAzure(const ForgeRepo& r, const QString& t, const QString& s, HttpSession& h,
                                       ForgeOptions o)
{
    return std::make_unique<AzureClient>(r, t, s, h, o);
}

} // namespace shiplog::core::forge::detail
