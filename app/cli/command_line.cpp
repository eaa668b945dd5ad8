#include "app/cli/command_line.h"

#include "app/cli/output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <vector>

namespace shiplog::app {

namespace {
std::vector<Command>& registry()
{
    static std::vector<Command> commands;
    return commands;
}

QString helpText()
{
    QString text =
        QStringLiteral("Shiplog %1 — history, per-resource diffs, live drift and revert-by-pull-request\n"
                       "for GitOps environment repositories.\n\n"
                       "Usage:\n%2\n\nCommands (headless, print to stdout):\n")
            .arg(QStringLiteral(SHIPLOG_VERSION), guiUsage());
    auto commands = registry();
    std::sort(commands.begin(), commands.end(),
              [](const Command& a, const Command& b) { return qstrcmp(a.name, b.name) < 0; });
    for (const Command& c : commands)
        text += QStringLiteral("  shiplog %1\n").arg(QString::fromUtf8(c.synopsis));
    text += QStringLiteral("\nRun 'shiplog COMMAND --help' for a command's options.\n");
    return text;
}
} // namespace

bool registerCommand(const Command& command)
{
    registry().push_back(command);
    return true;
}

std::optional<int> parseCommandArguments(QCommandLineParser& parser, const QStringList& arguments,
                                         const char* name, const char* synopsis)
{
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList{QStringLiteral("shiplog ") + QLatin1String(name)} + arguments))
        return reportError(QStringLiteral("%1 (see 'shiplog %2 --help')")
                               .arg(parser.errorText().chopped(parser.errorText().endsWith(u'.') ? 1 : 0),
                                    QLatin1String(name)));
    if (parser.isSet(help)) {
        out() << "Usage: shiplog " << synopsis << "\n\n" << parser.helpText().section(QLatin1Char('\n'), 1);
        return ExitOk;
    }
    return std::nullopt;
}

QCommandLineOption repoOption()
{
    return {QStringLiteral("repo"), QStringLiteral("The repository (default: the current folder)."),
            QStringLiteral("PATH")};
}

QCommandLineOption jsonOption(const QString& whatItPrints)
{
    return {QStringLiteral("json"), QStringLiteral("Print %1.").arg(whatItPrints)};
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

QString guiUsage()
{
    return QStringLiteral(
        "  shiplog [PATH]          open the repository at PATH (or the welcome screen)\n"
        "  shiplog --demo          open the built-in demo environment\n"
        "  shiplog --palette dark|light  use Fusion with that palette instead of the system's\n"
        "  shiplog --version       print the version\n"
        "  shiplog --help          print this help");
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
        out() << helpText();
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
