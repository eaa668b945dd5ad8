#include "ui/history/changed_files_model.h"

#include "ui/common/theme.h"

#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

namespace shiplog::ui {

using core::git::ChangedFile;

ChangedFilesModel::ChangedFilesModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChangedFilesModel::setFiles(const QList<ChangedFile>& files)
{
    beginResetModel();
    m_files = files;
    endResetModel();
}

int ChangedFilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_files.size());
}

int ChangedFilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangedFilesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChangedFile& f = m_files.at(index.row());
    const QPalette palette = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return QString(theme::statusLetter(f.status));
        case PathColumn:
            return f.status == ChangedFile::Status::Renamed && !f.oldPath.isEmpty()
                       ? QStringLiteral("%1 → %2").arg(f.oldPath, f.path)
                       : f.path;
        case AddedColumn:
            return f.additions ? QStringLiteral("+%1").arg(f.additions) : QString();
        case DeletedColumn:
            return f.deletions ? QStringLiteral("−%1").arg(f.deletions) : QString();
        }
        return {};
    case Qt::ForegroundRole:
        switch (index.column()) {
        case StatusColumn:
            return theme::statusColor(f.status, palette);
        case AddedColumn:
            return theme::additionsColor(palette);
        case DeletedColumn:
            return theme::deletionsColor(palette);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == StatusColumn) {
            QFont bold = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn)
            return int(Qt::AlignCenter);
        if (index.column() == AddedColumn || index.column() == DeletedColumn)
            return int(Qt::AlignCenter);
        return {};
    case Qt::ToolTipRole:
        switch (f.status) {
        case ChangedFile::Status::Added:
            return tr("Added: %1").arg(f.path);
        case ChangedFile::Status::Deleted:
            return tr("Deleted: %1").arg(f.path);
        case ChangedFile::Status::Modified:
            return tr("Modified: %1").arg(f.path);
        case ChangedFile::Status::Renamed:
            return tr("Renamed from %1 to %2").arg(f.oldPath, f.path);
        case ChangedFile::Status::TypeChanged:
            return tr("Type changed: %1").arg(f.path);
        }
        return {};
    default:
        return {};
    }
}

QVariant ChangedFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return QString();
    case PathColumn:
        return tr("File");
    case AddedColumn:
        return QStringLiteral("+");
    case DeletedColumn:
        return QStringLiteral("−");
    }
    return {};
}

} // namespace shiplog::ui
