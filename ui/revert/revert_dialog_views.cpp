// RevertDialog: what the preview and the outcome show (kept apart from the dialog's wiring).
#include "ui/changes/change_icons.h"
#include "ui/changes/resource_pane.h"
#include "ui/common/theme.h"
#include "ui/revert/forge_accounts_dialog.h"
#include "ui/revert/revert_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace forge = core::forge;
namespace diff = core::diff;

namespace {
constexpr int ChangeIndexRole = Qt::UserRole + 1;
constexpr int EnvironmentRole = Qt::UserRole + 2; // environment nodes: the environment's name

void countChange(diff::ChangeSummary& summary, diff::ChangeKind kind)
{
    switch (kind) {
    case diff::ChangeKind::Added:
        ++summary.added;
        break;
    case diff::ChangeKind::Removed:
        ++summary.removed;
        break;
    case diff::ChangeKind::Modified:
        ++summary.modified;
        break;
    case diff::ChangeKind::Moved:
        ++summary.moved;
        break;
    }
}

// "1 added back, 2 changed": what the revert does, in its own words.
QString revertCounts(const diff::ChangeSummary& counts)
{
    QStringList parts;
    if (counts.added)
        parts << QObject::tr("%1 added back").arg(counts.added);
    if (counts.removed)
        parts << QObject::tr("%1 removed").arg(counts.removed);
    if (counts.modified)
        parts << QObject::tr("%1 changed").arg(counts.modified);
    if (counts.moved)
        parts << QObject::tr("%1 moved").arg(counts.moved);
    return parts.join(QStringLiteral(", "));
}

QString revertVerb(diff::ChangeKind kind)
{
    switch (kind) {
    case diff::ChangeKind::Added:
        return QObject::tr("Added back");
    case diff::ChangeKind::Removed:
        return QObject::tr("Removed");
    case diff::ChangeKind::Modified:
        return QObject::tr("Changed");
    case diff::ChangeKind::Moved:
        return QObject::tr("Moved");
    }
    return {};
}
} // namespace

QWidget* RevertDialog::buildResultPage()
{
    auto* page = new QWidget(this);
    m_resultTitle = new QLabel(page);
    m_resultTitle->setObjectName(QStringLiteral("revertResultTitle"));
    QFont f = m_resultTitle->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    m_resultTitle->setFont(f);
    m_resultMessage = new QLabel(page);
    m_resultMessage->setObjectName(QStringLiteral("revertResultMessage"));
    m_resultMessage->setWordWrap(true);
    m_resultMessage->setTextFormat(Qt::PlainText);
    m_resultMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url = new QLabel(page);
    m_url->setObjectName(QStringLiteral("revertUrl"));
    m_url->setTextFormat(Qt::RichText);
    m_url->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_url->setOpenExternalLinks(false);
    connect(m_url, &QLabel::linkActivated, this, [this](const QString& link) { openUrl(link); });
    m_copy = new QPushButton(tr("Copy URL"), page);
    m_copy->setObjectName(QStringLiteral("revertCopyUrl"));
    m_open = new QPushButton(tr("Open in Browser"), page);
    m_open->setObjectName(QStringLiteral("revertOpenUrl"));
    m_signIn = new QPushButton(tr("Sign In…"), page);
    m_signIn->setObjectName(QStringLiteral("revertSignIn"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(resultUrl()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const auto& outcome = m_flow->outcome();
        openUrl(!resultUrl().isEmpty() ? resultUrl() : outcome ? outcome->compareUrl : QString());
    });
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        const auto& preview = m_flow->preview();
        const QString host = preview ? QUrl(preview->remoteUrl).host() : QString();
        ForgeAccountsDialog dialog(this, host);
        dialog.exec();
        m_flow->reloadTokens(); // read the keychain again before the next try
    });

    m_serverText = new QPlainTextEdit(page);
    m_serverText->setObjectName(QStringLiteral("revertServerMessages"));
    m_serverText->setReadOnly(true);
    m_serverText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_resultConflicts = new QTreeWidget(page);
    m_resultConflicts->setHeaderLabels({tr("Conflicting file"), tr("Resources")});
    m_resultConflicts->setRootIsDecorated(false);
    m_resultDetail = new QStackedWidget(page);
    m_resultDetail->addWidget(m_serverText);
    m_resultDetail->addWidget(m_resultConflicts);
    m_resultDetail->addWidget(new QWidget(page));

    auto* urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_copy);
    urlRow->addWidget(m_open);
    urlRow->addWidget(m_signIn);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 12, 0, 0);
    layout->addWidget(m_resultTitle);
    layout->addWidget(m_resultMessage);
    layout->addLayout(urlRow);
    layout->addWidget(m_resultDetail, 1);
    return page;
}

