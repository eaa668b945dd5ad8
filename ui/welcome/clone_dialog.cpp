#include "ui/welcome/clone_dialog.h"

#include "core/git/clone.h"
#include "ui/common/theme.h"
#include "ui/common/ui_settings.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {
const QString parentFolderKey = QStringLiteral("clone/parentFolder");
}

CloneDialog::CloneDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Clone Repository"));
    m_parentFolder = settings::value(parentFolderKey, QDir::homePath()).toString();

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("cloneUrl"));
    m_url->setPlaceholderText(tr("https://github.com/org/environment.git or git@host:org/repo.git"));
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("cloneDestination"));
    m_destination->setText(m_parentFolder);
    m_browse = new QPushButton(tr("Browse…"), this);
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(m_browse);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("cloneProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cloneStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_cloneButton = m_buttons->addButton(tr("Clone"), QDialogButtonBox::AcceptRole);
    m_cloneButton->setDefault(true);
    m_cloneButton->setEnabled(false);

    auto* form = new QFormLayout;
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Clone into:"), destinationRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());

    connect(m_url, &QLineEdit::textEdited, this, &CloneDialog::onUrlEdited);
    connect(m_destination, &QLineEdit::textEdited, this, [this] { m_destinationEdited = true; });
    connect(m_browse, &QPushButton::clicked, this, &CloneDialog::browse);
    connect(m_cloneButton, &QPushButton::clicked, this, &CloneDialog::startClone);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CloneDialog::reject);

    auto* watcher = m_job.watcher();
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::progressTextChanged, m_status, &QLabel::setText);
    m_job.onResult(this, [this](const core::Result<QString>& result) { onFinished(result); });
    m_job.onCanceled(this, [this] {
        setRunning(false);
        m_status->setStyleSheet({});
        m_status->setText(tr("Clone cancelled."));
        m_progress->setVisible(false);
    });
}

CloneDialog::~CloneDialog() = default;

QString CloneDialog::folderNameForUrl(const QString& url)
{
    QString name = url.trimmed();
    while (name.endsWith(QLatin1Char('/')))
        name.chop(1);
    name = name.mid(qMax(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char(':'))) + 1);
    if (name.endsWith(QLatin1String(".git")))
        name.chop(4);
    if (name.endsWith(QLatin1String(".bundle")))
        name.chop(7);
    return name;
}

void CloneDialog::setUrl(const QString& url)
{
    m_url->setText(url);
    onUrlEdited(url);
}

void CloneDialog::setDestination(const QString& destination)
{
    m_destination->setText(destination);
    m_destinationEdited = true;
}

void CloneDialog::onUrlEdited(const QString& url)
{
    m_cloneButton->setEnabled(!url.trimmed().isEmpty());
    if (!m_destinationEdited) {
        const QString name = folderNameForUrl(url);
        m_destination->setText(name.isEmpty() ? m_parentFolder : QDir(m_parentFolder).filePath(name));
    }
}

void CloneDialog::browse()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Clone Into Folder"), m_parentFolder);
    if (folder.isEmpty())
        return;
    m_parentFolder = folder;
    const QString name = folderNameForUrl(m_url->text());
    m_destination->setText(name.isEmpty() ? folder : QDir(folder).filePath(name));
    m_destinationEdited = true;
}

void CloneDialog::startClone()
{
    const QString url = m_url->text().trimmed();
    const QString destination = QDir::cleanPath(m_destination->text().trimmed());
    if (url.isEmpty() || destination.isEmpty() || destination == QLatin1String(".")) {
        showError(tr("Enter the URL to clone and the folder to clone into."));
        return;
    }
    settings::setValue(parentFolderKey, QFileInfo(destination).absolutePath());
    setRunning(true);
    m_status->setStyleSheet({});
    m_status->setText(tr("Connecting to %1…").arg(url));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_job.start(&core::git::cloneRepository, url, destination);
}

bool CloneDialog::isCloning() const
{
    return m_job.isRunning();
}

QString CloneDialog::statusText() const
{
    return m_status->text();
}

void CloneDialog::onFinished(const core::Result<QString>& result)
{
    setRunning(false);
    if (!result) {
        showError(result.error().message);
        return;
    }
    m_clonedPath = *result;
    accept();
}

void CloneDialog::setRunning(bool running)
{
    m_url->setEnabled(!running);
    m_destination->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cloneButton->setEnabled(!running);
    m_progress->setVisible(running);
}

void CloneDialog::showError(const QString& message)
{
    m_progress->setVisible(false);
    m_status->setStyleSheet(QStringLiteral("color: %1").arg(theme::errorColor(palette()).name()));
    m_status->setText(message);
}

void CloneDialog::reject()
{
    // While cloning, Cancel stops the clone (the job removes what it wrote) and keeps the dialog open.
    if (m_job.isRunning()) {
        m_job.cancel();
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace shiplog::ui
