#pragma once

#include <QStringList>

class QCommandLineParser;

#include <optional>
#include <variant>

namespace shiplog::app {

// A headless subcommand (`shiplog log …`). `run` gets the arguments after the command's name and
// returns the process exit code; it runs under a QCoreApplication, never touching Qt Widgets.
// Its synopsis, description, options and exit status are in the help table (app/cli/help_text.cpp),
// which `--help` and the man page share.
struct Command
{
    const char* name;
    int (*run)(const QStringList& arguments);
};

// Commands register themselves from their own file: `static const bool r = registerCommand({...});`
// A command without an entry in the help table stops the program at start-up (a developer's error).
bool registerCommand(const Command& command);

// Runs `--version`, `--help` or a subcommand when argv names one; nullopt means "start the GUI".
std::optional<int> runCommandLine(int argc, char** argv);

// Parses a command's arguments with Qt's parser set up from the command's help-table entry (its
// options by their names, and -h/--help). On --help it prints the command's help; on a parse
// error it reports it. Either way the returned exit code ends the command; nullopt means "go on".
// The GUI's command line, parsed before any Qt object exists (so that a mistake never reaches
// Qt's platform plugin): an unknown option, a bad --palette or a word that is neither a command nor
// an existing path ("shiplog chnages") prints "shiplog: error: …" and gives exit code 2.
struct GuiOptions
{
    bool demo = false;
    QString palette; // "", "light" or "dark"
    QString path;
    QString platform; // -platform NAME (Qt's own option), when given
};
std::variant<int, GuiOptions> parseGuiCommandLine(int argc, char** argv);

// Why the window cannot open here (no X11/Wayland display, and no platform chosen by -platform or
// QT_QPA_PLATFORM), else nullopt.
std::optional<QString> displayProblem(const QString& platformArgument = {});

std::optional<int> parseCommandArguments(QCommandLineParser& parser, const QStringList& arguments,
                                         const char* name);

// "--parent 2": a whole number from 1, or an error message naming the option.
std::optional<int> parseCount(const QString& option, const QString& value, QString& error);

} // namespace shiplog::app
