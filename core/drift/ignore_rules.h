#pragma once

// User ignore rules from the repository's `.shiplog.yaml`, in Argo CD's ignoreDifferences shape:
//   ignoreDifferences:
//   - group: apps            # "" or omitted = core; "*" globs
//     kind: Deployment
//     name: web              # optional
//     namespace: prod        # optional
//     jsonPointers: [/spec/replicas]
//     managedFieldsManagers: [kube-controller-manager]   # optional, as Argo CD
#include "core/common/error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::drift {

struct IgnoreRule
{
    QString group;
    QString kind;
    QString name;
    QString namespaceName;
    QStringList jsonPointers;
    QStringList managedFieldsManagers;
    int index = 0; // position in the file, for "hidden by .shiplog.yaml rule N"

    bool matches(const QString& group, const QString& kind, const QString& namespaceName,
                 const QString& name) const;
    QString describe() const; // ".shiplog.yaml ignoreDifferences[1] (apps/Deployment)"
};

// Parses `.shiplog.yaml` text; a file without ignoreDifferences yields no rules.
Result<QList<IgnoreRule>> parseIgnoreRules(const QByteArray& yaml,
                                           const QString& fileName = QStringLiteral(".shiplog.yaml"));

} // namespace shiplog::core::drift
