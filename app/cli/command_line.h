#pragma once

#include <QStringList>

#include <optional>

namespace shiplog::app {

// A headless subcommand (`shiplog log …`). `run` gets the arguments after the command's name and
// returns the process exit code; it runs under a QCoreApplication, never touching Qt Widgets.
struct Command
{
    const char* name;
    const char* synopsis;  // one line for `shiplog --help`
    int (*run)(const QStringList& arguments);
};

// Commands register themselves from their own file: `static const bool r = registerCommand({...});`
bool registerCommand(const Command& command);

// Runs `--version`, `--help` or a subcommand when argv names one; nullopt means "start the GUI".
std::optional<int> runCommandLine(int argc, char** argv);

// The GUI's own options, shown by --help beside the commands.
QString guiUsage();

}  // namespace shiplog::app
