// config-root/namespaces/jx-staging and jx-production: what `jx gitops helmfile template` writes for
// the team's charts (one resource per file, <name>-<kind>.yaml), plus a few hand-written files.
#include "core/demo/demo_render.h"
#include "core/demo/demo_yaml.h"

namespace shiplog::core::demo {

namespace {

QString folder(const Stage& stage, const QString& release)
{
    return QStringLiteral("config-root/namespaces/%1/%2/").arg(stage.ns, release);
}

QString labelsOf(const App& app, int indent)
{
    return standardLabels(app.name, app.component, app.name, app.version, indent);
}

QString deployment(const Stage& stage, const App& app)
{
    QString env;
    if (!app.config.isEmpty())
        env += fill(R"(          envFrom:
            - configMapRef:
                name: ${name}-config
)",
                    {{"name", app.name}});
    if (app.databaseSecret)
        env += fill(R"(          env:
            - name: DATABASE_USER
              valueFrom:
                secretKeyRef:
                  name: ${name}-db
                  key: username
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${name}-db
                  key: password
)",
                    {{"name", app.name}});
    // Charts leave the replica count to the HorizontalPodAutoscaler when there is one.
    const QString replicas =
        app.autoscaling ? QString() : QStringLiteral("  replicas: %1\n").arg(app.replicas);
    return fill(R"(# Source: ${name}/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
spec:
${replicas}  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
      app.kubernetes.io/instance: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/instance: ${name}
        app.kubernetes.io/component: ${component}
        app.kubernetes.io/version: ${quotedVersion}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${port}"
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: ${name}
          image: ghcr.io/acme-payments/${name}:${version}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: ${port}
              protocol: TCP
${env}          readinessProbe:
            httpGet:
              path: /healthz/ready
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz/live
              port: http
            initialDelaySeconds: 15
            periodSeconds: 20
          resources:
            requests:
              cpu: ${cpuRequest}
              memory: ${memoryRequest}
            limits:
              cpu: ${cpuLimit}
              memory: ${memoryLimit}
)",
                {{"name", app.name},
                 {"ns", stage.ns},
                 {"labels", labelsOf(app, 4)},
                 {"replicas", replicas},
                 {"component", app.component},
                 {"quotedVersion", quoted(app.version)},
                 {"version", app.version},
                 {"port", QString::number(app.port)},
                 {"env", env},
                 {"cpuRequest", app.cpuRequest},
                 {"memoryRequest", app.memoryRequest},
                 {"cpuLimit", app.cpuLimit},
                 {"memoryLimit", app.memoryLimit}});
}

QString service(const Stage& stage, const App& app)
{
    return fill(R"(# Source: ${name}/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/instance: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
)",
                {{"name", app.name}, {"ns", stage.ns}, {"labels", labelsOf(app, 4)}});
}

QString configMap(const Stage& stage, const App& app)
{
    return fill(R"(# Source: ${name}/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
data:
${data})",
                {{"name", app.name},
                 {"ns", stage.ns},
                 {"labels", labelsOf(app, 4)},
                 {"data", mapLines(app.config, 2)}});
}

QString ingress(const Stage& stage, const App& app)
{
    return fill(
        R"(# Source: ${name}/templates/ingress.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
    cert-manager.io/cluster-issuer: letsencrypt-prod
    nginx.ingress.kubernetes.io/proxy-body-size: 1m
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - ${name}.${suffix}
      secretName: ${name}-tls
  rules:
    - host: ${name}.${suffix}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
)",
        {{"name", app.name}, {"ns", stage.ns}, {"labels", labelsOf(app, 4)}, {"suffix", stage.hostSuffix}});
}

QString autoscaler(const Stage& stage, const App& app)
{
    return fill(R"(# Source: ${name}/templates/hpa.yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: ${min}
  maxReplicas: ${max}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: ${cpu}
)",
                {{"name", app.name},
                 {"ns", stage.ns},
                 {"labels", labelsOf(app, 4)},
                 {"min", QString::number(app.autoscaling->minReplicas)},
                 {"max", QString::number(app.autoscaling->maxReplicas)},
                 {"cpu", QString::number(app.autoscaling->cpuUtilization)}});
}

// The database credentials live in Google Secret Manager; git only says where to fetch them from.
QString databaseExternalSecret(const Stage& stage, const App& app)
{
    return fill(R"(# Source: ${name}/templates/externalsecret.yaml
apiVersion: kubernetes-client.io/v1
kind: ExternalSecret
metadata:
  name: ${name}-db
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${name}
spec:
  backendType: gcpSecretsManager
  projectId: acme-payments-platform
  data:
    - key: ${ns}-${name}-db
      name: username
      property: username
      version: latest
    - key: ${ns}-${name}-db
      name: password
      property: password
      version: latest
  template:
    type: Opaque
)",
                {{"name", app.name}, {"ns", stage.ns}, {"labels", labelsOf(app, 4)}});
}

