#pragma once

// The layout detectors (one file each), tried in order by detectEnvironments: `.shiplog.yaml`,
// Jenkins X, Flux, Argo CD, kustomize; the whole repository as the fallback. Each returns nullopt
// when its layout is not there.
#include "core/environment/environment.h"
#include "core/environment/snapshot.h"

#include <QJsonObject>
#include <optional>

namespace shiplog::core::environment {

// A Kubernetes object found in the revision's manifests, with where it is defined.
struct FoundObject
{
    QString path;
    int line = 1;
    QJsonObject object;
    QString apiGroup() const;
    QString kind() const { return object.value(u"kind").toString(); }
    QString name() const;
    QString namespaceName() const;
};

// The objects of the manifests that mention `needle` in their bytes (a cheap filter before parsing).
QList<FoundObject> findObjects(const Snapshot& snapshot, const QList<QByteArray>& needles);

// The local files and folders a kustomization reads, following resources, components and patches;
// cycles and missing entries become errors naming the kustomization file.
struct KustomizeClosure
{
    QStringList folders; // kustomization folders, the unit's own first
    QStringList files;   // files named by the kustomizations (may lie in other folders)
    struct Patch
    {
        QString file;
        QString kind; // target kind/name ("" = any; strategic-merge files: their own document's)
        QString name;
    };
    QStringList trees;    // folders read whole without a kustomization (helm chart homes)
    QList<Patch> patches; // for provenance: a rendered resource also came from the patches aimed at it
    QList<EnvironmentError> errors;
    bool helmCharts = false; // helmCharts: needs helm and --enable-helm
    bool remote = false;     // some resource or component is a remote base (kustomize fetches it)
};
KustomizeClosure kustomizeClosure(const Snapshot& snapshot, const QString& folder);

std::optional<Environments> detectConfig(const Snapshot& snapshot);
std::optional<Environments> detectJenkinsX(const Snapshot& snapshot);
std::optional<Environments> detectFlux(const Snapshot& snapshot, const QStringList& remoteUrls);
std::optional<Environments> detectArgoCd(const Snapshot& snapshot, const QStringList& remoteUrls);
std::optional<Environments> detectKustomize(const Snapshot& snapshot);
Environments plainEnvironment(const Snapshot& snapshot);

// Fills a unit's read paths from its kustomize closure (kustomize units) and records its errors.
void completeUnit(const Snapshot& snapshot, Unit& unit, QList<EnvironmentError>& errors);

// "https://github.com/a/b.git", "git@github.com:a/b", "ssh://git@github.com/a/b" → "github.com/a/b".
QString normalizeRepositoryUrl(const QString& url);
bool isThisRepository(const QString& url, const QStringList& remoteUrls);

// Whether `helm` is on PATH (charts are rendered only then).
bool helmAvailable();

} // namespace shiplog::core::environment
