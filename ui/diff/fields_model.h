#pragma once

#include "core/diff/field_diff.h"

#include <QAbstractTableModel>

namespace shiplog::ui {

// A value as compact JSON for a table cell: strings quoted, objects and lists on one line.
QString compactJson(const QJsonValue& value);

// The changed fields of one resource: path, op, old value, new value (values already masked).
class FieldsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PathColumn,
        OpColumn,
        OldColumn,
        NewColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1
    };

    explicit FieldsModel(QObject* parent = nullptr);

    void setFields(const QList<core::diff::FieldChange>& fields);
    const core::diff::FieldChange& fieldAt(int row) const { return m_fields.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::diff::FieldChange> m_fields;
};

} // namespace shiplog::ui
