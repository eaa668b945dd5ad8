#include "ui/mainwindow/repository_view.h"

#include "core/environment/environment_history.h"
#include "core/environment/render.h"
#include "ui/changes/changes_panel.h"
#include "ui/common/message_page.h"
#include "ui/common/theme.h"
#include "ui/common/ui_settings.h"
#include "ui/history/commit_pane.h"
#include "ui/history/filter_bar.h"
#include "ui/history/history_model.h"
#include "ui/history/history_table.h"
#include "ui/history/resource_filter.h"
#include "ui/mainwindow/repository_session.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {
const QString splitterKey = QStringLiteral("repositoryView/splitter");
const QString paneSplitterKey = QStringLiteral("repositoryView/commitPaneSplitter");
const QString headerKey = QStringLiteral("repositoryView/historyHeader");
} // namespace

RepositoryView::RepositoryView(RepositorySession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_path(session->path())
{
    setObjectName(QStringLiteral("repositoryView"));
    m_model = new HistoryModel(this);
    m_table = new HistoryTable(m_model, this);
    m_filter = new FilterBar(this);
    m_resourceFilter = new ResourceFilter(this);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("historyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->hide();

    auto* historyBox = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->setSpacing(0);
    historyLayout->addWidget(m_banner);
    historyLayout->addWidget(m_table, 1);
    historyLayout->addWidget(m_empty, 1);

    m_commitPane = new CommitPane(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_commitPane, tr("Commit"));
    setUpChanges();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("repositorySplitter"));
    m_splitter->addWidget(historyBox);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    m_message = new MessagePage(this);
    connect(m_message, &MessagePage::openAnotherRequested, this, &RepositoryView::openAnotherRequested);
    connect(m_message, &MessagePage::welcomeRequested, this, &RepositoryView::welcomeRequested);

    // The filters span the window: they are the widest row of controls and read as a search bar.
    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_filter);
    contentLayout->addWidget(m_splitter, 1);
    m_content = content;

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(content);
    m_stack->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_filter, &FilterBar::changed, this, [this] {
        // The environment filter also narrows the Changes tab to that environment (and its
        // resources' timelines and blame to their render there).
        m_changes->setEnvironment(m_filter->environment());
        m_keepSelection = m_table->currentCommitId();
        startHistory();
    });
    // The resource filter's commits come from a job; the history is read again once they are known.
    connect(m_resourceFilter, &ResourceFilter::ready, this, &RepositoryView::startHistory);
    connect(m_resourceFilter, &ResourceFilter::failed, this, [this](const QString& message) {
        m_empty->setText(tr("Cannot tell which commits changed this resource: %1").arg(message));
    });
    connect(m_filter, &FilterBar::resourceCompletionWanted, this,
            [this] { m_resourceFilter->loadCompletions(m_path, revision()); });
    connect(m_resourceFilter, &ResourceFilter::completions, m_filter, &FilterBar::setResourceCompletions);
    connect(m_model, &HistoryModel::rowsInserted, this, &RepositoryView::onRows);
    connect(m_model, &HistoryModel::pageArrived, this, &RepositoryView::continuePendingSelection);
    connect(m_model, &HistoryModel::pageArrived, this, &RepositoryView::updateStatus);
    connect(m_model, &HistoryModel::finished, this, &RepositoryView::onHistoryFinished);
    connect(m_model, &HistoryModel::failed, this, &RepositoryView::onHistoryFailed);
    connect(m_table, &HistoryTable::currentCommitChanged, this, &RepositoryView::onCurrentRowChanged);
    connect(m_commitPane, &CommitPane::parentActivated, this, &RepositoryView::selectCommit);
    // A failed read of the refs shows nowhere here: the history reports what is wrong.
    connect(m_session, &RepositorySession::refsChanged, this,
            [this](const core::git::RepositoryRefs& refs) { m_model->setRefLabels(refs.labels); });
    if (m_session->hasRefs())
        m_model->setRefLabels(m_session->refs().labels);
    connect(m_session, &RepositorySession::revisionChanged, this, [this] {
        m_keepSelection.clear();
        startHistory();
    });

    m_environmentsJob.onResult(this, [this](const core::Result<QList<QPair<QString, QStringList>>>& result) {
        // Without environments (or when they cannot be read: the Environments tab says why) the
        // box stays hidden.
        QList<FilterBar::EnvironmentPaths> environments;
        if (result) {
            for (const auto& [name, paths] : *result)
                environments.append({name, paths});
        }
        m_filter->setEnvironments(environments);
    });

    restoreLayout();
    startHistory(); // the session is reading the refs already
    loadEnvironments();
}

