// `shiplog log`: the history, as the GUI lists it, on stdout (one JSON object per line with --json).
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/diff/timeline.h"
#include "core/environment/environment_history.h"
#include "core/environment/render.h"
#include "core/git/history.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace shiplog::app {

namespace {

using core::git::CommitInfo;
using core::git::Person;

QString jsonPerson(const Person& person)
{
    return QStringLiteral("{\"name\":%1,\"email\":%2,\"time\":%3}")
        .arg(jsonText(person.name), jsonText(person.email), jsonText(person.isoTime()));
}

QString jsonLine(const CommitInfo& commit)
{
    QStringList parents;
    parents.reserve(commit.parents.size());
    for (const QString& parent : commit.parents)
        parents << QLatin1Char('"') + parent + QLatin1Char('"');
    return QStringLiteral(
               "{\"id\":\"%1\",\"parents\":[%2],\"author\":%3,\"committer\":%4,\"subject\":%5,\"body\":%6}")
        .arg(commit.id, parents.join(QLatin1Char(',')), jsonPerson(commit.author),
             jsonPerson(commit.committer), jsonText(commit.subject), jsonText(commit.body));
}

// "e4488b6  2024-05-01 10:00 +02:00  Ada Lovelace  Subject"
QString humanLine(const CommitInfo& commit)
{
    const QString iso = commit.author.isoTime();
    const QString when = iso.left(10) + QLatin1Char(' ') + iso.mid(11, 5) + QLatin1Char(' ') + iso.right(6);
    return QStringLiteral("%1  %2  %3  %4%5")
        .arg(commit.id.left(7), when, commit.author.name,
             commit.isMerge() ? QStringLiteral("[merge] ") : QString(), commit.subject);
}

// "2024-05-01" (a whole day, in local time) or "2024-05-01T10:00:00+02:00" / "...Z".
std::optional<QDateTime> parseDate(const QString& text, bool endOfDay)
{
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (day.isValid() && text.size() == 10)
        return endOfDay ? day.endOfDay() : day.startOfDay();
    const QDateTime moment = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (moment.isValid())
        return moment;
    return std::nullopt;
}

int runLog(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "log"))
        return *done;
    const QString repo = QStringLiteral("repo"), count = QStringLiteral("n"),
                  author = QStringLiteral("author"), grep = QStringLiteral("grep"),
                  path = QStringLiteral("path"), since = QStringLiteral("since"),
                  until = QStringLiteral("until"), rev = QStringLiteral("rev"),
                  noBots = QStringLiteral("no-bots"), json = QStringLiteral("json"),
                  resource = QStringLiteral("resource");
    if (!parser.positionalArguments().isEmpty())
        return reportError(QStringLiteral("unexpected argument '%1' (use --rev to choose a revision)")
                               .arg(parser.positionalArguments().front()));

    core::git::HistoryQuery query;
    if (parser.isSet(count)) {
        bool ok = false;
        query.limit = parser.value(count).toInt(&ok);
        if (!ok || query.limit < 0)
            return reportError(
                QStringLiteral("-n needs a number of commits, not '%1'").arg(parser.value(count)));
    }
    query.author = parser.value(author);
    query.text = parser.value(grep);
    query.pathPrefix = parser.value(path);
    if (parser.isSet(rev))
        query.revision = parser.value(rev);
    query.hideBots = parser.isSet(noBots);
    for (const auto& [option, endOfDay, target] :
         {std::tuple{&since, false, &query.since}, std::tuple{&until, true, &query.until}}) {
        if (!parser.isSet(*option))
            continue;
        const auto date = parseDate(parser.value(*option), endOfDay);
        if (!date)
            return reportError(
                QStringLiteral("--%1: '%2' is not a date (use 2024-05-01 or 2024-05-01T10:00:00+02:00)")
                    .arg(*option, parser.value(*option)));
        *target = *date;
    }

    const bool asJson = parser.isSet(json);
    const QString repository = parser.isSet(repo) ? parser.value(repo) : QDir::currentPath();
    if (parser.isSet(resource)) {
        // The commits of the resource's timeline (the history index, then each candidate for
        // certain), then the walk keeps those that pass the other filters, in git log's order —
        // reading only those commits when the index knows their order.
        const auto key = core::manifest::ResourceKey::fromArgument(parser.value(resource));
        if (!key)
            return reportError(
                QStringLiteral("--resource: '%1' is not [GROUP/]KIND/NAMESPACE/NAME (use - for no namespace, "
                               "e.g. apps/Deployment/jx/web or Namespace/-/jx)")
                    .arg(parser.value(resource)));
        auto opened = core::git::Repository::open(repository);
        if (!opened)
            return reportError(opened.error());
        auto found = core::diff::findResourceCommits(*opened, *key, query.revision, {},
                                                     core::manifest::ParseCache::shared());
        if (!found)
            return reportError(found.error());
        query.commits = QSet<QString>(found->ids.begin(), found->ids.end());
        if (found->ordered)
            query.ordered = found->logOrder;
    }
    if (parser.isSet(QStringLiteral("env"))) {
        // The commits that changed what the environment reads: the path filter finds the commits
        // that touched its folders as detected at --rev (as fast as git log -- PATHS), then each is
        // kept only when a file it changed is one the environment reads (a kustomization's
        // resources, patches, components and generator files, not any file of the overlay folder).
        const QString name = parser.value(QStringLiteral("env"));
        auto detected = core::environment::detectEnvironments(repository, query.revision);
        if (!detected)
            return reportError(detected.error());
        const core::environment::Environment* env = detected->find(name);
        if (!env)
            return reportError(detected->unknown(name));
        const QStringList paths = core::environment::readPaths(*env);
        if (!paths.contains(QString())) // "" = the whole repository: no filter
            query.paths = paths.isEmpty() ? QStringList{QStringLiteral("\x01none")} : paths;
        if (!paths.isEmpty() && !paths.contains(QString()))
            query.accept = core::environment::environmentCommitTest(repository, query.revision, name);
    }
    const auto walked = core::git::walkHistory(repository, query, [&](CommitInfo&& commit) {
        out() << (asJson ? jsonLine(commit) : humanLine(commit)) << '\n';
        return out().status() == QTextStream::Ok;
    });
    if (!walked)
        return reportError(walked.error());
    return ExitOk;
}

const bool registered = registerCommand({"log", &runLog});

} // namespace

} // namespace shiplog::app
