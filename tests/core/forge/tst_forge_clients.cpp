// Each forge client against a loopback stand-in that checks what the real API checks: method,
// path, the exact auth header (401 otherwise) and the JSON body; it answers like the real API.
#include "core/forge/forge_client.h"
#include "tests/support/fixtures.h"
#include "tests/support/loopback_http.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTest>
#include <atomic>

using namespace shiplog;
using namespace shiplog::core::forge;
using test::HttpRequest;
using test::HttpResponse;

namespace {

HttpResponse json(int status, const QJsonValue& value)
{
    const QByteArray body =
        value.isArray() ? QJsonDocument(value.toArray()).toJson() : QJsonDocument(value.toObject()).toJson();
    return HttpResponse{status, {{"Content-Type", "application/json"}}, body, false};
}

// What differs between forges; the stub's behaviour (one list of open pull requests) is shared.
struct Flavour
{
    QByteArray createPath;  // exact, percent-encoded as the real API requires
    QByteArray createQuery; // e.g. "api-version=6.0"
    QByteArray authHeader, authValue;
    QString headField, baseField, titleField, bodyField; // JSON paths "a.b.c"
    int duplicateStatus;
    QJsonObject duplicateBody;
    std::function<QJsonObject(int number, const QString& head, const QString& base)> prJson;
    std::function<QJsonValue(const QJsonArray& prs)> listJson;
    std::function<bool(const HttpRequest&, const QString& head)> listMatches; // query filters
};

QString field(const QJsonObject& o, const QString& path)
{
    QJsonValue v = o;
    for (const QString& key : path.split(QLatin1Char('.')))
        v = v.toObject().value(key);
    return v.toString();
}

class ForgeStub
{
public:
    explicit ForgeStub(Flavour f)
        : m_f(std::move(f)), m_server([this](const HttpRequest& r) { return handle(r); })
    {
    }
    QString base() const { return m_server.baseUrl(); }
    std::atomic<int> posts{0}, gets{0}, transientNoCommits{0};
    QJsonObject lastBody() const
    {
        QMutexLocker l(&m_mutex);
        return m_lastBody;
    }

private:
    HttpResponse handle(const HttpRequest& r)
    {
        QMutexLocker lock(&m_mutex);
        if (r.header(m_f.authHeader) != m_f.authValue)
            return json(401, QJsonObject{{QStringLiteral("message"), QStringLiteral("Bad credentials")}});
        if (r.path != m_f.createPath)
            return json(404, QJsonObject{{QStringLiteral("message"),
                                          QStringLiteral("Not Found: ") + QString::fromUtf8(r.path)}});
        if (r.method == "GET") {
            ++gets;
            QJsonArray matches;
            for (const auto& [head, pr] : m_open)
                if (m_f.listMatches(r, head))
                    matches.append(pr);
            return json(200, m_f.listJson(matches));
        }
        if (r.method != "POST" || !r.query.startsWith(m_f.createQuery))
            return json(405, QJsonObject{{QStringLiteral("message"), QStringLiteral("method")}});
        ++posts;
        if (r.header("content-type") != "application/json")
            return json(415, QJsonObject{{QStringLiteral("message"), QStringLiteral("expects JSON")}});
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        m_lastBody = body;
        const QString head = field(body, m_f.headField), base = field(body, m_f.baseField);
        if (head.isEmpty() || base.isEmpty() || field(body, m_f.titleField).isEmpty() ||
            field(body, m_f.bodyField).isEmpty())
            return json(400, QJsonObject{{QStringLiteral("message"), QStringLiteral("missing fields")}});
        if (transientNoCommits > 0) {
            --transientNoCommits;
            return json(
                422, QJsonObject{{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                                 {QStringLiteral("errors"),
                                  QJsonArray{QJsonObject{
                                      {QStringLiteral("message"),
                                       QStringLiteral("No commits between %1 and %2").arg(base, head)}}}}});
        }
        for (const auto& open : m_open)
            if (open.first == head)
                return json(m_f.duplicateStatus, m_f.duplicateBody);
        const QJsonObject pr = m_f.prJson(int(m_open.size()) + 1, head, base);
        m_open.emplace_back(head, pr);
        return json(201, pr);
    }

    Flavour m_f;
    mutable QMutex m_mutex;
    QJsonObject m_lastBody;
    std::vector<std::pair<QString, QJsonObject>> m_open;
    test::LoopbackHttpServer m_server;
};

QByteArray queryValue(const HttpRequest& r, const QByteArray& key)
{
    for (const QByteArray& item : r.query.split('&'))
        if (item.startsWith(key + '='))
            return QByteArray::fromPercentEncoding(item.mid(key.size() + 1));
    return {};
}

const PullRequestDraft kDraft{QStringLiteral("Revert \"Bump web\""),
                              QStringLiteral("This reverts commit abc."), QStringLiteral("revert-abc1234"),
                              QStringLiteral("main")};

} // namespace

class TestForgeClients : public QObject
{
    Q_OBJECT

