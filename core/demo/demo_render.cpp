// The files around config-root (README, requirements, helmfiles, cluster namespaces) and the
// state-level functions of demo_state.h.
#include "core/demo/demo_render.h"

#include "core/demo/demo_yaml.h"

#include <QStringList>

namespace shiplog::core::demo {

App* Stage::app(const QString& name)
{
    for (App& a : apps)
        if (a.name == name)
            return &a;
    return nullptr;
}

const App* Stage::app(const QString& name) const
{
    return const_cast<Stage*>(this)->app(name);
}

DemoState initialState()
{
    DemoState state;
    state.platform.lighthouseChart = QStringLiteral("1.14.0");
    state.platform.jxbootChart = QStringLiteral("1.1.352");
    state.platform.crdsChart = QStringLiteral("3.0.10");
    state.staging.ns = QStringLiteral("jx-staging");
    state.staging.hostSuffix = QStringLiteral("staging.acme-payments.io");
    state.production.ns = QStringLiteral("jx-production");
    state.production.hostSuffix = QStringLiteral("acme-payments.io");
    return state;
}

void regenerate(DemoState& state)
{
    Platform& p = state.platform;
    p.rendered = true;
    p.lighthouse = p.lighthouseChart;
    p.jxboot = p.jxbootChart;
    p.crds = p.crdsChart;
    for (Stage* stage : {&state.staging, &state.production})
        for (App& app : stage->apps) {
            app.rendered = true;
            app.version = app.chartVersion;
        }
}

namespace {

const char* const kReadme = R"(# jx3-acme-cluster

The GitOps repository of the Acme Payments Kubernetes cluster, managed by
[Jenkins X 3](https://jenkins-x.io/v3/).

> This is Shiplog's built-in demo environment. It was generated, history included, so that you can
> explore Shiplog without a repository of your own. Nothing in it points at a real cluster.

## Layout

| Path | What it is |
| --- | --- |
| `helmfiles/<namespace>/helmfile.yaml` | the charts released into each namespace, with their versions |
| `config-root/cluster/` | cluster-wide resources (namespaces) |
| `config-root/customresourcedefinitions/` | CRDs, applied before everything else |
| `config-root/namespaces/<namespace>/<release>/` | the rendered resources, one per file |

`config-root` is generated: promotions and dependency updates change `helmfiles/`, and the
Jenkins X bot regenerates `config-root` in a `chore: regenerated` commit. The boot job applies
`config-root` to the cluster with `kubectl apply --prune -l gitops.jenkins-x.io/pipeline=...`.

## Environments

| Environment | Namespace | Promotion |
| --- | --- | --- |
| Staging | `jx-staging` | automatic on release |
| Production | `jx-production` | by pull request |
)";

const char* const kRequirements = R"(apiVersion: core.jenkins-x.io/v4beta1
kind: Requirements
spec:
  autoUpdate:
    enabled: false
    schedule: ""
  cluster:
    chartRepository: https://charts.acme-payments.io
    clusterName: acme-payments-prod
    environmentGitOwner: acme-payments
    gitKind: github
    gitName: github
    gitServer: https://github.com
    project: acme-payments-platform
    provider: gke
    registry: ghcr.io
    zone: europe-west1-b
  environments:
    - key: dev
      repository: jx3-acme-cluster
    - key: staging
    - key: production
  ingress:
    domain: apps.acme-payments.io
    externalDNS: true
    namespaceSubDomain: -jx.
    tls:
      enabled: true
      production: true
  secretStorage: gsm
  webhook: lighthouse
)";

QString release(const QString& chart, const QString& version, const QString& name)
{
    return fill(R"(  - chart: ${chart}
    version: ${version}
    name: ${name}
    values:
      - jx-values.yaml
)",
                {{"chart", chart}, {"version", scalar(version)}, {"name", name}});
}

