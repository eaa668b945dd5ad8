#include "ui/mainwindow/main_window.h"

#include <QLabel>

namespace shiplog::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Shiplog"));
    setCentralWidget(new QLabel(tr("Shiplog"), this));
}

}  // namespace shiplog::ui
