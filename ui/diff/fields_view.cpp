#include "ui/diff/fields_view.h"

#include "ui/diff/fields_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace shiplog::ui {

FieldsView::FieldsView(QWidget* parent)
    : QWidget(parent), m_model(new FieldsModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)), m_note(new QLabel(this)), m_blame(new QLabel(this)),
      m_table(new QTreeView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter fields and values"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setModel(m_proxy);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setSectionResizeMode(FieldsModel::PathColumn, QHeaderView::Interactive);
    m_table->header()->resizeSection(FieldsModel::PathColumn, 380);
    m_table->header()->resizeSection(FieldsModel::OpColumn, 80);
    m_table->header()->resizeSection(FieldsModel::OldColumn, 220);
    connect(m_table, &QWidget::customContextMenuRequested, this, &FieldsView::showMenu);

    m_note->setContentsMargins(6, 4, 6, 4);
    m_note->setWordWrap(true);
    m_note->hide();
    m_blame->setContentsMargins(6, 4, 6, 4);
    m_blame->setWordWrap(true);
    m_blame->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_blame->setAutoFillBackground(true);
    m_blame->setBackgroundRole(QPalette::AlternateBase);
    m_blame->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_note);
    layout->addWidget(m_blame);
    layout->addWidget(m_table, 1);
}

void FieldsView::setFields(const QList<core::diff::FieldChange>& fields, const QString& emptyNote)
{
    m_model->setFields(fields);
    m_blame->hide();
    m_note->setText(emptyNote);
    m_note->setVisible(fields.isEmpty() && !emptyNote.isEmpty());
}

void FieldsView::showBlame(const QString& text)
{
    m_blame->setText(text);
    m_blame->setVisible(!text.isEmpty());
}

QString FieldsView::blameText() const
{
    return m_blame->isHidden() ? QString() : m_blame->text();
}

void FieldsView::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

void FieldsView::showMenu(const QPoint& position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const QString path = index.data(FieldsModel::PathRole).toString();
    QMenu menu(this);
    connect(menu.addAction(tr("Show who last set this field")), &QAction::triggered, this,
            [this, path] { emit blameRequested(path); });
    connect(menu.addAction(tr("Copy field path")), &QAction::triggered, this,
            [path] { QApplication::clipboard()->setText(path); });
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

} // namespace shiplog::ui
