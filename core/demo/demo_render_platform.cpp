// The Jenkins X platform as `jx gitops` generates it: Lighthouse (webhooks, its config, a garbage
// collection CronJob), the Environment custom resources and their CRD, external secrets.
#include "core/demo/demo_render.h"
#include "core/demo/demo_yaml.h"

namespace shiplog::core::demo {

namespace {

const QString kJx = QStringLiteral("jx");

QString lighthouseLabels(const Platform& p, const QString& name, const QString& component)
{
    return standardLabels(name, component, QStringLiteral("lighthouse"), p.lighthouse, 4,
                          QStringLiteral("lighthouse"));
}

QString webhooksDeployment(const Platform& p)
{
    return fill(
        R"(# Source: lighthouse/templates/webhooks-deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: lighthouse-webhooks
  namespace: jx
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: lighthouse
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: lighthouse-webhooks
      app.kubernetes.io/instance: lighthouse-webhooks
  template:
    metadata:
      labels:
        app.kubernetes.io/name: lighthouse-webhooks
        app.kubernetes.io/instance: lighthouse-webhooks
      annotations:
        prometheus.io/port: "2112"
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: lighthouse-webhooks
      containers:
        - name: lighthouse-webhooks
          image: ghcr.io/jenkins-x/lighthouse-webhooks:${version}
          imagePullPolicy: IfNotPresent
          args:
            - --namespace=jx
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 2112
              protocol: TCP
          env:
            - name: GIT_KIND
              value: github
            - name: GIT_SERVER
              value: https://github.com
            - name: HMAC_TOKEN
              valueFrom:
                secretKeyRef:
                  name: lighthouse-hmac-token
                  key: hmac
            - name: GIT_TOKEN
              valueFrom:
                secretKeyRef:
                  name: lighthouse-oauth-token
                  key: oauth
          readinessProbe:
            httpGet:
              path: /
              port: http
            periodSeconds: 10
            timeoutSeconds: 1
          resources:
            requests:
              cpu: 80m
              memory: 128Mi
            limits:
              cpu: 100m
              memory: 512Mi
)",
        {{"labels", lighthouseLabels(p, QStringLiteral("lighthouse-webhooks"), QStringLiteral("webhooks"))},
         {"replicas", QString::number(p.webhookReplicas)},
         {"version", p.lighthouse}});
}

QString hookService(const Platform& p)
{
    return fill(
        R"(# Source: lighthouse/templates/webhooks-service.yaml
apiVersion: v1
kind: Service
metadata:
  name: hook
  namespace: jx
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: lighthouse
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: lighthouse-webhooks
    app.kubernetes.io/instance: lighthouse-webhooks
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
)",
        {{"labels", lighthouseLabels(p, QStringLiteral("lighthouse-webhooks"), QStringLiteral("webhooks"))}});
}

QString hookIngress(const Platform& p)
{
    return fill(
        R"(# Source: lighthouse/templates/webhooks-ingress.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: hook
  namespace: jx
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: lighthouse
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - hook-jx.apps.acme-payments.io
      secretName: tls-apps-acme-payments-io-p
  rules:
    - host: hook-jx.apps.acme-payments.io
      http:
        paths:
          - path: /hook
            pathType: Prefix
            backend:
              service:
                name: hook
                port:
                  name: http
)",
        {{"labels", lighthouseLabels(p, QStringLiteral("lighthouse-webhooks"), QStringLiteral("webhooks"))}});
}

QString gcJobs(const Platform& p)
{
    return fill(R"(# Source: lighthouse/templates/gc-jobs.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: lighthouse-gc-jobs
  namespace: jx
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: lighthouse
spec:
  schedule: "0/30 * * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      backoffLimit: 6
      template:
        metadata:
          labels:
            app.kubernetes.io/name: lighthouse-gc-jobs
            app.kubernetes.io/instance: lighthouse-gc-jobs
        spec:
          serviceAccountName: lighthouse-gc-jobs
          restartPolicy: Never
          containers:
            - name: lighthouse-gc-jobs
              image: ghcr.io/jenkins-x/lighthouse-gc-jobs:${version}
              args:
                - --namespace=jx
                - --max-age=168h
              resources:
                requests:
                  cpu: 10m
                  memory: 32Mi
                limits:
                  cpu: 100m
                  memory: 128Mi
)",
                {{"labels", lighthouseLabels(p, QStringLiteral("lighthouse-gc-jobs"), QStringLiteral("gc"))},
                 {"version", p.lighthouse}});
}

