// `shiplog demo-cluster`: the local Kubernetes API server, standalone, for kubectl and Shiplog.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/demo/kube_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <atomic>
#include <csignal>

namespace shiplog::app {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

int runDemoCluster(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "demo-cluster"))
        return *done;
    bool portOk = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&portOk);
    if (!portOk || port > 65535)
        return reportError(QStringLiteral("--port expects a number from 0 to 65535, not \"%1\".")
                               .arg(parser.value(QStringLiteral("port"))));

    core::demo::KubeServerOptions options;
    options.port = quint16(port);
    options.tls = !parser.isSet(QStringLiteral("plain-http"));
    options.anonymous = parser.isSet(QStringLiteral("anonymous"));
    options.token = parser.value(QStringLiteral("token"));
    options.deniedResources = parser.values(QStringLiteral("deny"));
    const QString repo = parser.value(QStringLiteral("repo"));
    if (!repo.isEmpty() && !QFileInfo(repo).isDir())
        return reportError(QStringLiteral("%1 is not a directory.").arg(repo));

    core::demo::KubeServer server;
    auto started = server.start(options);
    if (!started)
        return reportError(started.error());
    core::demo::SeedReport seeded;
    if (!repo.isEmpty()) {
        auto report = server.seed(repo);
        if (!report)
            return reportError(report.error());
        seeded = *report;
    }
    QStringList drift;
    if (parser.isSet(QStringLiteral("inject-drift")))
        drift = server.injectDemoDrift();

    QString kubeconfig = parser.value(QStringLiteral("kubeconfig-out"));
    if (kubeconfig.isEmpty())
        kubeconfig = QDir::temp().filePath(
            QStringLiteral("shiplog-demo-cluster-%1.kubeconfig").arg(QCoreApplication::applicationPid()));
    kubeconfig = QFileInfo(kubeconfig).absoluteFilePath();
    if (auto written = server.writeKubeconfig(kubeconfig); !written)
        return reportError(written.error());

    out() << "Kubernetes API server listening on " << started->url << "\n";
    if (!repo.isEmpty()) {
        // Every object the server could not store, one line each, then the count.
        for (const QString& line : seeded.skipped)
            out() << "Not seeded: " << printable(line) << "\n";
        out() << seeded.summary() << " from " << QDir(repo).absolutePath() << "\n";
    }
    for (const QString& change : drift)
        out() << "Drift: " << change << "\n";
    out() << "Kubeconfig written to " << kubeconfig << " (context shiplog-demo)\n\n";
    out() << "export KUBECONFIG=" << kubeconfig << "\n\n";
    out() << "Press Ctrl+C to stop." << Qt::endl;

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [] {
        if (g_interrupted)
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    server.stop();
    if (parser.value(QStringLiteral("kubeconfig-out")).isEmpty())
        QFile::remove(kubeconfig);
    out() << "Stopped." << Qt::endl;
    return ExitOk;
}

const bool registered = registerCommand({"demo-cluster", &runDemoCluster});

} // namespace

} // namespace shiplog::app
