#include "ui/changes/resource_pane.h"

#include "ui/changes/change_icons.h"
#include "ui/changes/timeline_view.h"
#include "ui/common/theme.h"
#include "ui/diff/diff_view.h"
#include "ui/diff/fields_view.h"

#include <QEvent>
#include <QLabel>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::diff::ChangeKind;

ResourcePane::ResourcePane(QWidget* parent)
    : QWidget(parent), m_header(new QLabel(this)), m_tabs(new QTabWidget(this)), m_diff(new DiffView(this)),
      m_fields(new FieldsView(this)), m_timeline(new TimelineView(this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setContentsMargins(8, 6, 8, 6);
    m_header->setWordWrap(true);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_diff, tr("Diff"));
    m_tabs->addTab(m_fields, tr("Fields"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);

    connect(m_timeline, &TimelineView::commitActivated, this, &ResourcePane::commitActivated);
    connect(m_fields, &FieldsView::blameRequested, this, [this](const QString& path) {
        m_fields->showBlame(tr("Looking for the commit that last set %1…").arg(path));
        m_timeline->requestBlame(path);
    });
    connect(m_timeline, &TimelineView::blameReady, this,
            [this](const QString&, const QString& answer) { m_fields->showBlame(answer); });
    clear();
}

void ResourcePane::showChange(const QString& repositoryPath, const core::diff::ResourceChange& change,
                              const QString& revision)
{
    m_change = change;
    renderHeader();
    m_diff->setChange(change);
    QString note;
    if (change.fields.isEmpty()) {
        switch (change.change) {
        case ChangeKind::Added:
            note = tr("The resource was added: every field is new (see the Diff tab).");
            break;
        case ChangeKind::Removed:
            note = tr("The resource was removed.");
            break;
        case ChangeKind::Moved:
            note = tr("The resource moved to another file; no field changed.");
            break;
        case ChangeKind::Modified:
            note = tr("No field changed.");
            break;
        }
    }
    m_fields->setFields(change.fields, note);
    m_tabs->setTabText(1,
                       change.fields.isEmpty() ? tr("Fields") : tr("Fields (%1)").arg(change.fields.size()));
    // A change read through an environment: its timeline and blame are the resource's there.
    m_timeline->setResource(repositoryPath, change.key, revision, change.environment);
}

void ResourcePane::clear(const QString& message)
{
    m_change.reset();
    m_header->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                          .arg(theme::mutedText(palette()).name(),
                               (message.isEmpty() ? tr("Select a resource to see what changed.") : message)
                                   .toHtmlEscaped()));
    m_diff->clear();
    m_fields->setFields({});
    m_tabs->setTabText(1, tr("Fields"));
    m_timeline->clear();
}

QString ResourcePane::headerText() const
{
    QTextDocument document;
    document.setHtml(m_header->text());
    return document.toPlainText();
}

void ResourcePane::renderHeader()
{
    if (!m_change)
        return;
    const auto& c = *m_change;
    const QPalette pal = palette();
    const QString muted = theme::mutedText(pal).name();
    const QString apiVersion =
        c.key.group.isEmpty() ? c.version() : QStringLiteral("%1/%2").arg(c.key.group, c.version());
    const QString name =
        c.key.namespaceName.isEmpty()
            ? c.key.name.toHtmlEscaped()
            : QStringLiteral("%1/%2").arg(c.key.namespaceName.toHtmlEscaped(), c.key.name.toHtmlEscaped());
    QString paths;
    switch (c.change) {
    case ChangeKind::Added:
        paths = c.newPath.toHtmlEscaped();
        break;
    case ChangeKind::Removed:
        paths = c.oldPath.toHtmlEscaped();
        break;
    case ChangeKind::Modified:
        paths = c.newPath.toHtmlEscaped();
        break;
    case ChangeKind::Moved:
        paths = QStringLiteral("%1 → %2").arg(c.oldPath.toHtmlEscaped(), c.newPath.toHtmlEscaped());
        break;
    }
    m_header->setText(QStringLiteral("<b style='font-size:large'>%1</b> <span style='color:%2'>%3</span>"
                                     "&nbsp;&nbsp;<b style='font-size:large'>%4</b>"
                                     "&nbsp;&nbsp;<span style='color:%5'><b>%6 %7</b></span><br>"
                                     "<span style='color:%2'>%8</span>")
                          .arg(c.key.kind.toHtmlEscaped(), muted, apiVersion.toHtmlEscaped(), name,
                               changeColor(c.change, pal).name(), changeSymbol(c.change),
                               core::diff::changeKindName(c.change), paths));
}

void ResourcePane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        renderHeader();
}

} // namespace shiplog::ui