QString externalSecret(const Platform& p, const QString& name, const QString& key, const QString& property)
{
    return fill(R"(# Source: lighthouse/templates/${name}-externalsecret.yaml
apiVersion: kubernetes-client.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
  namespace: jx
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: lighthouse
spec:
  backendType: gcpSecretsManager
  projectId: acme-payments-platform
  data:
    - key: ${name}
      name: ${key}
      property: ${property}
      version: latest
  template:
    type: Opaque
)",
                {{"name", name},
                 {"labels", lighthouseLabels(p, name, QStringLiteral("secrets"))},
                 {"key", key},
                 {"property", property}});
}

QString lighthouseConfig()
{
    return fill(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: config
  namespace: jx
  labels:
    app.kubernetes.io/part-of: lighthouse
    gitops.jenkins-x.io/pipeline: namespaces
  annotations:
    meta.helm.sh/release-name: lighthouse-config
data:
  config.yaml: |
    branch-protection:
      protect-tested-repos: true
    in_repo_config:
      enabled:
        acme-payments/jx3-acme-cluster: true
    pod_namespace: jx
    prowjob_namespace: jx
    tide:
      merge_method:
        acme-payments/jx3-acme-cluster: merge
      queries:
        - labels:
            - approved
          missingLabels:
            - do-not-merge
            - do-not-merge/hold
            - do-not-merge/work-in-progress
            - needs-ok-to-test
            - needs-rebase
          repos:
            - acme-payments/jx3-acme-cluster
      target_url: https://lighthouse-jx.apps.acme-payments.io/merge/status
)",
                {});
}

QString lighthousePlugins(const Platform& p)
{
    return fill(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: plugins
  namespace: jx
  labels:
    app.kubernetes.io/part-of: lighthouse
    gitops.jenkins-x.io/pipeline: namespaces
  annotations:
    meta.helm.sh/release-name: lighthouse-config
data:
  plugins.yaml: |
    approve:
      - lgtm_acts_as_approve: true
        repos:
          - acme-payments/jx3-acme-cluster
        require_self_approval: true
    plugins:
      acme-payments/jx3-acme-cluster:
        - approve
        - assign
        - help
        - hold
        - lgtm
        - lifecycle
        - size
        - trigger
        - wip
    triggers:
      - repos:
          - acme-payments/jx3-acme-cluster
        trusted_org: acme-payments
        retest_regex: ${regex}
)",
                {{"regex", quoted(p.triggerRegex)}});
}

QString environmentResource(const Platform& p, const QString& name, const QString& ns, const QString& label,
                            int order, const QString& kind, const QString& strategy)
{
    return fill(R"(# Source: jxboot-helmfile-resources/templates/${name}-environment.yaml
apiVersion: jenkins.io/v1
kind: Environment
metadata:
  name: ${name}
  namespace: jx
  labels:
    env: ${name}
    team: jx
    helm.sh/chart: jxboot-helmfile-resources-${version}
    gitops.jenkins-x.io/pipeline: namespaces
  annotations:
    meta.helm.sh/release-name: jxboot-helmfile-resources
spec:
  kind: ${kind}
  label: ${label}
  namespace: ${ns}
  order: ${order}
  promotionStrategy: ${strategy}
  source:
    ref: master
    url: https://github.com/acme-payments/jx3-acme-cluster.git
)",
                {{"name", name},
                 {"version", p.jxboot},
                 {"kind", kind},
                 {"label", label},
                 {"ns", ns},
                 {"order", QString::number(order)},
                 {"strategy", strategy}});
}

