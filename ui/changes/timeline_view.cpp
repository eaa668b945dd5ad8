#include "ui/changes/timeline_view.h"

#include "core/drift/drift_blame.h"
#include "ui/changes/change_icons.h"
#include "ui/common/theme.h"
#include "ui/diff/fields_model.h"

#include <QApplication>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <utility>

namespace shiplog::ui {

using core::diff::FieldChange;
using core::diff::Timeline;

namespace {

enum TimelineColumn
{
    SubjectColumn,
    AuthorColumn,
    DateColumn,
    IdColumn
};
constexpr int kCommitIdRole = Qt::UserRole + 1;

QString when(const core::git::Person& person)
{
    return QLocale().toString(person.dateTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString fieldLine(const FieldChange& field)
{
    switch (field.op) {
    case FieldChange::Op::Added:
        return QStringLiteral("%1: + %2").arg(field.path, compactJson(field.newValue));
    case FieldChange::Op::Removed:
        return QStringLiteral("%1: − %2").arg(field.path, compactJson(field.oldValue));
    case FieldChange::Op::Changed:
        break;
    }
    return QStringLiteral("%1: %2 → %3")
        .arg(field.path, compactJson(field.oldValue), compactJson(field.newValue));
}

} // namespace

QString describeBlame(const std::optional<core::diff::FieldBlame>& blame, const QString& path)
{
    if (!blame)
        return QObject::tr("No commit in this history set %1.").arg(path);
    const auto& commit = blame->step.commit;
    return QObject::tr("%1 was last set by %2 (%3 <%4>, %5): %6")
        .arg(path, commit.id.left(10), commit.author.name, commit.author.email, when(commit.author),
             commit.subject);
}

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent), m_status(new QLabel(this)), m_environmentRow(new QWidget(this)),
      m_environmentLabel(new QLabel(m_environmentRow)), m_environmentBox(new QComboBox(m_environmentRow)),
      m_progress(new QProgressBar(this)), m_cancel(new QToolButton(this)), m_tree(new QTreeWidget(this))
{
    // Which environment the timeline follows: the resource as it renders there, or its files.
    m_environmentLabel->setText(tr("Follows the resource in"));
    m_environmentBox->setObjectName(QStringLiteral("timelineEnvironment"));
    m_environmentBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environmentBox->setToolTip(
        tr("The environment whose rendered resource this timeline follows (its namespace as the operator "
           "resolves it), or All files: every commit that changed the resource in any file"));
    connect(m_environmentBox, &QComboBox::activated, this,
            [this](int index) { followEnvironment(m_environmentBox->itemData(index).toString()); });
    auto* environmentLayout = new QHBoxLayout(m_environmentRow);
    environmentLayout->setContentsMargins(0, 0, 0, 0);
    environmentLayout->addWidget(m_environmentLabel);
    environmentLayout->addWidget(m_environmentBox);
    environmentLayout->addStretch(1);
    m_environmentRow->hide();
    m_environmentsJob.onResult(this,
                               [this](const core::Result<QList<core::diff::ResourceInEnvironment>>& result) {
                                   onEnvironments(result);
                               });
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Commit"), tr("Author"), tr("Date"), tr("Id")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(SubjectColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(AuthorColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(DateColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("Double-click a commit to select it in the history"));
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        while (item->parent())
            item = item->parent();
        emit commitActivated(item->data(SubjectColumn, kCommitIdRole).toString());
    });
    m_status->setContentsMargins(6, 4, 6, 4);
    // A long status ("History of Service jx/lighthouse-tekton-controller in jx: Reading commit 1,908
    // of 3,531 in jx…") wraps: unwrapped, it widened the pane, and the splitter took that width from
    // the history list at every progress step.
    m_status->setWordWrap(true);
    // The first timeline of a repository reads its whole history: say how far, and let it be stopped.
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_status->sizeHint().height() - 4);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop reading the history"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &TimelineView::cancel);
    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);
    setBusy(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(m_environmentRow);
    layout->addLayout(statusRow);
    layout->addWidget(m_tree, 1);
    using Watcher = QFutureWatcher<core::Result<Timeline>>;
    m_job.onResult(this, [this](const core::Result<Timeline>& result) { onFinished(result); });
    connect(m_job.watcher(), &Watcher::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(m_job.watcher(), &Watcher::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(m_job.watcher(), &Watcher::progressTextChanged, this, [this](const QString& text) {
        if (m_loading && !text.isEmpty())
            m_status->setText(tr("History of %1: %2…").arg(subject(), text));
    });
}

QString TimelineView::statusText() const
{
    return m_status->text();
}

void TimelineView::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy)
        m_progress->setRange(0, 0); // until the job knows how many commits there are
}

