#include "app/cli/command_line.h"
#include "app/demo_launch.h"
#include "ui/common/resources.h"
#include "ui/common/theme.h"
#include "ui/mainwindow/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>

int main(int argc, char** argv)
{
    // Subcommands, --help and --version run headless: no display needed.
    if (const auto code = shiplog::app::runCommandLine(argc, argv))
        return *code;

    QApplication app(argc, argv);
    shiplog::ui::ensureResources();
    QApplication::setApplicationName(QStringLiteral("shiplog"));
    QApplication::setApplicationDisplayName(QStringLiteral("Shiplog"));
    QApplication::setOrganizationName(QStringLiteral("Shiplog"));
    QApplication::setApplicationVersion(QStringLiteral(SHIPLOG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.shiplog.Shiplog"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/shiplog/icons/shiplog.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shiplog"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral(
            "Open the built-in demo environment and start its local Kubernetes cluster, with drift."));
    const QCommandLineOption paletteOption(
        QStringLiteral("palette"),
        QStringLiteral("Use the Fusion style with a light or dark palette instead of the system's (also "
                       "SHIPLOG_PALETTE)."),
        QStringLiteral("light|dark"));
    parser.addOption(demoOption);
    parser.addOption(paletteOption);
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("The repository to open."),
                                 QStringLiteral("[PATH]"));
    if (!parser.parse(QApplication::arguments())) {
        qCritical("shiplog: error: %s (see shiplog --help)", qPrintable(parser.errorText()));
        return 2;
    }

    const QString palette =
        parser.isSet(paletteOption) ? parser.value(paletteOption) : qEnvironmentVariable("SHIPLOG_PALETTE");
    if (palette == QLatin1String("dark") || palette == QLatin1String("light")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(palette == QLatin1String("dark") ? shiplog::ui::theme::darkPalette()
                                                                  : QApplication::style()->standardPalette());
    }

    shiplog::ui::setDemoLaunchFunction(&shiplog::app::launchDemo);
    shiplog::ui::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(demoOption))
        QTimer::singleShot(0, &window, [&window] { window.openDemo(); });
    else if (!paths.isEmpty())
        QTimer::singleShot(0, &window, [&window, path = paths.first()] { window.openRepository(path); });
    return QApplication::exec();
}
