#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

namespace shiplog::test {

ProcessResult run(const QString& program, const QStringList& arguments, const QString& workingDirectory,
                  const QProcessEnvironment& environment, int timeoutMs, const QByteArray& input)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForStarted(10000)) {
        result.err = "could not start " + program.toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out: " + program.toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

ProcessResult runShiplog(const QStringList& arguments, const QString& workingDirectory)
{
    return run(QStringLiteral(SHIPLOG_BINARY), arguments, workingDirectory, ScratchRepo::gitEnvironment());
}

QProcessEnvironment ScratchRepo::gitEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Shiplog Tests"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("tests@shiplog.invalid"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return env;
}

ScratchRepo::ScratchRepo(bool bare)
{
    QStringList args{QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                     QStringLiteral("main")};
    if (bare)
        args << QStringLiteral("--bare");
    args << m_dir.path();
    const ProcessResult r = run(QStringLiteral("git"), args, {}, gitEnvironment());
    if (r.exitCode != 0)
        qWarning("git init failed: %s", r.err.constData());
}

ProcessResult ScratchRepo::tryGit(const QStringList& arguments, const QProcessEnvironment& extra) const
{
    QProcessEnvironment env = gitEnvironment();
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    return run(QStringLiteral("git"), arguments, m_dir.path(), env);
}

QByteArray ScratchRepo::git(const QStringList& arguments, const QProcessEnvironment& extra) const
{
    const ProcessResult r = tryGit(arguments, extra);
    if (r.exitCode != 0)
        qWarning("git %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.err.constData());
    return r.out;
}

void ScratchRepo::write(const QString& relative, const QByteArray& content) const
{
    const QString path = m_dir.filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qWarning("cannot write %s", qPrintable(path));
    file.write(content);
}

void ScratchRepo::remove(const QString& relative) const
{
    QFile::remove(m_dir.filePath(relative));
}

QString ScratchRepo::commit(const QString& message, const QString& author, const QString& date) const
{
    QProcessEnvironment extra;
    if (!date.isEmpty()) {
        extra.insert(QStringLiteral("GIT_AUTHOR_DATE"), date);
        extra.insert(QStringLiteral("GIT_COMMITTER_DATE"), date);
    }
    git({QStringLiteral("add"), QStringLiteral("-A")});
    git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
         QStringLiteral("-m"), message, QStringLiteral("--author"), author},
        extra);
    return QString::fromLatin1(git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
}

} // namespace shiplog::test
