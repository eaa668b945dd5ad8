#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace shiplog::ui {

class RecentList;

// The first screen: what Shiplog is, Open / Clone / Try the demo, and the recent repositories.
// It only asks; the main window does the opening.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void setRecentRepositories(const QStringList& paths);
    // While the demo is generated: a busy bar and the buttons disabled.
    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message); // e.g. the demo could not be generated
    RecentList* recentList() const { return m_recent; }

signals:
    void openRequested();
    void cloneRequested();
    void demoRequested();
    void recentActivated(const QString& path);
    void recentRemoveRequested(const QString& path);

private:
    QPushButton* m_open;
    QPushButton* m_clone;
    QPushButton* m_demo;
    QProgressBar* m_busy;
    QLabel* m_status;
    QLabel* m_recentTitle;
    RecentList* m_recent;
};

} // namespace shiplog::ui
