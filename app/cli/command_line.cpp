#include "app/cli/command_line.h"

#include "app/cli/help_text.h"
#include "app/cli/output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <cstdio>
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

namespace {

int editDistance(const QString& a, const QString& b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] =
                std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

// Before any Qt object exists: "shiplog: error: …" on stderr, exit 2.
int earlyError(const QString& message)
{
    std::fprintf(stderr, "shiplog: error: %s\n", message.toLocal8Bit().constData());
    return ExitError;
}

} // namespace

std::variant<int, GuiOptions> parseGuiCommandLine(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    const QCommandLineOption demo(QStringLiteral("demo"));
    const QCommandLineOption palette(QStringLiteral("palette"), QString(), QStringLiteral("light|dark"));
    parser.addOption(demo);
    parser.addOption(palette);
    // QApplication's own options (it takes them out of argv later): known here, so not "unknown".
    for (const char* name :
         {"platform", "platformpluginpath", "platformtheme", "plugin", "style", "stylesheet", "display",
          "geometry", "title", "name", "session", "qwindowgeometry", "qwindowicon", "qwindowtitle"})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value")));
    for (const char* name : {"reverse", "widgetcount", "nograb", "dograb", "sync"})
        parser.addOption(QCommandLineOption(QString::fromLatin1(name)));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(arguments))
        return earlyError(QStringLiteral("%1 (see shiplog --help)").arg(parser.errorText()));
    GuiOptions options;
    options.demo = parser.isSet(demo);
    options.palette = parser.value(palette);
    options.platform = parser.value(QStringLiteral("platform"));
    if (parser.isSet(palette) && options.palette != u"light" && options.palette != u"dark")
        return earlyError(QStringLiteral("--palette takes light or dark, not '%1'").arg(options.palette));
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return earlyError(QStringLiteral("one repository at a time (got '%1' and '%2')")
                              .arg(positional.at(0), positional.at(1)));
    if (!positional.isEmpty()) {
        options.path = positional.first();
        // Not a folder and shaped like a word: a mistyped command, not a repository to open.
        if (!QFileInfo::exists(options.path) && !options.path.contains(u'/')) {
            QString message = QStringLiteral("Unknown command '%1'").arg(options.path);
            for (const Command& c : registry())
                if (editDistance(options.path, QString::fromUtf8(c.name)) <= 2)
                    message += QStringLiteral("; did you mean '%1'?").arg(QString::fromUtf8(c.name));
            return earlyError(message + QStringLiteral(" (see shiplog --help)"));
        }
    }
    return options;
}

std::optional<QString> displayProblem(const QString& platformArgument)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const QByteArray platform =
        !platformArgument.isEmpty() ? platformArgument.toUtf8() : qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return std::nullopt; // offscreen, vnc, eglfs, …: the user chose a platform without a display
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return QStringLiteral(
            "no display: the window needs an X11 or Wayland session (DISPLAY and WAYLAND_DISPLAY are "
            "not set). The commands work without one: see shiplog --help");
#else
    Q_UNUSED(platformArgument);
#endif
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
        flushOutput();
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        QCoreApplication app(argc, argv);
        out() << help::overviewHelp(QStringLiteral(SHIPLOG_VERSION));
        flushOutput();
        return 0;
    }
    for (const Command& c : registry()) {
        if (first == c.name) {
            QCoreApplication app(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("shiplog"));
            QCoreApplication::setOrganizationName(QStringLiteral("Shiplog"));
            QStringList arguments = QCoreApplication::arguments().mid(2);
            const int code = c.run(arguments);
            flushOutput();
            return code;
        }
    }
    return std::nullopt;
}

} // namespace shiplog::app