void TimelineView::cancel()
{
    if (!m_loading)
        return;
    m_job.discard();
    m_loading = false;
    m_requested = false; // shown again, it reads anew
    setBusy(false);
    m_status->setText(tr("Stopped reading the history of %1.").arg(subject()));
    if (!m_pendingBlame.isEmpty())
        emit blameReady(std::exchange(m_pendingBlame, QString()), m_status->text());
}

TimelineView::~TimelineView() = default;

void TimelineView::setResource(const QString& repositoryPath, const core::manifest::ResourceKey& key,
                               const QString& revision, const QString& environment)
{
    if (repositoryPath == m_repositoryPath && key == m_openedKey && revision == m_revision &&
        environment == m_openedEnvironment && m_requested)
        return;
    // Without waiting (a long history takes a while to notice), and the old resource's timeline,
    // even one already on its way, never arrives (Job::discard).
    m_job.discard();
    m_environmentsJob.discard();
    m_loading = false;
    setBusy(false);
    m_repositoryPath = repositoryPath;
    m_key = key;
    m_openedKey = key;
    m_revision = revision;
    m_environment = environment;
    m_openedEnvironment = environment;
    m_environments.clear();
    m_environmentsRequested = false;
    m_requested = false;
    m_timeline.reset();
    m_pendingBlame.clear();
    m_tree->clear();
    fillEnvironmentBox();
    m_status->setText(tr("History of %1").arg(subject()));
    if (isVisible())
        load();
}

QString TimelineView::subject() const
{
    return m_environment.isEmpty() ? m_key.displayName()
                                   : tr("%1 in %2").arg(m_key.displayName(), m_environment);
}

void TimelineView::followEnvironment(const QString& environment)
{
    if (environment == m_environment && (m_requested || m_repositoryPath.isEmpty()))
        return;
    core::manifest::ResourceKey key = m_openedKey;
    if (!environment.isEmpty()) {
        const auto it = std::find_if(m_environments.cbegin(), m_environments.cend(),
                                     [&](const auto& e) { return e.environment == environment; });
        if (it != m_environments.cend())
            key = it->key;
        else if (environment != m_openedEnvironment)
            return; // not one that applies the resource
    }
    m_job.discard();
    m_loading = false;
    setBusy(false);
    m_environment = environment;
    m_key = key;
    m_requested = false;
    m_timeline.reset();
    m_tree->clear();
    fillEnvironmentBox();
    m_status->setText(tr("History of %1").arg(subject()));
    if (isVisible() || !m_pendingBlame.isEmpty())
        load();
}

// The environment the timeline follows, the others that apply the resource (once known) and "All
// files". Hidden for a resource read as files in a repository without environments.
void TimelineView::fillEnvironmentBox()
{
    const QSignalBlocker block(m_environmentBox);
    m_environmentBox->clear();
    QStringList names;
    for (const auto& e : std::as_const(m_environments))
        names << e.environment;
    if (!m_openedEnvironment.isEmpty() && !names.contains(m_openedEnvironment))
        names.prepend(m_openedEnvironment);
    for (const QString& name : std::as_const(names)) {
        const auto it = std::find_if(m_environments.cbegin(), m_environments.cend(),
                                     [&](const auto& e) { return e.environment == name; });
        const core::manifest::ResourceKey key = it != m_environments.cend() ? it->key : m_openedKey;
        const QString where = key.namespaceName.isEmpty() ? tr("cluster-scoped") : key.namespaceName;
        m_environmentBox->addItem(where == name ? name : tr("%1 (%2)").arg(name, where), name);
        m_environmentBox->setItemData(m_environmentBox->count() - 1,
                                      tr("%1 as environment %2 renders it").arg(key.displayName(), name),
                                      Qt::ToolTipRole);
    }
    if (!names.isEmpty())
        m_environmentBox->addItem(tr("All files"), QString());
    m_environmentBox->setCurrentIndex(qMax(0, m_environmentBox->findData(m_environment)));
    m_environmentRow->setVisible(!names.isEmpty());
}

void TimelineView::onEnvironments(const core::Result<QList<core::diff::ResourceInEnvironment>>& result)
{
    // Without the list the box keeps the environment it was opened in and All files.
    if (!result)
        return;
    m_environments = *result;
    fillEnvironmentBox();
}

void TimelineView::clear()
{
    m_job.discard();
    m_environmentsJob.discard();
    m_environments.clear();
    m_environment.clear();
    m_openedEnvironment.clear();
    m_environmentRow->hide();
    m_loading = false;
    setBusy(false);
    m_repositoryPath.clear();
    m_requested = false;
    m_timeline.reset();
    m_tree->clear();
    m_status->clear();
}

