#include "ui/revert/revert_dialog.h"

#include "core/forge/revert_text.h"
#include "ui/changes/resource_pane.h"
#include "ui/common/theme.h"
#include "ui/revert/forge_accounts_dialog.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace forge = core::forge;

RevertDialog::RevertDialog(RevertFlow* flow, const QStringList& remoteBranches, QWidget* parent)
    : QDialog(parent), m_flow(flow)
{
    m_flow->setParent(this);
    const core::git::CommitInfo& commit = m_flow->commit();
    setObjectName(QStringLiteral("revertDialog"));
    setWindowTitle(tr("Revert via Pull Request"));
    m_openUrl = [](const QUrl& url) { QDesktopServices::openUrl(url); };

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("revertHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    QFont big = m_header->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_header->setFont(big);
    m_header->setText(forge::defaultRevertTitle(commit.subject));
    m_subHeader = new QLabel(this);
    m_subHeader->setTextFormat(Qt::PlainText);
    QPalette muted = m_subHeader->palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(palette()));
    m_subHeader->setPalette(muted);
    m_subHeader->setText(tr("Commit %1 by %2. The revert is made on a new branch of the remote and proposed "
                            "in a pull request; "
                            "your working tree, index and branches are not touched.")
                             .arg(commit.id.left(8), commit.author.name));
    m_subHeader->setWordWrap(true);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildFormPage());
    m_pages->addWidget(buildResultPage());

    // Progress row: the four steps, a bar and the current step's text.
    m_steps = new QLabel(this);
    m_steps->setObjectName(QStringLiteral("revertSteps"));
    m_steps->setTextFormat(Qt::RichText);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 500);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("revertStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("revertCancel"));
    m_create = new QPushButton(tr("Create Pull Request"), this);
    m_create->setObjectName(QStringLiteral("revertCreate"));
    m_create->setDefault(true);
    m_create->setEnabled(false);
    m_close = new QPushButton(tr("Close"), this);
    m_back = new QPushButton(tr("Back"), this);
    m_back->setVisible(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_back);
    buttons->addWidget(m_close);
    buttons->addWidget(m_create);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_subHeader);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_steps);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);

    connect(m_cancel, &QPushButton::clicked, this, [this] { m_flow->cancel(); });
    connect(m_create, &QPushButton::clicked, this, &RevertDialog::createPullRequest);
    connect(m_close, &QPushButton::clicked, this, &RevertDialog::reject);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(0);
        m_back->setVisible(false);
        previewAgain();
    });

    for (const QString& b : remoteBranches)
        m_target->addItem(b);
    m_target->setCurrentText(m_flow->targetBranch());
    m_target->lineEdit()->setPlaceholderText(tr("the remote's default branch"));

    connect(m_flow, &RevertFlow::stateChanged, this, &RevertDialog::render);
    connect(m_flow, &RevertFlow::progress, this, &RevertDialog::onProgress);

    resize(1100, 720);
    render(m_flow->state());
}

RevertDialog::~RevertDialog() = default; // the flow (a child) discards its jobs without waiting

