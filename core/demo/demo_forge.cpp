#include "core/demo/demo_forge.h"

#include "core/demo/kube_http.h"
#include "core/git/history.h"
#include "core/git/repository.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>
#include <future>

namespace shiplog::core::demo {

namespace {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject pullJson(const DemoPullRequest& pr)
{
    const QString repo = DemoForge::owner() + QLatin1Char('/') + DemoForge::repository();
    return QJsonObject{
        {QStringLiteral("number"), pr.number},
        {QStringLiteral("state"), QStringLiteral("open")},
        {QStringLiteral("title"), pr.title},
        {QStringLiteral("body"), pr.body},
        {QStringLiteral("html_url"), pr.url},
        {QStringLiteral("created_at"), pr.created.toString(Qt::ISODate)},
        {QStringLiteral("head"),
         QJsonObject{{QStringLiteral("ref"), pr.head},
                     {QStringLiteral("label"), DemoForge::owner() + QLatin1Char(':') + pr.head}}},
        {QStringLiteral("base"),
         QJsonObject{{QStringLiteral("ref"), pr.base},
                     {QStringLiteral("repo"), QJsonObject{{QStringLiteral("full_name"), repo}}}}}};
}

QByteArray page(const QString& title, const QString& content)
{
    return QStringLiteral(
               "<!doctype html><html><head><meta charset=\"utf-8\"><title>%1 · Shiplog demo forge</title>"
               "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 "
               "1em;color:#1f2328}"
               "pre{background:#f6f8fa;padding:1em;white-space:pre-wrap}.meta{color:#59636e}"
               "a{color:#0969da}</style></head><body>%2"
               "<p class=\"meta\">Served by Shiplog's demo forge on loopback (a GitHub API "
               "stand-in).</p></body></html>")
        .arg(title.toHtmlEscaped(), content)
        .toUtf8();
}

} // namespace

struct DemoForge::Private
{
    class Thread : public QThread
    {
    public:
        explicit Thread(Private* d) : m_d(d) {}
        std::promise<quint16> ready;

    protected:
        void run() override
        {
            QTcpServer server;
            if (!server.listen(QHostAddress::LocalHost, 0)) {
                ready.set_value(0);
                return;
            }
            QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
                while (QTcpSocket* socket = server.nextPendingConnection()) {
                    auto* connection = new HttpConnection(
                        socket, [this](HttpConnection* c, const HttpRequest& r) { m_d->handle(c, r); },
                        &server);
                    QObject::connect(connection, &HttpConnection::closed, connection, &QObject::deleteLater);
                }
            });
            ready.set_value(server.serverPort());
            exec();
        }

