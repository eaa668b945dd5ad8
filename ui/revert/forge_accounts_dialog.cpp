#include "ui/revert/forge_accounts_dialog.h"

#include "ui/common/theme.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/keychain_token_store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::forge::ForgeKind;

ForgeAccountsDialog::ForgeAccountsDialog(QWidget* parent, const QString& host)
    : QDialog(parent), m_store(new KeychainTokenStore(this))
{
    setObjectName(QStringLiteral("forgeAccountsDialog"));
    setWindowTitle(tr("Forge Accounts"));

    auto* intro = new QLabel(
        tr("Shiplog opens pull requests through the forge's API. It looks for a token in this order: "
           "the keychain entry saved here, GH_TOKEN / GITHUB_TOKEN (GH_ENTERPRISE_TOKEN on other hosts), "
           "<code>gh auth token</code>, GITLAB_TOKEN. Name the forge of a self-hosted server here: "
           "it cannot be told from the host name."),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("forgeHosts"));
    m_list->setMaximumWidth(220);
    auto* add = new QPushButton(tr("New Host"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeForgeAccount"));

    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("forgeHost"));
    m_host->setPlaceholderText(QStringLiteral("github.example.com"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("forgeKind"));
    for (ForgeKind kind : forges::selectableKinds())
        m_kind->addItem(forges::kindLabel(kind), QVariant::fromValue(int(kind)));
    m_api = new QLineEdit(this);
    m_api->setObjectName(QStringLiteral("forgeApiUrl"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("forgeToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Personal access token (saved in the system keychain)"));
    m_tokenState = new QLabel(this);
    m_tokenState->setObjectName(QStringLiteral("forgeTokenState"));
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("saveForgeAccount"));
    m_save->setDefault(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("forgeAccountStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Host:"), m_host);
    form->addRow(tr("Forge:"), m_kind);
    form->addRow(tr("API URL:"), m_api);
    form->addRow(tr("Token:"), m_token);
    form->addRow(QString(), m_tokenState);
    auto* saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    form->addRow(saveRow);
    form->addRow(m_status);

    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto* leftButtons = new QHBoxLayout;
    leftButtons->addWidget(add);
    leftButtons->addWidget(m_remove);
    left->addLayout(leftButtons);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(form, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);
    resize(720, 380);

    connect(m_list, &QListWidget::currentTextChanged, this, &ForgeAccountsDialog::showHost);
    connect(add, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        showHost({});
        m_host->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, &ForgeAccountsDialog::removeCurrent);
    connect(m_save, &QPushButton::clicked, this, &ForgeAccountsDialog::save);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ForgeAccountsDialog::updateApiPlaceholder);
    connect(m_host, &QLineEdit::textChanged, this, &ForgeAccountsDialog::updateApiPlaceholder);

    reloadList(host);
    if (!host.isEmpty() && m_list->findItems(host, Qt::MatchExactly).isEmpty())
        m_host->setText(host);
}

QString ForgeAccountsDialog::statusText() const
{
    return m_status->text();
}

void ForgeAccountsDialog::reloadList(const QString& select)
{
    m_list->clear();
    for (const forges::ForgeAccount& a : forges::accounts())
        m_list->addItem(a.host);
    const auto found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    else if (m_list->count() > 0 && select.isEmpty())
        m_list->setCurrentRow(0);
    else
        showHost({});
}

void ForgeAccountsDialog::showHost(const QString& host)
{
    m_host->setText(host);
    m_token->clear();
    m_remove->setEnabled(!host.isEmpty());
    m_tokenState->clear();
    for (const forges::ForgeAccount& a : forges::accounts()) {
        if (a.host != host)
            continue;
        m_kind->setCurrentIndex(m_kind->findData(int(a.kind)));
        m_api->setText(a.apiUrl);
    }
    if (host.isEmpty()) {
        m_api->clear();
        updateApiPlaceholder();
        return;
    }
    m_tokenState->setText(tr("Looking in the keychain…"));
    QPointer<ForgeAccountsDialog> self(this);
    m_store->read(host, [self, host](std::optional<QString> token, QString error) {
        if (!self || self->m_host->text() != host)
            return;
        if (!error.isEmpty())
            self->m_tokenState->setText(error);
        else
            self->m_tokenState->setText(
                token ? tr("A token is saved in the keychain; type a new one to replace it.")
                      : tr("No token saved for this host."));
    });
}

void ForgeAccountsDialog::updateApiPlaceholder()
{
    const auto kind = ForgeKind(m_kind->currentData().toInt());
    const QString host = m_host->text().trimmed().toLower();
    if (host.isEmpty()) {
        m_api->setPlaceholderText({});
        return;
    }
    core::forge::RemoteUrl url;
    url.scheme = QStringLiteral("https");
    url.host = host;
    url.path = QStringLiteral("owner/repo");
    m_api->setPlaceholderText(tr("Default: %1").arg(core::forge::forgeRepo(url, kind).apiBase));
}

void ForgeAccountsDialog::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText,
               error ? theme::errorColor(palette()) : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

void ForgeAccountsDialog::save()
{
    const QString host = m_host->text().trimmed().toLower();
    if (host.isEmpty() || host.contains(QLatin1Char('/')) || host.contains(QLatin1Char(' '))) {
        setStatus(tr("Enter the host name only, as in the remote URL (for example github.example.com)."),
                  true);
        return;
    }
    forges::saveAccount({host, ForgeKind(m_kind->currentData().toInt()), m_api->text().trimmed()});
    const QString token = m_token->text().trimmed();
    m_token->clear();
    reloadList(host);
    if (token.isEmpty()) {
        setStatus(tr("Saved the settings for %1.").arg(host), false);
        emit finishedStoring(true);
        return;
    }
    setStatus(tr("Saving the token in the keychain…"), false);
    QPointer<ForgeAccountsDialog> self(this);
    m_store->write(host, token, [self, host](QString error) {
        if (!self)
            return;
        if (error.isEmpty()) {
            self->setStatus(tr("Saved %1 and its token (in the system keychain).").arg(host), false);
            self->m_tokenState->setText(
                tr("A token is saved in the keychain; type a new one to replace it."));
        } else {
            self->setStatus(error, true);
        }
        emit self->finishedStoring(error.isEmpty());
    });
}

void ForgeAccountsDialog::removeCurrent()
{
    const QString host = m_host->text().trimmed().toLower();
    if (host.isEmpty())
        return;
    forges::removeAccount(host);
    reloadList();
    QPointer<ForgeAccountsDialog> self(this);
    m_store->remove(host, [self, host](QString error) {
        if (!self)
            return;
        self->setStatus(error.isEmpty() ? tr("Removed %1 and its token.").arg(host) : error,
                        !error.isEmpty());
        emit self->finishedStoring(error.isEmpty());
    });
}

} // namespace shiplog::ui
