#pragma once

#include <QMainWindow>

namespace shiplog::ui {

// The application window: the welcome page until a repository is open, then the repository view.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace shiplog::ui
