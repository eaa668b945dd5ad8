#include "ui/drift/context_list.h"

#include "ui/drift/drift_style.h"

#include <QFileInfo>
#include <QHeaderView>

namespace shiplog::ui {

using core::kube::Kubeconfig;
using core::kube::UserConfig;

QString authenticationKind(const UserConfig& user)
{
    if (user.exec.isSet())
        return QObject::tr("exec plugin %1").arg(QFileInfo(user.exec.command).fileName());
    if (!user.authProviderName.isEmpty())
        return user.authProviderName == QLatin1String("oidc")
                   ? QObject::tr("OIDC id-token")
                   : QObject::tr("auth-provider %1").arg(user.authProviderName);
    if (!user.clientCertificate.isEmpty() || !user.clientCertificateData.isEmpty())
        return QObject::tr("client certificate");
    if (!user.token.isEmpty())
        return QObject::tr("token");
    if (!user.tokenFile.isEmpty())
        return QObject::tr("token file");
    if (!user.username.isEmpty())
        return QObject::tr("basic auth");
    return QObject::tr("none");
}

ContextList::ContextList(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("contextList"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Context"), tr("Cluster server"), tr("User"), tr("Namespace"), tr("Authentication")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(true);
    header()->resizeSection(ContextColumn, 190);
    header()->resizeSection(ServerColumn, 230);
    header()->resizeSection(UserColumn, 130);
    header()->resizeSection(NamespaceColumn, 100);
}

void ContextList::setKubeconfig(const Kubeconfig& config, const QString& preferred)
{
    clear();
    QTreeWidgetItem* current = nullptr;
    QTreeWidgetItem* wanted = nullptr;
    for (const core::kube::ContextConfig& context : config.contexts) {
        auto* item = new QTreeWidgetItem(this);
        const bool isCurrent = context.name == config.currentContext;
        item->setText(ContextColumn, isCurrent ? tr("%1 (current)").arg(context.name) : context.name);
        item->setData(ContextColumn, ContextNameRole, context.name);
        item->setToolTip(ContextColumn, tr("Defined in %1").arg(context.definedIn));
        if (isCurrent) {
            QFont bold = item->font(ContextColumn);
            bold.setBold(true);
            item->setFont(ContextColumn, bold);
            current = item;
        }
        if (context.name == preferred)
            wanted = item;
        const core::kube::ClusterConfig* cluster = config.cluster(context.cluster);
        if (cluster) {
            item->setText(ServerColumn, cluster->server);
            item->setToolTip(ServerColumn, tr("Cluster %1").arg(cluster->name));
            if (cluster->insecureSkipTlsVerify) {
                item->setIcon(ServerColumn, drift::warningIcon(palette()));
                item->setData(ContextColumn, InsecureRole, true);
                item->setToolTip(ServerColumn,
                                 tr("insecure-skip-tls-verify: the server's certificate is not checked"));
            }
        } else {
            item->setText(ServerColumn, tr("(cluster %1 is not defined)").arg(context.cluster));
        }
        item->setText(UserColumn, context.user);
        item->setText(NamespaceColumn,
                      context.namespaceName.isEmpty() ? QStringLiteral("default") : context.namespaceName);
        const UserConfig* user = config.user(context.user);
        item->setText(AuthColumn, user ? authenticationKind(*user)
                                       : (context.user.isEmpty() ? tr("none") : tr("(user not defined)")));
    }
    QTreeWidgetItem* select = wanted ? wanted : current ? current : topLevelItem(0);
    if (select)
        setCurrentItem(select);
}

QString ContextList::selectedContext() const
{
    const QTreeWidgetItem* item = currentItem();
    return item ? item->data(ContextColumn, ContextNameRole).toString() : QString();
}

bool ContextList::selectContext(const QString& name)
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(ContextColumn, ContextNameRole).toString() == name) {
            setCurrentItem(topLevelItem(i));
            return true;
        }
    }
    return false;
}

QStringList ContextList::contextNames() const
{
    QStringList names;
    for (int i = 0; i < topLevelItemCount(); ++i)
        names.append(topLevelItem(i)->data(ContextColumn, ContextNameRole).toString());
    return names;
}

} // namespace shiplog::ui
