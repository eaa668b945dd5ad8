#include "ui/changes/changes_tree.h"

#include "ui/changes/changes_model.h"

#include <QEvent>
#include <QHeaderView>

namespace shiplog::ui {

ChangesTree::ChangesTree(QWidget* parent) : QTreeView(parent), m_model(new ChangesModel(this))
{
    setModel(m_model);
    setUniformRowHeights(true);
    setHeaderHidden(false);
    setAnimated(false);
    setIndentation(14);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(14, 14));
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(ChangesModel::NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(ChangesModel::ChangeColumn, QHeaderView::ResizeToContents);
    // Sized from the rows on screen: measuring every row of a 570-resource commit on each layout
    // stalled the GUI (tst_gui_stall).
    header()->setResizeContentsPrecision(0);
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { emit currentChangeChanged(m_model->changeAt(current)); });
}

void ChangesTree::setChangeSet(const core::diff::ChangeSet& changeSet)
{
    m_model->setChangeSet(changeSet);
    expandAll();
    const QModelIndex first = m_model->indexOfChange(0);
    if (first.isValid()) {
        setCurrentIndex(first);
    } else {
        emit currentChangeChanged(nullptr);
    }
}

void ChangesTree::clear()
{
    m_model->clear();
    emit currentChangeChanged(nullptr);
}

const core::diff::ResourceChange* ChangesTree::currentChange() const
{
    return m_model->changeAt(currentIndex());
}

void ChangesTree::changeEvent(QEvent* event)
{
    QTreeView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_model->refreshIcons();
}

} // namespace shiplog::ui
