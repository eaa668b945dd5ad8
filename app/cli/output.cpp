#include "app/cli/output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

namespace shiplog::app {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int reportError(const core::Error& error)
{
    return reportError(error.message);
}

int reportError(const QString& message)
{
    out().flush();
    err() << "shiplog: error: " << message << Qt::endl;
    return ExitError;
}

QString jsonText(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

void printJsonLine(const QJsonObject& object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
}

} // namespace shiplog::app
