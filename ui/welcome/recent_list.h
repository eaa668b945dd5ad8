#pragma once

#include <QListWidget>

namespace shiplog::ui {

// The recent repositories on the welcome page: folder name over its path; folders that are gone are
// greyed out and can be removed (context menu or Delete).
class RecentList : public QListWidget
{
    Q_OBJECT
public:
    enum Role
    {
        PathRole = Qt::UserRole + 1,
        MissingRole
    };
    explicit RecentList(QWidget* parent = nullptr);
    void setPaths(const QStringList& paths);

signals:
    void repositoryActivated(const QString& path);
    void removeRequested(const QString& path);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
};

} // namespace shiplog::ui
