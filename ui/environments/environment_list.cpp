#include "ui/environments/environment_list.h"

#include "ui/common/theme.h"

#include <QHeaderView>

namespace shiplog::ui::environments {

namespace {
enum Column
{
    Name,
    Layout,
    Definition,
    Cluster,
    Resources,
    Errors,
    ColumnCount
};
} // namespace

EnvironmentList::EnvironmentList(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("environmentList"));
    setColumnCount(ColumnCount);
    setHeaderLabels(
        {tr("Environment"), tr("Layout"), tr("Defined in"), tr("Cluster"), tr("Resources"), tr("Errors")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void EnvironmentList::setEnvironments(const core::environment::Environments& environments)
{
    clear();
    const QColor error = theme::errorColor(palette());
    const QColor muted = theme::mutedText(palette());
    for (const core::environment::Environment& e : environments.environments) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(Name, e.name);
        item->setText(Layout, core::environment::layoutName(e.layout));
        item->setText(Definition, e.definition);
        item->setText(Cluster, e.cluster.isEmpty() ? tr("—") : e.cluster);
        item->setText(Resources, e.resources < 0 ? tr("not rendered") : QString::number(e.resources));
        item->setTextAlignment(Resources, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(Errors, e.errors.isEmpty() ? QString() : QString::number(e.errors.size()));
        if (!e.errors.isEmpty())
            item->setForeground(Errors, error);
        if (e.layout == core::environment::Layout::Plain) {
            // The fallback says so: no layout was recognised, the whole repository is one environment.
            item->setToolTip(Layout,
                             tr("No GitOps layout recognised: the whole repository is one environment"));
            item->setForeground(Layout, muted);
        }
        for (const core::environment::Unit& unit : e.units) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(Name, unit.name);
            child->setText(Layout, unit.kustomize ? tr("kustomize") : tr("manifests"));
            child->setText(Definition, unit.definition);
            child->setText(Cluster, unit.namespaceName.isEmpty()
                                        ? QString()
                                        : tr("namespace %1").arg(unit.namespaceName));
            child->setText(Resources, unit.resources < 0 ? QString() : QString::number(unit.resources));
            child->setTextAlignment(Resources, Qt::AlignRight | Qt::AlignVCenter);
            child->setToolTip(Definition, unit.paths.join(u'\n'));
            for (int c = 0; c < ColumnCount; ++c)
                child->setForeground(c, muted);
        }
        for (const core::environment::EnvironmentError& err : e.errors) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(Name, tr("error"));
            child->setText(Definition,
                           err.line > 0 ? QStringLiteral("%1:%2").arg(err.path).arg(err.line) : err.path);
            child->setText(Cluster, err.message.section(u'\n', 0, 0));
            child->setToolTip(Cluster, err.message);
            for (int c = 0; c < ColumnCount; ++c)
                child->setForeground(c, error);
        }
        item->setExpanded(!e.errors.isEmpty());
    }
}

} // namespace shiplog::ui::environments
