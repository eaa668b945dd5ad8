#include "ui/history/commit_pane.h"

#include "ui/common/relative_time.h"
#include "ui/common/theme.h"
#include "ui/history/changed_files_model.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::git::CommitDetails;
using core::git::CommitInfo;
using core::git::Person;

namespace {
QString personHtml(const Person& p)
{
    const QDateTime when = p.dateTime();
    return QStringLiteral("%1 &lt;<a href=\"mailto:%2\">%2</a>&gt;<br><span class=muted>%3 · %4</span>")
        .arg(p.name.toHtmlEscaped(), p.email.toHtmlEscaped(), absoluteTime(when), relativeTime(when));
}
} // namespace

CommitPane::CommitPane(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("commitPane"));
    m_header = new QTextBrowser(this);
    m_header->setObjectName(QStringLiteral("commitMessage"));
    m_header->setOpenLinks(false);
    m_header->setFrameShape(QFrame::NoFrame);
    m_header->document()->setDocumentMargin(10);
    connect(m_header, &QTextBrowser::anchorClicked, this, &CommitPane::onLink);

    m_filesModel = new ChangedFilesModel(this);
    m_files = new QTreeView(this);
    m_files->setObjectName(QStringLiteral("changedFiles"));
    m_files->setModel(m_filesModel);
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setAllColumnsShowFocus(true);
    m_files->setFrameShape(QFrame::NoFrame);
    m_files->setTextElideMode(Qt::ElideMiddle);
    auto* header = m_files->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ChangedFilesModel::StatusColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(ChangedFilesModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ChangedFilesModel::AddedColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(ChangedFilesModel::DeletedColumn, QHeaderView::Fixed);
    header->resizeSection(ChangedFilesModel::AddedColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("+88888")) + 12);
    header->resizeSection(ChangedFilesModel::DeletedColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("−88888")) + 16);
    header->resizeSection(ChangedFilesModel::StatusColumn,
                          fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3);

    m_filesStatus = new QLabel(this);
    m_filesStatus->setObjectName(QStringLiteral("changedFilesStatus"));
    m_filesStatus->setContentsMargins(10, 4, 10, 4);
    m_filesStatus->setWordWrap(true);
    m_filesStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* filesBox = new QWidget(this);
    auto* filesLayout = new QVBoxLayout(filesBox);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->setSpacing(0);
    filesLayout->addWidget(m_filesStatus);
    filesLayout->addWidget(m_files);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("commitPaneSplitter"));
    m_splitter->addWidget(m_header);
    m_splitter->addWidget(filesBox);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_job.onResult(this, [this](const core::Result<CommitDetails>& details) { onDetailsReady(details); });
    clear();
}

CommitPane::~CommitPane() = default;

void CommitPane::clear()
{
    m_job.discard(); // without waiting; nothing of the old commit arrives afterwards
    m_commit = {};
    m_repositoryPath.clear();
    m_filesModel->setFiles({});
    m_filesStatus->clear();
    m_header->setHtml(
        QStringLiteral("<p style=\"color:%1\">%2</p>")
            .arg(theme::mutedText(palette()).name(), tr("Select a commit to see its details.")));
}

void CommitPane::showCommit(const QString& repositoryPath, const CommitInfo& commit)
{
    if (commit.id == m_commit.id && repositoryPath == m_repositoryPath)
        return;
    m_repositoryPath = repositoryPath;
    m_commit = commit;
    render();
    m_filesModel->setFiles({});
    m_filesStatus->setText(tr("Loading changed files…"));
    m_job.run(&core::git::loadCommitDetails, repositoryPath, commit.id);
}

bool CommitPane::isLoadingFiles() const
{
    return m_job.isRunning();
}