void RevertDialog::showPreview(const forge::RevertPreview& p)
{
    m_target->setCurrentText(p.targetBranch);
    m_remoteLabel->setText(tr("on %1 · tip %2").arg(p.remote, p.baseId.left(8)));
    m_remoteLabel->setToolTip(tr("%1: %2").arg(p.remote, p.remoteUrl));
    if (!m_branchEdited)
        m_branch->setText(p.proposedBranch);
    if (!m_titleEdited) {
        m_title->setText(p.title);
        m_title->setCursorPosition(0);
    }
    if (!m_bodyEdited)
        setBodyText(p.body);
    const QString where = tr("%1/%2").arg(p.remote, p.targetBranch);
    using Kind = core::git::RevertResult::Kind;
    if (p.kind == Kind::Conflict) {
        m_summary->setText(
            tr("Reverting this commit onto %1 conflicts in %2. Nothing can be pushed; resolve it in your "
               "checkout or revert onto another branch.")
                .arg(where, p.conflicts.size() == 1 ? tr("1 file") : tr("%1 files").arg(p.conflicts.size())));
        showConflicts(p.conflicts);
        m_previewStack->setCurrentIndex(1);
        setStatus(tr("The revert does not apply cleanly."), true);
        return;
    }
    m_previewStack->setCurrentIndex(0);
    if (p.kind == Kind::AlreadyReverted) {
        m_resources->clear();
        m_summary->setText(
            tr("This commit is already reverted on %1: reverting it again changes nothing.").arg(where));
        setStatus(tr("Nothing to do."));
        return;
    }
    showResourceList(p);
    QString tokenNote;
    if (p.forge == forge::ForgeKind::Unknown)
        tokenNote = tr(" Shiplog does not know which forge serves this remote: it will push the branch only "
                       "(Settings ▸ Forge Accounts names it).");
    else if (!p.hasApiToken)
        tokenNote = tr(" No %1 API token: it will push the branch and offer the forge's pull request form.")
                        .arg(forge::displayName(p.forge));
    for (const QString& e : m_flow->keychainErrors())
        tokenNote += QLatin1Char(' ') + e;
    setStatus(tr("Ready: the revert applies cleanly onto %1 (%2).").arg(where, p.baseId.left(8)) + tokenNote);
    m_create->setEnabled(true);
}

