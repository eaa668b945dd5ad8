#include "app/cli/command_line.h"

#include "app/cli/help_text.h"
#include "app/cli/output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <vector>

namespace shiplog::app {

namespace {
std::vector<Command>& registry()
{
    static std::vector<Command> commands;
    return commands;
}

} // namespace

bool registerCommand(const Command& command)
{
    if (!help::findCommand(command.name))
        qFatal("shiplog: the command '%s' has no entry in the help table (app/cli/help_text.cpp)",
               command.name);
    registry().push_back(command);
    return true;
}

std::optional<int> parseCommandArguments(QCommandLineParser& parser, const QStringList& arguments,
                                         const char* name)
{
    const help::Command& command = *help::findCommand(name); // registerCommand made sure it is there
    help::describe(parser, command);
    if (!parser.parse(QStringList{QStringLiteral("shiplog ") + QLatin1String(name)} + arguments))
        return reportError(QStringLiteral("%1 (see 'shiplog %2 --help')")
                               .arg(parser.errorText().chopped(parser.errorText().endsWith(u'.') ? 1 : 0),
                                    QLatin1String(name)));
    if (parser.isSet(QStringLiteral("help"))) {
        out() << help::commandHelp(command, parser);
        return ExitOk;
    }
    return std::nullopt;
}

std::optional<int> parseCount(const QString& option, const QString& value, QString& error)
{
    bool ok = false;
    const int number = value.toInt(&ok);
    if (ok && number >= 1)
        return number;
    error = QStringLiteral("--%1 needs a whole number from 1, not '%2'").arg(option, value);
    return std::nullopt;
}

std::optional<int> runCommandLine(int argc, char** argv)
{
    if (argc < 2)
        return std::nullopt;
    const QByteArray first = argv[1];
    if (first == "--version" || first == "-v") {
        QCoreApplication app(argc, argv);
        out() << "shiplog " << SHIPLOG_VERSION << Qt::endl;
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        QCoreApplication app(argc, argv);
        out() << help::overviewHelp(QStringLiteral(SHIPLOG_VERSION));
        out().flush();
        return 0;
    }
    for (const Command& c : registry()) {
        if (first == c.name) {
            QCoreApplication app(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("shiplog"));
            QCoreApplication::setOrganizationName(QStringLiteral("Shiplog"));
            QStringList arguments = QCoreApplication::arguments().mid(2);
            const int code = c.run(arguments);
            out().flush();
            err().flush();
            return code;
        }
    }
    return std::nullopt;
}

} // namespace shiplog::app