    private:
        Private* m_d;
    };

    std::unique_ptr<Thread> thread;
    mutable QMutex mutex;
    QString origin;
    QString token;
    quint16 port = 0;
    std::vector<DemoPullRequest> pulls;

    QString webRepo() const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2/%3")
            .arg(port)
            .arg(DemoForge::owner(), DemoForge::repository());
    }

    void handle(HttpConnection* c, const HttpRequest& r)
    {
        static const QRegularExpression api(QStringLiteral("^/repos/([^/]+)/([^/]+)/pulls/?$"));
        static const QRegularExpression pullPage(QStringLiteral("^/([^/]+)/([^/]+)/pull/(\\d+)/?$"));
        static const QRegularExpression commitPage(
            QStringLiteral("^/([^/]+)/([^/]+)/commit/([0-9a-fA-F]{4,40})/?$"));
        static const QRegularExpression listPage(QStringLiteral("^/([^/]+)/([^/]+)/pulls/?$"));
        const QByteArray jsonType = QByteArrayLiteral("application/json; charset=utf-8");
        const QByteArray htmlType = QByteArrayLiteral("text/html; charset=utf-8");
        if (const auto m = api.match(r.path); m.hasMatch()) {
            if (r.header("authorization") != "Bearer " + token.toUtf8()) {
                c->respond(401, jsonType,
                           json({{QStringLiteral("message"), QStringLiteral("Bad credentials")},
                                 {QStringLiteral("documentation_url"),
                                  QStringLiteral("https://docs.github.com/rest")}}));
                return;
            }
            if (r.method == "GET") {
                c->respond(200, jsonType, listPulls(r));
                return;
            }
            if (r.method == "POST") {
                const auto [status, body] = createPull(r);
                c->respond(status, jsonType, body);
                return;
            }
            c->respond(404, jsonType, json({{QStringLiteral("message"), QStringLiteral("Not Found")}}));
            return;
        }
        if (r.method != "GET") {
            c->respond(404, jsonType, json({{QStringLiteral("message"), QStringLiteral("Not Found")}}));
            return;
        }
        if (const auto m = pullPage.match(r.path); m.hasMatch()) {
            QMutexLocker lock(&mutex);
            for (const DemoPullRequest& pr : pulls) {
                if (pr.number == m.captured(3).toInt()) {
                    const QString content =
                        QStringLiteral("<h1>%1 <span class=\"meta\">#%2</span></h1>"
                                       "<p class=\"meta\">Open · wants to merge <code>%3</code> into "
                                       "<code>%4</code> · %5</p><pre>%6</pre>")
                            .arg(pr.title.toHtmlEscaped())
                            .arg(pr.number)
                            .arg(pr.head.toHtmlEscaped(), pr.base.toHtmlEscaped(),
                                 pr.created.toString(Qt::ISODate), pr.body.toHtmlEscaped());
                    c->respond(200, htmlType, page(pr.title, content));
                    return;
                }
            }
        } else if (const auto m2 = commitPage.match(r.path); m2.hasMatch()) {
            auto details = git::loadCommitDetails(origin, m2.captured(3));
            if (details) {
                QString files;
                for (const git::ChangedFile& f : details->files)
                    files += QStringLiteral("<li><code>%1</code></li>").arg(f.path.toHtmlEscaped());
                const QString content =
                    QStringLiteral("<h1>%1</h1><p class=\"meta\">%2 committed %3 · "
                                   "<code>%4</code></p><pre>%5</pre><ul>%6</ul>")
                        .arg(details->commit.subject.toHtmlEscaped(),
                             details->commit.author.name.toHtmlEscaped(),
                             QDateTime::fromSecsSinceEpoch(details->commit.author.time, Qt::UTC)
                                 .toString(Qt::ISODate),
                             details->commit.id, details->commit.body.toHtmlEscaped(), files);
                c->respond(200, htmlType, page(details->commit.subject, content));
                return;
            }
        } else if (listPage.match(r.path).hasMatch()) {
            QMutexLocker lock(&mutex);
            QString items;
            for (const DemoPullRequest& pr : pulls)
                items += QStringLiteral("<li><a href=\"%1\">#%2 %3</a></li>")
                             .arg(pr.url)
                             .arg(pr.number)
                             .arg(pr.title.toHtmlEscaped());
            c->respond(200, htmlType,
                       page(QStringLiteral("Pull requests"),
                            QStringLiteral("<h1>Pull requests</h1><ul>%1</ul>").arg(items)));
            return;
        }
        c->respond(404, htmlType, page(QStringLiteral("Not found"), QStringLiteral("<h1>Not found</h1>")));
    }

    QByteArray listPulls(const HttpRequest& r)
    {
        QString head = r.param(QStringLiteral("head"));
        if (const qsizetype colon = head.indexOf(QLatin1Char(':')); colon >= 0)
            head = head.mid(colon + 1);
        const QString base = r.param(QStringLiteral("base"));
        QJsonArray list;
        QMutexLocker lock(&mutex);
        for (const DemoPullRequest& pr : pulls)
            if ((head.isEmpty() || pr.head == head) && (base.isEmpty() || pr.base == base))
                list.append(pullJson(pr));
        return QJsonDocument(list).toJson(QJsonDocument::Compact);
    }

    std::pair<int, QByteArray> createPull(const HttpRequest& r)
    {
        const QJsonObject in = QJsonDocument::fromJson(r.body).object();
        const QString title = in.value(QLatin1String("title")).toString();
        const QString head = in.value(QLatin1String("head")).toString().section(QLatin1Char(':'), -1);
        const QString base = in.value(QLatin1String("base")).toString();
        auto invalid = [](const QString& field, const QString& code, const QString& message = {}) {
            QJsonObject error{{QStringLiteral("resource"), QStringLiteral("PullRequest")},
                              {QStringLiteral("field"), field},
                              {QStringLiteral("code"), code}};
            if (!message.isEmpty())
                error.insert(QStringLiteral("message"), message);
            return std::pair<int, QByteArray>(
                422, json({{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                           {QStringLiteral("errors"), QJsonArray{error}}}));
        };
        if (title.isEmpty())
            return invalid(QStringLiteral("title"), QStringLiteral("missing_field"));
        if (head.isEmpty() || base.isEmpty())
            return invalid(head.isEmpty() ? QStringLiteral("head") : QStringLiteral("base"),
                           QStringLiteral("missing_field"));
        // Like GitHub: both branches must exist on the repository, and differ.
        auto repo = git::Repository::open(origin);
        if (!repo)
            return {500, json({{QStringLiteral("message"), repo.error().message}})};
        const auto headId = repo->resolve(QStringLiteral("refs/heads/") + head);
        const auto baseId = repo->resolve(QStringLiteral("refs/heads/") + base);
        if (!headId)
            return invalid(QStringLiteral("head"), QStringLiteral("invalid"));
        if (!baseId)
            return invalid(QStringLiteral("base"), QStringLiteral("invalid"));
        if (*headId == *baseId)
            return invalid({}, QStringLiteral("custom"),
                           QStringLiteral("No commits between %1 and %2").arg(base, head));

        QMutexLocker lock(&mutex);
        for (const DemoPullRequest& pr : pulls)
            if (pr.head == head && pr.base == base)
                return invalid(
                    {}, QStringLiteral("custom"),
                    QStringLiteral("A pull request already exists for %1:%2.").arg(DemoForge::owner(), head));
        DemoPullRequest pr;
        pr.number = int(pulls.size()) + 1;
        pr.title = title;
        pr.body = in.value(QLatin1String("body")).toString();
        pr.head = head;
        pr.base = base;
        pr.url = webRepo() + QStringLiteral("/pull/%1").arg(pr.number);
        pr.created = QDateTime::currentDateTimeUtc();
        pulls.push_back(pr);
        return {201, json(pullJson(pr))};
    }
};