void RevertDialog::showResourceList(const forge::RevertPreview& p)
{
    m_resources->clear();
    const auto& set = p.resources;
    const diff::ChangeSummary counts = set.summary();
    // A repository with environments: the change set is per environment (as the Changes tab reads a
    // commit), in the order the environments are detected; a base two overlays share is in both.
    QStringList environments;
    for (const diff::ResourceChange& c : set.resources)
        if (!c.environment.isEmpty() && !environments.contains(c.environment))
            environments << c.environment;
    QString text;
    if (counts.total() == 0)
        text = tr("The revert changes no Kubernetes resource.");
    else {
        const QString where = tr("%1/%2").arg(p.remote, p.targetBranch);
        const QString what = counts.total() == 1 ? tr("1 resource") : tr("%1 resources").arg(counts.total());
        text = environments.size() > 1 ? tr("Against %1 the revert changes %2 in %3 environments: ")
                                             .arg(where, what)
                                             .arg(environments.size())
               : environments.size() == 1
                   ? tr("Against %1 the revert changes %2 in %3: ").arg(where, what, environments.first())
                   : tr("Against %1 the revert changes %2: ").arg(where, what);
        text += revertCounts(counts) + QLatin1Char('.');
    }
    if (!p.resourcesError.isEmpty())
        text += QLatin1Char(' ') + tr("Resources could not be read: %1").arg(p.resourcesError);
    m_summary->setText(text);

    const QList<diff::ChangeKind> order{diff::ChangeKind::Added, diff::ChangeKind::Removed,
                                        diff::ChangeKind::Modified, diff::ChangeKind::Moved};
    const QPalette pal = palette();
    QTreeWidgetItem* first = nullptr;
    // One environment (or the whole repository, "") under `parent`: its changes by what the revert does.
    auto addChanges = [&](QTreeWidgetItem* parent, const QString& environment) {
        QHash<int, QTreeWidgetItem*> groups;
        for (diff::ChangeKind kind : order) {
            for (int i = 0; i < set.resources.size(); ++i) {
                const diff::ResourceChange& c = set.resources.at(i);
                if (c.change != kind || c.environment != environment)
                    continue;
                QTreeWidgetItem*& group = groups[int(kind)];
                if (!group) {
                    group = parent ? new QTreeWidgetItem(parent, {revertVerb(kind)})
                                   : new QTreeWidgetItem(m_resources, {revertVerb(kind)});
                    QFont bold = group->font(0);
                    bold.setBold(!parent);
                    group->setFont(0, bold);
                    group->setForeground(0, changeColor(kind, pal));
                    group->setFirstColumnSpanned(true);
                }
                auto* item = new QTreeWidgetItem(
                    group, {c.key.displayName(), c.newPath.isEmpty() ? c.oldPath : c.newPath});
                item->setIcon(0, changeIcon(kind, pal));
                item->setData(0, ChangeIndexRole, i);
                item->setToolTip(0, environment.isEmpty()
                                        ? c.key.displayName()
                                        : tr("%1\nin %2, as rendered").arg(c.key.displayName(), environment));
                item->setToolTip(1, c.newPath.isEmpty() ? c.oldPath : c.newPath);
                if (!first)
                    first = item;
            }
        }
    };
    if (environments.isEmpty()) {
        addChanges(nullptr, QString());
    } else {
        for (const QString& environment : std::as_const(environments)) {
            diff::ChangeSummary inEnvironment;
            QSet<QString> namespaces;
            for (const diff::ResourceChange& c : set.resources) {
                if (c.environment != environment)
                    continue;
                countChange(inEnvironment, c.change);
                namespaces << (c.key.namespaceName.isEmpty() ? tr("cluster-scoped") : c.key.namespaceName);
            }
            QStringList sorted = namespaces.values();
            sorted.sort();
            // Where it lands, as an Argo CD application names its destination: "overlays/production
            // → shop-production" (a Jenkins X environment named after its namespace: the name alone).
            const QString label = sorted == QStringList{environment}
                                      ? environment
                                      : tr("%1  →  %2").arg(environment, sorted.join(QStringLiteral(", ")));
            auto* node = new QTreeWidgetItem(m_resources, {label, revertCounts(inEnvironment)});
            node->setData(0, EnvironmentRole, environment);
            QFont bold = node->font(0);
            bold.setBold(true);
            node->setFont(0, bold);
            node->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
            node->setForeground(1, theme::mutedText(pal));
            node->setToolTip(0, tr("Environment %1 (namespaces: %2): what it would apply after the revert, "
                                   "as rendered")
                                    .arg(environment, sorted.join(QStringLiteral(", "))));
            addChanges(node, environment);
        }
        // Changes read without an environment (none in a repository with a detected layout).
        addChanges(nullptr, QString());
    }
    // Files the revert changes that hold no resource (kustomization, values, README).
    QSet<QString> resourceFiles;
    for (const diff::ResourceChange& c : set.resources)
        resourceFiles << c.oldPath << c.newPath;
    QTreeWidgetItem* other = nullptr;
    for (const core::git::RevertedChange& f : p.changes) {
        if (resourceFiles.contains(f.path))
            continue;
        if (!other) {
            other = new QTreeWidgetItem(m_resources, {tr("Other files")});
            other->setFirstColumnSpanned(true);
        }
        const QString what = f.kind == core::git::RevertedChange::Kind::Added     ? tr("added back")
                             : f.kind == core::git::RevertedChange::Kind::Deleted ? tr("removed")
                                                                                  : tr("changed");
        new QTreeWidgetItem(
            other, {QStringLiteral("%1 (%2)").arg(f.path.section(QLatin1Char('/'), -1), what), f.path});
    }
    for (const auto& e : set.errors) {
        auto* item = new QTreeWidgetItem(m_resources, {tr("Unreadable: %1").arg(e.message), e.path});
        item->setForeground(0, theme::errorColor(palette()));
        item->setToolTip(0, e.message);
    }
    m_resources->expandAll();
    if (first)
        m_resources->setCurrentItem(first);
}

void RevertDialog::showResource(QTreeWidgetItem* item)
{
    const auto& preview = m_flow->preview();
    if (!preview || !item || !item->data(0, ChangeIndexRole).isValid())
        return;
    const int index = item->data(0, ChangeIndexRole).toInt();
    if (index < 0 || index >= preview->resources.resources.size())
        return;
    const diff::ResourceChange& change = preview->resources.resources.at(index);
    m_resourceDetail->showChange(m_flow->repositoryPath(), change, preview->baseId);
}

