#include "ui/drift/drift_view.h"

#include "core/drift/desired_state.h"
#include "core/drift/drift_session.h"
#include "ui/common/ref_chooser.h"
#include "ui/common/theme.h"
#include "ui/common/ui_settings.h"
#include "ui/drift/connect_dialog.h"
#include "ui/drift/drift_resource_pane.h"
#include "ui/drift/drift_style.h"
#include "ui/drift/drift_summary_bar.h"
#include "ui/drift/drift_tree_model.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::drift::DriftReport;
using core::drift::DriftStatus;

namespace {

const QString kubeconfigKey = QStringLiteral("drift/kubeconfig");
const QString contextKey = QStringLiteral("drift/context");
const QString splitterKey = QStringLiteral("drift/splitter");

// The environment last compared in a repository.
QString environmentKey(const QString& repositoryPath)
{
    return QStringLiteral("drift/environment/") +
           QString::fromLatin1(repositoryPath.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

DriftView::DriftView(QWidget* parent)
    : QWidget(parent), m_session(new core::drift::DriftSession({}, this)), m_connection(new QLabel(this)),
      m_insecureBadge(new QLabel(tr("⚠ insecure-skip-tls-verify"), this)),
      m_revisionChooser(new RefChooser(this)), m_environmentLabel(new QLabel(tr("Environment:"), this)),
      m_environmentBox(new QComboBox(this)), m_normalizedButton(new QToolButton(this)),
      m_rawButton(new QToolButton(this)), m_connectButton(new QPushButton(tr("Connect…"), this)),
      m_status(new QLabel(this)), m_summary(new DriftSummaryBar(this)), m_stack(new QStackedWidget(this)),
      m_emptyPage(new QWidget(this)), m_emptyText(new QLabel(this)),
      m_emptyConnect(new QPushButton(tr("Connect to a Cluster…"), this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_model(new DriftTreeModel(this)),
      m_tree(new QTreeView(this)), m_pane(new DriftResourcePane(this))
{
    setObjectName(QStringLiteral("driftView"));

    // Top row: where we are connected, what we compare, how.
    m_connection->setObjectName(QStringLiteral("driftConnection"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_insecureBadge->setObjectName(QStringLiteral("driftInsecureBadge"));
    m_insecureBadge->setToolTip(
        tr("This context does not verify the server's certificate (insecure-skip-tls-verify)."));
    drift::makeBadge(m_insecureBadge, drift::warningColor(palette()));
    m_insecureBadge->hide();
    m_revisionChooser->setObjectName(QStringLiteral("driftRevision"));
    m_revisionChooser->setToolTip(
        tr("The revision whose manifests are compared with the cluster (default: the branch the "
           "operator applies)"));
    m_normalizedButton->setText(tr("Normalized"));
    m_normalizedButton->setToolTip(
        tr("Hide what is not drift: server defaults, fields the cluster owns, ignore rules"));
    m_rawButton->setText(tr("Raw"));
    m_rawButton->setToolTip(tr("Show every difference, each hidden one with the reason it is not drift"));
    auto* modeGroup = new QButtonGroup(this);
    for (QToolButton* b : {m_normalizedButton, m_rawButton}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        modeGroup->addButton(b);
    }
    m_normalizedButton->setChecked(true);
    connect(m_rawButton, &QToolButton::toggled, m_pane, &DriftResourcePane::setRaw);
    connect(m_connectButton, &QPushButton::clicked, this, [this] {
        if (m_connected)
            disconnectFromCluster();
        else
            openConnectDialog();
    });
    connect(m_revisionChooser, &RefChooser::revisionChosen, this, &DriftView::setRevision);
    m_environmentBox->setObjectName(QStringLiteral("driftEnvironment"));
    m_environmentBox->setToolTip(tr("The environment whose desired state is compared with the cluster"));
    m_environmentBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environmentLabel->hide();
    m_environmentBox->hide();
    connect(m_environmentBox, &QComboBox::activated, this,
            [this](int index) { setEnvironment(m_environmentBox->itemData(index).toString()); });

    auto* top = new QHBoxLayout;
    top->setContentsMargins(8, 6, 8, 0);
    top->addWidget(m_connection, 1);
    top->addWidget(m_insecureBadge);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Git revision:"), this));
    top->addWidget(m_revisionChooser);
    top->addSpacing(8);
    top->addWidget(m_environmentLabel);
    top->addWidget(m_environmentBox);
    top->addSpacing(8);
    top->addWidget(m_normalizedButton);
    top->addWidget(m_rawButton);
    top->addSpacing(8);
    top->addWidget(m_connectButton);

    m_status->setObjectName(QStringLiteral("driftStatusLine"));
    m_status->setContentsMargins(10, 0, 10, 0);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Tree | resource.
    m_tree->setObjectName(QStringLiteral("driftTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DriftTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(DriftTreeModel::StatusColumn, QHeaderView::ResizeToContents);
    // Sized from the rows on screen: measuring every resource of a big cluster on each layout
    // stalled the GUI (tst_gui_stall).
    m_tree->header()->setResizeContentsPrecision(0);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DriftView::onSelectionChanged);
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex& index) { m_expanded.insert(m_model->pathOf(index)); });
    connect(m_tree, &QTreeView::collapsed, this,
            [this](const QModelIndex& index) { m_expanded.remove(m_model->pathOf(index)); });
    connect(m_summary, &DriftSummaryBar::filterChanged, this, [this](const QSet<DriftStatus>& statuses) {
        m_model->setStatusFilter(statuses);
        restoreTreeState(false);
    });
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setSizes({440, 840});
    m_splitter->restoreState(settings::value(splitterKey).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { settings::setValue(splitterKey, m_splitter->saveState()); });

    // Not connected / no repository.
    m_emptyText->setObjectName(QStringLiteral("driftEmptyText"));
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_emptyConnect, &QPushButton::clicked, this, [this] { openConnectDialog(); });
    auto* emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_emptyConnect, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_splitter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);

    connect(m_session, &core::drift::DriftSession::connected, this, &DriftView::onConnected);
    connect(m_session, &core::drift::DriftSession::failed, this, &DriftView::onFailed);
    connect(m_session, &core::drift::DriftSession::statusChanged, this, &DriftView::onStatus);
    connect(m_session, &core::drift::DriftSession::reportReady, this, &DriftView::onReport);
    m_desiredJob.onResult(
        this, [this](const core::Result<core::drift::DesiredState>& result) { onDesiredLoaded(result); });
    m_environmentsJob.onResult(this, [this](const core::Result<core::environment::Environments>& result) {
        onEnvironments(result);
    });

    m_suggestedKubeconfig = settings::value(kubeconfigKey).toString();
    m_suggestedContext = settings::value(contextKey).toString();
    updatePage();
}

DriftView::~DriftView() = default; // the job is discarded: it holds copies of its inputs only

const DriftReport& DriftView::report() const
{
    return m_model->report();
}

void DriftView::setRepository(const QString& repositoryPath)
{
    if (repositoryPath == m_path)
        return;
    m_path = repositoryPath;
    m_revision.clear();
    m_desiredCommit.clear();
    m_hasReport = false;
    m_selectedKey.clear();
    m_expanded.clear();
    m_knownPaths.clear();
    m_model->setReport({});
    m_summary->clear();
    m_pane->clear();
    m_revisionChooser->clear();
    m_environment = settings::value(environmentKey(m_path)).toString();
    m_environmentBox->clear();
    m_environmentLabel->hide();
    m_environmentBox->hide();
    // Without waiting, and the old repository's manifests never reach the session.
    m_environmentsJob.discard();
    m_desiredJob.discard();
    if (!m_path.isEmpty())
        setStatus(tr("Reading the branches of %1…").arg(m_path), 0);
    updatePage();
    emit summaryChanged({}, m_connected);
}

void DriftView::setRefs(const core::git::RepositoryRefs& refs)
{
    if (m_path.isEmpty())
        return;
    if (!m_revision.isEmpty()) { // read again (Reload): the chooser follows, the revision stays
        m_revisionChooser->setRefs(refs.labels, m_revision);
        return;
    }
    m_revision = refs.appliedRevision;
    m_revisionChooser->setRefs(refs.labels, m_revision);
    reloadDesired();
}

void DriftView::showRefsError(const QString& message)
{
    if (!m_path.isEmpty() && m_revision.isEmpty())
        setStatus(message, 2);
}

void DriftView::setRevision(const QString& revision)
{
    if (revision.isEmpty() || revision == m_revision)
        return;
    m_revision = revision;
    m_revisionChooser->selectRevision(revision);
    reloadDesired();
}

void DriftView::reloadDesired()
{
    if (m_path.isEmpty() || m_revision.isEmpty())
        return;
    setStatus(tr("Reading the environments of %1…").arg(core::git::shortRefName(m_revision)), 0);
    m_desiredJob.discard();
    m_environmentsJob.run(
        [](const QString& path, const QString& revision) {
            return core::environment::detectEnvironments(path, revision);
        },
        m_path, m_revision);
}

void DriftView::onEnvironments(const core::Result<core::environment::Environments>& result)
{
    if (!result) {
        setStatus(tr("The environments of %1 could not be read: %2")
                      .arg(core::git::shortRefName(m_revision), result.error().message),
                  2);
        return;
    }
    // A repository without a layout is one bag of manifests: no box. Environments that run in one
    // cluster may be compared together; others one at a time.
    const bool several =
        result->layout != core::environment::Layout::Plain && result->environments.size() > 1;
    const bool together = core::drift::comparesAllAtOnce(*result);
    QStringList names;
    for (const auto& env : result->environments)
        names << env.name;
    if (!several || (!m_environment.isEmpty() && !names.contains(m_environment)))
        m_environment.clear();
    if (several && m_environment.isEmpty() && !together)
        m_environment = names.constFirst();
    m_environmentBox->clear();
    if (several) {
        if (together)
            m_environmentBox->addItem(tr("All environments"), QString());
        for (const auto& env : result->environments) {
            const QString hint =
                env.cluster.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(env.cluster);
            m_environmentBox->addItem(env.name + hint, env.name);
        }
        m_environmentBox->setCurrentIndex(qMax(0, m_environmentBox->findData(m_environment)));
    }
    m_environmentLabel->setVisible(several);
    m_environmentBox->setVisible(several);
    // A context bound by .shiplog.yaml is what the Connect dialog suggests for this environment.
    if (const auto* env = result->find(m_environment); env && !env->context.isEmpty())
        setSuggestedConnection(m_suggestedKubeconfig, env->context);
    loadDesired();
}

void DriftView::setEnvironment(const QString& name)
{
    if (name == m_environment && m_environmentBox->findData(name) >= 0)
        return;
    m_environment = name;
    m_environmentBox->setCurrentIndex(qMax(0, m_environmentBox->findData(name)));
    if (!m_path.isEmpty())
        settings::setValue(environmentKey(m_path), name);
    loadDesired();
}

void DriftView::loadDesired()
{
    if (m_path.isEmpty() || m_revision.isEmpty())
        return;
    const QString what = m_environment.isEmpty()
                             ? core::git::shortRefName(m_revision)
                             : tr("%1 in %2").arg(m_environment, core::git::shortRefName(m_revision));
    setStatus(tr("Reading the manifests of %1…").arg(what), 0);
    m_desiredJob.run(
        [](const QString& path, const QString& revision, const QString& environment) {
            return core::drift::loadDesiredState(path, revision, {}, environment);
        },
        m_path, m_revision, m_environment);
}

void DriftView::onDesiredLoaded(const core::Result<core::drift::DesiredState>& result)
{
    if (!result) {
        setStatus(tr("The manifests of %1 could not be read: %2")
                      .arg(core::git::shortRefName(m_revision), result.error().message),
                  2);
        return;
    }
    m_desiredCommit = result->revision;
    m_session->setDesired(*result);
    if (m_connected)
        setStatus(tr("Comparing %n resource(s) of %1 with the cluster…", nullptr, int(result->objects.size()))
                      .arg(m_desiredCommit.left(12)),
                  0);
    else
        setStatus(tr("%n resource(s) in git at %1. Connect to a cluster to compare them.", nullptr,
                     int(result->objects.size()))
                      .arg(m_desiredCommit.left(12)),
                  0);
}

void DriftView::setSuggestedConnection(const QString& kubeconfigPath, const QString& context,
                                       const QString& note)
{
    if (!kubeconfigPath.isEmpty() || !context.isEmpty()) {
        m_suggestedKubeconfig = kubeconfigPath;
        m_suggestedContext = context;
    }
    m_suggestionNote = note;
    updatePage();
}

ConnectDialog* DriftView::openConnectDialog()
{
    auto* dialog = new ConnectDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPreferredContext(m_suggestedContext);
    if (!m_suggestedKubeconfig.isEmpty())
        dialog->setKubeconfigPath(m_suggestedKubeconfig);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        settings::setValue(kubeconfigKey, dialog->kubeconfigPath());
        settings::setValue(contextKey, dialog->connection().contextName);
        m_suggestedKubeconfig = dialog->kubeconfigPath();
        m_suggestedContext = dialog->connection().contextName;
    });
    dialog->open();
    return dialog;
}

void DriftView::disconnectFromCluster()
{
    m_session->disconnectFromCluster();
    m_connected = false;
    m_hasReport = false;
    m_info = {};
    m_model->setReport({});
    m_summary->clear();
    m_pane->clear();
    setStatus(tr("Disconnected."), 0);
    updatePage();
    emit summaryChanged({}, false);
}

void DriftView::onConnected(const core::drift::ConnectionInfo& info)
{
    m_connected = true;
    m_info = info;
    m_hasReport = false;
    m_expanded.clear();
    m_knownPaths.clear();
    setStatus(tr("Connected to %1 (Kubernetes %2, %3 resource types). Listing the declared types…")
                  .arg(info.server, info.serverVersion)
                  .arg(info.resourceTypes),
              0);
    updatePage();
    emit summaryChanged({}, true);
}

void DriftView::onFailed(const QString& message)
{
    // While the Connect dialog is open it shows the message; here it is for a connection that was
    // up (or an attempt started elsewhere).
    // The session drops the connection when connecting or discovery fails.
    setStatus(message, 2);
    m_connected = false;
    m_hasReport = false;
    m_info = {};
    m_model->setReport({});
    m_summary->clear();
    m_pane->clear();
    updatePage();
    emit summaryChanged({}, false);
}

void DriftView::onStatus(const QString& line)
{
    const bool trouble = line.contains(QLatin1String("reconnecting"), Qt::CaseInsensitive) ||
                         line.contains(QLatin1String("failed"), Qt::CaseInsensitive);
    setStatus(line, trouble ? 1 : 0);
}

void DriftView::onReport(const DriftReport& report)
{
    // A report still in flight for the previous repository or revision is not this one's.
    if (m_path.isEmpty() || m_desiredCommit.isEmpty() || report.revision != m_desiredCommit)
        return;
    const bool first = !m_hasReport;
    m_hasReport = true;
    ++m_reports;
    m_model->setReport(report);
    m_summary->setSummary(report.summary);
    restoreTreeState(first);
    QString line = tr("Live: %1 compared at %2 with %3 — updates as the cluster changes.")
                       .arg(report.revision.left(12),
                            QLocale().toString(report.computedAt.toLocalTime().time(), QLocale::ShortFormat),
                            report.context);
    if (!report.warnings.isEmpty())
        line += QStringLiteral(" ") + report.warnings.join(QStringLiteral(" "));
    setStatus(line, report.warnings.isEmpty() ? 0 : 1);
    updatePage();
    emit summaryChanged(report.summary, true);
    emit reportUpdated();
}

void DriftView::restoreTreeState(bool first)
{
    // Expand what the reader expanded; new namespaces and kinds open when something in them is not
    // in sync, so drift is visible without clicking.
    std::function<void(const QModelIndex&)> visit = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            if (m_model->rowCount(index) == 0)
                continue;
            const QString path = m_model->pathOf(index);
            if (!m_knownPaths.contains(path)) {
                m_knownPaths.insert(path);
                if (DriftStatus(index.data(DriftTreeModel::StatusRole).toInt()) != DriftStatus::InSync ||
                    m_model->report().resources.size() <= 30)
                    m_expanded.insert(path);
            }
            if (m_expanded.contains(path)) {
                const QSignalBlocker blocker(m_tree);
                m_tree->expand(index);
            }
            visit(index);
        }
    };
    visit({});
    QModelIndex select = m_model->indexOfKey(m_selectedKey);
    if (!select.isValid() && first) {
        // Nothing chosen yet: start with the first resource that is not in sync.
        std::function<QModelIndex(const QModelIndex&)> firstDrifted =
            [&](const QModelIndex& parent) -> QModelIndex {
            for (int row = 0; row < m_model->rowCount(parent); ++row) {
                const QModelIndex index = m_model->index(row, 0, parent);
                if (const auto* r = m_model->resourceAt(index); r && r->status != DriftStatus::InSync)
                    return index;
                if (const QModelIndex found = firstDrifted(index); found.isValid())
                    return found;
            }
            return {};
        };
        select = firstDrifted({});
    }
    if (select.isValid()) {
        m_tree->selectionModel()->setCurrentIndex(select, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        m_tree->scrollTo(select);
        onSelectionChanged();
    } else {
        m_pane->clear();
    }
}

void DriftView::onSelectionChanged()
{
    const QModelIndex current = m_tree->currentIndex();
    const auto* resource = m_model->resourceAt(current);
    if (!resource) {
        if (current.isValid()) {
            m_selectedKey.clear();
            m_pane->clear(
                tr("%1: %2").arg(current.siblingAtColumn(0).data().toString(),
                                 current.siblingAtColumn(DriftTreeModel::StatusColumn).data().toString()));
        }
        return;
    }
    m_selectedKey = resource->displayName();
    m_pane->showResource(*resource, m_path, m_model->report().revision, m_environment);
}

bool DriftView::selectResource(const QString& key)
{
    const QModelIndex index = m_model->indexOfKey(key);
    if (!index.isValid())
        return false;
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
    onSelectionChanged();
    return true;
}

void DriftView::setRaw(bool raw)
{
    (raw ? m_rawButton : m_normalizedButton)->setChecked(true);
}

bool DriftView::isRaw() const
{
    return m_rawButton->isChecked();
}

QString DriftView::statusLine() const
{
    return m_status->text();
}

QString DriftView::connectionText() const
{
    return m_connection->text();
}

bool DriftView::showsInsecureBadge() const
{
    return !m_insecureBadge->isHidden();
}

void DriftView::setStatus(const QString& text, int level)
{
    m_status->setText(text);
    QPalette p = palette();
    if (level == 1)
        p.setColor(QPalette::WindowText, drift::warningColor(palette()));
    else if (level == 2)
        p.setColor(QPalette::WindowText, theme::errorColor(palette()));
    else
        p.setColor(QPalette::WindowText, theme::mutedText(palette()));
    m_status->setPalette(p);
}

void DriftView::updatePage()
{
    if (m_connected) {
        m_connection->setText(tr("<b>%1</b> · %2 · Kubernetes %3 · %4 (%5)")
                                  .arg(m_info.context.toHtmlEscaped(), m_info.server.toHtmlEscaped(),
                                       m_info.serverVersion.toHtmlEscaped(), m_info.user.toHtmlEscaped(),
                                       m_info.credentials.toHtmlEscaped()));
        m_connectButton->setText(tr("Disconnect"));
    } else {
        m_connection->setText(tr("Not connected to a cluster"));
        m_connectButton->setText(tr("Connect…"));
    }
    m_insecureBadge->setVisible(m_connected && m_info.insecure);
    m_revisionChooser->setEnabled(!m_path.isEmpty());
    const bool content = m_connected && !m_path.isEmpty();
    m_summary->setVisible(content);
    m_stack->setCurrentWidget(content ? static_cast<QWidget*>(m_splitter) : m_emptyPage);
    if (!content) {
        if (m_path.isEmpty())
            m_emptyText->setText(tr("Open a repository to compare its manifests with a cluster."));
        else
            m_emptyText->setText(
                tr("Connect to a cluster to compare %1 with its live objects.\n"
                   "Shiplog only reads from the cluster; it never changes it.")
                    .arg(m_revision.isEmpty() ? tr("this repository") : core::git::shortRefName(m_revision)));
        if (!m_suggestionNote.isEmpty())
            m_emptyText->setText(m_emptyText->text() + QStringLiteral("\n\n") + m_suggestionNote);
        m_emptyConnect->setVisible(!m_connected);
    }
}

} // namespace shiplog::ui
