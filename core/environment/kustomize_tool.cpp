#include "core/environment/kustomize_tool.h"

#include <QProcess>
#include <QStandardPaths>
#include <csignal>
#include <unistd.h>

namespace shiplog::core::environment {

std::optional<KustomizeTool> findKustomizeTool()
{
    const QString kustomize = QStandardPaths::findExecutable(QStringLiteral("kustomize"));
    if (!kustomize.isEmpty())
        return KustomizeTool{kustomize, {QStringLiteral("build")}, QStringLiteral("kustomize build")};
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (!kubectl.isEmpty())
        return KustomizeTool{kubectl, {QStringLiteral("kustomize")}, QStringLiteral("kubectl kustomize")};
    return std::nullopt;
}

int kustomizeTimeoutMs()
{
    bool ok = false;
    const double seconds = qEnvironmentVariable("SHIPLOG_KUSTOMIZE_TIMEOUT").toDouble(&ok);
    return ok && seconds > 0 ? int(seconds * 1000) : 60'000;
}

ToolRun runKustomize(const KustomizeTool& tool, const QString& workingDirectory, const QString& folder,
                     int timeoutMs)
{
    return runTool(tool.program, tool.arguments + QStringList{folder}, workingDirectory, timeoutMs);
}

ToolRun runTool(const QString& program, const QStringList& arguments, const QString& workingDirectory,
                int timeoutMs)
{
    ToolRun run;
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.setProgram(program);
    process.setArguments(arguments);
    // Its own process group, so that a timeout stops whatever it started too.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(10'000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    run.started = true;
    const qint64 pid = process.processId();
    if (!process.waitForFinished(timeoutMs)) {
        run.timedOut = true;
        if (pid > 0)
            ::kill(-pid_t(pid), SIGKILL);
        process.kill();
        process.waitForFinished(5'000);
        run.err = process.readAllStandardError();
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

} // namespace shiplog::core::environment