QString RevertDialog::resultUrl() const
{
    const auto& outcome = m_flow->outcome();
    return outcome && outcome->pullRequest ? outcome->pullRequest->url : QString();
}

void RevertDialog::showConflicts(const std::vector<forge::RevertConflictInfo>& conflicts)
{
    for (QTreeWidget* list : {m_conflicts, m_resultConflicts}) {
        list->clear();
        for (const forge::RevertConflictInfo& c : conflicts) {
            auto* item = new QTreeWidgetItem(list, {c.path, c.resources.join(QStringLiteral(", "))});
            item->setData(
                0, Qt::UserRole,
                c.text.isEmpty()
                    ? tr("(no text: a binary file, or deleted on one side and changed on the other)")
                    : c.text);
        }
    }
    if (m_conflicts->topLevelItemCount() > 0)
        m_conflicts->setCurrentItem(m_conflicts->topLevelItem(0));
}

void RevertDialog::showOutcome(const forge::RevertOutcome& o)
{
    using S = forge::RevertStatus;
    const QString url = o.pullRequest ? o.pullRequest->url : QString();
    m_copy->setVisible(!url.isEmpty());
    m_open->setVisible(!url.isEmpty() || !o.compareUrl.isEmpty());
    m_open->setText(url.isEmpty() ? tr("Open Pull Request Form") : tr("Open in Browser"));
    m_signIn->setVisible(o.status == S::Pushed);
    // Below the link: what the server said during the push, else what was proposed.
    QString details;
    if (!o.remoteMessages.isEmpty())
        details =
            tr("The server said:\n") + o.remoteMessages.join(QLatin1Char('\n')) + QStringLiteral("\n\n");
    if (!o.branch.isEmpty())
        details += tr("Branch:  %1 → %2\nCommit:  %3\n\n%4\n\n%5")
                       .arg(o.branch, o.targetBranch, o.commit, o.title, o.body);
    m_serverText->setPlainText(details);
    m_resultDetail->setCurrentIndex(details.isEmpty() ? 2 : 0);
    const QString shown = url.isEmpty() ? o.compareUrl : url;
    m_url->setText(
        shown.isEmpty()
            ? QString()
            : QStringLiteral("<a href=\"%1\">%2</a>").arg(shown.toHtmlEscaped(), shown.toHtmlEscaped()));
    m_url->setVisible(o.status == S::Created || o.status == S::Exists || o.status == S::Pushed);

    switch (o.status) {
    case S::Created:
        m_resultTitle->setText(
            tr("✓ Pull request #%1 opened").arg(o.pullRequest ? o.pullRequest->number : 0));
        break;
    case S::Exists:
        m_resultTitle->setText(tr("A pull request for this revert is already open (#%1)")
                                   .arg(o.pullRequest ? o.pullRequest->number : 0));
        break;
    case S::Pushed:
        m_resultTitle->setText(tr("Branch %1 pushed — open the pull request in the browser").arg(o.branch));
        break;
    case S::Conflict:
        m_resultTitle->setText(tr("The revert conflicts — nothing was pushed"));
        showConflicts(o.conflicts);
        m_resultDetail->setCurrentIndex(1);
        break;
    case S::AlreadyReverted:
        m_resultTitle->setText(tr("Already reverted — nothing was pushed"));
        break;
    case S::Canceled:
        m_resultTitle->setText(tr("Canceled"));
        break;
    case S::DryRun:
        m_resultTitle->setText(tr("Dry run"));
        break;
    case S::Error:
        m_resultTitle->setText(tr("The pull request could not be created"));
        break;
    }
    m_resultMessage->setText(o.message);
    QPalette p = m_resultTitle->palette();
    p.setColor(QPalette::WindowText,
               o.status == S::Error ? theme::errorColor(palette()) : palette().color(QPalette::WindowText));
    m_resultTitle->setPalette(p);
    m_pages->setCurrentIndex(1);
    const bool done = o.status == S::Created || o.status == S::Exists || o.status == S::Pushed;
    m_back->setVisible(!done);
    m_create->setVisible(!done);
    m_create->setEnabled(false);
    m_close->setDefault(done);
    setStatus(done ? tr("Your checkout was not touched; the revert commit exists only on %1.").arg(o.branch)
                   : QString());
    if (o.status == S::Pushed && !o.compareUrl.isEmpty())
        m_open->setFocus();
}

} // namespace shiplog::ui
