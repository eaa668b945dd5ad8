// `shiplog envs`: the environments a repository defines at a revision, each rendered.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/environment/render.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace shiplog::app {

namespace {

using namespace core::environment;

QJsonArray errorsJson(const QList<EnvironmentError>& errors)
{
    QJsonArray array;
    for (const EnvironmentError& e : errors)
        array.append(QJsonObject{{QStringLiteral("path"), e.path},
                                 {QStringLiteral("line"), e.line},
                                 {QStringLiteral("message"), e.message}});
    return array;
}

QJsonObject environmentJson(const RenderedEnvironment& rendered)
{
    const Environment& env = rendered.environment;
    QJsonArray units;
    for (const Unit& unit : env.units) {
        QJsonObject u{{QStringLiteral("name"), unit.name},
                      {QStringLiteral("definition"), unit.definition},
                      {QStringLiteral("paths"), QJsonArray::fromStringList(unit.paths)},
                      {QStringLiteral("namespace"), unit.namespaceName},
                      {QStringLiteral("resources"), std::max(unit.resources, 0)}};
        if (!unit.source.isEmpty())
            u.insert(QStringLiteral("source"), unit.source);
        units.append(u);
    }
    return QJsonObject{
        {QStringLiteral("name"), env.name},       {QStringLiteral("layout"), layoutName(env.layout)},
        {QStringLiteral("cluster"), env.cluster}, {QStringLiteral("resources"), std::max(env.resources, 0)},
        {QStringLiteral("units"), units},         {QStringLiteral("errors"), errorsJson(rendered.errors)}};
}

void printHuman(const QString& revision, const QString& layout,
                const QList<RenderedEnvironment>& environments)
{
    out() << "Revision " << revision.left(12) << ", layout " << layout << ", " << environments.size()
          << (environments.size() == 1 ? " environment" : " environments") << "\n";
    for (const RenderedEnvironment& rendered : environments) {
        const Environment& env = rendered.environment;
        out() << "\n" << printable(env.name) << "  " << std::max(env.resources, 0) << " resources";
        if (!env.cluster.isEmpty())
            out() << "  cluster " << printable(env.cluster);
        if (!env.definition.isEmpty())
            out() << "  (" << printable(env.definition) << ")";
        out() << "\n";
        for (const Unit& unit : env.units) {
            out() << "  " << printable(unit.name);
            if (!unit.source.isEmpty()) {
                out() << "  source: other repository " << printable(unit.source) << "\n";
                continue;
            }
            out() << "  " << std::max(unit.resources, 0) << " resources  "
                  << printable(unit.paths.value(0).isEmpty() ? QStringLiteral(".") : unit.paths.value(0));
            if (!unit.namespaceName.isEmpty())
                out() << "  namespace " << printable(unit.namespaceName);
            out() << (unit.kustomize ? "  kustomize" : "") << (unit.helm ? "  helm chart" : "") << "\n";
        }
        for (const EnvironmentError& e : rendered.errors)
            out() << "  error: " << printable(e.path)
                  << (e.line > 0 ? QStringLiteral(":%1").arg(e.line) : QString()) << ": "
                  << printable(e.message, true) << "\n";
    }
}

int runEnvs(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "envs"))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return reportError(QStringLiteral("unexpected argument '%1' (use --rev to choose a revision)")
                               .arg(parser.positionalArguments().front()));
    const QString rev = QStringLiteral("rev");
    if (parser.isSet(rev) && parser.value(rev).trimmed().isEmpty())
        return reportError(
            QStringLiteral("--rev is empty: name a revision (HEAD, a branch, a tag, a commit id)"));
    const QString path =
        parser.isSet(QStringLiteral("repo")) ? parser.value(QStringLiteral("repo")) : QDir::currentPath();
    auto repo = core::git::Repository::open(path);
    if (!repo)
        return reportError(repo.error());
    auto detected = detectEnvironments(*repo, parser.value(rev));
    if (!detected)
        return reportError(detected.error());
    auto rendered = renderEnvironments(*repo, parser.value(rev));
    if (!rendered)
        return reportError(rendered.error());
    const QString layout = layoutName(detected->layout);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray environments;
        for (const RenderedEnvironment& env : *rendered)
            environments.append(environmentJson(env));
        printJsonLine(QJsonObject{{QStringLiteral("revision"), detected->revision},
                                  {QStringLiteral("layout"), layout},
                                  {QStringLiteral("environments"), environments}});
        return ExitOk;
    }
    printHuman(detected->revision, layout, *rendered);
    return ExitOk;
}

const bool registered = registerCommand({"envs", &runEnvs});

} // namespace

} // namespace shiplog::app
