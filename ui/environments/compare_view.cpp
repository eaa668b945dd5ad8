#include "ui/environments/compare_view.h"

#include "ui/common/theme.h"
#include "ui/environments/environment_style.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace shiplog::ui::environments {

namespace {

using core::environment::CompareStatus;

constexpr int kIndexRole = Qt::UserRole + 1;   // index into m_comparison.resources (-1: a release)
constexpr int kCommitRole = Qt::UserRole + 2;  // commit id of a field's A/B cell
constexpr int kReleaseRole = Qt::UserRole + 3; // index into m_comparison.releases (release rows)

enum ResourceColumn
{
    Status,
    Kind,
    Name,
    Namespace,
    Fields
};
enum FieldColumn
{
    Path,
    ValueA,
    ValueB,
    CommitA,
    CommitB
};

QString valueText(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("—");
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString commitText(const QString& id, const QString& subject, const QString& appliedBy)
{
    if (id.isEmpty())
        return QString();
    QString text = id.left(7) + u' ' + subject;
    if (!appliedBy.isEmpty())
        text += u' ' + CompareView::tr("(applied by %1)").arg(appliedBy.left(7));
    return text;
}

// The set-by commit's tooltip: the commit, and the regeneration that rendered it (Jenkins X).
QString commitTip(const QString& id, const QString& subject, const QString& appliedBy,
                  const QString& appliedBySubject)
{
    if (id.isEmpty())
        return QString();
    QString tip = id + u'\n' + subject;
    if (!appliedBy.isEmpty())
        tip += u'\n' + CompareView::tr("Applied by %1 %2").arg(appliedBy.left(7), appliedBySubject);
    return tip;
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hideSame = new QCheckBox(tr("Hide resources that are the same"), this);
    m_hideSame->setChecked(true);
    connect(m_hideSame, &QCheckBox::toggled, this, &CompareView::fill);
    m_hideNamespace = new QCheckBox(tr("Hide differences in the namespace name only"), this);
    m_hideNamespace->setToolTip(
        tr("Values that are equal once %1's namespace names are replaced by %2's, such as "
           "service URLs and secret keys")
            .arg(QStringLiteral("A"), QStringLiteral("B")));
    m_hideNamespace->setChecked(true);
    connect(m_hideNamespace, &QCheckBox::toggled, this, &CompareView::fill);

    m_resources = new QTreeWidget(this);
    m_resources->setObjectName(QStringLiteral("compareResources"));
    m_resources->setHeaderLabels({tr("Status"), tr("Kind"), tr("Name"), tr("Namespace"), tr("Fields")});
    m_resources->setRootIsDecorated(false);
    m_resources->setUniformRowHeights(true);
    m_resources->setAlternatingRowColors(true);
    m_resources->setSortingEnabled(false);
    m_resources->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_resources->header()->setStretchLastSection(true);

    m_fields = new QTreeWidget(this);
    m_fields->setObjectName(QStringLiteral("compareFields"));
    m_fields->setRootIsDecorated(false);
    m_fields->setUniformRowHeights(true);
    m_fields->setAlternatingRowColors(true);
    m_fields->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_fields->header()->setStretchLastSection(true);
    m_fields->setToolTip(tr("Double-click a commit to show it in the history"));
    m_fields->setHeaderLabels({tr("Field"), tr("A"), tr("B"), tr("Set in A by"), tr("Set in B by")});
    for (int c : {Path, ValueA, ValueB, CommitA})
        m_fields->setColumnWidth(c, 240);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_resources);
    splitter->addWidget(m_fields);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_hideNamespace);
    top->addWidget(m_hideSame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_resources, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* current) { showFields(current); });
    connect(m_fields, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int column) {
        // The B side's columns open B's commit; the rest A's.
        const int side = column == ValueB || column == CommitB ? CommitB : CommitA;
        const QString id = item->data(side, kCommitRole).toString();
        if (!id.isEmpty())
            emit commitActivated(id);
    });
}

void CompareView::clear()
{
    m_comparison = {};
    m_summary->clear();
    m_resources->clear();
    m_fields->clear();
}

