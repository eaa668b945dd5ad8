#include "ui/drift/drift_resource_pane.h"

#include "core/diff/environment_changes.h"
#include "core/drift/drift_blame.h"
#include "core/manifest/yaml_writer.h"
#include "ui/common/relative_time.h"
#include "ui/common/theme.h"
#include "ui/diff/diff_view.h"
#include "ui/drift/drift_fields_model.h"
#include "ui/drift/drift_style.h"
#include "ui/drift/raw_objects.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::drift::DriftStatus;
using core::drift::ResourceDrift;

namespace {

bool sameContent(const ResourceDrift& a, const ResourceDrift& b)
{
    if (a.displayName() != b.displayName() || a.status != b.status || a.desired != b.desired ||
        a.live != b.live || a.reason != b.reason || a.fields.size() != b.fields.size() ||
        a.hidden.size() != b.hidden.size())
        return false;
    for (qsizetype i = 0; i < a.fields.size(); ++i) {
        const auto& x = a.fields.at(i);
        const auto& y = b.fields.at(i);
        if (x.path != y.path || x.desired != y.desired || x.live != y.live || x.manager != y.manager ||
            x.time != y.time)
            return false;
    }
    return true;
}

} // namespace

DriftResourcePane::DriftResourcePane(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_header(new QLabel(this)), m_reason(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_leftTitle(new QLabel(this)), m_rightTitle(new QLabel(this)),
      m_diff(new DiffView(this)), m_fieldsNote(new QLabel(this)), m_fieldsModel(new DriftFieldsModel(this)),
      m_fieldsTable(new QTreeView(this))
{
    setObjectName(QStringLiteral("driftResourcePane"));
    m_header->setObjectName(QStringLiteral("driftResourceHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setTextFormat(Qt::RichText);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* headerRow = new QHBoxLayout;
    headerRow->setContentsMargins(8, 6, 8, 2);
    headerRow->addWidget(m_icon, 0, Qt::AlignTop);
    headerRow->addWidget(m_header, 1);

    auto* diffPage = new QWidget(this);
    auto* titles = new QHBoxLayout;
    titles->setContentsMargins(6, 2, 6, 0);
    for (QLabel* title : {m_leftTitle, m_rightTitle}) {
        QFont font = title->font();
        font.setBold(true);
        title->setFont(font);
    }
    titles->addWidget(m_leftTitle, 1);
    titles->addWidget(m_rightTitle, 1);
    auto* diffLayout = new QVBoxLayout(diffPage);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->setSpacing(2);
    diffLayout->addLayout(titles);
    diffLayout->addWidget(m_diff, 1);

    auto* fieldsPage = new QWidget(this);
    m_fieldsNote->setWordWrap(true);
    m_fieldsNote->setContentsMargins(6, 4, 6, 4);
    m_fieldsTable->setObjectName(QStringLiteral("driftFields"));
    m_fieldsTable->setModel(m_fieldsModel);
    m_fieldsTable->setRootIsDecorated(false);
    m_fieldsTable->setUniformRowHeights(true);
    m_fieldsTable->setAlternatingRowColors(true);
    m_fieldsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fieldsTable->header()->setStretchLastSection(true);
    m_fieldsTable->header()->resizeSection(DriftFieldsModel::PathColumn, 230);
    m_fieldsTable->header()->resizeSection(DriftFieldsModel::GitColumn, 110);
    m_fieldsTable->header()->resizeSection(DriftFieldsModel::ClusterColumn, 110);
    m_fieldsTable->header()->resizeSection(DriftFieldsModel::ChangedByColumn, 180);
    m_fieldsTable->header()->resizeSection(DriftFieldsModel::CommitColumn, 300);
    auto* fieldsLayout = new QVBoxLayout(fieldsPage);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addWidget(m_fieldsNote);
    fieldsLayout->addWidget(m_fieldsTable, 1);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(diffPage, tr("Diff"));
    m_tabs->addTab(fieldsPage, tr("Fields"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(headerRow);
    m_reason->setContentsMargins(8, 0, 8, 4);
    layout->addWidget(m_reason);
    layout->addWidget(m_tabs, 1);

    m_blameJob.onResult(this,
                        [this](const core::Result<core::diff::Timeline>& timeline) { onBlamed(timeline); });
    clear();
}

DriftResourcePane::~DriftResourcePane() = default;

void DriftResourcePane::showResource(const ResourceDrift& resource, const QString& repositoryPath,
                                     const QString& revision, const QString& environment)
{
    const bool same = m_resource && sameContent(*m_resource, resource) && m_revision == revision &&
                      m_repositoryPath == repositoryPath && m_environment == environment;
    if (same)
        return;
    const bool sameResource = m_resource && m_resource->displayName() == resource.displayName();
    m_resource = resource;
    m_repositoryPath = repositoryPath;
    m_revision = revision;
    m_environment = environment;
    render();
    if (!sameResource)
        m_tabs->setCurrentIndex(resource.status == DriftStatus::Drifted && !m_raw ? m_tabs->currentIndex()
                                                                                  : 0);
}

void DriftResourcePane::clear(const QString& message)
{
    m_blameJob.discard(); // without waiting; the old resource's blame never arrives
    m_resource.reset();
    m_icon->clear();
    m_header->setText(message.isEmpty() ? tr("Select a resource to compare git with the cluster.") : message);
    m_reason->clear();
    m_reason->hide();
    m_leftTitle->clear();
    m_rightTitle->clear();
    m_desiredText.clear();
    m_liveText.clear();
    m_diff->showMessage(
        message.isEmpty() ? tr("Select a resource to see git's version next to the cluster's.") : message);
    m_fieldsModel->clear();
    m_fieldsNote->hide();
}

void DriftResourcePane::setRaw(bool raw)
{
    if (raw == m_raw)
        return;
    m_raw = raw;
    m_fieldsModel->setRaw(raw);
    if (m_resource) {
        renderDiff();
        render();
    }
}

QString DriftResourcePane::headerText() const
{
    return m_header->text();
}

QString DriftResourcePane::currentKey() const
{
    return m_resource ? m_resource->displayName() : QString();
}

void DriftResourcePane::render()
{
    const ResourceDrift& r = *m_resource;
    m_icon->setPixmap(drift::statusIcon(r.status, palette()).pixmap(16, 16));
    const QString kind = r.kind;
    m_header->setToolTip(r.group.isEmpty() ? QStringLiteral("%1/%2").arg(r.version, r.kind)
                                           : QStringLiteral("%1/%2/%3").arg(r.group, r.version, r.kind));
    const QString where =
        r.namespaceName.isEmpty() ? r.name : QStringLiteral("%1/%2").arg(r.namespaceName, r.name);
    m_header->setText(QStringLiteral("<b>%1</b> %2 &nbsp;<span style='color:%3'>%4</span>")
                          .arg(kind.toHtmlEscaped(), where.toHtmlEscaped(),
                               drift::statusColor(r.status, palette()).name(),
                               drift::statusLabel(r.status).toHtmlEscaped()));
    m_reason->setText(r.reason);
    m_reason->setVisible(!r.reason.isEmpty());

    m_fieldsModel->setResource(r, m_raw);
    m_fieldsTable->setColumnHidden(DriftFieldsModel::HiddenColumn, !m_raw);
    QString note;
    const int hidden = int(r.hidden.size());
    if (r.status == DriftStatus::Missing)
        note = tr("The cluster has no such object: applying git would create it.");
    else if (r.status == DriftStatus::Extra)
        note = tr("Git does not declare this object, but it carries this repository's ownership marks.");
    else if (r.status == DriftStatus::Unreadable || r.status == DriftStatus::Unserved)
        note = r.reason;
    else if (r.fields.isEmpty())
        note = m_raw || hidden == 0 ? tr("No field differs from git.")
                                    : tr("No field differs from git. %n difference(s) hidden as not drift — "
                                         "switch to Raw to see them.",
                                         nullptr, hidden);
    else if (!m_raw && hidden > 0)
        note = tr("%n more difference(s) hidden as not drift (server defaults, server-owned fields, rules) — "
                  "switch to Raw to see why.",
                  nullptr, hidden);
    m_fieldsNote->setText(note);
    m_fieldsNote->setVisible(!note.isEmpty());
    m_tabs->setTabText(1, r.fields.isEmpty() ? tr("Fields") : tr("Fields (%1)").arg(r.fields.size()));
    renderDiff();
    startBlame();
}

void DriftResourcePane::renderDiff()
{
    const ResourceDrift& r = *m_resource;
    const DisplayPair pair = displayObjects(r, m_raw);
    m_desiredText = pair.desired.isEmpty() ? QByteArray() : core::manifest::toYaml(pair.desired);
    m_liveText = pair.live.isEmpty() ? QByteArray() : core::manifest::toYaml(pair.live);
    const QString revision = m_revision.left(12);
    m_leftTitle->setText(r.status == DriftStatus::Extra ? tr("Git: not declared")
                                                        : tr("Git at %1").arg(revision));
    m_rightTitle->setText(r.status == DriftStatus::Missing      ? tr("Cluster: not found")
                          : r.status == DriftStatus::Unreadable ? tr("Cluster: not readable")
                          : m_raw                               ? tr("Cluster (raw)")
                                                                : tr("Cluster (normalized)"));
    if (r.status == DriftStatus::Unreadable) {
        m_diff->showMessage(r.reason);
        return;
    }
    core::diff::ResourceChange change;
    change.key = core::manifest::ResourceKey{r.group, r.kind, r.namespaceName, r.name};
    change.change = core::diff::ChangeKind::Modified;
    change.oldVersion = r.version;
    change.newVersion = r.version;
    change.oldText = m_desiredText;
    change.newText = m_liveText;
    m_diff->setChange(change);
}

void DriftResourcePane::startBlame()
{
    m_blameJob.discard();
    if (!m_resource || m_repositoryPath.isEmpty() || m_revision.isEmpty() || m_resource->fields.isEmpty())
        return;
    const ResourceDrift& r = *m_resource;
    const core::manifest::ResourceKey key{r.group, r.kind, r.namespaceName, r.name};
    if (!m_environment.isEmpty()) // the resource as the environment renders it (timeline --env)
        m_blameJob.start(&core::diff::loadEnvironmentTimeline, m_repositoryPath, key, m_revision,
                         m_environment);
    else
        m_blameJob.start(&core::drift::loadDriftTimeline, m_repositoryPath, key, m_revision);
}

void DriftResourcePane::onBlamed(const core::Result<core::diff::Timeline>& timeline)
{
    if (!m_resource || !timeline)
        return; // the fields stay without a commit; the diff and managers are what matters
    QHash<QString, QString> blame;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const core::drift::FieldDrift& f : std::as_const(m_resource->fields)) {
        const auto found = core::diff::blameField(*timeline, f.path);
        if (!found)
            continue;
        const core::git::CommitInfo& c = found->step.commit;
        blame.insert(f.path, tr("%1 %2 (%3, %4)")
                                 .arg(c.id.left(7), c.subject, c.author.name,
                                      relativeTime(c.author.dateTime().toUTC(), now)));
    }
    m_fieldsModel->setBlame(blame);
}

void DriftResourcePane::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_resource)
        m_icon->setPixmap(drift::statusIcon(m_resource->status, palette()).pixmap(16, 16));
    QWidget::changeEvent(event);
}

} // namespace shiplog::ui
