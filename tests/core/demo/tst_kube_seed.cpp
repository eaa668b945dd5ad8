// Seeding the demo API server serves what a repository of an older cluster needs: objects in API
// versions Kubernetes stopped serving stored converted to the served version (a v1beta1 CRD and its
// custom resources, batch/v1beta1, autoscaling/v2beta1, extensions/v1beta1 Ingress), APIService;
// what it cannot store listed one line each with the reason, and "Seeded N of M objects; K
// skipped". A null field in a manifest is defaulted and owned by no manager, as a real API server.
#include "core/demo/kube_seed.h"
#include "core/demo/kube_store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog::core::demo;

namespace {

void write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile file(dir.filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QJsonObject stored(const KubeStore& store, const QString& apiVersion, const QString& kind, const QString& ns,
                   const QString& name)
{
    const auto type = store.findTypeByKind(apiVersion, kind);
    if (!type)
        return {};
    const auto object = store.get(*type, ns, name);
    return object ? *object : QJsonObject();
}

} // namespace

class TestKubeSeed : public QObject
{
    Q_OBJECT

private slots:
    void olderVersionsAreStoredConvertedAndTheRestListed()
    {
        QTemporaryDir dir;
        write(dir, "crd.yaml",
              "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\n"
              "metadata: {name: sourcerepositories.jenkins.io}\n"
              "spec:\n  group: jenkins.io\n  version: v1\n  scope: Namespaced\n"
              "  names: {kind: SourceRepository, plural: sourcerepositories, singular: sourcerepository}\n"
              "  validation: {openAPIV3Schema: {type: object}}\n"
              "  additionalPrinterColumns: [{name: URL, type: string, JSONPath: .spec.url}]\n");
        write(dir, "repo.yaml",
              "apiVersion: jenkins.io/v1\nkind: SourceRepository\nmetadata: {name: app, namespace: jx}\n"
              "spec: {url: 'https://example.com/app'}\n");
        write(dir, "cron.yaml",
              "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: gc, namespace: jx}\n"
              "spec: {schedule: '0 1 * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: Never, "
              "containers: [{name: gc, image: 'gc:1'}]}}}}}\n");
        write(dir, "hpa.yaml",
              "apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: w, "
              "namespace: t}\n"
              "spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w}, maxReplicas: 5,\n"
              "  metrics: [{type: Resource, resource: {name: cpu, targetAverageUtilization: 80}}]}\n");
        write(dir, "ingress.yaml",
              "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: hook, namespace: jx}\n"
              "spec: {rules: [{host: h.example.com, http: {paths: [{path: /, backend: {serviceName: hook, "
              "servicePort: 80}}]}}]}\n");
        write(dir, "apiservice.yaml",
              "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: "
              "v1beta1.metrics.k8s.io}\n"
              "spec: {group: metrics.k8s.io, version: v1beta1, groupPriorityMinimum: 100, versionPriority: "
              "100,\n"
              "  service: {name: metrics-server, namespace: kube-system}}\n");
        write(dir, "psp.yaml",
              "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\n");
        write(dir, "unknown.yaml",
              "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: jx}\n");
        write(dir, "deploy.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: jx}\n"
              "spec: {selector: {matchLabels: {a: d}}, template: {metadata: {labels: {a: d}}, spec: "
              "{containers: "
              "[{name: c, image: 'c:0.3.3', imagePullPolicy: null}]}}}\n");

        KubeStore store;
        const auto report = seedFromDirectory(store, dir.path());
        QVERIFY(report.has_value());
        QCOMPARE(report->total, 9);
        QCOMPARE(report->created, 7);
        QCOMPARE(report->skipped.size(), 2);
        QCOMPARE(report->summary(), QStringLiteral("Seeded 7 of 9 objects; 2 skipped"));
        QVERIFY2(report->skipped.filter("psp.yaml: PodSecurityPolicy restricted")
                     .first()
                     .contains("removed in Kubernetes 1.25"),
                 qPrintable(report->skipped.join('\n')));
        QVERIFY2(report->skipped.filter("unknown.yaml: Widget jx/w")
                     .first()
                     .contains("no CustomResourceDefinition"),
                 qPrintable(report->skipped.join('\n')));

        const QJsonObject crd = stored(store, "apiextensions.k8s.io/v1", "CustomResourceDefinition", {},
                                       "sourcerepositories.jenkins.io");
        const QJsonObject version = crd["spec"]["versions"].toArray().first().toObject();
        QCOMPARE(version["name"].toString(), QStringLiteral("v1"));
        QVERIFY(version["schema"]["openAPIV3Schema"].isObject());
        QCOMPARE(version["additionalPrinterColumns"][0]["jsonPath"].toString(), QStringLiteral(".spec.url"));
        QVERIFY(!stored(store, "jenkins.io/v1", "SourceRepository", "jx", "app").isEmpty());
        const QJsonObject cron = stored(store, "batch/v1", "CronJob", "jx", "gc");
        QCOMPARE(cron["spec"]["schedule"].toString(), QStringLiteral("0 1 * * *"));
        const QJsonObject hpa = stored(store, "autoscaling/v2", "HorizontalPodAutoscaler", "t", "w");
        QCOMPARE(hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"].toInt(), 80);
        const QJsonObject ingress = stored(store, "networking.k8s.io/v1", "Ingress", "jx", "hook");
        const QJsonObject backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"].toObject();
        QCOMPARE(backend["service"]["name"].toString(), QStringLiteral("hook"));
        QCOMPARE(backend["service"]["port"]["number"].toInt(), 80);
        QVERIFY(!stored(store, "apiregistration.k8s.io/v1", "APIService", {}, "v1beta1.metrics.k8s.io")
                     .isEmpty());
        // kubectl applied it in git's version: last-applied-configuration says batch/v1beta1.
        QVERIFY(cron["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
                    .toString()
                    .contains("batch/v1beta1"));

        // `imagePullPolicy:` (null): defaulted, and not owned by the applier.
        const QJsonObject deployment = stored(store, "apps/v1", "Deployment", "jx", "d");
        QCOMPARE(deployment["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"].toString(),
                 QStringLiteral("IfNotPresent"));
        const QJsonObject owned = deployment["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]
                                            ["f:template"]["f:spec"]["f:containers"]
                                                .toObject();
        QVERIFY(!owned.isEmpty());
        for (const QJsonValue& container : owned)
            QVERIFY(!container.toObject().contains("f:imagePullPolicy"));
    }

    // Issue 14: `demo-cluster --repo` followed a *.yaml symbolic link out of the repository. A
    // repository is read from git's objects at HEAD (a link is a path there); a plain folder's
    // links out of it are listed as not read.
    void symbolicLinksOutOfTheRepositoryAreNotFollowed()
    {
        QTemporaryDir outside;
        write(outside, "secret.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside, namespace: ns}\ndata: {k: v}\n");
        QTemporaryDir repo;
        write(repo, "inside.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: inside, namespace: ns}\ndata: {k: v}\n");
        QVERIFY(QFile::link(outside.filePath("secret.yaml"), repo.filePath("link.yaml")));

        // A plain folder.
        {
            KubeStore store;
            auto report = seedFromDirectory(store, repo.path());
            QVERIFY(report.has_value());
            QVERIFY(!stored(store, "v1", "ConfigMap", "ns", "inside").isEmpty());
            QVERIFY(stored(store, "v1", "ConfigMap", "ns", "outside").isEmpty());
            QVERIFY2(report->skipped.join(QLatin1Char('\n'))
                         .contains(QLatin1String("link.yaml: a symbolic link out of")),
                     qPrintable(report->skipped.join(QLatin1Char('\n'))));
        }
        // The same as a git repository: the link is committed as a link.
        const auto git = [&repo](const QStringList& args) {
            QProcess p;
            p.setWorkingDirectory(repo.path());
            p.start(QStringLiteral("git"),
                    QStringList{QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
                                QStringLiteral("user.email=t@t")} +
                        args);
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        QVERIFY(git({QStringLiteral("init"), QStringLiteral("-q")}));
        QVERIFY(git({QStringLiteral("add"), QStringLiteral("-A")}));
        QVERIFY(git(
            {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("seed")}));
        KubeStore store;
        auto report = seedFromDirectory(store, repo.path());
        QVERIFY(report.has_value());
        QVERIFY(!stored(store, "v1", "ConfigMap", "ns", "inside").isEmpty());
        QVERIFY(stored(store, "v1", "ConfigMap", "ns", "outside").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKubeSeed)
#include "tst_kube_seed.moc"
