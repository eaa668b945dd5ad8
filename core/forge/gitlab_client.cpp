// GitLab (gitlab.com and self-managed): merge requests API v4; the project is addressed by its
// full path (subgroups included) with "/" encoded as %2F.
#include "core/forge/forge_clients.h"

#include <QJsonArray>

namespace shiplog::core::forge::detail {

namespace {

class GitLabClient final : public ForgeClient
{
public:
    using ForgeClient::ForgeClient;

    Result<std::optional<PullRequest>> findOpen(const QString& head, const QString& base) override
    {
        const QString path = QStringLiteral("%1?source_branch=%2&target_branch=%3&state=opened")
                                 .arg(mrPath(), enc(head), enc(base));
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
        const QJsonObject body{{QStringLiteral("source_branch"), draft.head},
                               {QStringLiteral("target_branch"), draft.base},
                               {QStringLiteral("title"), draft.title},
                               {QStringLiteral("description"), draft.body},
                               {QStringLiteral("remove_source_branch"), true}};
        auto answer = call("POST", mrPath(), body);
        if (!answer)
            return std::unexpected(answer.error());
        if (answer->status == 201 || answer->status == 200)
            return fromJson(answer->json.object());
        if (answer->status == 409) { // "Another open merge request already exists for this source branch"
            auto existing = findOpen(draft.head, draft.base);
            if (existing && *existing) {
                PullRequest pr = **existing;
                pr.existed = true;
                return pr;
            }
        }
        return std::unexpected(answerError("POST", mrPath(), *answer));
    }

protected:
    Headers authHeaders() const override { return {{"PRIVATE-TOKEN", m_token.toUtf8()}}; }

private:
    QString mrPath() const
    {
        return QStringLiteral("/projects/%1/merge_requests").arg(enc(m_repo.remote.path));
    }
    static PullRequest fromJson(const QJsonObject& o)
    {
        return PullRequest{o.value(QLatin1String("web_url")).toString(),
                           o.value(QLatin1String("iid")).toInt(), false};
    }
};

} // namespace

std::unique_ptr<ForgeClient> makeGitLab(const ForgeRepo& r, const QString& t, const QString& s,
                                        HttpSession& h, ForgeOptions o)
{
    return std::make_unique<GitLabClient>(r, t, s, h, o);
}

} // namespace shiplog::core::forge::detail
