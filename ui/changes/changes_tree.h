#pragma once

#include "core/diff/change_set.h"

#include <QTreeView>

namespace shiplog::ui {

class ChangesModel;

// The resources a commit (or A..B) changed, grouped by namespace and kind; reports the selection.
class ChangesTree : public QTreeView
{
    Q_OBJECT
public:
    explicit ChangesTree(QWidget* parent = nullptr);

    // Shows the set, expands it and selects the first resource.
    void setChangeSet(const core::diff::ChangeSet& changeSet);
    void clear();
    ChangesModel* changesModel() const { return m_model; }
    const core::diff::ResourceChange* currentChange() const;

signals:
    // nullptr: a group or an error is selected (or nothing).
    void currentChangeChanged(const core::diff::ResourceChange* change);

protected:
    void changeEvent(QEvent* event) override;

private:
    ChangesModel* m_model;
};

} // namespace shiplog::ui
