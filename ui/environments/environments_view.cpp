#include "ui/environments/environments_view.h"

#include "core/environment/overview.h"
#include "ui/common/theme.h"
#include "ui/environments/compare_view.h"
#include "ui/environments/environment_list.h"
#include "ui/environments/promotion_view.h"
#include "ui/mainwindow/repository_session.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace shiplog::ui {

namespace {

// The pair a reviewer asks about first: staging vs production when there are such names, else
// the first two environments.
std::pair<int, int> defaultPair(const core::environment::Environments& environments)
{
    int staging = -1;
    int production = -1;
    for (int i = 0; i < environments.environments.size(); ++i) {
        const QString name = environments.environments.at(i).name.toLower();
        if (staging < 0 && (name.contains(u"staging") || name.contains(u"stage") || name == u"dev"))
            staging = i;
        if (production < 0 && (name.contains(u"production") || name.contains(u"prod")))
            production = i;
    }
    if (staging >= 0 && production >= 0 && staging != production)
        return {staging, production};
    return {0, environments.environments.size() > 1 ? 1 : 0};
}

} // namespace

EnvironmentsView::EnvironmentsView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("environmentsView"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("environmentsStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &EnvironmentsView::cancel);

    m_list = new environments::EnvironmentList(this);

    m_pickA = new QComboBox(this);
    m_pickA->setObjectName(QStringLiteral("environmentA"));
    m_pickB = new QComboBox(this);
    m_pickB->setObjectName(QStringLiteral("environmentB"));
    for (QComboBox* box : {m_pickA, m_pickB})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_compareButton = new QPushButton(tr("Compare"), this);
    connect(m_compareButton, &QPushButton::clicked, this, &EnvironmentsView::startCompare);

    m_compare = new environments::CompareView(this);
    m_promotion = new environments::PromotionView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_compare, tr("A vs B"));
    m_tabs->addTab(m_promotion, tr("Promotion board"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_promotion && m_boardStale && !m_environments.environments.isEmpty())
            startBoard();
    });
    connect(m_compare, &environments::CompareView::commitActivated, this, &EnvironmentsView::commitActivated);
    connect(m_promotion, &environments::PromotionView::commitActivated, this,
            &EnvironmentsView::commitActivated);

    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_cancel);

    auto* picker = new QHBoxLayout;
    picker->addWidget(new QLabel(tr("Compare"), this));
    picker->addWidget(m_pickA);
    picker->addWidget(new QLabel(tr("with"), this));
    picker->addWidget(m_pickB);
    picker->addWidget(m_compareButton);
    picker->addStretch(1);

    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(picker);
    lowerLayout->addWidget(m_tabs, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);

    for (auto* watcher : {static_cast<QFutureWatcherBase*>(m_listJob.watcher()),
                          static_cast<QFutureWatcherBase*>(m_compareJob.watcher()),
                          static_cast<QFutureWatcherBase*>(m_boardJob.watcher())}) {
        connect(watcher, &QFutureWatcherBase::started, this, &EnvironmentsView::updateBusy);
        connect(watcher, &QFutureWatcherBase::finished, this, &EnvironmentsView::updateBusy);
    }
    m_listJob.onResult(this, [this](const core::Result<core::environment::Environments>& result) {
        onEnvironments(result);
    });
    m_compareJob.onResult(this, [this](const core::Result<core::environment::EnvironmentComparison>& result) {
        if (!result) {
            m_compare->clear();
            setMessage(tr("The comparison failed: %1").arg(result.error().message), true);
        } else {
            m_compare->setComparison(*result);
            setMessage(m_listMessage);
        }
        emit comparisonLoaded();
    });
    m_boardJob.onResult(this, [this](const core::Result<core::environment::PromotionBoard>& result) {
        if (!result) {
            m_promotion->clear();
            setMessage(tr("The promotion board failed: %1").arg(result.error().message), true);
        } else {
            m_boardStale = false;
            m_promotion->setBoard(*result);
            setMessage(m_listMessage);
        }
        emit boardLoaded();
    });
    setMessage(tr("No repository"));
}

EnvironmentsView::~EnvironmentsView() = default;

void EnvironmentsView::setRepository(const QString& path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_revision = QStringLiteral("HEAD");
    m_stale = m_boardStale = true;
    m_listJob.discard();
    m_compareJob.discard();
    m_boardJob.discard();
    m_environments = {};
    m_list->clear();
    m_compare->clear();
    m_promotion->clear();
    m_pickA->clear();
    m_pickB->clear();
    updateBusy();
    setMessage(path.isEmpty() ? tr("No repository") : tr("Environments are read when this tab is shown"));
    if (isVisible())
        load();
}

