#include "ui/changes/changes_panel.h"

#include "ui/changes/changes_model.h"
#include "ui/changes/changes_tree.h"
#include "ui/changes/resource_pane.h"
#include "ui/common/theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace shiplog::ui {

ChangesPanel::ChangesPanel(QWidget* parent)
    : QWidget(parent), m_status(new QLabel(this)), m_parents(new QComboBox(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_tree(new ChangesTree(this)),
      m_pane(new ResourcePane(this)), m_releases(new QLabel(this))
{
    m_releases->setObjectName(QStringLiteral("releaseChanges"));
    m_releases->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_releases->setContentsMargins(6, 0, 6, 4);
    m_releases->hide();
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_parents->setToolTip(tr("A merge commit: choose the parent to compare with"));
    m_parents->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_parents->hide();
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_parents);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({300, 900});
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_releases);
    layout->addWidget(m_splitter, 1);

    connect(m_tree, &ChangesTree::currentChangeChanged, this, &ChangesPanel::onCurrentChange);
    connect(m_pane, &ResourcePane::commitActivated, this, &ChangesPanel::commitActivated);
    connect(m_parents, &QComboBox::activated, this, [this](int index) { setParentNumber(index + 1); });
    // A replaced or cleared request delivers nothing (Job::start, Job::discard): the newer one owns
    // m_loading.
    m_job.onResult(this, [this](const core::Result<core::diff::ChangeSet>& result) { onFinished(result); });
    m_releasesJob.onResult(this, [this](const core::Result<QList<core::environment::ReleaseChange>>& result) {
        // A helmfile that does not parse shows here; the resources' change set is unaffected.
        QStringList lines;
        if (!result)
            lines << tr("Releases could not be read: %1").arg(result.error().message);
        else
            for (const core::environment::ReleaseChange& change : *result)
                if (m_environment.isEmpty() || change.environment == m_environment)
                    lines << change.describe();
        m_releases->setText(lines.isEmpty() ? QString()
                                            : tr("Releases: %1").arg(lines.join(QStringLiteral("  ·  "))));
        m_releases->setVisible(!lines.isEmpty());
    });
    clear();
}

ChangesPanel::~ChangesPanel() = default;

void ChangesPanel::showCommit(const QString& repositoryPath, const core::git::CommitInfo& commit)
{
    m_repositoryPath = repositoryPath;
    m_revision = commit.id;
    m_timelineRevision = QStringLiteral("HEAD");
    m_parent = 1;
    m_parents->clear();
    for (int i = 0; i < commit.parents.size(); ++i)
        m_parents->addItem(tr("Compare with parent %1 (%2)").arg(i + 1).arg(commit.parents[i].left(10)));
    m_parents->setVisible(commit.parents.size() > 1);
    start();
}

void ChangesPanel::showRange(const QString& repositoryPath, const QString& from, const QString& to)
{
    m_repositoryPath = repositoryPath;
    m_revision = QStringLiteral("%1..%2").arg(from, to);
    m_timelineRevision = to;
    m_parent = 1;
    m_parents->clear();
    m_parents->hide();
    start();
}

void ChangesPanel::setParentNumber(int parent)
{
    if (parent == m_parent || m_revision.isEmpty())
        return;
    m_parent = parent;
    m_parents->setCurrentIndex(parent - 1);
    start();
}

void ChangesPanel::setEnvironment(const QString& environment)
{
    if (environment == m_environment)
        return;
    m_environment = environment;
    if (!m_revision.isEmpty())
        start();
}

void ChangesPanel::clear()
{
    // Without waiting: a big change set may take a while to notice the cancellation. Its result,
    // even one already on its way, never reaches onFinished (Job::discard).
    m_job.discard();
    m_releasesJob.discard();
    m_releases->clear();
    m_releases->hide();
    m_loading = false;
    m_revision.clear();
    m_parents->hide();
    m_status->setText(tr("Select a commit to see the resources it changed."));
    m_tree->clear();
    m_pane->clear();
}

QString ChangesPanel::statusText() const
{
    return m_status->text();
}

QString ChangesPanel::releasesText() const
{
    return m_releases->text();
}

void ChangesPanel::start()
{
    m_tree->clear();
    m_pane->clear(tr("Computing the changes…"));
    m_status->setText(tr("Computing the changes of %1…")
                          .arg(m_revision.contains(QLatin1String("..")) ? m_revision : m_revision.left(10)));
    // Job::start cancels the previous commit's job; its result never arrives here.
    m_loading = true;
    core::diff::ChangeSetOptions options;
    options.byEnvironment = true; // what the environments apply, as rendered (core/environment)
    options.environment = m_environment;
    m_job.start(&core::diff::loadChangeSet, m_repositoryPath, m_revision, m_parent, options);
    m_releases->clear();
    m_releases->hide();
    m_releasesJob.start(&core::environment::loadReleaseChanges, m_repositoryPath, m_revision, m_parent);
}

void ChangesPanel::onFinished(const core::Result<core::diff::ChangeSet>& result)
{
    m_loading = false;
    if (!result) {
        m_status->setText(result.error().message);
        m_pane->clear(result.error().message);
        emit loaded();
        return;
    }
    const auto summary = result->summary();
    QString text;
    if (summary.total() == 0)
        text = tr("No Kubernetes resource changed");
    else
        text =
            summary.total() == 1 ? tr("1 resource changed") : tr("%1 resources changed").arg(summary.total());
    if (summary.total() > 0)
        text += QStringLiteral("  ·  ") + summary.compact();
    if (!m_environment.isEmpty())
        text += QStringLiteral("  ·  ") + tr("in %1").arg(m_environment);
    if (!result->errors.isEmpty())
        text += QStringLiteral("  ·  ") + (result->errors.size() == 1
                                               ? tr("1 file could not be read")
                                               : tr("%1 files could not be read").arg(result->errors.size()));
    m_status->setText(text);
    m_tree->setChangeSet(*result);
    if (summary.total() == 0)
        m_pane->clear(result->errors.isEmpty()
                          ? tr("This commit changed no Kubernetes resource.")
                          : tr("This commit changed no Kubernetes resource; see the parse errors."));
    emit loaded();
}

void ChangesPanel::onCurrentChange(const core::diff::ResourceChange* change)
{
    if (!change) {
        if (m_tree->changesModel()->changeSet().resources.isEmpty())
            return;
        m_pane->clear(tr("Select a resource to see what changed."));
        return;
    }
    m_pane->showChange(m_repositoryPath, *change, m_timelineRevision);
}

} // namespace shiplog::ui
