#pragma once

#include "core/git/history.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace shiplog::ui {

// The filters above the history: message text, author, path prefix, date range and "Hide bot
// commits". Edits are debounced; `changed` fires once the user pauses.
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

    static constexpr int debounceMs = 250;

signals:
    void changed();

private:
    void scheduleChange();
    void editBotRules();

    QLineEdit* m_text;
    QLineEdit* m_author;
    QLineEdit* m_path;
    QCheckBox* m_sinceEnabled;
    QDateEdit* m_since;
    QCheckBox* m_untilEnabled;
    QDateEdit* m_until;
    QCheckBox* m_hideBots;
    QToolButton* m_botRules;
    QTimer m_debounce;
};

} // namespace shiplog::ui
