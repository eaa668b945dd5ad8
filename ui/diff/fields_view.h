#pragma once

#include "core/diff/field_diff.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace shiplog::ui {

class FieldsModel;

// The "Fields" tab: each changed field path with its op and old → new values, a filter box, and a
// context menu to ask who last set a field (answered by the timeline's blame).
class FieldsView : public QWidget
{
    Q_OBJECT
public:
    explicit FieldsView(QWidget* parent = nullptr);

    void setFields(const QList<core::diff::FieldChange>& fields, const QString& emptyNote = {});
    void setFilterText(const QString& text);
    // The answer to "who last set this field" (a banner above the table until the fields change).
    void showBlame(const QString& text);
    QString blameText() const;
    FieldsModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTreeView* table() const { return m_table; }

signals:
    void blameRequested(const QString& path);

private:
    void showMenu(const QPoint& position);

    FieldsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QLabel* m_note;
    QLabel* m_blame;
    QTreeView* m_table;
};

} // namespace shiplog::ui
