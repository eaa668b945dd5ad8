#pragma once

#include "core/common/error.h"
#include "core/jobs/job.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace shiplog::ui {

// Clone a repository: URL and destination, a progress bar with git's own progress text, Cancel that
// stops the clone, and the failure (bad URL, no access, folder not empty) shown in the dialog.
class CloneDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CloneDialog(QWidget* parent = nullptr);
    ~CloneDialog() override;

    QString clonedPath() const { return m_clonedPath; }
    void setUrl(const QString& url);
    void setDestination(const QString& destination);
    void startClone(); // what the Clone button does
    bool isCloning() const;
    QString statusText() const;

    // "https://github.com/org/env-prod.git" → "env-prod".
    static QString folderNameForUrl(const QString& url);

protected:
    void reject() override;

private:
    void onUrlEdited(const QString& url);
    void browse();
    void onFinished(const core::Result<QString>& result);
    void setRunning(bool running);
    void showError(const QString& message);

    QLineEdit* m_url;
    QLineEdit* m_destination;
    QPushButton* m_browse;
    QProgressBar* m_progress;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPushButton* m_cloneButton;
    QString m_parentFolder;
    bool m_destinationEdited = false;
    QString m_clonedPath;
    core::jobs::Job<core::Result<QString>> m_job;
};

} // namespace shiplog::ui
