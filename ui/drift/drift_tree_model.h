#pragma once

#include "core/drift/drift_report.h"

#include <QAbstractItemModel>
#include <QSet>
#include <memory>

namespace shiplog::ui {

// The resources of a drift report as a tree: namespace ("cluster-scoped" first) → kind → name, each
// row with its status; namespace and kind rows carry the worst status below them and the counts of
// what is not in sync. A status filter (the summary bar's chips) hides the other resources.
class DriftTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        StatusRole,
        LevelRole
    };
    enum class Level
    {
        Namespace,
        Kind,
        Resource
    };

    explicit DriftTreeModel(QObject* parent = nullptr);
    ~DriftTreeModel() override;

    void setReport(const core::drift::DriftReport& report);
    const core::drift::DriftReport& report() const { return m_report; }
    // Empty = every status.
    void setStatusFilter(const QSet<core::drift::DriftStatus>& statuses);
    QSet<core::drift::DriftStatus> statusFilter() const { return m_filter; }

    // "apps/Deployment jx-staging/web" (ResourceDrift::displayName) of a resource row; "" otherwise.
    QString keyOf(const QModelIndex& index) const;
    QModelIndex indexOfKey(const QString& key) const;
    // A stable name of any row (namespace, kind or resource) for restoring expansion.
    QString pathOf(const QModelIndex& index) const;
    QModelIndex indexOfPath(const QString& path) const;
    const core::drift::ResourceDrift* resourceAt(const QModelIndex& index) const;
    const core::drift::ResourceDrift* resource(const QString& key) const;
    int resourceCount() const; // shown resource rows

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    void rebuild();
    QModelIndex indexOfNode(const Node* node, int column = 0) const;

    core::drift::DriftReport m_report;
    QSet<core::drift::DriftStatus> m_filter;
    std::unique_ptr<Node> m_root;
    QHash<QString, const Node*> m_byKey;
    QHash<QString, const Node*> m_byPath;
};

// Worst first: missing, drifted, extra, not readable, in sync.
int severity(core::drift::DriftStatus status);

} // namespace shiplog::ui
