#include "ui/history/bot_rules_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {
QStringList lines(const QPlainTextEdit* edit)
{
    QStringList result;
    for (const QString& line : edit->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            result.append(line.trimmed());
    }
    return result;
}
} // namespace

BotRulesDialog::BotRulesDialog(const core::git::BotRules& rules, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Bot Rules"));
    auto* intro =
        new QLabel(tr("A commit is a bot commit when its subject starts with one of these prefixes, "
                      "or its author's name or email ends with one of these suffixes. "
                      "One entry per line."),
                   this);
    intro->setWordWrap(true);
    m_subjects = new QPlainTextEdit(rules.subjectPrefixes.join(QLatin1Char('\n')), this);
    m_subjects->setObjectName(QStringLiteral("botSubjectPrefixes"));
    m_authors = new QPlainTextEdit(rules.authorSuffixes.join(QLatin1Char('\n')), this);
    m_authors->setObjectName(QStringLiteral("botAuthorSuffixes"));
    for (QPlainTextEdit* edit : {m_subjects, m_authors}) {
        edit->setTabChangesFocus(true);
        edit->setMinimumHeight(fontMetrics().lineSpacing() * 5);
    }

    auto* form = new QFormLayout;
    form->addRow(tr("Subject prefixes:"), m_subjects);
    form->addRow(tr("Author suffixes:"), m_authors);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        const core::git::BotRules defaults;
        m_subjects->setPlainText(defaults.subjectPrefixes.join(QLatin1Char('\n')));
        m_authors->setPlainText(defaults.authorSuffixes.join(QLatin1Char('\n')));
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(460, 320);
}

core::git::BotRules BotRulesDialog::rules() const
{
    core::git::BotRules result;
    result.subjectPrefixes = lines(m_subjects);
    result.authorSuffixes = lines(m_authors);
    return result;
}

} // namespace shiplog::ui
