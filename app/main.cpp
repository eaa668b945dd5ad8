#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "app/demo_launch.h"
#include "core/forge/redact.h"
#include "ui/common/resources.h"
#include "ui/common/theme.h"
#include "ui/mainwindow/main_window.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <cstdio>
#include <variant>

namespace {

// Logs (qWarning and friends, Qt's own included) pass the same scrubber as the CLI's output.
QtMessageHandler previousMessageHandler = nullptr;

void scrubbingMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString scrubbed = shiplog::core::forge::scrubSecrets(message);
    if (previousMessageHandler)
        previousMessageHandler(type, context, scrubbed);
    else
        std::fprintf(stderr, "%s\n", scrubbed.toLocal8Bit().constData());
}

} // namespace

int main(int argc, char** argv)
{
    previousMessageHandler = qInstallMessageHandler(scrubbingMessageHandler);
    // Subcommands, --help and --version run headless: no display needed.
    if (const auto code = shiplog::app::runCommandLine(argc, argv))
        return *code;
    // Everything else is parsed before any GUI object exists: a mistake must not reach Qt's
    // platform plugin, which aborts without a display.
    const auto parsed = shiplog::app::parseGuiCommandLine(argc, argv);
    if (const int* code = std::get_if<int>(&parsed))
        return *code;
    const shiplog::app::GuiOptions options = std::get<shiplog::app::GuiOptions>(parsed);
    if (const auto problem = shiplog::app::displayProblem(options.platform)) {
        std::fprintf(stderr, "shiplog: error: %s\n", problem->toLocal8Bit().constData());
        return shiplog::app::ExitError;
    }

    QApplication app(argc, argv);
    shiplog::ui::ensureResources();
    QApplication::setApplicationName(QStringLiteral("shiplog"));
    QApplication::setApplicationDisplayName(QStringLiteral("Shiplog"));
    QApplication::setOrganizationName(QStringLiteral("Shiplog"));
    QApplication::setApplicationVersion(QStringLiteral(SHIPLOG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.shiplog.Shiplog"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/shiplog/icons/shiplog.svg")));

    const QString palette =
        !options.palette.isEmpty() ? options.palette : qEnvironmentVariable("SHIPLOG_PALETTE");
    if (palette == QLatin1String("dark") || palette == QLatin1String("light")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(palette == QLatin1String("dark") ? shiplog::ui::theme::darkPalette()
                                                                  : QApplication::style()->standardPalette());
    }

    shiplog::ui::setDemoLaunchFunction(&shiplog::app::launchDemo);
    shiplog::ui::MainWindow window;
    window.show();
    if (options.demo)
        QTimer::singleShot(0, &window, [&window] { window.openDemo(); });
    else if (!options.path.isEmpty())
        QTimer::singleShot(0, &window, [&window, path = options.path] { window.openRepository(path); });
    return QApplication::exec();
}
