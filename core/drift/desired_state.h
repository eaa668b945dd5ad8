#pragma once

// What git declares at a revision, for drift: every resource of the tree (parsed through the shared
// blob cache), the ignore rules and ownership marks of its `.shiplog.yaml`.
#include "core/common/error.h"
#include "core/drift/drift_worker.h"
#include "core/environment/environment.h"

#include <QString>
#include <QStringList>

namespace shiplog::core::drift {

// Opens its own repository (call from a job or the CLI, not the GUI thread). `revision` defaults
// to HEAD; `folders` limits the manifests to sub-folders (empty = the whole tree).
// What git declares is read through core/environment: with `environment`, that environment's
// rendered resources only. Without it, a repository whose layout is detected (Jenkins X, Flux,
// Argo CD, kustomize, .shiplog.yaml) gives the union of its environments when they run in one
// cluster (Jenkins X's namespaces, a single environment), and an error naming them when they do not
// (Flux clusters, kustomize overlays: choose one). A plain repository (no layout) is read whole, as
// before; so is any read limited by `folders`. An environment whose render failed is an error,
// never an empty desired state.
Result<DesiredState> loadDesiredState(const QString& repositoryPath, const QString& revision = {},
                                      const QStringList& folders = {}, const QString& environment = {});

// Whether drift may compare every environment of `detected` at once, because they run in one cluster
// (Jenkins X's namespaces, a single environment, one cluster named by all); otherwise one must be
// chosen (`--env`, the Drift tab's environment box).
bool comparesAllAtOnce(const environment::Environments& detected);

// The settings part of `.shiplog.yaml` that drift uses (exposed for tests).
Result<DesiredState> parseRepositorySettings(const QByteArray& yaml, DesiredState state = {});

} // namespace shiplog::core::drift