    // The scenario every forge goes through: wrong token, create, duplicate, find, second branch.
    void scenario(ForgeStub& stub, const QString& remote, ForgeKind kind, const QString& apiSuffix,
                  const QString& expectedUrl)
    {
        const auto url = parseRemoteUrl(remote);
        QVERIFY(url.has_value());
        const ForgeRepo repo = forgeRepo(*url, kind, stub.base() + apiSuffix);
        HttpSession http;

        auto wrong = makeForgeClient(repo, QStringLiteral("wrong"), QStringLiteral("TEST_TOKEN"), http);
        auto refused = wrong->create(kDraft);
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QStringLiteral("answered 401")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("TEST_TOKEN")),
                 qPrintable(refused.error().message));
        QVERIFY(
            !refused.error().message.contains(QStringLiteral("wrong"))); // the token itself is never shown

        auto client =
            makeForgeClient(repo, QStringLiteral("tok"), QStringLiteral("TEST_TOKEN"), http, {10, 4});
        auto created = client->create(kDraft);
        QVERIFY2(created.has_value(), test::why(created).constData());
        QCOMPARE(created->url, expectedUrl);
        QCOMPARE(created->number, 1);
        QVERIFY(!created->existed);

        // The identical request again: the forge refuses the duplicate and the open one is reported.
        auto again = client->create(kDraft);
        QVERIFY2(again.has_value(), test::why(again).constData());
        QVERIFY(again->existed);
        QCOMPARE(again->url, expectedUrl);

        // openPullRequest looks first and does not post at all.
        const int postsBefore = stub.posts;
        auto found = openPullRequest(*client, kDraft);
        QVERIFY2(found.has_value(), test::why(found).constData());
        QVERIFY(found->existed);
        QCOMPARE(found->number, 1);
        QCOMPARE(stub.posts.load(), postsBefore);

        PullRequestDraft other = kDraft;
        other.head = QStringLiteral("revert-def5678");
        auto second = openPullRequest(*client, other);
        QVERIFY2(second.has_value(), test::why(second).constData());
        QVERIFY(!second->existed);
        QCOMPARE(second->number, 2);
    }

