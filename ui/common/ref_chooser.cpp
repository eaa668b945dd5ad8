#include "ui/common/ref_chooser.h"

#include <QSignalBlocker>
#include <QStandardItemModel>

namespace shiplog::ui {

using core::git::RefLabel;

RefChooser::RefChooser(QWidget* parent) : QComboBox(parent)
{
    setObjectName(QStringLiteral("refChooser"));
    setToolTip(tr("The branch, tag or remote branch whose history is shown"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(16);
    setMaxVisibleItems(30);
    connect(this, &QComboBox::activated, this, [this](int index) {
        const QString revision = itemData(index).toString();
        if (!revision.isEmpty())
            emit revisionChosen(revision);
    });
}

void RefChooser::setRefs(const QList<RefLabel>& refs, const QString& current)
{
    const QSignalBlocker blocker(this);
    clear();
    auto* model = qobject_cast<QStandardItemModel*>(this->model());
    auto addHeading = [&](const QString& text) {
        if (count() > 0)
            insertSeparator(count());
        addItem(text);
        if (auto* item = model->item(count() - 1)) {
            item->setFlags(Qt::NoItemFlags);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
    };
    QString headTarget;
    for (const RefLabel& r : refs) {
        if (r.kind == RefLabel::Kind::Head)
            headTarget = r.target;
    }
    QString headBranch;
    for (const RefLabel& r : refs) {
        if (r.kind == RefLabel::Kind::LocalBranch && r.target == headTarget && headBranch.isEmpty())
            headBranch = r.name;
    }
    addItem(headBranch.isEmpty() ? tr("HEAD (detached)") : tr("HEAD (%1)").arg(headBranch),
            QStringLiteral("HEAD"));

    const std::pair<RefLabel::Kind, QString> groups[] = {
        {RefLabel::Kind::LocalBranch, tr("Branches")},
        {RefLabel::Kind::RemoteBranch, tr("Remote Branches")},
        {RefLabel::Kind::Tag, tr("Tags")}};
    for (const auto& [kind, heading] : groups) {
        QList<RefLabel> group;
        for (const RefLabel& r : refs) {
            if (r.kind == kind)
                group.append(r);
        }
        if (group.isEmpty())
            continue;
        std::sort(group.begin(), group.end(), [](const RefLabel& a, const RefLabel& b) {
            return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
        });
        addHeading(heading);
        for (const RefLabel& r : group)
            addItem(QStringLiteral("  ") + r.name, r.fullName.isEmpty() ? r.name : r.fullName);
    }
    int index = findData(current);
    if (index < 0) {
        addItem(current, current);
        index = count() - 1;
    }
    setCurrentIndex(index);
}

QString RefChooser::currentRevision() const
{
    return currentData().toString();
}

void RefChooser::selectRevision(const QString& revision)
{
    const int index = findData(revision);
    if (index < 0 || index == currentIndex())
        return;
    setCurrentIndex(index);
    emit revisionChosen(revision);
}

} // namespace shiplog::ui
