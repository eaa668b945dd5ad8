#include "ui/history/filter_bar.h"

#include "ui/common/ui_settings.h"
#include "ui/history/bot_rules_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QStringListModel>
#include <QToolButton>

namespace shiplog::ui {

namespace {
QLineEdit* makeField(QWidget* parent, const QString& name, const QString& placeholder, const QString& tip)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    edit->setClearButtonEnabled(true);
    return edit;
}

QDateEdit* makeDate(QWidget* parent, const QString& name, const QDate& date)
{
    auto* edit = new QDateEdit(date, parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setEnabled(false);
    return edit;
}
} // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    m_text = makeField(this, QStringLiteral("filterText"), tr("Filter messages  (Ctrl+F)"),
                       tr("Commits whose message contains this text (case-insensitive)"));
    m_author = makeField(this, QStringLiteral("filterAuthor"), tr("Author"),
                         tr("Commits whose author name or email contains this text"));
    m_path = makeField(this, QStringLiteral("filterPath"), tr("Path prefix"),
                       tr("Commits that changed a file under this path, e.g. config-root/namespaces/jx"));
    m_resource = makeField(this, QStringLiteral("filterResource"), tr("Resource"),
                           tr("Commits that changed one resource: [group/]Kind/namespace/name, "
                              "e.g. apps/Deployment/jx-production/payments (- for no namespace)"));
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("filterEnvironment"));
    m_environment->setToolTip(tr("Commits that changed what an environment applies"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environment->addItem(tr("All environments"));
    m_environment->hide();
    connect(m_environment, &QComboBox::currentIndexChanged, this, &FilterBar::scheduleChange);
    m_resources = new QStringListModel(this);
    auto* completer = new QCompleter(m_resources, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_resource->setCompleter(completer);
    m_resource->installEventFilter(this);

    m_sinceEnabled = new QCheckBox(tr("Since"), this);
    m_sinceEnabled->setObjectName(QStringLiteral("filterSinceEnabled"));
    m_since = makeDate(this, QStringLiteral("filterSince"), QDate::currentDate().addMonths(-1));
    m_untilEnabled = new QCheckBox(tr("Until"), this);
    m_untilEnabled->setObjectName(QStringLiteral("filterUntilEnabled"));
    m_until = makeDate(this, QStringLiteral("filterUntil"), QDate::currentDate());

    m_hideBots = new QCheckBox(tr("Hide bot commits"), this);
    m_hideBots->setObjectName(QStringLiteral("filterHideBots"));
    m_hideBots->setToolTip(tr("Hide commits written by tools (see Bot Rules…)"));
    m_botRules = new QToolButton(this);
    m_botRules->setObjectName(QStringLiteral("editBotRules"));
    m_botRules->setText(tr("Bot Rules…"));
    m_botRules->setAutoRaise(true);
    m_botRules->setToolTip(tr("Edit which subjects and authors count as bot commits"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_text, 4);
    layout->addWidget(m_author, 2);
    layout->addWidget(m_path, 3);
    layout->addWidget(m_resource, 3);
    layout->addWidget(m_environment);
    layout->addSpacing(6);
    layout->addWidget(m_sinceEnabled);
    layout->addWidget(m_since);
    layout->addWidget(m_untilEnabled);
    layout->addWidget(m_until);
    layout->addSpacing(6);
    layout->addWidget(m_hideBots);
    layout->addWidget(m_botRules);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::changed);
    for (QLineEdit* edit : {m_text, m_author, m_path, m_resource})
        connect(edit, &QLineEdit::textChanged, this, &FilterBar::scheduleChange);
    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilEnabled, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    for (QCheckBox* box : {m_sinceEnabled, m_untilEnabled, m_hideBots})
        connect(box, &QCheckBox::toggled, this, &FilterBar::scheduleChange);
    for (QDateEdit* edit : {m_since, m_until})
        connect(edit, &QDateEdit::dateChanged, this, &FilterBar::scheduleChange);
    connect(m_botRules, &QToolButton::clicked, this, &FilterBar::editBotRules);
}

bool FilterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_resource && !m_completionWanted &&
        (event->type() == QEvent::FocusIn || event->type() == QEvent::KeyPress)) {
        m_completionWanted = true;
        emit resourceCompletionWanted();
    }
    return QWidget::eventFilter(watched, event);
}

QString FilterBar::resourceText() const
{
    return m_resource->text().trimmed();
}

std::optional<core::manifest::ResourceKey> FilterBar::resource() const
{
    const QString text = resourceText();
    return text.isEmpty() ? std::nullopt : core::manifest::ResourceKey::fromArgument(text);
}

void FilterBar::setResourceCompletions(const QStringList& resources)
{
    m_resources->setStringList(resources);
}

void FilterBar::scheduleChange()
{
    m_debounce.start();
}

void FilterBar::editBotRules()
{
    BotRulesDialog dialog(settings::botRules(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings::setBotRules(dialog.rules());
    if (m_hideBots->isChecked())
        emit changed();
}

void FilterBar::applyTo(core::git::HistoryQuery& query) const
{
    query.text = m_text->text().trimmed();
    query.author = m_author->text().trimmed();
    query.pathPrefix = m_path->text().trimmed();
    query.since = m_sinceEnabled->isChecked() ? m_since->date().startOfDay() : QDateTime();
    query.until = m_untilEnabled->isChecked() ? m_until->date().endOfDay() : QDateTime();
    query.hideBots = m_hideBots->isChecked();
    query.bots = settings::botRules();
    if (m_environment->currentIndex() > 0) {
        const QStringList paths = m_environment->currentData().toStringList();
        // "" is the whole repository (no filter); nothing read is no commit at all.
        if (!paths.contains(QString()))
            query.paths = paths.isEmpty() ? QStringList{QStringLiteral("\x01none")} : paths;
    }
}

QString FilterBar::environment() const
{
    return m_environment->currentIndex() > 0 ? m_environment->currentText() : QString();
}

void FilterBar::setEnvironments(const QList<EnvironmentPaths>& environments)
{
    const QString current = m_environment->currentIndex() > 0 ? m_environment->currentText() : QString();
    const QSignalBlocker block(m_environment);
    while (m_environment->count() > 1)
        m_environment->removeItem(1);
    for (const EnvironmentPaths& e : environments)
        m_environment->addItem(e.name, e.paths);
    m_environment->setCurrentIndex(qMax(0, m_environment->findText(current)));
    m_environment->setVisible(environments.size() > 1);
}

bool FilterBar::isActive() const
{
    return !m_text->text().trimmed().isEmpty() || !m_author->text().trimmed().isEmpty() ||
           !m_path->text().trimmed().isEmpty() || !resourceText().isEmpty() || m_sinceEnabled->isChecked() ||
           m_untilEnabled->isChecked() || m_hideBots->isChecked() || m_environment->currentIndex() > 0;
}

void FilterBar::focusText()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void FilterBar::clear()
{
    for (QLineEdit* edit : {m_text, m_author, m_path, m_resource})
        edit->clear();
    m_sinceEnabled->setChecked(false);
    m_untilEnabled->setChecked(false);
    m_hideBots->setChecked(false);
    m_environment->setCurrentIndex(0);
}

} // namespace shiplog::ui