QString registryConfig(const Platform& p)
{
    return fill(R"(# Source: jxboot-helmfile-resources/templates/docker-registry-cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: jenkins-x-docker-registry
  namespace: jx
  labels:
    helm.sh/chart: jxboot-helmfile-resources-${version}
    gitops.jenkins-x.io/pipeline: namespaces
  annotations:
    meta.helm.sh/release-name: jxboot-helmfile-resources
data:
  docker.registry: ghcr.io
  docker.registry.org: acme-payments
)",
                {{"version", p.jxboot}});
}

// The one Secret git declares (the rest come from ExternalSecrets): what the boot job needs to
// find the cluster repository. Its values are masked wherever Shiplog shows them.
QString bootJobSecret(const Platform& p)
{
    return fill(R"(# Source: jxboot-helmfile-resources/templates/jx-boot-job-env-vars-secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: jx-boot-job-env-vars
  namespace: jx
  labels:
    helm.sh/chart: jxboot-helmfile-resources-${version}
    gitops.jenkins-x.io/pipeline: namespaces
  annotations:
    meta.helm.sh/release-name: jxboot-helmfile-resources
type: Opaque
data:
  JX_REPOSITORY_URL: aHR0cHM6Ly9naXRodWIuY29tL2FjbWUtcGF5bWVudHMvamVua2lucy14LWVudmlyb25tZW50
  JX_REPOSITORY_USERNAME: YWNtZS1ib3Q=
)",
                {{"version", p.jxboot}});
}

// A minimal structural schema: enough for the API server to accept and store the resources.
QString customResourceDefinition(const QString& chart, const QString& version, const QString& group,
                                 const QString& plural, const QString& kind, const QString& shortName)
{
    return fill(R"(# Source: ${chart}/templates/${plural}.${group}-crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
  labels:
    helm.sh/chart: ${chart}-${version}
    gitops.jenkins-x.io/pipeline: customresourcedefinitions
  annotations:
    meta.helm.sh/release-name: ${chart}
spec:
  group: ${group}
  scope: Namespaced
  names:
    kind: ${kind}
    listKind: ${kind}List
    plural: ${plural}
    singular: ${singular}
    shortNames:
      - ${short}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
)",
                {{"chart", chart},
                 {"version", version},
                 {"group", group},
                 {"plural", plural},
                 {"kind", kind},
                 {"singular", kind.toLower()},
                 {"short", shortName}});
}

} // namespace

