#pragma once

#include "core/kube/kubeconfig.h"

#include <QTreeWidget>

namespace shiplog::ui {

// How a kubeconfig user authenticates, as a short phrase that never contains a secret:
// "exec plugin aws", "client certificate", "token file", "OIDC id-token", "basic auth", "none".
QString authenticationKind(const core::kube::UserConfig& user);

// The contexts of a merged kubeconfig as kubectl lists them (`kubectl config get-contexts`): the
// current one marked, with the cluster's server, the user, the namespace and how the user
// authenticates. A cluster with insecure-skip-tls-verify carries a warning badge.
class ContextList : public QTreeWidget
{
    Q_OBJECT
public:
    enum Column
    {
        ContextColumn,
        ServerColumn,
        UserColumn,
        NamespaceColumn,
        AuthColumn,
        ColumnCount
    };
    enum Role
    {
        ContextNameRole = Qt::UserRole + 1,
        InsecureRole
    };

    explicit ContextList(QWidget* parent = nullptr);

    // Fills the list and selects `preferred` if present, else the current context, else the first.
    void setKubeconfig(const core::kube::Kubeconfig& config, const QString& preferred = {});
    QString selectedContext() const;
    bool selectContext(const QString& name);
    QStringList contextNames() const;
};

} // namespace shiplog::ui
