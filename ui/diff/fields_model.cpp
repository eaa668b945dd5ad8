#include "ui/diff/fields_model.h"

#include "ui/common/theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPalette>

namespace shiplog::ui {

using core::diff::FieldChange;

QString compactJson(const QJsonValue& value)
{
    if (value.isUndefined())
        return {};
    // QJsonDocument only writes arrays and objects: wrap, write, unwrap.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

FieldsModel::FieldsModel(QObject* parent) : QAbstractTableModel(parent) {}

void FieldsModel::setFields(const QList<FieldChange>& fields)
{
    beginResetModel();
    m_fields = fields;
    endResetModel();
}

int FieldsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int FieldsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FieldChange& field = m_fields.at(index.row());
    const QPalette palette = QApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case PathColumn:
            return field.path;
        case OpColumn:
            return core::diff::opName(field.op);
        case OldColumn:
            return field.op == FieldChange::Op::Added ? QString() : compactJson(field.oldValue);
        case NewColumn:
            return field.op == FieldChange::Op::Removed ? QString() : compactJson(field.newValue);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == OpColumn) {
            switch (field.op) {
            case FieldChange::Op::Added:
                return theme::addedColor(palette);
            case FieldChange::Op::Removed:
                return theme::removedColor(palette);
            case FieldChange::Op::Changed:
                return theme::modifiedColor(palette);
            }
        }
        if (index.column() == OldColumn && field.op != FieldChange::Op::Added)
            return theme::removedColor(palette);
        if (index.column() == NewColumn && field.op != FieldChange::Op::Removed)
            return theme::addedColor(palette);
        break;
    case Qt::FontRole:
        if (index.column() != OpColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    case PathRole:
        return field.path;
    default:
        break;
    }
    return {};
}

QVariant FieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Field");
    case OpColumn:
        return tr("Change");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    }
    return {};
}

} // namespace shiplog::ui