void RepositoryView::loadEnvironments()
{
    m_environmentsJob.run(
        [](const QString& path) -> core::Result<QList<QPair<QString, QStringList>>> {
            auto detected = core::environment::detectEnvironments(path, QStringLiteral("HEAD"));
            if (!detected)
                return std::unexpected(detected.error());
            QList<QPair<QString, QStringList>> environments;
            if (detected->layout != core::environment::Layout::Plain) {
                for (const auto& env : detected->environments)
                    environments.append({env.name, core::environment::readPaths(env)});
            }
            return environments;
        },
        m_path);
}

RepositoryView::~RepositoryView()
{
    // Jobs are members (commit details) or owned by the model: destroying them cancels them without
    // waiting; they wind down on the pool with their own copies of their inputs.
    m_model->clear();
}

void RepositoryView::reload()
{
    m_session->reload();
    m_resourceFilter->reset();
    loadEnvironments();
    m_keepSelection = m_table->currentCommitId();
    startHistory();
}

QString RepositoryView::revision() const
{
    return m_session->revision();
}

void RepositoryView::setRevision(const QString& revision)
{
    m_session->setRevision(revision); // revisionChanged re-runs the history
}

const QList<core::git::RefLabel>& RepositoryView::refs() const
{
    return m_session->refs().labels;
}

void RepositoryView::startHistory()
{
    core::git::HistoryQuery query;
    query.revision = revision();
    m_filter->applyTo(query);
    if (const QString environment = m_filter->environment();
        !environment.isEmpty() && !query.paths.isEmpty()) {
        // The box's paths find the candidates; this keeps the commits that changed a file the
        // environment reads (detected at HEAD, as the box's list), on the history job's thread.
        query.accept = core::environment::environmentCommitTest(m_path, QStringLiteral("HEAD"), environment);
    }
    m_pendingSelection.clear();
    m_banner->hide();
    m_empty->hide();
    m_table->show();
    m_commitPane->clear();
    updateChanges();
    if (!m_filter->resourceText().isEmpty()) {
        const auto key = m_filter->resource();
        const auto commits = key ? m_resourceFilter->commits(m_path, revision(), *key) : std::nullopt;
        if (!commits) {
            // Nothing listed until the commits are known (or the text names a resource).
            m_model->clear();
            m_table->hide();
            m_empty->setText(key ? tr("Finding the commits that changed %1…").arg(key->displayName())
                                 : tr("Name a resource as [group/]Kind/namespace/name, e.g. "
                                      "apps/Deployment/jx-production/payments (- for no namespace)."));
            m_empty->show();
            updateStatus();
            return;
        }
        query.commits = *commits;
    }
    m_model->load(m_path, query);
    updateStatus();
}

void RepositoryView::onRows()
{
    if (m_stack->currentWidget() != m_content)
        m_stack->setCurrentWidget(m_content);
    if (!m_opened) {
        m_opened = true;
        emit historyOpened();
    }
    if (!m_table->currentIndex().isValid()) {
        int row = m_keepSelection.isEmpty() ? -1 : m_model->rowOfCommit(m_keepSelection);
        if (row < 0 && m_model->rowCount() > 0)
            row = 0;
        if (row >= 0)
            m_table->selectRow(row);
    }
    updateStatus();
}

