#pragma once

#include "core/drift/drift_report.h"

#include <QAbstractTableModel>
#include <QHash>

namespace shiplog::ui {

// The "Fields" of a drifted resource: each field where the cluster differs from git, with the
// managedFields manager and time that last wrote it ("kubectl-scale, 5 minutes ago") and the commit
// that last set the desired value. In raw mode the differences the comparison hides are listed too,
// greyed, each saying why it was hidden (server default, server-owned field, ignore rule, equal
// encoding). Values arrive masked for Secrets.
class DriftFieldsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PathColumn,
        GitColumn,
        ClusterColumn,
        ChangedByColumn,
        CommitColumn,
        HiddenColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1,
        HiddenRole
    };

    explicit DriftFieldsModel(QObject* parent = nullptr);

    void setResource(const core::drift::ResourceDrift& resource, bool raw);
    void setRaw(bool raw);
    bool isRaw() const { return m_raw; }
    // path → "1a2b3c4 Scale web to 3 (Ada Lovelace, 3 days ago)"; shown in the commit column.
    void setBlame(const QHash<QString, QString>& blame);
    void clear();
    // Relative times are computed against this (tests fix it; default: now at each setResource).
    void setNow(const QDateTime& now) { m_now = now; }

    QString changedBy(int row) const;
    QString pathAt(int row) const;
    bool isHiddenRow(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString path;
        QJsonValue desired;
        QJsonValue live;
        QString manager;
        QDateTime time;
        bool hidden = false;
        QString why;
    };
    void rebuild();

    core::drift::ResourceDrift m_resource;
    bool m_raw = false;
    QList<Row> m_rows;
    QHash<QString, QString> m_blame;
    QDateTime m_now;
    bool m_fixedNow = false;
};

} // namespace shiplog::ui
