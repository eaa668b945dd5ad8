#include "app/cli/release_output.h"

#include "app/cli/output.h"

#include <QJsonObject>

namespace shiplog::app {

void printReleaseChanges(const QList<core::environment::ReleaseChange>& changes)
{
    if (changes.isEmpty())
        return;
    out() << "Releases:\n";
    for (const auto& change : changes)
        out() << "  " << printable(change.describe()) << "  (" << printable(change.file) << ")\n";
    out() << '\n';
}

QJsonArray releaseChangesJson(const QList<core::environment::ReleaseChange>& changes)
{
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonArray array;
    for (const auto& change : changes)
        array.append(QJsonObject{{QStringLiteral("environment"), change.environment},
                                 {QStringLiteral("name"), change.name},
                                 {QStringLiteral("chart"), change.chart},
                                 {QStringLiteral("old"), orNull(change.oldVersion)},
                                 {QStringLiteral("new"), orNull(change.newVersion)}});
    return array;
}

} // namespace shiplog::app
