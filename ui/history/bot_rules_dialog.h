#pragma once

#include "core/git/history.h"

#include <QDialog>

class QPlainTextEdit;

namespace shiplog::ui {

// Edits what "Hide bot commits" hides: subject prefixes and author suffixes, one per line.
class BotRulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BotRulesDialog(const core::git::BotRules& rules, QWidget* parent = nullptr);
    core::git::BotRules rules() const;

private:
    QPlainTextEdit* m_subjects;
    QPlainTextEdit* m_authors;
};

} // namespace shiplog::ui
