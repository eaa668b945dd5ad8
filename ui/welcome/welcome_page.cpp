#include "ui/welcome/welcome_page.h"

#include "ui/common/theme.h"
#include "ui/welcome/recent_list.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {
QPushButton* bigButton(const QString& text, const QString& name, const QString& tip, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setToolTip(tip);
    button->setMinimumHeight(button->sizeHint().height() + 10);
    button->setMinimumWidth(150);
    return button;
}
} // namespace

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/shiplog/icons/shiplog.svg")).pixmap(88, 88));
    icon->setAlignment(Qt::AlignCenter);

    auto* name = new QLabel(tr("Shiplog"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 2.2);
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);
    name->setAlignment(Qt::AlignCenter);

    auto* tagline =
        new QLabel(tr("History, per-resource changes and drift for GitOps environment repositories"), this);
    tagline->setAlignment(Qt::AlignCenter);
    tagline->setWordWrap(true);
    QPalette taglinePalette = tagline->palette();
    taglinePalette.setColor(QPalette::WindowText, theme::mutedText(palette()));
    tagline->setPalette(taglinePalette);

    m_open = bigButton(tr("Open Repository…"), QStringLiteral("openRepository"),
                       tr("Open a git repository on this computer (Ctrl+O)"), this);
    m_clone =
        bigButton(tr("Clone…"), QStringLiteral("cloneRepository"), tr("Clone a repository from a URL"), this);
    m_demo =
        bigButton(tr("Try the Demo"), QStringLiteral("tryDemo"),
                  tr("Generate a Jenkins X-style environment repository with a few weeks of history"), this);
    m_open->setDefault(true);
    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(m_clone, &QPushButton::clicked, this, &WelcomePage::cloneRequested);
    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(10);
    buttons->addWidget(m_open);
    buttons->addWidget(m_clone);
    buttons->addWidget(m_demo);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("welcomeStatus"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    m_recentTitle = new QLabel(tr("Recent Repositories"), this);
    QFont sectionFont = m_recentTitle->font();
    sectionFont.setWeight(QFont::DemiBold);
    m_recentTitle->setFont(sectionFont);
    m_recent = new RecentList(this);
    connect(m_recent, &RecentList::repositoryActivated, this, &WelcomePage::recentActivated);
    connect(m_recent, &RecentList::removeRequested, this, &WelcomePage::recentRemoveRequested);

    auto* column = new QVBoxLayout;
    column->setSpacing(0);
    column->addStretch(2);
    column->addWidget(icon);
    column->addSpacing(10);
    column->addWidget(name);
    column->addSpacing(4);
    column->addWidget(tagline);
    column->addSpacing(28);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(m_busy);
    column->addWidget(m_status);
    column->addSpacing(24);
    column->addWidget(m_recentTitle);
    column->addSpacing(6);
    column->addWidget(m_recent, 4);
    column->addStretch(1);

    auto* columnWidget = new QWidget(this);
    columnWidget->setLayout(column);
    columnWidget->setMaximumWidth(620);
    columnWidget->setMinimumWidth(480);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addWidget(columnWidget, 1);
    outer->addStretch();
    setRecentRepositories({});
}

void WelcomePage::setRecentRepositories(const QStringList& paths)
{
    m_recent->setPaths(paths);
    m_recentTitle->setVisible(!paths.isEmpty());
    m_recent->setVisible(!paths.isEmpty());
    const int rows = qMin(int(paths.size()), 6);
    m_recent->setMinimumHeight(rows ? m_recent->sizeHintForRow(0) * rows + 4 : 0);
}

void WelcomePage::setBusy(bool busy, const QString& text)
{
    for (QPushButton* button : {m_open, m_clone, m_demo})
        button->setEnabled(!busy);
    m_recent->setEnabled(!busy);
    m_busy->setVisible(busy);
    m_status->setStyleSheet({});
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void WelcomePage::showError(const QString& message)
{
    setBusy(false);
    m_status->setStyleSheet(QStringLiteral("color: %1").arg(theme::errorColor(palette()).name()));
    m_status->setText(message);
    m_status->setVisible(true);
}

} // namespace shiplog::ui
