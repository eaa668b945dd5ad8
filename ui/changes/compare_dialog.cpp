#include "ui/changes/compare_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace shiplog::ui {

using core::git::RefLabel;

namespace {

QComboBox* refBox(const QList<RefLabel>& refs, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->setMinimumContentsLength(32);
    for (const RefLabel& ref : refs)
        box->addItem(ref.name);
    return box;
}

// The first ref whose name contains one of `words` (local branches before remote ones).
QString findRef(const QList<RefLabel>& refs, const QStringList& words)
{
    for (RefLabel::Kind kind :
         {RefLabel::Kind::LocalBranch, RefLabel::Kind::RemoteBranch, RefLabel::Kind::Tag}) {
        for (const RefLabel& ref : refs) {
            if (ref.kind != kind)
                continue;
            for (const QString& word : words) {
                if (ref.name.contains(word, Qt::CaseInsensitive))
                    return ref.name;
            }
        }
    }
    return {};
}

} // namespace

std::pair<QString, QString> CompareDialog::defaultRevisions(const QList<RefLabel>& refs)
{
    const QString production = findRef(refs, {QStringLiteral("production"), QStringLiteral("prod")});
    const QString staging = findRef(refs, {QStringLiteral("staging"), QStringLiteral("stage")});
    if (!production.isEmpty() && !staging.isEmpty() && production != staging)
        return {production, staging};
    QStringList branches;
    for (const RefLabel& ref : refs) {
        if (ref.kind == RefLabel::Kind::LocalBranch)
            branches << ref.name;
    }
    if (branches.size() >= 2)
        return {branches[0], branches[1]};
    return {QStringLiteral("HEAD~1"), QStringLiteral("HEAD")};
}

CompareDialog::CompareDialog(const QList<RefLabel>& refs, QWidget* parent)
    : QDialog(parent), m_from(refBox(refs, this)), m_to(refBox(refs, this))
{
    setWindowTitle(tr("Compare Revisions"));
    auto* note = new QLabel(tr("Show what changes from the base to the target, resource by resource "
                               "(any branch, tag, commit id or expression such as HEAD~3)."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QFormLayout(this);
    layout->addRow(note);
    layout->addRow(tr("&Base:"), m_from);
    layout->addRow(tr("&Target:"), m_to);
    layout->addRow(buttons);
    const auto [from, to] = defaultRevisions(refs);
    setRevisions(from, to);
}

void CompareDialog::addCommit(const QString& id)
{
    // setEditText is undone by addItem on an empty box: keep what the boxes show.
    const QString from = fromRevision();
    const QString to = toRevision();
    for (QComboBox* box : {m_from, m_to})
        box->addItem(id.left(12));
    setRevisions(from, to);
}

QString CompareDialog::fromRevision() const
{
    return m_from->currentText().trimmed();
}

QString CompareDialog::toRevision() const
{
    return m_to->currentText().trimmed();
}

void CompareDialog::setRevisions(const QString& from, const QString& to)
{
    m_from->setEditText(from);
    m_to->setEditText(to);
}

} // namespace shiplog::ui
