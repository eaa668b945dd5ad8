#pragma once

// The one text of Shiplog's command-line help. `shiplog --help`, `shiplog COMMAND --help` and the
// man page shiplog.1 (written at build time by shiplog_man_page, packaging/man_page) are all made
// from this table, so that they cannot say different things. Qt Core only: the man-page
// generator links it without the application.
#include <QString>
#include <span>
#include <string_view>

class QCommandLineParser;

namespace shiplog::app::help {

// Texts are UTF-8; "\n\n" separates paragraphs, a single "\n" breaks a line in the terminal
// only (the man page refills paragraphs).
struct Option
{
    const char* names;               // "repo", or "n,max-count" (every name of the option)
    const char* valueName = nullptr; // "PATH"; nullptr for a flag
    const char* description = "";
    const char* defaultValue = nullptr; // what QCommandLineParser::value() returns when not given
};

struct Argument
{
    const char* name; // as the synopsis writes it: "REV|A..B"
    const char* description;
};

struct Command
{
    const char* name;     // "log"
    const char* synopsis; // after "shiplog ": "log [--repo PATH] …"
    const char* summary;  // one line, for the command list
    const char* description;
    std::span<const Option> options;
    std::span<const Argument> arguments;
    const char* output;     // what the command prints, with the --json shape
    const char* exitStatus; // "0 …; 1 …; 2 error …"
};

// "term: text" entries of the overview sections (GUI usage, environment, files).
struct Entry
{
    const char* term;
    const char* text;
};

const char* tagline();               // the one-line description of Shiplog
std::span<const Command> commands(); // in alphabetical order
const Command* findCommand(std::string_view name);
std::span<const Entry> guiUsage();    // "shiplog [PATH]" — open …
const char* commonExitStatus();       // what every command shares
std::span<const Entry> environment(); // variables Shiplog reads
std::span<const Entry> files();       // what it reads and writes
const char* seeAlso();

QString text(const char* utf8); // a table text as a QString

// Adds the command's description, options and arguments (and -h/--help) to `parser`.
void describe(QCommandLineParser& parser, const Command& command);

// `shiplog COMMAND --help`: usage, description, options and arguments as Qt lays them out,
// then what it prints and its exit status. `parser` must have been set up by describe().
QString commandHelp(const Command& command, const QCommandLineParser& parser);

// `shiplog --help`.
QString overviewHelp(const QString& version);

} // namespace shiplog::app::help