QString cronJob(const Stage& stage, const App& app, const QString& jobName, const QString& schedule,
                const QString& serviceAccount, const QString& args)
{
    return fill(R"(# Source: ${app}/templates/cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${job}
  namespace: ${ns}
  labels:
${labels}  annotations:
    meta.helm.sh/release-name: ${app}
spec:
  schedule: ${schedule}
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        metadata:
          labels:
            app.kubernetes.io/name: ${job}
            app.kubernetes.io/instance: ${app}
        spec:
          serviceAccountName: ${sa}
          restartPolicy: OnFailure
          containers:
            - name: ${job}
              image: ghcr.io/acme-payments/${app}:${version}
              args: [${args}]
              resources:
                requests:
                  cpu: 50m
                  memory: 64Mi
                limits:
                  cpu: 250m
                  memory: 128Mi
)",
                {{"app", app.name},
                 {"job", jobName},
                 {"ns", stage.ns},
                 {"labels", standardLabels(jobName, QStringLiteral("job"), app.name, app.version, 4)},
                 {"schedule", quoted(schedule)},
                 {"sa", serviceAccount},
                 {"version", app.version},
                 {"args", args}});
}

// Hand-written by the ledger team: the reconcile job's identity in one multi-document file.
QString reconcileRbac(const Stage& stage, const App& app)
{
    const QString labels =
        standardLabels(QStringLiteral("ledger-reconcile"), QStringLiteral("job"), app.name, app.version, 4);
    const QString name = QStringLiteral("ledger-reconcile");
    return serviceAccountDocument(name, stage.ns, labels) + QStringLiteral("---\n") +
           roleDocument(name, stage.ns, labels, QStringLiteral(R"(  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch]
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [get, create, update]
)")) + QStringLiteral("---\n") +
           roleBindingDocument(name, stage.ns, labels, name);
}

QString fraudRules(const Stage& stage)
{
    return fill(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: fraud-rules
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: fraud-rules
    app.kubernetes.io/part-of: acme-payments
    gitops.jenkins-x.io/pipeline: namespaces
data:
${data})",
                {{"ns", stage.ns}, {"data", mapLines(stage.fraudRules, 2)}});
}

void renderApp(const Stage& stage, const App& app, FileMap& files)
{
    const QString dir = folder(stage, app.name);
    auto put = [&](const QString& file, const QString& text) { files[dir + file] = text.toUtf8(); };
    put(app.name + QStringLiteral("-deploy.yaml"), deployment(stage, app));
    put(app.name + QStringLiteral("-svc.yaml"), service(stage, app));
    put(app.name + QStringLiteral("-sa.yaml"), serviceAccountDocument(app.name, stage.ns, labelsOf(app, 4)));
    if (!app.config.isEmpty())
        put(app.name + QStringLiteral("-config-cm.yaml"), configMap(stage, app));
    if (app.ingress)
        put(app.name + QStringLiteral("-ingress.yaml"), ingress(stage, app));
    if (app.autoscaling)
        put(app.name + QStringLiteral("-hpa.yaml"), autoscaler(stage, app));
    if (app.databaseSecret)
        put(app.name + QStringLiteral("-db-externalsecret.yaml"), databaseExternalSecret(stage, app));
    if (app.name == QLatin1String("ledger")) {
        put(QStringLiteral("ledger-reconcile-cronjob.yaml"),
            cronJob(stage, app, QStringLiteral("ledger-reconcile"), stage.reconcileSchedule,
                    QStringLiteral("ledger-reconcile"), QStringLiteral(R"(reconcile, "--since=26h")")));
        put(QStringLiteral("ledger-reconcile-rbac.yaml"), reconcileRbac(stage, app));
    }
    if (app.name == QLatin1String("payments") && stage.paymentsCleanupJob)
        put(QStringLiteral("payments-cleanup-cronjob.yaml"),
            cronJob(stage, app, QStringLiteral("payments-cleanup"), QStringLiteral("*/30 * * * *"), app.name,
                    QStringLiteral(R"(purge-expired-intents, "--older-than=72h")")));
}

} // namespace

void renderStage(const Stage& stage, FileMap& files)
{
    for (const App& app : stage.apps)
        if (app.rendered)
            renderApp(stage, app, files);
    if (!stage.fraudRules.isEmpty()) {
        const QString release =
            stage.fraudRulesUnderPayments ? QStringLiteral("payments") : QStringLiteral("payments-rules");
        files[folder(stage, release) + QStringLiteral("fraud-rules-cm.yaml")] = fraudRules(stage).toUtf8();
    }
}

QString serviceAccountDocument(const QString& name, const QString& ns, const QString& labels)
{
    return fill(R"(apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels})",
                {{"name", name}, {"ns", ns}, {"labels", labels}});
}

QString roleDocument(const QString& name, const QString& ns, const QString& labels, const QString& rules)
{
    return fill(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}rules:
${rules})",
                {{"name", name}, {"ns", ns}, {"labels", labels}, {"rules", rules}});
}

QString roleBindingDocument(const QString& name, const QString& ns, const QString& labels,
                            const QString& serviceAccount)
{
    return fill(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${labels}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${name}
subjects:
  - kind: ServiceAccount
    name: ${sa}
    namespace: ${ns}
)",
                {{"name", name}, {"ns", ns}, {"labels", labels}, {"sa", serviceAccount}});
}

} // namespace shiplog::core::demo
