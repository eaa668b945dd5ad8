#include "ui/drift/drift_tree_model.h"

#include "ui/drift/drift_style.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <map>

namespace shiplog::ui {

using core::drift::DriftStatus;
using core::drift::ResourceDrift;

int severity(DriftStatus status)
{
    switch (status) {
    case DriftStatus::Missing:
        return 5;
    case DriftStatus::Drifted:
        return 4;
    case DriftStatus::Unserved:
        return 3;
    case DriftStatus::Extra:
        return 2;
    case DriftStatus::Unreadable:
        return 1;
    case DriftStatus::InSync:
        return 0;
    }
    return 0;
}

struct DriftTreeModel::Node
{
    Level level = Level::Namespace;
    QString label;
    QString tooltip;
    QString path;
    int resource = -1; // index into m_report.resources
    DriftStatus worst = DriftStatus::InSync;
    QMap<int, int> counts; // severity → resources below (resource rows: itself)
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node* add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

DriftTreeModel::DriftTreeModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

DriftTreeModel::~DriftTreeModel() = default;

void DriftTreeModel::setReport(const core::drift::DriftReport& report)
{
    beginResetModel();
    m_report = report;
    rebuild();
    endResetModel();
}

void DriftTreeModel::setStatusFilter(const QSet<DriftStatus>& statuses)
{
    if (statuses == m_filter)
        return;
    beginResetModel();
    m_filter = statuses;
    rebuild();
    endResetModel();
}

void DriftTreeModel::rebuild()
{
    m_root = std::make_unique<Node>();
    m_byKey.clear();
    m_byPath.clear();
    // namespace → "Kind (group)" → name → resource index; std::map keeps the order.
    std::map<QString, std::map<QString, std::map<QString, int>>> sorted;
    for (int i = 0; i < m_report.resources.size(); ++i) {
        const ResourceDrift& r = m_report.resources.at(i);
        if (!m_filter.isEmpty() && !m_filter.contains(r.status))
            continue;
        // An empty key sorts cluster-scoped resources first.
        // Keyed by kind then group, shown as the kind alone (as Argo CD and kubectl get show it).
        const QString kind = r.group.isEmpty() ? r.kind : QStringLiteral("%1.%2").arg(r.kind, r.group);
        sorted[r.namespaceName][kind][r.name] = i;
    }
    for (const auto& [ns, kinds] : sorted) {
        auto nsNode = std::make_unique<Node>();
        nsNode->level = Level::Namespace;
        nsNode->label = ns.isEmpty() ? tr("(cluster-scoped)") : ns;
        nsNode->path = ns;
        Node* nsPtr = m_root->add(std::move(nsNode));
        m_byPath.insert(nsPtr->path, nsPtr);
        for (const auto& [kind, names] : kinds) {
            auto kindNode = std::make_unique<Node>();
            kindNode->level = Level::Kind;
            kindNode->label = kind.section(u'.', 0, 0);
            kindNode->tooltip = kind;
            kindNode->path = ns + u'|' + kind;
            Node* kindPtr = nsPtr->add(std::move(kindNode));
            m_byPath.insert(kindPtr->path, kindPtr);
            for (const auto& [name, index] : names) {
                const ResourceDrift& r = m_report.resources.at(index);
                auto leaf = std::make_unique<Node>();
                leaf->level = Level::Resource;
                leaf->label = name;
                leaf->resource = index;
                leaf->worst = r.status;
                leaf->path = r.displayName();
                leaf->counts[severity(r.status)] = 1;
                Node* leafPtr = kindPtr->add(std::move(leaf));
                m_byKey.insert(leafPtr->path, leafPtr);
                m_byPath.insert(leafPtr->path, leafPtr);
                for (Node* up = kindPtr; up && up != m_root.get(); up = up->parent) {
                    up->counts[severity(r.status)] += 1;
                    if (severity(r.status) > severity(up->worst))
                        up->worst = r.status;
                }
            }
        }
    }
}

QString DriftTreeModel::keyOf(const QModelIndex& index) const
{
    const auto* node = static_cast<const Node*>(index.internalPointer());
    return index.isValid() && node->level == Level::Resource ? node->path : QString();
}

QModelIndex DriftTreeModel::indexOfNode(const Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex DriftTreeModel::indexOfKey(const QString& key) const
{
    return indexOfNode(m_byKey.value(key));
}

QString DriftTreeModel::pathOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<const Node*>(index.internalPointer())->path : QString();
}

QModelIndex DriftTreeModel::indexOfPath(const QString& path) const
{
    return indexOfNode(m_byPath.value(path));
}

const ResourceDrift* DriftTreeModel::resourceAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return nullptr;
    const auto* node = static_cast<const Node*>(index.internalPointer());
    return node->resource >= 0 ? &m_report.resources.at(node->resource) : nullptr;
}

const ResourceDrift* DriftTreeModel::resource(const QString& key) const
{
    return resourceAt(indexOfKey(key));
}

int DriftTreeModel::resourceCount() const
{
    return int(m_byKey.size());
}

QModelIndex DriftTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const Node* p = parent.isValid() ? static_cast<const Node*>(parent.internalPointer()) : m_root.get();
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex DriftTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const auto* node = static_cast<const Node*>(child.internalPointer());
    return indexOfNode(node->parent);
}

int DriftTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node* p = parent.isValid() ? static_cast<const Node*>(parent.internalPointer()) : m_root.get();
    return int(p->children.size());
}

int DriftTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant DriftTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const auto* node = static_cast<const Node*>(index.internalPointer());
    const QPalette palette = QApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return node->label;
        if (node->level == Level::Resource)
            return drift::statusLabel(node->worst);
        {
            // "2 drifted · 1 missing" or "5 in sync"
            QStringList parts;
            for (DriftStatus status : {DriftStatus::Missing, DriftStatus::Drifted, DriftStatus::Unserved,
                                       DriftStatus::Extra, DriftStatus::Unreadable}) {
                const int n = node->counts.value(severity(status));
                if (n == 0)
                    continue;
                switch (status) {
                case DriftStatus::Missing:
                    parts.append(tr("%1 missing").arg(n));
                    break;
                case DriftStatus::Drifted:
                    parts.append(tr("%1 drifted").arg(n));
                    break;
                case DriftStatus::Extra:
                    parts.append(tr("%1 extra").arg(n));
                    break;
                case DriftStatus::Unreadable:
                    parts.append(tr("%1 not readable").arg(n));
                    break;
                case DriftStatus::Unserved:
                    parts.append(tr("%1 in an API version not served").arg(n));
                    break;
                case DriftStatus::InSync:
                    break;
                }
            }
            if (parts.isEmpty())
                return tr("%1 in sync").arg(node->counts.value(severity(DriftStatus::InSync)));
            return parts.join(QStringLiteral(" · "));
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return drift::statusIcon(node->worst, palette);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && node->worst != DriftStatus::InSync)
            return drift::statusColor(node->worst, palette);
        return {};
    case Qt::FontRole:
        if (node->level == Level::Namespace) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (node->level == Level::Resource) {
            const ResourceDrift& r = m_report.resources.at(node->resource);
            return r.reason.isEmpty() ? r.displayName()
                                      : QStringLiteral("%1\n%2").arg(r.displayName(), r.reason);
        }
        return node->tooltip.isEmpty() ? QVariant() : QVariant(node->tooltip);
    case KeyRole:
        return node->level == Level::Resource ? node->path : QString();
    case StatusRole:
        return int(node->worst);
    case LevelRole:
        return int(node->level);
    default:
        return {};
    }
}

QVariant DriftTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Resource") : tr("Status");
}

} // namespace shiplog::ui
