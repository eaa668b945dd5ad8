#pragma once

#include "core/diff/change_set.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <array>
#include <vector>

namespace shiplog::ui {

// The resources of a change set as a tree: namespace (cluster-scoped resources in their own group,
// first) → kind → resource, each group with its counts; a change set by environment has a group per
// namespace of each environment ("overlays/production · shop"), environments in change-set order; files that
// could not be read in a last "Parse errors" group as `path:line` and the message. Column 1 holds the change
// or the counts.
class ChangesModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ChangeColumn,
        ColumnCount
    };
    enum NodeType
    {
        NamespaceNode,
        KindNode,
        ResourceNode,
        ErrorGroupNode,
        ErrorNode
    };
    enum Role
    {
        NodeTypeRole = Qt::UserRole + 1,
        ChangeIndexRole,
        SummaryRole,
        EnvironmentRole // the environment a group or resource belongs to ("" when read as files)
    };

    explicit ChangesModel(QObject* parent = nullptr);

    void setChangeSet(const core::diff::ChangeSet& changeSet);
    void clear();
    const core::diff::ChangeSet& changeSet() const { return m_changeSet; }
    // The change behind a resource row (nullptr for groups and errors).
    const core::diff::ResourceChange* changeAt(const QModelIndex& index) const;
    QModelIndex indexOfChange(int changeIndex) const;
    void refreshIcons();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString clusterScopedLabel();

private:
    struct Node
    {
        NodeType type = NamespaceNode;
        int parent = -1; // index into m_nodes, -1 for top level
        int row = 0;     // row within the parent
        QString label;
        QString tooltip;
        QString environment;               // NamespaceNode: the environment of the group ("" = read as files)
        core::diff::ChangeSummary summary; // groups: what they hold
        int item = -1;                     // ResourceNode: index into resources; ErrorNode: index into errors
        QList<int> children;
    };
    int addNode(Node node);
    const Node* nodeOf(const QModelIndex& index) const;

    core::diff::ChangeSet m_changeSet;
    std::vector<Node> m_nodes;
    QList<int> m_topLevel;
    std::array<QIcon, 4> m_icons;
    QIcon m_errorIcon;
};

} // namespace shiplog::ui
