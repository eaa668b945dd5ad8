#pragma once

// What a GitOps repository applies, per environment: the layout detected at a revision (Jenkins X,
// Flux, Argo CD, kustomize, a `.shiplog.yaml` declaration, or the whole repository), the units each
// environment is made of, and — rendered with the real kustomize — the resources it applies, each
// with the files it came from. Every feature that needs "the desired state" reads it through here.
#include "core/common/error.h"
#include "core/manifest/resource.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::environment {

enum class Layout
{
    JenkinsX,  // config-root/ per namespace; jx-requirements.yml environments
    Flux,      // kustomize.toolkit.fluxcd.io Kustomization trees rooted at a cluster's sync
    ArgoCd,    // Applications (and ApplicationSet elements) grouped by destination cluster
    Kustomize, // each kustomization.yaml that no other one includes
    Plain,     // fallback: the whole repository is one environment
    Config     // declared by .shiplog.yaml at the repository root
};
QString layoutName(Layout layout); // "jenkins-x", "flux", "argocd", "kustomize", "plain", "config"

// Where an environment definition went wrong: names the file (and line where known) and carries the
// tool's own message (kustomize's, for a failed render). Never a reason to drop other environments.
struct EnvironmentError
{
    QString path;
    int line = 0;
    QString message;
};

// One thing the operator applies into an environment: a Jenkins X namespace folder, a Flux
// Kustomization, an Argo CD Application, a kustomize overlay.
struct Unit
{
    QString name;           // "apps" (Flux Kustomization), "guestbook" (Application), "jx-staging"
    QString definition;     // the file that defines the unit ("clusters/staging/apps.yaml")
    QStringList paths;      // repository folders (or files) it reads, without trailing '/'
    QString namespaceName;  // namespace given to namespaced objects without one ("" = none)
    bool kustomize = false; // rendered with kustomize (a kustomization.yaml at the path)
    QString source;         // Argo CD / Flux: the repository URL when it is NOT this repository
    int resources = -1;     // after rendering; -1 = not rendered yet

    // What the operator adds on top of the files (Flux Kustomization, Argo CD kustomize options):
    // "namespace" (Flux targetNamespace), "namePrefix", "nameSuffix", "patches", "components",
    // "images" — given to kustomize in a wrapping kustomization.
    QJsonObject kustomizeOptions;
    QJsonObject substitute;            // Flux postBuild variables (substitute + substituteFrom ConfigMaps)
    bool substituteFromSecret = false; // some variables come from Secrets (not in git): left as ${VAR}
    bool generated = false;            // Flux: no kustomization.yaml at the path; one listing its manifests
    bool recurse = true;               // plain folders: sub-folders too (Argo CD directory.recurse)
    QStringList include, exclude;      // Argo CD directory globs
    bool helm = false;                 // a Helm chart: rendered only with helm on PATH
    QJsonObject helmOptions;           // Argo CD source.helm: releaseName, valueFiles, values, valuesObject

    // What a commit must touch to change the unit, where that is not "any manifest under paths".
    // Kustomize units: exactly the files kustomize reads — each closure folder's kustomization file
    // (every name kustomize accepts, so adding one counts), the resources, patches, components,
    // configurations, generator and helm values files they name; an entry ending in '/' is a folder
    // read whole (a helm chart home). Empty: every manifest under `paths` (Argo CD include/exclude
    // applied; a Flux path without kustomization.yaml or a Helm chart: every file under it).
    QStringList reads;
    // Files and folders outside what the unit renders whose change still changes what the operator
    // applies for it: the unit's definition (a Flux Kustomization's, an Argo CD Application's
    // options), a Jenkins X namespace's cluster-level files (applied with the dev cluster's).
    QStringList alsoReads;

    bool operator==(const Unit&) const = default;
    // Its resources are its manifest files' documents as they are (a Jenkins X namespace folder, an
    // Argo CD directory source): no kustomize, Helm, operator options or other repository between.
    bool readsFilesAsTheyAre() const;
};

struct Environment
{
    QString name; // "staging", "jx-production", "in-cluster", "overlays/production"
    Layout layout = Layout::Plain;
    QString cluster;    // cluster hint: Flux cluster folder, Argo CD destination, kube context
    QString definition; // the file that defines the environment (gotk-sync.yaml, jx-requirements.yml…)
    QString context;    // kubeconfig context bound by .shiplog.yaml ("" = none)
    QList<Unit> units;
    QList<EnvironmentError> errors;
    int resources = -1; // after rendering; -1 = not rendered yet
};

// Every environment of one revision (detection only: cheap, no rendering).
struct Environments
{
    QString revision; // commit id
    Layout layout = Layout::Plain;
    QList<Environment> environments;
    const Environment* find(const QString& name) const;
    // "No environment 'qa' at 1a2b3c4d5e6f (flux layout: staging, production)": the one message for
    // a name that is not among these, wherever an environment is named (CLI --env, compare, drift).
    Error unknown(const QString& name) const;
};

// One resource an environment applies, as rendered (namespace resolved as the operator would).
struct RenderedResource
{
    manifest::Resource resource; // key, object, text (the rendered document), digest
    QString unit;                // the unit that applies it
    QStringList sources;         // provenance: the repository files it came from (base, patches)
};

struct RenderedEnvironment
{
    Environment environment; // with resource counts filled in
    QList<RenderedResource> resources;
    QList<EnvironmentError> errors; // render failures, parse errors, duplicate keys
    // Units whose render failed (kustomize's error, a timeout, no tool): their resources are
    // unknown, not absent — drift and change sets refuse rather than report them deleted.
    QStringList failedUnits;
};

// Detects the environments at `revision` (commit id or expression; empty = HEAD). Opens its own
// repository: call from a job or the CLI. Cached by tree id.
Result<Environments> detectEnvironments(const QString& repositoryPath, const QString& revision = {});

// Renders one environment at `revision`: every unit, kustomize units with `kustomize build` (or
// `kubectl kustomize`) on a temporary export of exactly the trees read, with a timeout; cached by
// the ids of those trees. A unit that fails is an error of the environment, not an empty list.
Result<RenderedEnvironment> renderEnvironment(const QString& repositoryPath, const QString& revision,
                                              const QString& environmentName);

} // namespace shiplog::core::environment
