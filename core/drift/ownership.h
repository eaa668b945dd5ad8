#pragma once

// "Extra in cluster": live objects that carry the marks this repository's operator puts on what it
// applies, learned from the desired manifests (Jenkins X gitops.jenkins-x.io/pipeline, Argo CD
// app.kubernetes.io/instance and argocd.argoproj.io/tracking-id, Flux kustomize.toolkit.fluxcd.io/name)
// or given by a repository setting ("key=value").
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace shiplog::core::drift {

class OwnershipMarks
{
public:
    static OwnershipMarks learn(const QList<QJsonObject>& desired, const QStringList& configured = {});

    // The mark `live` carries ("app.kubernetes.io/instance=web"), or "" when none.
    QString markOf(const QJsonObject& live) const;
    bool isEmpty() const { return m_labels.isEmpty() && m_trackingApps.isEmpty(); }
    QStringList describe() const;

private:
    QSet<QString> m_labels;       // "key=value"
    QSet<QString> m_trackingApps; // Argo CD tracking-id application names
};

} // namespace shiplog::core::drift