QWidget* RevertDialog::buildFormPage()
{
    auto* page = new QWidget(this);
    m_target = new QComboBox(page);
    m_target->setObjectName(QStringLiteral("revertTarget"));
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    m_target->setMinimumWidth(200);
    m_remoteLabel = new QLabel(page);
    m_remoteLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette mutedRemote = m_remoteLabel->palette();
    mutedRemote.setColor(QPalette::WindowText, theme::mutedText(palette()));
    m_remoteLabel->setPalette(mutedRemote);
    m_branch = new QLineEdit(page);
    m_branch->setObjectName(QStringLiteral("revertBranch"));
    const core::git::CommitInfo& commit = m_flow->commit();
    m_branch->setPlaceholderText(QStringLiteral("revert-%1").arg(commit.id.left(7)));
    m_mainlineLabel = new QLabel(tr("Mainline:"), page);
    m_mainline = new QComboBox(page);
    m_mainline->setObjectName(QStringLiteral("revertMainline"));
    for (int i = 0; i < commit.parents.size(); ++i)
        m_mainline->addItem(tr("Parent %1 — %2%3")
                                .arg(i + 1)
                                .arg(commit.parents.at(i).left(8),
                                     i == 0 ? tr(" (the branch merged into)") : tr(" (the merged branch)")),
                            i + 1);
    m_mainline->setToolTip(tr("A merge commit is reverted relative to one of its parents: the changes from "
                              "the other parents are undone."));
    m_mainline->setCurrentIndex(std::max(0, m_mainline->findData(m_flow->mainline())));
    const bool merge = commit.isMerge();
    m_mainlineLabel->setVisible(merge);
    m_mainline->setVisible(merge);
    m_title = new QLineEdit(page);
    m_title->setObjectName(QStringLiteral("revertTitle"));
    m_title->setText(forge::defaultRevertTitle(commit.subject));
    m_body = new QPlainTextEdit(page);
    m_body->setObjectName(QStringLiteral("revertBody"));
    m_body->setTabChangesFocus(true);
    m_body->setPlaceholderText(
        tr("Filled in by the preview: git's sentence, the affected resources, links."));

    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(m_remoteLabel);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Target branch:"), targetRow);
    form->addRow(tr("New branch:"), m_branch);
    form->addRow(m_mainlineLabel, m_mainline);
    form->addRow(tr("Title:"), m_title);
    auto* left = new QWidget(page);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addWidget(new QLabel(tr("Description:"), left));
    leftLayout->addWidget(m_body, 1);

    // Preview: the resources the revert changes (or the conflicts), and the selected one in detail.
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("revertSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resources = new QTreeWidget(page);
    m_resources->setObjectName(QStringLiteral("revertResources"));
    m_resources->setHeaderLabels({tr("Resource"), tr("File")});
    m_resources->setRootIsDecorated(true);
    m_resources->setUniformRowHeights(true);
    m_resources->header()->setStretchLastSection(false);
    m_resources->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_resources->header()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_resources->setColumnWidth(1, 200);
    m_resources->setTextElideMode(Qt::ElideMiddle);
    m_resourceDetail = new ResourcePane(page);
    m_resourceDetail->setObjectName(QStringLiteral("revertResourceDetail"));
    auto* resourceSplit = new QSplitter(Qt::Vertical, page);
    resourceSplit->addWidget(m_resources);
    resourceSplit->addWidget(m_resourceDetail);
    resourceSplit->setStretchFactor(0, 1);
    resourceSplit->setStretchFactor(1, 2);

    m_conflicts = new QTreeWidget(page);
    m_conflicts->setObjectName(QStringLiteral("revertConflicts"));
    m_conflicts->setHeaderLabels({tr("Conflicting file"), tr("Resources")});
    m_conflicts->setRootIsDecorated(false);
    m_conflicts->setColumnWidth(0, 280);
    m_conflictText = new QPlainTextEdit(page);
    m_conflictText->setObjectName(QStringLiteral("revertConflictText"));
    m_conflictText->setReadOnly(true);
    m_conflictText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_conflictText->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* conflictSplit = new QSplitter(Qt::Vertical, page);
    conflictSplit->addWidget(m_conflicts);
    conflictSplit->addWidget(m_conflictText);
    conflictSplit->setStretchFactor(1, 2);

    m_previewStack = new QStackedWidget(page);
    m_previewStack->addWidget(resourceSplit);
    m_previewStack->addWidget(conflictSplit);

    auto* right = new QWidget(page);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_previewStack, 1);

    auto* split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(split);

    connect(m_resources, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { showResource(item); });
    connect(m_conflicts, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_conflictText->setPlainText(item ? item->data(0, Qt::UserRole).toString() : QString());
    });
    // A new target or mainline changes what the revert does: preview again.
    connect(m_target, &QComboBox::activated, this, [this] { previewAgain(); });
    connect(m_target->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const auto& preview = m_flow->preview();
        if (preview && m_target->currentText().trimmed() != preview->targetBranch && !m_flow->isBusy())
            previewAgain();
    });
    connect(m_mainline, &QComboBox::activated, this, [this] { previewAgain(); });
    connect(m_body, &QPlainTextEdit::textChanged, this,
            [this] { m_bodyEdited = m_bodyEdited || !m_settingText; });
    connect(m_branch, &QLineEdit::textEdited, this, [this] { m_branchEdited = true; });
    connect(m_title, &QLineEdit::textEdited, this, [this] { m_titleEdited = true; });
    return page;
}

