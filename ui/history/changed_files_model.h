#pragma once

#include "core/git/history.h"

#include <QAbstractTableModel>

namespace shiplog::ui {

// The files one commit changed: status letter, path (old → new for renames), lines added/removed.
class ChangedFilesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StatusColumn,
        PathColumn,
        AddedColumn,
        DeletedColumn,
        ColumnCount
    };
    explicit ChangedFilesModel(QObject* parent = nullptr);

    void setFiles(const QList<core::git::ChangedFile>& files);
    const QList<core::git::ChangedFile>& files() const { return m_files; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::git::ChangedFile> m_files;
};

} // namespace shiplog::ui
