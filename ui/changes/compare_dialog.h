#pragma once

#include "core/git/commit_info.h"

#include <QDialog>

class QComboBox;
class QLabel;

namespace shiplog::ui {

// "Compare revisions…": two editable ref/revision inputs offering the repository's branches and
// tags; defaults to a staging branch against a production branch where the repository has them.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CompareDialog(const QList<core::git::RefLabel>& refs, QWidget* parent = nullptr);

    QString fromRevision() const;
    QString toRevision() const;
    void setRevisions(const QString& from, const QString& to);
    // Offers a commit (the one selected in the history) in both lists, after the refs.
    void addCommit(const QString& id);

    // The defaults for a list of refs: (base, target) — production..staging where both exist,
    // else the first two branches, else HEAD~1..HEAD.
    static std::pair<QString, QString> defaultRevisions(const QList<core::git::RefLabel>& refs);

private:
    QComboBox* m_from;
    QComboBox* m_to;
};

} // namespace shiplog::ui