void renderPlatform(const Platform& p, FileMap& files)
{
    if (!p.rendered)
        return;
    auto put = [&](const QString& path, const QString& text) { files[path] = text.toUtf8(); };
    const QString lighthouse = QStringLiteral("config-root/namespaces/jx/lighthouse/");
    put(lighthouse + QStringLiteral("lighthouse-webhooks-deploy.yaml"), webhooksDeployment(p));
    put(lighthouse + QStringLiteral("hook-svc.yaml"), hookService(p));
    put(lighthouse + QStringLiteral("hook-ingress.yaml"), hookIngress(p));
    const QString webhooksLabels =
        lighthouseLabels(p, QStringLiteral("lighthouse-webhooks"), QStringLiteral("webhooks"));
    put(lighthouse + QStringLiteral("lighthouse-webhooks-sa.yaml"),
        serviceAccountDocument(QStringLiteral("lighthouse-webhooks"), kJx, webhooksLabels));
    put(lighthouse + QStringLiteral("lighthouse-webhooks-role.yaml"),
        roleDocument(QStringLiteral("lighthouse-webhooks"), kJx, webhooksLabels,
                     QStringLiteral(R"(  - apiGroups: [""]
    resources: [namespaces, configmaps, secrets]
    verbs: [get, list, watch]
  - apiGroups: [lighthouse.jenkins.io]
    resources: [lighthousejobs]
    verbs: [create, delete, list, update, get, watch, patch]
)")));
    put(lighthouse + QStringLiteral("lighthouse-webhooks-rb.yaml"),
        roleBindingDocument(QStringLiteral("lighthouse-webhooks"), kJx, webhooksLabels,
                            QStringLiteral("lighthouse-webhooks")));
    const QString gcLabels = lighthouseLabels(p, QStringLiteral("lighthouse-gc-jobs"), QStringLiteral("gc"));
    put(lighthouse + QStringLiteral("lighthouse-gc-jobs-cronjob.yaml"), gcJobs(p));
    put(lighthouse + QStringLiteral("lighthouse-gc-jobs-sa.yaml"),
        serviceAccountDocument(QStringLiteral("lighthouse-gc-jobs"), kJx, gcLabels));
    put(lighthouse + QStringLiteral("lighthouse-gc-jobs-role.yaml"),
        roleDocument(QStringLiteral("lighthouse-gc-jobs"), kJx, gcLabels,
                     QStringLiteral(R"(  - apiGroups: [lighthouse.jenkins.io]
    resources: [lighthousejobs]
    verbs: [list, delete]
  - apiGroups: [batch]
    resources: [jobs]
    verbs: [list, delete]
)")));
    put(lighthouse + QStringLiteral("lighthouse-gc-jobs-rb.yaml"),
        roleBindingDocument(QStringLiteral("lighthouse-gc-jobs"), kJx, gcLabels,
                            QStringLiteral("lighthouse-gc-jobs")));
    put(lighthouse + QStringLiteral("lighthouse-hmac-token-externalsecret.yaml"),
        externalSecret(p, QStringLiteral("lighthouse-hmac-token"), QStringLiteral("hmac"),
                       QStringLiteral("hmac")));
    put(lighthouse + QStringLiteral("lighthouse-oauth-token-externalsecret.yaml"),
        externalSecret(p, QStringLiteral("lighthouse-oauth-token"), QStringLiteral("oauth"),
                       QStringLiteral("token")));

    const QString config = QStringLiteral("config-root/namespaces/jx/lighthouse-config/");
    put(config + QStringLiteral("config-cm.yaml"), lighthouseConfig());
    put(config + QStringLiteral("plugins-cm.yaml"), lighthousePlugins(p));

    const QString boot = QStringLiteral("config-root/namespaces/jx/jxboot-helmfile-resources/");
    put(boot + QStringLiteral("dev-environment.yaml"),
        environmentResource(p, QStringLiteral("dev"), kJx, QStringLiteral("Development"), 0,
                            QStringLiteral("Development"), QStringLiteral("Never")));
    put(boot + QStringLiteral("staging-environment.yaml"),
        environmentResource(p, QStringLiteral("staging"), QStringLiteral("jx-staging"),
                            QStringLiteral("Staging"), 100, QStringLiteral("Permanent"),
                            QStringLiteral("Auto")));
    put(boot + QStringLiteral("production-environment.yaml"),
        environmentResource(p, QStringLiteral("production"), QStringLiteral("jx-production"),
                            QStringLiteral("Production"), 200, QStringLiteral("Permanent"),
                            QStringLiteral("Manual")));
    put(boot + QStringLiteral("jenkins-x-docker-registry-cm.yaml"), registryConfig(p));
    put(boot + QStringLiteral("jx-boot-job-env-vars-secret.yaml"), bootJobSecret(p));

    const QString crds = QStringLiteral("config-root/customresourcedefinitions/jx/");
    put(crds + QStringLiteral("jenkins-x-crds/environments.jenkins.io-crd.yaml"),
        customResourceDefinition(QStringLiteral("jenkins-x-crds"), p.crds, QStringLiteral("jenkins.io"),
                                 QStringLiteral("environments"), QStringLiteral("Environment"),
                                 QStringLiteral("env")));
    put(crds + QStringLiteral("kubernetes-external-secrets/externalsecrets.kubernetes-client.io-crd.yaml"),
        customResourceDefinition(QStringLiteral("kubernetes-external-secrets"), QStringLiteral("8.5.5"),
                                 QStringLiteral("kubernetes-client.io"), QStringLiteral("externalsecrets"),
                                 QStringLiteral("ExternalSecret"), QStringLiteral("es")));
}

} // namespace shiplog::core::demo
