#pragma once

// Running the real kustomize: `kustomize build DIR` when a kustomize executable is on PATH, else
// `kubectl kustomize DIR` (kubectl embeds kustomize). In its own process group, with a timeout that
// kills the whole group (a plugin or a remote fetch may have started children).
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace shiplog::core::environment {

struct KustomizeTool
{
    QString program;       // absolute path
    QStringList arguments; // before the folder: {"build"} or {"kustomize"}
    QString name;          // "kustomize build", "kubectl kustomize" (for messages and cache keys)
};

// Looked up on PATH at each call (tests change PATH); nullopt when neither tool is there.
std::optional<KustomizeTool> findKustomizeTool();

// Seconds before a render is stopped: $SHIPLOG_KUSTOMIZE_TIMEOUT, else 60.
int kustomizeTimeoutMs();

struct ToolRun
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Any tool, the same way (helm template).
ToolRun runTool(const QString& program, const QStringList& arguments, const QString& workingDirectory,
                int timeoutMs);

ToolRun runKustomize(const KustomizeTool& tool, const QString& workingDirectory, const QString& folder,
                     int timeoutMs);

} // namespace shiplog::core::environment
