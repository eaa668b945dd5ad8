#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace shiplog::ui {

// A full-page message for a repository that cannot be shown (not a repository, no commits, a corrupt
// object): a title, core's sentence verbatim (selectable, so it can be pasted into a ticket) and
// actions to go elsewhere.
class MessagePage : public QWidget
{
    Q_OBJECT
public:
    explicit MessagePage(QWidget* parent = nullptr);
    void showMessage(const QString& title, const QString& message);
    QString title() const;
    QString message() const;

signals:
    void openAnotherRequested();
    void welcomeRequested();

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_message;
};

} // namespace shiplog::ui
