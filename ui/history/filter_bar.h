#pragma once

#include "core/git/history.h"
#include "core/manifest/resource.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCompleter;
class QStringListModel;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace shiplog::ui {

// The filters above the history: message text, author, path prefix, resource, date range and "Hide
// bot commits". Edits are debounced; `changed` fires once the user pauses. The resource filter needs
// the history index, so the view computes it (applyTo leaves it out).
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    // Copies the filters into `query` (revision and limit are left alone).
    void applyTo(core::git::HistoryQuery& query) const;
    bool isActive() const; // any filter set
    void focusText();      // Ctrl+F
    void clear();

    // The resource field's text (trimmed), and the key it names (nullopt: empty or not
    // [GROUP/]KIND/NAMESPACE/NAME).
    QString resourceText() const;
    std::optional<core::manifest::ResourceKey> resource() const;
    // What the resource field completes (argument forms, from the history index).
    void setResourceCompletions(const QStringList& resources);
    // The repository's environments, each with the paths its desired state reads (core/environment
    // readPaths): the environment box appears when there are two or more, and filters the history
    // to the commits that changed what the chosen one reads.
    struct EnvironmentPaths
    {
        QString name;
        QStringList paths;
    };
    void setEnvironments(const QList<EnvironmentPaths>& environments);
    // The environment chosen in the box ("" = all): the view adds its exact test to the query.
    QString environment() const;
    QComboBox* environmentBox() const { return m_environment; }

    static constexpr int debounceMs = 250;

signals:
    void changed();
    // The user started on the resource field: time to read the resources it completes (once).
    void resourceCompletionWanted();

private:
    void scheduleChange();
    void editBotRules();
    bool eventFilter(QObject* watched, QEvent* event) override;

    QLineEdit* m_text;
    QLineEdit* m_author;
    QLineEdit* m_path;
    QLineEdit* m_resource;
    QComboBox* m_environment;
    QStringListModel* m_resources;
    bool m_completionWanted = false;
    QCheckBox* m_sinceEnabled;
    QDateEdit* m_since;
    QCheckBox* m_untilEnabled;
    QDateEdit* m_until;
    QCheckBox* m_hideBots;
    QToolButton* m_botRules;
    QTimer m_debounce;
};

} // namespace shiplog::ui