void EnvironmentsView::setRevision(const QString& revision)
{
    if (revision == m_revision)
        return;
    m_revision = revision;
    m_stale = m_boardStale = true;
    if (isVisible())
        load();
}

void EnvironmentsView::reload()
{
    m_stale = m_boardStale = true;
    if (isVisible())
        load();
}

void EnvironmentsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        load();
}

void EnvironmentsView::load()
{
    if (m_path.isEmpty())
        return;
    m_stale = false;
    m_compareJob.discard();
    m_boardJob.discard();
    setMessage(tr("Detecting and rendering the environments at %1…").arg(m_revision));
    m_listJob.start(&core::environment::environmentOverviewJob, m_path, m_revision);
    updateBusy();
}

void EnvironmentsView::onEnvironments(const core::Result<core::environment::Environments>& result)
{
    if (!result) {
        m_environments = {};
        m_list->clear();
        setMessage(tr("The environments could not be read: %1").arg(result.error().message), true);
        emit environmentsLoaded();
        return;
    }
    m_environments = *result;
    m_list->setEnvironments(m_environments);
    const QString keepA = m_pickA->currentText();
    const QString keepB = m_pickB->currentText();
    for (QComboBox* box : {m_pickA, m_pickB}) {
        const QSignalBlocker blocker(box);
        box->clear();
        for (const auto& e : m_environments.environments)
            box->addItem(e.name);
    }
    const qsizetype count = m_environments.environments.size();
    QString status = (count == 1 ? tr("1 environment at %2") : tr("%1 environments at %2").arg(count))
                         .arg(m_environments.revision.left(7));
    if (m_environments.layout == core::environment::Layout::Plain)
        status += tr(" — no GitOps layout recognised: the whole repository is one environment");
    m_listMessage = status;
    setMessage(status);
    emit environmentsLoaded();
    if (m_environments.environments.size() < 2) {
        m_compare->clear();
        m_compareButton->setEnabled(false);
        return;
    }
    m_compareButton->setEnabled(true);
    if (m_pickA->findText(keepA) >= 0 && m_pickB->findText(keepB) >= 0 && keepA != keepB) {
        m_pickA->setCurrentText(keepA);
        m_pickB->setCurrentText(keepB);
    } else {
        const auto [a, b] = defaultPair(m_environments);
        m_pickA->setCurrentIndex(a);
        m_pickB->setCurrentIndex(b);
    }
    startCompare();
    if (m_tabs->currentWidget() == m_promotion)
        startBoard();
}

void EnvironmentsView::compare(const QString& a, const QString& b)
{
    m_pickA->setCurrentText(a);
    m_pickB->setCurrentText(b);
    startCompare();
}

void EnvironmentsView::startCompare()
{
    const QString a = m_pickA->currentText();
    const QString b = m_pickB->currentText();
    if (a.isEmpty() || b.isEmpty() || m_environments.revision.isEmpty())
        return;
    setMessage(tr("Comparing %1 with %2…").arg(a, b));
    m_compareJob.start(&core::environment::compareEnvironmentsJob, m_path, m_environments.revision, a, b);
    updateBusy();
}

void EnvironmentsView::startBoard()
{
    m_boardStale = false;
    setMessage(tr("Reading the versions each environment runs…"));
    m_boardJob.start(&core::environment::buildPromotionBoardJob, m_path, m_environments.revision);
    updateBusy();
}

void EnvironmentsView::cancel()
{
    const bool any = isBusy();
    m_listJob.discard();
    m_compareJob.discard();
    m_boardJob.discard();
    m_stale = m_environments.revision.isEmpty();
    m_boardStale = true;
    updateBusy();
    if (any)
        setMessage(tr("Cancelled"));
}

bool EnvironmentsView::isBusy() const
{
    return m_listJob.isRunning() || m_compareJob.isRunning() || m_boardJob.isRunning();
}

QString EnvironmentsView::message() const
{
    return m_status->text();
}

void EnvironmentsView::updateBusy()
{
    const bool busy = isBusy();
    m_busy->setVisible(busy);
    m_cancel->setVisible(busy);
}

void EnvironmentsView::setMessage(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText,
                 error ? theme::errorColor(palette()) : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);
}

void followInEnvironments(RepositorySession* session, EnvironmentsView* view)
{
    view->setRepository(session->path());
    view->setRevision(session->revision());
    QObject::connect(session, &RepositorySession::revisionChanged, view, &EnvironmentsView::setRevision);
    // View ▸ Reload found other refs: the revision's name may point at another commit now.
    QObject::connect(session, &RepositorySession::refsChanged, view, [view] { view->reload(); });
}

} // namespace shiplog::ui
