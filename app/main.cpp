#include "app/cli/command_line.h"
#include "ui/mainwindow/main_window.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    // Subcommands, --help and --version run headless: no display needed.
    if (const auto code = shiplog::app::runCommandLine(argc, argv))
        return *code;

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("shiplog"));
    QApplication::setApplicationDisplayName(QStringLiteral("Shiplog"));
    QApplication::setOrganizationName(QStringLiteral("Shiplog"));
    QApplication::setApplicationVersion(QStringLiteral(SHIPLOG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.shiplog.Shiplog"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/shiplog/icons/shiplog.svg")));

    shiplog::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
