#pragma once

#include <QStringList>

class QCommandLineParser;

#include <optional>

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
std::optional<int> parseCommandArguments(QCommandLineParser& parser, const QStringList& arguments,
                                         const char* name);

// "--parent 2": a whole number from 1, or an error message naming the option.
std::optional<int> parseCount(const QString& option, const QString& value, QString& error);

} // namespace shiplog::app
