// libFuzzer target for forge API answers: each forge's client (GitHub, GitLab, Gitea, Bitbucket,
// Azure DevOps) reads an answer of any status and body. Never a crash or a hang, and never the
// token in a message, whatever the body quotes. Run: tests/fuzz/run.sh
#include "core/forge/forge_client.h"
#include "core/forge/http_session.h"
#include "core/forge/remote_url.h"

#include <cstdint>
#include <cstdlib>

using namespace shiplog::core::forge;

namespace {

const QString kToken = QStringLiteral("ghp_fuzzTokenValue0123456789");

// Answers every request with the fuzzer's status and body.
class CannedSession : public HttpSession
{
public:
    HttpReply reply;
    HttpReply send(const QByteArray&, const QUrl&, const Headers&, const QByteArray&) override
    {
        return reply;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    static const int statuses[] = {0, 200, 201, 401, 403, 404, 409, 422, 500, 502};
    static const char* remotes[] = {"https://github.com/o/r.git", "https://gitlab.com/g/sub/r.git",
                                    "https://codeberg.org/o/r.git", "https://bitbucket.org/w/r.git",
                                    "https://dev.azure.com/org/proj/_git/repo"};
    static CannedSession session;
    session.reply = HttpReply{};
    session.reply.status = statuses[data[0] % std::size(statuses)];
    session.reply.body = QByteArray(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));
    if (session.reply.status == 0)
        session.reply.networkError = QString::fromUtf8(session.reply.body.left(64));
    const auto remote = parseRemoteUrl(QString::fromLatin1(remotes[data[1] % std::size(remotes)]));
    if (!remote)
        abort();
    const ForgeRepo repo = forgeRepo(*remote, detectForge(*remote));
    auto client = makeForgeClient(repo, kToken, QStringLiteral("fuzz"), session, ForgeOptions{0, 1});
    if (!client)
        abort();
    const PullRequestDraft draft{QStringLiteral("Revert \"x\""), QStringLiteral("body"),
                                 QStringLiteral("revert-abc"), QStringLiteral("main")};
    auto found = client->findOpen(draft.head, draft.base);
    if (!found && found.error().message.contains(kToken))
        abort();
    auto created = openPullRequest(*client, draft);
    if (!created && created.error().message.contains(kToken))
        abort();
    return 0;
}
