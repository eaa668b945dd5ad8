#pragma once

// Text-level steps on kustomize's output, one document at a time: the origin annotation kustomize
// adds (read, then removed), Flux's postBuild variable substitution, and giving a namespace to a
// resource that has none.
#include "core/manifest/resource.h"

#include <QJsonObject>
#include <QString>

namespace shiplog::core::environment {

// Removes `config.kubernetes.io/origin` (and an `annotations:` left empty) from one document of
// kustomize's output; returns the origin's path (or configuredIn) as kustomize wrote it, or "".
QString takeOrigin(QByteArray& document);

// Flux's ${VAR}, ${VAR:=default}, ${VAR:-default} with `variables`; unknown variables become their
// default or "" — except when `keepUnknown` (some variables come from Secrets, not in git): then
// they stay as written. A document annotated kustomize.toolkit.fluxcd.io/substitute: disabled is
// left alone.
QByteArray substituteVariables(const QByteArray& document, const QJsonObject& variables, bool keepUnknown);

// Sets metadata.namespace (key, object, digest, and the text when it is block-style YAML).
void setNamespace(manifest::Resource& resource, const QString& namespaceName);

// Whether a kind is cluster-scoped: the built-in ones, and CRDs declared with scope Cluster.
bool isClusterScoped(const manifest::ResourceKey& key, const QHash<QString, bool>& crdClusterScoped);
// "group/Kind" → cluster-scoped, from the CRDs among `resources`.
QHash<QString, bool> crdScopes(const QList<manifest::Resource>& resources);

} // namespace shiplog::core::environment