void CompareView::setComparison(const core::environment::EnvironmentComparison& comparison)
{
    m_comparison = comparison;
    const QString a = comparison.a;
    const QString b = comparison.b;
    const qsizetype namespaceOnly =
        std::count_if(comparison.resources.cbegin(), comparison.resources.cend(), [](const auto& r) {
            return r.status == CompareStatus::Differs &&
                   std::all_of(r.fields.cbegin(), r.fields.cend(),
                               [](const auto& f) { return f.namespaceOnly; });
        });
    const QString differ = namespaceOnly > 0 ? tr("%1 differ (%2 only in namespace names)")
                                                   .arg(comparison.count(CompareStatus::Differs))
                                                   .arg(namespaceOnly)
                                             : tr("%1 differ").arg(comparison.count(CompareStatus::Differs));
    QString summary = tr("<b>%1</b> vs <b>%2</b>: %3 · %4 only in %1 · %5 only in %2 · %6 the same")
                          .arg(a.toHtmlEscaped(), b.toHtmlEscaped(), differ)
                          .arg(comparison.count(CompareStatus::OnlyA))
                          .arg(comparison.count(CompareStatus::OnlyB))
                          .arg(comparison.count(CompareStatus::Same));
    const qsizetype errors = comparison.errorsA.size() + comparison.errorsB.size();
    if (errors > 0)
        summary += QStringLiteral(" · <span style=\"color:%1\">%2</span>")
                       .arg(theme::errorColor(palette()).name(),
                            (errors == 1 ? tr("1 render error: see the list above")
                                         : tr("%1 render errors: see the list above").arg(errors)));
    m_summary->setText(summary);
    m_resources->headerItem()->setText(Namespace, tr("Namespace (%1 → %2)").arg(a, b));
    m_fields->setHeaderLabels({tr("Field"), a, b, tr("Set in %1 by").arg(a), tr("Set in %1 by").arg(b)});
    fill();
}

void CompareView::fill()
{
    m_resources->clear();
    m_fields->clear();
    const QPalette pal = palette();
    for (qsizetype i = 0; i < m_comparison.releases.size(); ++i) {
        const core::environment::ReleaseComparison& r = m_comparison.releases.at(i);
        const CompareStatus status = r.a.isEmpty()   ? CompareStatus::OnlyB
                                     : r.b.isEmpty() ? CompareStatus::OnlyA
                                     : r.a == r.b    ? CompareStatus::Same
                                                     : CompareStatus::Differs;
        if (status == CompareStatus::Same && m_hideSame->isChecked())
            continue;
        auto* item = new QTreeWidgetItem(m_resources);
        item->setText(Status, statusText(status, m_comparison.a, m_comparison.b));
        item->setForeground(Status, statusColor(status, pal));
        item->setText(Kind, tr("Release"));
        item->setText(Name, r.name);
        item->setText(Fields, QStringLiteral("%1 → %2").arg(r.a.isEmpty() ? tr("—") : r.a,
                                                            r.b.isEmpty() ? tr("—") : r.b));
        item->setData(Status, kIndexRole, -1);
        item->setData(Status, kReleaseRole, int(i));
    }
    for (qsizetype i = 0; i < m_comparison.resources.size(); ++i) {
        const core::environment::ResourceComparison& r = m_comparison.resources.at(i);
        const qsizetype shown = std::count_if(r.fields.cbegin(), r.fields.cend(), [this](const auto& f) {
            return !(f.namespaceOnly && m_hideNamespace->isChecked());
        });
        const bool namespaceOnly = r.status == CompareStatus::Differs && shown == 0;
        if ((r.status == CompareStatus::Same || namespaceOnly) && m_hideSame->isChecked())
            continue;
        auto* item = new QTreeWidgetItem(m_resources);
        item->setText(Status, namespaceOnly ? tr("same but namespace")
                                            : statusText(r.status, m_comparison.a, m_comparison.b));
        item->setForeground(Status, statusColor(namespaceOnly ? CompareStatus::Same : r.status, pal));
        item->setText(Kind, r.group.isEmpty() ? r.kind : r.group + u'/' + r.kind);
        item->setText(Name, r.name);
        QString ns;
        if (r.status == CompareStatus::OnlyA)
            ns = r.namespaceA;
        else if (r.status == CompareStatus::OnlyB)
            ns = r.namespaceB;
        else
            ns = r.namespaceA == r.namespaceB ? r.namespaceA
                                              : r.namespaceA + QStringLiteral(" → ") + r.namespaceB;
        item->setText(Namespace, ns);
        if (r.status == CompareStatus::Differs && shown > 0)
            item->setText(Fields, shown == 1 ? tr("1 field") : tr("%1 fields").arg(shown));
        item->setToolTip(Name, (r.sourcesA + r.sourcesB).join(u'\n'));
        item->setData(Status, kIndexRole, int(i));
        item->setData(Status, kReleaseRole, -1);
    }
    if (m_resources->topLevelItemCount() > 0)
        m_resources->setCurrentItem(m_resources->topLevelItem(0));
}

