#include "ui/changes/changes_model.h"

#include "ui/changes/change_icons.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QFont>
#include <QHash>
#include <QMap>

namespace shiplog::ui {

using core::diff::ChangeKind;
using core::diff::ChangeSummary;
using core::diff::ResourceChange;

namespace {

void count(ChangeSummary& summary, ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        ++summary.added;
        break;
    case ChangeKind::Removed:
        ++summary.removed;
        break;
    case ChangeKind::Modified:
        ++summary.modified;
        break;
    case ChangeKind::Moved:
        ++summary.moved;
        break;
    }
}

QString resourceTooltip(const ResourceChange& change)
{
    QString where;
    switch (change.change) {
    case ChangeKind::Added:
        where = QObject::tr("added in %1").arg(change.newPath);
        break;
    case ChangeKind::Removed:
        where = QObject::tr("removed from %1").arg(change.oldPath);
        break;
    case ChangeKind::Modified:
        where = QObject::tr("modified in %1").arg(change.newPath);
        break;
    case ChangeKind::Moved:
        where = QObject::tr("moved from %1 to %2").arg(change.oldPath, change.newPath);
        break;
    }
    return QStringLiteral("%1\n%2").arg(change.key.displayName(), where);
}

} // namespace

ChangesModel::ChangesModel(QObject* parent) : QAbstractItemModel(parent)
{
    refreshIcons();
}

QString ChangesModel::clusterScopedLabel()
{
    return tr("Cluster-scoped");
}

void ChangesModel::refreshIcons()
{
    const QPalette palette = QApplication::palette();
    for (ChangeKind kind : {ChangeKind::Added, ChangeKind::Removed, ChangeKind::Modified, ChangeKind::Moved})
        m_icons[size_t(kind)] = changeIcon(kind, palette);
    m_errorIcon = errorIcon(palette);
    if (!m_nodes.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DecorationRole});
}

int ChangesModel::addNode(Node node)
{
    m_nodes.push_back(std::move(node));
    const int id = int(m_nodes.size()) - 1;
    Node& added = m_nodes.back();
    if (added.parent < 0) {
        added.row = int(m_topLevel.size());
        m_topLevel.append(id);
    } else {
        added.row = int(m_nodes[size_t(added.parent)].children.size());
        m_nodes[size_t(added.parent)].children.append(id);
    }
    return id;
}

void ChangesModel::setChangeSet(const core::diff::ChangeSet& changeSet)
{
    beginResetModel();
    m_changeSet = changeSet;
    m_nodes.clear();
    m_topLevel.clear();

    // Environments in change-set order (detection order; "" for a repository read as files), in each
    // the namespaces in order, cluster-scoped first; kinds by group/kind; resources in change-set
    // order. A group is one namespace of one environment: "overlays/production · shop" (only the
    // namespace where the environment is named after it, as Jenkins X's are).
    QStringList environments;
    QHash<QString, QMap<QString, QMap<QString, QList<int>>>> groups; // environment → namespace → groupKind
    for (int i = 0; i < m_changeSet.resources.size(); ++i) {
        const auto& change = m_changeSet.resources[i];
        if (!environments.contains(change.environment))
            environments << change.environment;
        groups[change.environment][change.key.namespaceName][change.key.groupKind()].append(i);
    }
    for (const QString& environment : std::as_const(environments)) {
        const auto& namespaces = groups[environment];
        for (auto ns = namespaces.cbegin(); ns != namespaces.cend(); ++ns) {
            Node group;
            group.type = NamespaceNode;
            group.environment = environment;
            const QString namespaceLabel = ns.key().isEmpty() ? clusterScopedLabel() : ns.key();
            group.label = environment.isEmpty() || environment == ns.key()
                              ? namespaceLabel
                              : QStringLiteral("%1 · %2").arg(environment, namespaceLabel);
            group.tooltip =
                ns.key().isEmpty() ? tr("Resources without a namespace") : tr("Namespace %1").arg(ns.key());
            if (!environment.isEmpty())
                group.tooltip = tr("Environment %1, as rendered\n%2").arg(environment, group.tooltip);
            const int groupId = addNode(group);
            for (auto kind = ns.value().cbegin(); kind != ns.value().cend(); ++kind) {
                const auto& first = m_changeSet.resources[kind.value().first()].key;
                Node kindNode;
                kindNode.type = KindNode;
                kindNode.parent = groupId;
                kindNode.label = first.kind;
                kindNode.tooltip = first.group.isEmpty() ? first.kind : kind.key();
                const int kindId = addNode(kindNode);
                for (int item : kind.value()) {
                    const ResourceChange& change = m_changeSet.resources[item];
                    Node resource;
                    resource.type = ResourceNode;
                    resource.parent = kindId;
                    resource.item = item;
                    resource.label = change.key.name;
                    resource.tooltip = resourceTooltip(change);
                    addNode(resource);
                    count(m_nodes[size_t(kindId)].summary, change.change);
                    count(m_nodes[size_t(groupId)].summary, change.change);
                }
            }
        }
    }
    if (!m_changeSet.errors.isEmpty()) {
        Node group;
        group.type = ErrorGroupNode;
        group.label = tr("Parse errors");
        group.tooltip = tr("Files at this revision that could not be read as Kubernetes manifests");
        group.summary.errors = int(m_changeSet.errors.size());
        const int groupId = addNode(group);
        for (int i = 0; i < m_changeSet.errors.size(); ++i) {
            const auto& error = m_changeSet.errors[i];
            Node node;
            node.type = ErrorNode;
            node.parent = groupId;
            node.item = i;
            node.label =
                error.line > 0 ? QStringLiteral("%1:%2").arg(error.path).arg(error.line) : error.path;
            node.tooltip = QStringLiteral("%1\n%2").arg(node.label, error.message);
            addNode(node);
        }
    }
    endResetModel();
}

