#include "tests/support/fixtures.h"

#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFileInfo>

namespace shiplog::test {

QString benchCacheDir()
{
    const QString dir = QDir::tempPath() + QStringLiteral("/shiplog-bench");
    QDir().mkpath(dir);
    return dir;
}

QString fixtureBundle(const QString& name)
{
    const QString path = QStringLiteral(SHIPLOG_FIXTURES_DIR "/%1.bundle").arg(name);
    return QFileInfo::exists(path) ? QFileInfo(path).canonicalFilePath() : QString();
}

bool cloneFixture(const QString& name, const QString& destination, bool bare)
{
    const QString bundle = fixtureBundle(name);
    if (bundle.isEmpty())
        return false;
    QStringList args{QStringLiteral("clone"), QStringLiteral("-q")};
    if (bare)
        args << QStringLiteral("--bare");
    args << bundle << destination;
    return run(QStringLiteral("git"), args, {}, ScratchRepo::gitEnvironment(), 300000).exitCode == 0;
}

} // namespace shiplog::test
