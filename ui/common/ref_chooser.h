#pragma once

#include "core/git/commit_info.h"

#include <QComboBox>

namespace shiplog::ui {

// The toolbar's branch/ref chooser: HEAD, then local branches, remote branches and tags, each group
// under a heading. Choosing one re-runs the history from it.
class RefChooser : public QComboBox
{
    Q_OBJECT
public:
    explicit RefChooser(QWidget* parent = nullptr);
    // Fills the list and selects `current` (a revision as passed to the history) without signalling.
    void setRefs(const QList<core::git::RefLabel>& refs, const QString& current);
    QString currentRevision() const;
    void selectRevision(const QString& revision); // signals revisionChosen when it changes

signals:
    void revisionChosen(const QString& revision);
};

} // namespace shiplog::ui