void RevertDialog::previewAgain()
{
    m_flow->setTargetBranch(m_target->currentText());
    if (m_flow->commit().isMerge())
        m_flow->setMainline(m_mainline->currentData().toInt());
    m_flow->startPreview();
}

void RevertDialog::createPullRequest()
{
    const auto problem = m_flow->create({m_branch->text(), m_title->text(), m_body->toPlainText()});
    if (!problem)
        return;
    setStatus(problem->message, true);
    (problem->field == RevertFlow::Field::Title ? m_title : m_branch)->setFocus();
}

// The widgets follow the flow's state; texts of busy states arrive through onProgress.
void RevertDialog::render(RevertFlow::State state)
{
    using State = RevertFlow::State;
    const bool busy = m_flow->isBusy();
    m_cancel->setVisible(busy);
    m_progress->setVisible(busy);
    m_steps->setVisible(state == State::Creating);
    m_target->setEnabled(!busy);
    m_mainline->setEnabled(!busy);
    if (busy)
        m_create->setEnabled(false);
    switch (state) {
    case State::Idle:
    case State::ReadingTokens:
    case State::Previewing:
        break;
    case State::Creating:
        showSteps(0);
        break;
    case State::Previewed:
        showPreview(*m_flow->preview());
        break;
    case State::PreviewFailed:
        showPreviewError(m_flow->previewError());
        break;
    case State::PreviewCanceled:
        setStatus(tr("Preview canceled. Change the target branch to preview again."));
        break;
    case State::Finished:
        showOutcome(*m_flow->outcome());
        break;
    }
}

void RevertDialog::onProgress(int value, const QString& text)
{
    if (value >= 0) {
        m_progress->setValue(value);
        if (m_flow->state() == RevertFlow::State::Creating)
            showSteps(std::min(m_flow->step(), 3));
    }
    if (!text.isEmpty())
        setStatus(text);
}

void RevertDialog::showSteps(int step)
{
    static const QStringList names{tr("Fetch"), tr("Revert"), tr("Push"), tr("Open pull request")};
    QStringList parts;
    for (int i = 0; i < names.size(); ++i) {
        const QString name = names.at(i).toHtmlEscaped();
        parts << (i < step    ? QStringLiteral("✓ %1").arg(name)
                  : i == step ? QStringLiteral("<b>▸ %1</b>").arg(name)
                              : name);
    }
    m_steps->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

void RevertDialog::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText,
               error ? theme::errorColor(palette()) : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

void RevertDialog::setBodyText(const QString& text)
{
    m_settingText = true;
    m_body->setPlainText(text);
    m_settingText = false;
}

void RevertDialog::showPreviewError(const QString& error)
{
    m_summary->setText(tr("No preview: %1").arg(error));
    m_resources->clear();
    setStatus(error, true);
}

void RevertDialog::openUrl(const QString& url)
{
    if (!url.isEmpty() && m_openUrl)
        m_openUrl(QUrl(url));
}

void RevertDialog::closeEvent(QCloseEvent* event)
{
    // Without waiting: the jobs stop between steps and inside transfers, on their own copies.
    m_flow->abandon();
    QDialog::closeEvent(event);
}

void RevertDialog::reject()
{
    // Closing while pushing: the flow lets go of its job without waiting (it stops between steps
    // and inside transfers, on its own copies of the request).
    m_flow->abandon();
    QDialog::reject();
}

} // namespace shiplog::ui
