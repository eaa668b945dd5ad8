#include "ui/welcome/recent_list.h"

#include "ui/common/theme.h"

#include <QContextMenuEvent>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>

namespace shiplog::ui {

namespace {
// Two lines per entry: the folder name, then its full path in a quieter colour.
class RecentDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        const QFontMetrics fm(option.font);
        return {200, fm.height() * 2 + 14};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString name = opt.text;
        opt.text.clear();
        opt.icon = {};
        const QWidget* widget = option.widget;
        widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const bool missing = index.data(RecentList::MissingRole).toBool();
        const QPalette& pal = opt.palette;
        QColor primary = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor secondary = selected ? primary : theme::mutedText(pal);
        if (missing && !selected)
            primary = secondary;

        const QRect r = opt.rect.adjusted(10, 6, -10, -6);
        QFont bold = opt.font;
        bold.setWeight(QFont::DemiBold);
        const QFontMetrics fm(opt.font);
        painter->save();
        painter->setFont(bold);
        painter->setPen(primary);
        QString title = name;
        if (missing)
            title += QLatin1String("  ") + QObject::tr("(missing)");
        painter->drawText(QRect(r.left(), r.top(), r.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(title, Qt::ElideRight, r.width()));
        painter->setFont(opt.font);
        painter->setPen(secondary);
        const QString path = QDir::toNativeSeparators(index.data(RecentList::PathRole).toString());
        painter->drawText(QRect(r.left(), r.top() + fm.height() + 2, r.width(), fm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(path, Qt::ElideMiddle, r.width()));
        painter->restore();
    }
};
} // namespace

RecentList::RecentList(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("recentRepositories"));
    setItemDelegate(new RecentDelegate(this));
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(this, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { emit repositoryActivated(item->data(PathRole).toString()); });
}

void RecentList::setPaths(const QStringList& paths)
{
    clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(
            QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName(), this);
        item->setData(PathRole, path);
        const bool missing = !QFileInfo(path).isDir();
        item->setData(MissingRole, missing);
        item->setToolTip(
            missing ? tr("%1 no longer exists. Press Delete to remove it from the list.").arg(path) : path);
    }
}

void RecentList::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && currentItem()) {
        emit removeRequested(currentItem()->data(PathRole).toString());
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem()) {
        emit repositoryActivated(currentItem()->data(PathRole).toString());
        return;
    }
    QListWidget::keyPressEvent(event);
}

void RecentList::contextMenuEvent(QContextMenuEvent* event)
{
    QListWidgetItem* item = itemAt(event->pos());
    if (!item)
        return;
    const QString path = item->data(PathRole).toString();
    QMenu menu(this);
    if (!item->data(MissingRole).toBool())
        menu.addAction(tr("Open"), this, [this, path] { emit repositoryActivated(path); });
    menu.addAction(tr("Remove from List"), this, [this, path] { emit removeRequested(path); });
    menu.exec(event->globalPos());
}

} // namespace shiplog::ui
