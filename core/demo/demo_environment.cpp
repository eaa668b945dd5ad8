#include "core/demo/demo_environment.h"

#include "core/demo/demo_history.h"
#include "core/demo/demo_repository_writer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace shiplog::core::demo {

namespace {

// Written into every demo folder: only a folder carrying it may be replaced wholesale.
const QString kMarker = QStringLiteral(".shiplog-demo");

Result<void> checkReplaceable(const QString& target)
{
    const QFileInfo info(target);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return fail(
            QStringLiteral("Cannot create the demo in '%1': it is a file, not a folder.").arg(target));
    const QDir dir(target);
    if (dir.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot) ||
        dir.exists(kMarker))
        return {};
    return fail(QStringLiteral(
                    "Cannot create the demo in '%1': the folder is not empty and was not made by Shiplog's "
                    "demo. Choose an empty or new folder.")
                    .arg(target));
}

// Moves `fresh` to `target`, removing what was at `target` only once the new demo is in place.
Result<void> swapIn(const QString& fresh, const QString& target)
{
    QDir parent = QFileInfo(target).dir();
    QString old;
    if (QFileInfo::exists(target)) {
        old = parent.filePath(QStringLiteral(".%1-old-%2-%3")
                                  .arg(QFileInfo(target).fileName())
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(QDateTime::currentMSecsSinceEpoch()));
        if (!parent.rename(target, old))
            return fail(
                QStringLiteral("Cannot replace the demo in '%1': moving the old demo aside to '%2' failed.")
                    .arg(target, old));
    }
    if (!parent.rename(fresh, target)) {
        if (!old.isEmpty())
            parent.rename(old, target);
        return fail(QStringLiteral("Cannot move the new demo from '%1' to '%2'.").arg(fresh, target));
    }
    if (!old.isEmpty())
        QDir(old).removeRecursively(); // leftovers are hidden and harmless if this fails
    return {};
}

} // namespace

QString defaultDemoFolder()
{
    QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (QCoreApplication::applicationName().isEmpty()) // not set (tools, early start): still ours
        cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                QStringLiteral("/shiplog");
    return cache + QStringLiteral("/demo");
}

Result<DemoEnvironment> createDemoEnvironment(const QString& folder)
{
    if (folder.trimmed().isEmpty())
        return fail(QStringLiteral("Cannot create the demo: no folder was given."));
    const QString target = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (auto ok = checkReplaceable(target); !ok)
        return std::unexpected(ok.error());
    const QFileInfo targetInfo(target);
    if (!QDir().mkpath(targetInfo.path()))
        return fail(QStringLiteral("Cannot create the demo: the folder '%1' cannot be created.")
                        .arg(targetInfo.path()));

    auto history = plannedHistory();
    if (!history)
        return std::unexpected(history.error());

    QTemporaryDir fresh(targetInfo.path() + QStringLiteral("/.") + targetInfo.fileName() +
                        QStringLiteral("-new-XXXXXX"));
    if (!fresh.isValid())
        return fail(
            QStringLiteral("Cannot create the demo: no temporary folder can be made beside '%1' (%2).")
                .arg(target, fresh.errorString()));
    const QString originUrl = target + QStringLiteral("/origin.git");
    if (auto ok = writeDemoRepositories(*history, fresh.filePath(QStringLiteral("environment")),
                                        fresh.filePath(QStringLiteral("origin.git")), originUrl);
        !ok)
        return std::unexpected(ok.error());

    QFile marker(fresh.filePath(kMarker));
    if (!marker.open(QIODevice::WriteOnly) ||
        marker.write("Shiplog's demo environment. Shiplog replaces this whole folder when it regenerates the "
                     "demo.\n") < 0)
        return fail(QStringLiteral("Cannot write '%1': %2").arg(marker.fileName(), marker.errorString()));
    marker.close();

    if (auto ok = swapIn(fresh.path(), target); !ok)
        return std::unexpected(ok.error());
    fresh.setAutoRemove(false); // its path is now the demo itself
    return DemoEnvironment{target + QStringLiteral("/environment"), originUrl};
}

} // namespace shiplog::core::demo
