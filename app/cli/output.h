#pragma once

#include "core/common/error.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

namespace shiplog::app {

QTextStream& out(); // stdout, UTF-8
QTextStream& err(); // stderr, UTF-8

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