void RepositoryView::onHistoryFinished()
{
    if (m_model->hasError())
        return;
    if (m_model->rowCount() == 0 && m_model->bufferedCount() == 0) {
        if (m_filter->isActive()) {
            m_table->hide();
            m_empty->setText(tr("No commits match these filters."));
            m_empty->show();
        } else {
            showError(tr("No history to show"), tr("'%1' has no commits on %2 yet.").arg(m_path, revision()));
        }
    }
    if (!m_pendingSelection.isEmpty())
        continuePendingSelection();
    updateStatus();
}

void RepositoryView::onHistoryFailed(const QString& message)
{
    if (m_model->rowCount() == 0 && m_model->bufferedCount() == 0) {
        showError(tr("Cannot show this repository"), message);
    } else {
        // Part of the history was read: keep it and say where it stopped.
        m_banner->setText(tr("The history stops here: %1").arg(message));
        QPalette pal = m_banner->palette();
        pal.setColor(QPalette::WindowText, theme::errorColor(pal));
        m_banner->setPalette(pal);
        m_banner->show();
    }
    updateStatus();
}

void RepositoryView::showError(const QString& title, const QString& message)
{
    m_message->showMessage(title, message);
    m_stack->setCurrentWidget(m_message);
    m_status = message;
    emit statusChanged(m_status);
}

bool RepositoryView::showsError() const
{
    return m_stack->currentWidget() == m_message || m_banner->isVisible() || m_model->hasError();
}

QString RepositoryView::errorMessage() const
{
    return m_model->hasError() ? m_model->errorMessage()
                               : (m_stack->currentWidget() == m_message ? m_message->message() : QString());
}

void RepositoryView::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_commitPane->clear();
        updateChanges();
        return;
    }
    m_commitPane->showCommit(m_path, m_model->commitAt(row));
    updateChanges();
}

void RepositoryView::selectCommit(const QString& commitId)
{
    m_pendingSelection = commitId;
    continuePendingSelection();
}

void RepositoryView::continuePendingSelection()
{
    if (m_pendingSelection.isEmpty())
        return;
    int row = m_model->rowOfCommit(m_pendingSelection);
    while (row < 0 && m_model->canFetchMore({})) {
        m_model->fetchMore({});
        row = m_model->rowOfCommit(m_pendingSelection);
    }
    if (row >= 0) {
        m_pendingSelection.clear();
        m_table->selectRow(row);
        m_table->setFocus();
        return;
    }
    if (!m_model->isLoading()) {
        m_status = tr("Commit %1 is not in this list (filtered out, or not reachable from %2).")
                       .arg(m_pendingSelection.left(7), revision());
        m_pendingSelection.clear();
        emit statusChanged(m_status);
    }
}

void RepositoryView::updateStatus()
{
    if (m_stack->currentWidget() == m_message)
        return;
    const QLocale locale;
    const int known = m_model->rowCount() + m_model->bufferedCount();
    const QString count = known == 1 ? tr("1 commit") : tr("%1 commits").arg(locale.toString(known));
    if (m_model->isLoading())
        m_status = known ? tr("%1 so far, loading…").arg(count) : tr("Loading history…");
    else
        m_status = m_filter->isActive() ? tr("%1 match the filters").arg(count) : count;
    emit statusChanged(m_status);
}

void RepositoryView::setAbsoluteDates(bool absolute)
{
    m_model->setAbsoluteDates(absolute);
    m_table->resizeDateColumn();
}

void RepositoryView::focusFilter()
{
    m_filter->focusText();
}

void RepositoryView::saveLayout() const
{
    settings::setValue(splitterKey, m_splitter->saveState());
    settings::setValue(paneSplitterKey, m_commitPane->splitter()->saveState());
    settings::setValue(headerKey, m_table->horizontalHeader()->saveState());
}

void RepositoryView::restoreLayout()
{
    if (!m_splitter->restoreState(settings::value(splitterKey).toByteArray()))
        m_splitter->setSizes({620, 380});
    if (!m_commitPane->splitter()->restoreState(settings::value(paneSplitterKey).toByteArray()))
        m_commitPane->splitter()->setSizes({230, 470});
    m_table->horizontalHeader()->restoreState(settings::value(headerKey).toByteArray());
}

} // namespace shiplog::ui