void ChangesModel::clear()
{
    setChangeSet({});
}

const ChangesModel::Node* ChangesModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= m_nodes.size())
        return nullptr;
    return &m_nodes[index.internalId()];
}

const ResourceChange* ChangesModel::changeAt(const QModelIndex& index) const
{
    const Node* node = nodeOf(index);
    if (!node || node->type != ResourceNode)
        return nullptr;
    return &m_changeSet.resources[node->item];
}

QModelIndex ChangesModel::indexOfChange(int changeIndex) const
{
    for (size_t id = 0; id < m_nodes.size(); ++id) {
        if (m_nodes[id].type == ResourceNode && m_nodes[id].item == changeIndex)
            return createIndex(m_nodes[id].row, 0, quintptr(id));
    }
    return {};
}

QModelIndex ChangesModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const QList<int>& children = parent.isValid() ? nodeOf(parent)->children : m_topLevel;
    if (row >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[row]));
}

QModelIndex ChangesModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeOf(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes[size_t(node->parent)].row, 0, quintptr(node->parent));
}

int ChangesModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    const Node* node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int ChangesModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant ChangesModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeOf(index);
    if (!node)
        return {};
    const QPalette palette = QApplication::palette();
    const bool group = node->type == NamespaceNode || node->type == KindNode || node->type == ErrorGroupNode;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn) {
            if (group)
                return QStringLiteral("%1 (%2)")
                    .arg(node->label)
                    .arg(node->type == ErrorGroupNode ? node->summary.errors : node->summary.total());
            return node->label;
        }
        if (node->type == ResourceNode)
            return core::diff::changeKindName(m_changeSet.resources[node->item].change);
        if (node->type == ErrorNode)
            return m_changeSet.errors[node->item].message;
        if (node->type == NamespaceNode || node->type == KindNode)
            return node->summary.compact();
        return {};
    case Qt::ToolTipRole:
        return node->tooltip;
    case EnvironmentRole:
        if (node->type == ResourceNode)
            return m_changeSet.resources[node->item].environment;
        return node->type == NamespaceNode ? node->environment : QString();
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        if (node->type == ResourceNode)
            return m_icons[size_t(m_changeSet.resources[node->item].change)];
        if (node->type == ErrorNode)
            return m_errorIcon;
        return {};
    case Qt::ForegroundRole:
        if (node->type == ResourceNode && index.column() == ChangeColumn)
            return changeColor(m_changeSet.resources[node->item].change, palette);
        if (group && index.column() == ChangeColumn)
            return theme::mutedText(palette);
        if (node->type == ErrorGroupNode || (node->type == ErrorNode && index.column() == NameColumn))
            return theme::removedColor(palette);
        return {};
    case Qt::FontRole:
        if (node->type == NamespaceNode || node->type == ErrorGroupNode) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case NodeTypeRole:
        return int(node->type);
    case ChangeIndexRole:
        return node->type == ResourceNode ? node->item : -1;
    case SummaryRole:
        return group ? node->summary.compact() : QString();
    default:
        return {};
    }
}

QVariant ChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Resource") : tr("Change");
}

} // namespace shiplog::ui