private slots:
    void github()
    {
        Flavour f;
        f.createPath = "/repos/acme/env/pulls";
        f.authHeader = "authorization";
        f.authValue = "Bearer tok";
        f.headField = QStringLiteral("head");
        f.baseField = QStringLiteral("base");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("body");
        f.duplicateStatus = 422;
        f.duplicateBody =
            QJsonObject{{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                        {QStringLiteral("errors"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("message"),
                              QStringLiteral("A pull request already exists for acme:revert-abc1234.")}}}}};
        f.prJson = [](int n, const QString&, const QString&) {
            return QJsonObject{
                {QStringLiteral("html_url"), QStringLiteral("https://github.com/acme/env/pull/%1").arg(n)},
                {QStringLiteral("number"), n}};
        };
        f.listJson = [](const QJsonArray& prs) { return QJsonValue(prs); };
        f.listMatches = [](const HttpRequest& r, const QString& head) {
            return queryValue(r, "head") == "acme:" + head.toUtf8() && queryValue(r, "state") == "open";
        };
        ForgeStub stub(f);
        scenario(stub, QStringLiteral("git@github.com:acme/env.git"), ForgeKind::GitHub, {},
                 QStringLiteral("https://github.com/acme/env/pull/1"));
        QCOMPARE(stub.lastBody().value(QStringLiteral("base")).toString(), QStringLiteral("main"));
        QCOMPARE(stub.lastBody().value(QStringLiteral("draft")).toBool(true), false);
    }

    void githubRetriesNoCommitsBetween()
    {
        Flavour f;
        f.createPath = "/api/v3/repos/acme/env/pulls";
        f.authHeader = "authorization";
        f.authValue = "Bearer tok";
        f.headField = QStringLiteral("head");
        f.baseField = QStringLiteral("base");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("body");
        f.duplicateStatus = 422;
        f.prJson = [](int n, const QString&, const QString&) {
            return QJsonObject{
                {QStringLiteral("html_url"), QStringLiteral("https://ghe/acme/env/pull/%1").arg(n)},
                {QStringLiteral("number"), n}};
        };
        f.listJson = [](const QJsonArray& prs) { return QJsonValue(prs); };
        f.listMatches = [](const HttpRequest&, const QString&) { return true; };
        ForgeStub stub(f);
        stub.transientNoCommits = 2;
        const ForgeRepo repo = forgeRepo(*parseRemoteUrl(QStringLiteral("https://github.corp/acme/env")),
                                         ForgeKind::GitHub, stub.base() + QStringLiteral("/api/v3"));
        HttpSession http;
        auto client = makeForgeClient(repo, QStringLiteral("tok"), QStringLiteral("GH_ENTERPRISE_TOKEN"),
                                      http, {10, 4});
        auto created = client->create(kDraft);
        QVERIFY2(created.has_value(), test::why(created).constData());
        QCOMPARE(stub.posts.load(), 3);
        QCOMPARE(created->number, 1);

        // Bounded: a branch GitHub never sees ends with GitHub's own message.
        stub.transientNoCommits = 100;
        PullRequestDraft other = kDraft;
        other.head = QStringLiteral("revert-x");
        auto never =
            makeForgeClient(repo, QStringLiteral("tok"), QStringLiteral("GH_ENTERPRISE_TOKEN"), http, {5, 3})
                ->create(other);
        QVERIFY(!never.has_value());
        QVERIFY2(never.error().message.contains(QStringLiteral("No commits between main and revert-x")),
                 qPrintable(never.error().message));
        QCOMPARE(stub.posts.load(), 3 + 4);
    }

    void gitlabSubgroups()
    {
        Flavour f;
        f.createPath = "/api/v4/projects/group%2Fsub%2Fenv/merge_requests";
        f.authHeader = "private-token";
        f.authValue = "tok";
        f.headField = QStringLiteral("source_branch");
        f.baseField = QStringLiteral("target_branch");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("description");
        f.duplicateStatus = 409;
        f.duplicateBody =
            QJsonObject{{QStringLiteral("message"),
                         QJsonArray{QStringLiteral(
                             "Another open merge request already exists for this source branch: !1")}}};
        f.prJson = [](int n, const QString&, const QString&) {
            return QJsonObject{
                {QStringLiteral("web_url"),
                 QStringLiteral("https://gitlab.com/group/sub/env/-/merge_requests/%1").arg(n)},
                {QStringLiteral("iid"), n},
                {QStringLiteral("id"), 1000 + n}};
        };
        f.listJson = [](const QJsonArray& prs) { return QJsonValue(prs); };
        f.listMatches = [](const HttpRequest& r, const QString& head) {
            return queryValue(r, "source_branch") == head.toUtf8() && queryValue(r, "state") == "opened";
        };
        ForgeStub stub(f);
        scenario(stub, QStringLiteral("https://gitlab.com/group/sub/env.git"), ForgeKind::GitLab,
                 QStringLiteral("/api/v4"),
                 QStringLiteral("https://gitlab.com/group/sub/env/-/merge_requests/1"));
        QCOMPARE(stub.lastBody().value(QStringLiteral("remove_source_branch")).toBool(), true);
    }

    void gitea()
    {
        Flavour f;
        f.createPath = "/api/v1/repos/me/env/pulls";
        f.authHeader = "authorization";
        f.authValue = "token tok";
        f.headField = QStringLiteral("head");
        f.baseField = QStringLiteral("base");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("body");
        f.duplicateStatus = 409;
        f.duplicateBody = QJsonObject{
            {QStringLiteral("message"), QStringLiteral("pull request already exists for these targets")}};
        f.prJson = [](int n, const QString& head, const QString& base) {
            return QJsonObject{
                {QStringLiteral("html_url"), QStringLiteral("https://codeberg.org/me/env/pulls/%1").arg(n)},
                {QStringLiteral("number"), n},
                {QStringLiteral("head"), QJsonObject{{QStringLiteral("ref"), head}}},
                {QStringLiteral("base"), QJsonObject{{QStringLiteral("ref"), base}}}};
        };
        f.listJson = [](const QJsonArray& prs) { return QJsonValue(prs); };
        f.listMatches = [](const HttpRequest& r, const QString&) { return queryValue(r, "state") == "open"; };
        ForgeStub stub(f);
        scenario(stub, QStringLiteral("https://codeberg.org/me/env.git"), ForgeKind::Gitea,
                 QStringLiteral("/api/v1"), QStringLiteral("https://codeberg.org/me/env/pulls/1"));
    }

    void bitbucket()
    {
        Flavour f;
        f.createPath = "/2.0/repositories/ws/env/pullrequests";
        f.authHeader = "authorization";
        f.authValue = "Bearer tok";
        f.headField = QStringLiteral("source.branch.name");
        f.baseField = QStringLiteral("destination.branch.name");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("description");
        f.duplicateStatus = 400;
        f.duplicateBody =
            QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                        {QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("message"),
                                      QStringLiteral("There is already an open pull request")}}}};
        f.prJson = [](int n, const QString&, const QString&) {
            return QJsonObject{
                {QStringLiteral("id"), n},
                {QStringLiteral("links"),
                 QJsonObject{
                     {QStringLiteral("html"),
                      QJsonObject{
                          {QStringLiteral("href"),
                           QStringLiteral("https://bitbucket.org/ws/env/pull-requests/%1").arg(n)}}}}}};
        };
        f.listJson = [](const QJsonArray& prs) {
            return QJsonValue(QJsonObject{{QStringLiteral("values"), prs}});
        };
        f.listMatches = [](const HttpRequest& r, const QString& head) {
            return queryValue(r, "state") == "OPEN" &&
                   queryValue(r, "q").contains("source.branch.name=\"" + head.toUtf8() + "\"");
        };
        ForgeStub stub(f);
        scenario(stub, QStringLiteral("git@bitbucket.org:ws/env.git"), ForgeKind::Bitbucket,
                 QStringLiteral("/2.0"), QStringLiteral("https://bitbucket.org/ws/env/pull-requests/1"));
    }

    void azure()
    {
        Flavour f;
        f.createPath = "/org/My%20Project/_apis/git/repositories/env/pullrequests";
        f.createQuery = "api-version=6.0";
        f.authHeader = "authorization";
        f.authValue = "Basic " + QByteArray(":tok").toBase64();
        f.headField = QStringLiteral("sourceRefName");
        f.baseField = QStringLiteral("targetRefName");
        f.titleField = QStringLiteral("title");
        f.bodyField = QStringLiteral("description");
        f.duplicateStatus = 409;
        f.duplicateBody = QJsonObject{
            {QStringLiteral("message"),
             QStringLiteral(
                 "TF401179: An active pull request for the source and target branch already exists.")}};
        f.prJson = [](int n, const QString&, const QString&) {
            return QJsonObject{
                {QStringLiteral("pullRequestId"), n},
                {QStringLiteral("repository"),
                 QJsonObject{{QStringLiteral("webUrl"),
                              QStringLiteral("https://dev.azure.com/org/My%20Project/_git/env")}}}};
        };
        f.listJson = [](const QJsonArray& prs) {
            return QJsonValue(QJsonObject{{QStringLiteral("value"), prs}});
        };
        f.listMatches = [](const HttpRequest& r, const QString& head) {
            return queryValue(r, "searchCriteria.sourceRefName") == head.toUtf8() &&
                   queryValue(r, "api-version") == "6.0";
        };
        ForgeStub stub(f);
        scenario(stub, QStringLiteral("https://dev.azure.com/org/My%20Project/_git/env"), ForgeKind::Azure,
                 QStringLiteral("/org"),
                 QStringLiteral("https://dev.azure.com/org/My%20Project/_git/env/pullrequest/1"));
        QCOMPARE(stub.lastBody().value(QStringLiteral("sourceRefName")).toString(),
                 QStringLiteral("refs/heads/revert-def5678"));
    }

    void unreachableForgeIsNamed()
    {
        quint16 port = 0;
        {
            test::LoopbackHttpServer probe([](const HttpRequest&) { return HttpResponse{}; });
            port = probe.port();
        }
        const ForgeRepo repo =
            forgeRepo(*parseRemoteUrl(QStringLiteral("https://gitlab.com/g/env")), ForgeKind::GitLab,
                      QStringLiteral("http://127.0.0.1:%1/api/v4").arg(port));
        HttpSession http;
        auto r = makeForgeClient(repo, QStringLiteral("tok"), QStringLiteral("GITLAB_TOKEN"), http)
                     ->create(kDraft);
        QVERIFY(!r.has_value());
        QVERIFY2(r.error().message.startsWith(QStringLiteral("Cannot reach GitLab at http://127.0.0.1:")),
                 qPrintable(r.error().message));
    }
};

QTEST_GUILESS_MAIN(TestForgeClients)
#include "tst_forge_clients.moc"