void CommitPane::onDetailsReady(const core::Result<CommitDetails>& details)
{
    if (!details) {
        m_filesStatus->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span>")
                .arg(theme::errorColor(palette()).name(), details.error().message.toHtmlEscaped()));
        return;
    }
    if (details->commit.id != m_commit.id)
        return;
    m_filesModel->setFiles(details->files);
    int added = 0;
    int removed = 0;
    for (const auto& f : details->files) {
        added += f.additions;
        removed += f.deletions;
    }
    if (details->files.isEmpty()) {
        m_filesStatus->setText(tr("No files changed."));
    } else {
        m_filesStatus->setText(
            (details->files.size() == 1 ? tr("<b>1 file changed</b>")
                                        : tr("<b>%1 files changed</b>").arg(details->files.size())) +
            QStringLiteral("  <span style=\"color:%1\">+%2</span> <span style=\"color:%3\">−%4</span>")
                .arg(theme::additionsColor(palette()).name())
                .arg(added)
                .arg(theme::deletionsColor(palette()).name())
                .arg(removed));
    }
}

void CommitPane::render()
{
    const QPalette pal = palette();
    const QString muted = theme::mutedText(pal).name();
    const CommitInfo& c = m_commit;
    QString html = QStringLiteral("<html><head><style>"
                                  "td { padding: 1px 10px 1px 0; vertical-align: top; }"
                                  "td.key { color: %1; }"
                                  ".muted { color: %1; }"
                                  "a { color: %2; text-decoration: none; }"
                                  "</style></head><body>")
                       .arg(muted, pal.color(QPalette::Link).name());
    html += QStringLiteral("<p style=\"font-size: large; font-weight: 600; margin-bottom: 8px\">%1</p>")
                .arg(c.subject.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing=0>");
    const bool sameCommitter = c.committer.name == c.author.name && c.committer.email == c.author.email &&
                               c.committer.time == c.author.time;
    html +=
        QStringLiteral("<tr><td class=key>%1</td><td>%2</td></tr>").arg(tr("Author"), personHtml(c.author));
    if (!sameCommitter)
        html += QStringLiteral("<tr><td class=key>%1</td><td>%2</td></tr>")
                    .arg(tr("Committer"), personHtml(c.committer));
    html += QStringLiteral(
                "<tr><td class=key>%1</td><td><code>%2</code><br>"
                "<a href=\"copy:%2\">%3</a> <span class=muted>·</span> <a href=\"copy:%4\">%5</a></td></tr>")
                .arg(tr("Commit"), c.id, tr("Copy id"), c.id.left(7), tr("Copy short id"));
    if (!c.parents.isEmpty()) {
        QStringList links;
        for (const QString& parent : c.parents)
            links.append(
                QStringLiteral("<a href=\"commit:%1\"><code>%2</code></a>").arg(parent, parent.left(7)));
        html += QStringLiteral("<tr><td class=key>%1</td><td>%2</td></tr>")
                    .arg(c.parents.size() > 1 ? tr("Parents") : tr("Parent"),
                         links.join(QStringLiteral(" &nbsp;")));
    }
    html += QStringLiteral("</table>");
    if (!c.body.isEmpty()) {
        html += QStringLiteral("<p style=\"white-space: pre-wrap; margin-top: 12px\">%1</p>")
                    .arg(c.body.toHtmlEscaped());
    }
    html += QStringLiteral("</body></html>");
    m_header->setHtml(html);
}

QString CommitPane::messageText() const
{
    return m_header->toPlainText();
}

void CommitPane::onLink(const QUrl& url)
{
    if (url.scheme() == QLatin1String("copy")) {
        QApplication::clipboard()->setText(url.path());
    } else if (url.scheme() == QLatin1String("commit")) {
        emit parentActivated(url.path());
    }
}

void CommitPane::changeEvent(QEvent* event)
{
    // Colours are baked into the HTML: re-render when the palette changes (light/dark switch).
    if (event->type() == QEvent::PaletteChange && !m_commit.id.isEmpty())
        render();
    QWidget::changeEvent(event);
}

} // namespace shiplog::ui
