#include "ui/common/message_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace shiplog::ui {

MessagePage::MessagePage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("messagePage"));
    m_icon = new QLabel(this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    m_icon->setAlignment(Qt::AlignCenter);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("messageTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageText"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setMaximumWidth(640);

    auto* open = new QPushButton(tr("Open Another Repository…"), this);
    auto* welcome = new QPushButton(tr("Back to Welcome"), this);
    connect(open, &QPushButton::clicked, this, &MessagePage::openAnotherRequested);
    connect(welcome, &QPushButton::clicked, this, &MessagePage::welcomeRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(open);
    buttons->addWidget(welcome);
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addSpacing(8);
    layout->addWidget(m_title);
    layout->addSpacing(4);
    layout->addWidget(m_message, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addLayout(buttons);
    layout->addStretch(3);
}

void MessagePage::showMessage(const QString& title, const QString& message)
{
    m_title->setText(title);
    m_message->setText(message);
}

QString MessagePage::title() const
{
    return m_title->text();
}

QString MessagePage::message() const
{
    return m_message->text();
}

} // namespace shiplog::ui