DemoForge::DemoForge() : d(std::make_unique<Private>()) {}

DemoForge::~DemoForge()
{
    stop();
}

Result<void> DemoForge::start(const QString& originPath, const QString& token)
{
    stop();
    {
        QMutexLocker lock(&d->mutex);
        d->origin = originPath;
        d->token = token;
        d->pulls.clear();
    }
    d->thread = std::make_unique<Private::Thread>(d.get());
    d->thread->setObjectName(QStringLiteral("demo-forge"));
    std::future<quint16> ready = d->thread->ready.get_future();
    d->thread->start();
    const quint16 port = ready.get();
    if (port == 0) {
        d->thread->wait();
        d->thread.reset();
        return fail(QStringLiteral("The demo forge could not listen on 127.0.0.1."));
    }
    QMutexLocker lock(&d->mutex);
    d->port = port;
    return {};
}

void DemoForge::stop()
{
    if (!d->thread)
        return;
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    QMutexLocker lock(&d->mutex);
    d->port = 0;
}

QString DemoForge::apiUrl() const
{
    QMutexLocker lock(&d->mutex);
    return QStringLiteral("http://127.0.0.1:%1").arg(d->port);
}

QString DemoForge::webRepo() const
{
    QMutexLocker lock(&d->mutex);
    return d->webRepo();
}

std::vector<DemoPullRequest> DemoForge::pullRequests() const
{
    QMutexLocker lock(&d->mutex);
    return d->pulls;
}

} // namespace shiplog::core::demo