QString helmfile(const QString& ns, const QString& repositories, const QString& releases)
{
    return fill(
        R"(filepath: ""
environments:
  default:
    values:
      - jx-values.yaml
namespace: ${ns}
repositories:
${repositories}releases:${releases}
templates: {}
renderedvalues: {}
)",
        {{"ns", ns},
         {"repositories", repositories},
         {"releases", releases.isEmpty() ? QStringLiteral(" []") : QLatin1Char('\n') + releases.chopped(1)}});
}

QString platformHelmfile(const Platform& p)
{
    const QString repositories = QStringLiteral(R"(  - name: jxgh
    url: https://jenkins-x-charts.github.io/repo
  - name: external-secrets
    url: https://external-secrets.github.io/kubernetes-external-secrets
)");
    const QString releases =
        release(QStringLiteral("jxgh/jenkins-x-crds"), p.crdsChart, QStringLiteral("jenkins-x-crds")) +
        release(QStringLiteral("jxgh/jxboot-helmfile-resources"), p.jxbootChart,
                QStringLiteral("jxboot-helmfile-resources")) +
        release(QStringLiteral("jxgh/lighthouse"), p.lighthouseChart, QStringLiteral("lighthouse")) +
        release(QStringLiteral("external-secrets/kubernetes-external-secrets"), QStringLiteral("8.5.5"),
                QStringLiteral("kubernetes-external-secrets"));
    return helmfile(QStringLiteral("jx"), repositories, releases);
}

QString stageHelmfile(const Stage& stage)
{
    QString releases;
    for (const App& app : stage.apps)
        releases += release(QStringLiteral("acme/") + app.name, app.chartVersion, app.name);
    return helmfile(stage.ns, QStringLiteral("  - name: acme\n    url: https://charts.acme-payments.io\n"),
                    releases);
}

QString clusterNamespace(const QString& ns, const QString& team)
{
    return fill(R"(apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    name: ${ns}
    team: ${team}
    gitops.jenkins-x.io/pipeline: cluster
)",
                {{"ns", ns}, {"team", team}});
}

} // namespace

void renderRepositoryFiles(const DemoState& state, FileMap& files)
{
    files[QStringLiteral("README.md")] = QByteArray(kReadme);
    files[QStringLiteral("jx-requirements.yml")] = QByteArray(kRequirements);
    files[QStringLiteral("helmfile.yaml")] = QByteArrayLiteral(R"(filepath: ""
helmfiles:
  - path: helmfiles/jx/helmfile.yaml
  - path: helmfiles/jx-production/helmfile.yaml
  - path: helmfiles/jx-staging/helmfile.yaml
templates: {}
renderedvalues: {}
)");
    files[QStringLiteral("helmfiles/jx/helmfile.yaml")] = platformHelmfile(state.platform).toUtf8();
    files[QStringLiteral("helmfiles/jx-staging/helmfile.yaml")] = stageHelmfile(state.staging).toUtf8();
    files[QStringLiteral("helmfiles/jx-production/helmfile.yaml")] = stageHelmfile(state.production).toUtf8();
    files[QStringLiteral("config-root/cluster/namespaces/jx.yaml")] =
        clusterNamespace(QStringLiteral("jx"), QStringLiteral("jx")).toUtf8();
    files[QStringLiteral("config-root/cluster/namespaces/jx-staging.yaml")] =
        clusterNamespace(QStringLiteral("jx-staging"), QStringLiteral("payments")).toUtf8();
    files[QStringLiteral("config-root/cluster/namespaces/jx-production.yaml")] =
        clusterNamespace(QStringLiteral("jx-production"), QStringLiteral("payments")).toUtf8();
}

FileMap render(const DemoState& state)
{
    FileMap files;
    renderRepositoryFiles(state, files);
    renderPlatform(state.platform, files);
    renderStage(state.staging, files);
    renderStage(state.production, files);
    return files;
}

} // namespace shiplog::core::demo
