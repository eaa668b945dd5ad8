#pragma once

#include <QCommandLineOption>
#include <QStringList>

class QCommandLineParser;

#include <optional>

namespace shiplog::app {

// A headless subcommand (`shiplog log …`). `run` gets the arguments after the command's name and
// returns the process exit code; it runs under a QCoreApplication, never touching Qt Widgets.
struct Command
{
    const char* name;
    const char* synopsis; // one line for `shiplog --help`
    int (*run)(const QStringList& arguments);
};

// Commands register themselves from their own file: `static const bool r = registerCommand({...});`
bool registerCommand(const Command& command);

// Runs `--version`, `--help` or a subcommand when argv names one; nullopt means "start the GUI".
std::optional<int> runCommandLine(int argc, char** argv);

// Parses a command's arguments with Qt's parser, adding -h/--help. On --help it prints
// "Usage: shiplog <synopsis>" and the options; on a parse error it reports it. Either way the
// returned exit code ends the command; nullopt means "go on".
std::optional<int> parseCommandArguments(QCommandLineParser& parser, const QStringList& arguments,
                                         const char* name, const char* synopsis);

// Options that several commands share, worded the same everywhere.
QCommandLineOption repoOption();
QCommandLineOption jsonOption(const QString& whatItPrints);

// "--parent 2": a whole number from 1, or an error message naming the option.
std::optional<int> parseCount(const QString& option, const QString& value, QString& error);

// The GUI's own options, shown by --help beside the commands.
QString guiUsage();

} // namespace shiplog::app