void CompareView::showFields(QTreeWidgetItem* item)
{
    m_fields->clear();
    if (!item)
        return;
    const int release = item->data(Status, kReleaseRole).toInt();
    if (release >= 0 && release < m_comparison.releases.size()) {
        const core::environment::ReleaseComparison& r = m_comparison.releases.at(release);
        auto* row = new QTreeWidgetItem(m_fields);
        row->setText(Path, tr("chart version"));
        row->setText(ValueA, r.a.isEmpty() ? tr("—") : r.a);
        row->setText(ValueB, r.b.isEmpty() ? tr("—") : r.b);
        row->setText(CommitA, tr("see the Promotion board"));
        row->setForeground(CommitA, theme::mutedText(palette()));
        row->setForeground(ValueA, theme::removedColor(palette()));
        row->setForeground(ValueB, theme::addedColor(palette()));
        return;
    }
    const int index = item->data(Status, kIndexRole).toInt();
    if (index < 0 || index >= m_comparison.resources.size())
        return;
    const core::environment::ResourceComparison& r = m_comparison.resources.at(index);
    const QColor muted = theme::mutedText(palette());
    if (r.status != CompareStatus::Differs) {
        auto* row = new QTreeWidgetItem(m_fields);
        const QStringList sources = r.status == CompareStatus::OnlyB ? r.sourcesB : r.sourcesA;
        row->setText(Path, r.status == CompareStatus::Same
                               ? tr("The same in both environments")
                               : tr("From %1").arg(sources.join(QStringLiteral(", "))));
        row->setForeground(Path, muted);
        return;
    }
    for (const core::environment::FieldDifference& f : r.fields) {
        if (f.namespaceOnly && m_hideNamespace->isChecked())
            continue;
        auto* row = new QTreeWidgetItem(m_fields);
        row->setText(Path, f.path);
        row->setText(ValueA, valueText(f.a));
        row->setText(ValueB, valueText(f.b));
        row->setToolTip(ValueA, valueText(f.a));
        row->setToolTip(ValueB, valueText(f.b));
        row->setText(CommitA, commitText(f.commitA, f.subjectA, f.appliedByA));
        row->setText(CommitB, commitText(f.commitB, f.subjectB, f.appliedByB));
        row->setData(CommitA, kCommitRole, f.commitA);
        row->setData(CommitB, kCommitRole, f.commitB);
        row->setToolTip(CommitA, commitTip(f.commitA, f.subjectA, f.appliedByA, f.appliedBySubjectA));
        row->setToolTip(CommitB, commitTip(f.commitB, f.subjectB, f.appliedByB, f.appliedBySubjectB));
        row->setForeground(ValueA, theme::removedColor(palette()));
        row->setForeground(ValueB, theme::addedColor(palette()));
        row->setForeground(CommitA, muted);
        row->setForeground(CommitB, muted);
    }
    for (int c = 0; c < m_fields->columnCount(); ++c)
        m_fields->resizeColumnToContents(c);
    for (int c : {ValueA, ValueB, CommitA})
        m_fields->setColumnWidth(c, std::clamp(m_fields->columnWidth(c), 120, 360));
}

} // namespace shiplog::ui::environments
