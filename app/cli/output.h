#pragma once

#include "core/common/error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

namespace shiplog::app {

// stdout and stderr, UTF-8. Everything written is scrubbed of secrets line by line
// (core/forge/redact.h): tokens the process knows, credentials in URLs, Authorization values.
QTextStream& out();
QTextStream& err();
// Writes what is held back (a last line without '\n'); commands' callers call it before exiting.
void flushOutput();

// Text that came from a repository or a server (names, paths, subjects, messages) made safe for a
// terminal: control characters and bidirectional overrides escaped ("\n", "\e", "\u202e").
// `keepNewlines` keeps line breaks and tabs (multi-line error messages).
QString printable(const QString& text, bool keepNewlines = false);

// Exit codes shared by every command (as `kubectl diff`: 0 fine, 1 differences found, 2 error).
enum ExitCode
{
    ExitOk = 0,
    ExitDifferences = 1,
    ExitError = 2
};

// Prints "shiplog: error: <message>" on stderr and returns ExitError.
int reportError(const core::Error& error);
int reportError(const QString& message);

// One JSON value as compact JSON text (Qt's own escaping), for lines that are assembled by hand
// to keep the documented key order.
QString jsonText(const QJsonValue& value);

// One JSON object on one line (the --json output format of every command).
void printJsonLine(const QJsonObject& object);

} // namespace shiplog::app