void TimelineView::load()
{
    if (m_requested || m_repositoryPath.isEmpty())
        return;
    m_requested = true;
    m_status->setText(tr("Reading the history of %1…").arg(subject()));
    m_loading = true;
    setBusy(true);
    if (!m_environment.isEmpty())
        m_job.start(&core::diff::loadEnvironmentTimeline, m_repositoryPath, m_key, m_revision, m_environment);
    else if (!m_openedEnvironment.isEmpty())
        // All files, for a resource opened in an environment: its rendered namespace may be one the
        // files do not write (a kustomize base without metadata.namespace): the bare key then.
        m_job.start(&core::drift::loadDriftTimeline, m_repositoryPath, m_key, m_revision);
    else
        m_job.start(&core::diff::loadTimeline, m_repositoryPath, m_key, m_revision,
                    core::diff::ChangeSetOptions{});
    if (!m_openedEnvironment.isEmpty() && !m_environmentsRequested) {
        m_environmentsRequested = true;
        m_environmentsJob.run(&core::diff::loadResourceEnvironments, m_repositoryPath, m_openedKey,
                              m_revision);
    }
}

void TimelineView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    load();
}

void TimelineView::requestBlame(const QString& path)
{
    m_pendingBlame = path;
    if (m_timeline)
        answerBlame();
    else
        load();
}

void TimelineView::answerBlame()
{
    if (m_pendingBlame.isEmpty() || !m_timeline)
        return;
    const QString path = std::exchange(m_pendingBlame, QString());
    emit blameReady(path, describeBlame(core::diff::blameField(*m_timeline, path), path));
}

void TimelineView::onFinished(const core::Result<Timeline>& result)
{
    m_loading = false;
    setBusy(false);
    if (!result) {
        m_status->setText(result.error().message);
        if (!m_pendingBlame.isEmpty())
            emit blameReady(std::exchange(m_pendingBlame, QString()), result.error().message);
        return;
    }
    m_timeline = *result;
    populate();
    answerBlame();
    emit loaded();
}

void TimelineView::populate()
{
    m_tree->clear();
    const QPalette palette = QApplication::palette();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto& step : m_timeline->steps) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(SubjectColumn, step.commit.subject);
        item->setIcon(SubjectColumn, changeIcon(step.change.change, palette));
        item->setData(SubjectColumn, kCommitIdRole, step.commit.id);
        item->setText(AuthorColumn, step.commit.author.name);
        item->setText(DateColumn, when(step.commit.author));
        item->setText(IdColumn, step.commit.id.left(10));
        item->setFont(IdColumn, fixed);
        QString tooltip =
            QStringLiteral("%1\n%2 <%3>\n%4")
                .arg(step.commit.subject, step.commit.author.name, step.commit.author.email, step.commit.id);
        if (step.change.change == core::diff::ChangeKind::Moved)
            tooltip += QStringLiteral("\n%1 → %2").arg(step.change.oldPath, step.change.newPath);
        item->setToolTip(SubjectColumn, tooltip);
        for (const auto& field : step.change.fields) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(SubjectColumn, fieldLine(field));
            child->setFont(SubjectColumn, fixed);
            child->setToolTip(SubjectColumn, fieldLine(field));
            child->setForeground(SubjectColumn, theme::mutedText(palette));
        }
    }
    // Files that could not be read: the history may lack a step there, so they are listed, not hidden.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto& error : m_timeline->errors) {
        auto* item = new QTreeWidgetItem(m_tree);
        const QString where = error.error.line > 0
                                  ? QStringLiteral("%1:%2").arg(error.error.path).arg(error.error.line)
                                  : error.error.path;
        item->setText(SubjectColumn, tr("Could not read %1: %2").arg(where, error.error.message));
        item->setIcon(SubjectColumn, warning);
        item->setData(SubjectColumn, kCommitIdRole, error.commit);
        item->setToolTip(SubjectColumn, item->text(SubjectColumn));
        item->setText(IdColumn, error.commit.left(10));
        item->setFont(IdColumn, fixed);
    }
    const int steps = int(m_timeline->steps.size());
    const QString count = steps == 1 ? tr("1 commit changed %1").arg(subject())
                                     : tr("%1 commits changed %2").arg(steps).arg(subject());
    QString status = tr("%1 (%2 scanned). Double-click one to select it in the history.")
                         .arg(count)
                         .arg(m_timeline->commitsScanned);
    if (const qsizetype errors = m_timeline->errors.size() + m_timeline->moreErrors; errors > 0)
        status += QLatin1Char(' ') +
                  tr("%n file version(s) could not be read: steps may be missing there.", "", int(errors));
    if (!m_timeline->shallowBoundary.isEmpty())
        status += QLatin1Char(' ') + tr("This clone is shallow: the history stops at %1.")
                                         .arg(m_timeline->shallowBoundary.constFirst().left(10));
    m_status->setText(status);
}

} // namespace shiplog::ui
