// The truth corpus: real GitOps repositories (the shared fixtures jx3-eagle config-root/,
// kube-prometheus manifests/, argo-cd's install.yaml) seeded into the demo API server as
// `kubectl apply` would create them, and Flux's example production cluster applied as Flux's
// kustomize-controller applies it (kustomize, then server-side apply), each step with the real kubectl. Right
// after seeding `shiplog drift` must find nothing drifted, missing or extra on each. Then people change the
// clusters with the REAL kubectl (scale, set image, set env, three kinds of patch, label, annotate, edit
// through KUBE_EDITOR, apply of an edited file, server-side apply as another manager, rollout restart,
// delete, create, replace, a custom resource, Secret data, an object git writes in an API version the cluster
// no longer serves): each must be reported at its exact field path with the manager that made it, and nothing
// else — benign events (status writes, HPA-owned replicas, an apply of the unchanged file, a label added and
// removed) never. Prints objects, changes made, found and false positives per fixture.
#include "core/demo/kube_server.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace shiplog;

namespace {

const char kJxOwner[] = "gitops.jenkins-x.io/pipeline";

// One thing `shiplog drift --json` must report: "drifted Deployment jx/web spec.replicas" (with the
// manager that wrote it), "missing Service jx/hook", "extra ConfigMap jx/x".
struct Finding
{
    QString status;
    QString kind;
    QString object; // "ns/name" or "name"
    QString path;   // drifted only
    QString manager;
    QString key() const { return QStringList{status, kind, object, path}.join(u' ').trimmed(); }
};

struct Change
{
    QString what;            // for the log
    QStringList kubectl;     // arguments
    QList<Finding> expected; // empty: benign, nothing may be reported for it
    QByteArray file;         // written to a temporary file; "@FILE" in the arguments names it
    QByteArray editor;       // KUBE_EDITOR script body, for kubectl edit
};

// The findings of one report, keyed; in-sync resources are not listed by --json.
QHash<QString, Finding> findingsOf(const QJsonObject& report)
{
    QHash<QString, Finding> found;
    for (const QJsonValue& v : report.value(u"resources").toArray()) {
        const QJsonObject r = v.toObject();
        const QString ns = r.value(u"namespace").toString();
        const QString object =
            ns.isEmpty() ? r.value(u"name").toString() : ns + u'/' + r.value(u"name").toString();
        const QString status = r.value(u"status").toString();
        const QJsonArray fields = r.value(u"fields").toArray();
        if (status == u"unserved" && fields.isEmpty())
            continue; // git's API version, there since seeding (checked there), not a change
        if (fields.isEmpty()) {
            Finding f{status, r.value(u"kind").toString(), object, {}, {}};
            found.insert(f.key(), f);
        }
        for (const QJsonValue& fv : fields) {
            const QJsonObject field = fv.toObject();
            Finding f{status == u"unserved" ? QStringLiteral("drifted") : status, r.value(u"kind").toString(),
                      object, field.value(u"path").toString(), field.value(u"manager").toString()};
            found.insert(f.key(), f);
        }
    }
    return found;
}

} // namespace

class TestDriftCorpus : public QObject
{
    Q_OBJECT

    // One fixture's cluster: a trimmed repository, the server seeded from it, a kubeconfig.
    struct Cluster
    {
        QString name;
        std::unique_ptr<test::ScratchRepo> repo;
        std::unique_ptr<core::demo::KubeServer> server;
        core::demo::SeedReport seed;
        QString kubeconfig;
        std::unique_ptr<QTemporaryDir> scratch; // kubeconfig, kubectl's cache, edited files
        QStringList driftArguments;             // e.g. --env production
    };

    QHash<QString, std::shared_ptr<Cluster>> m_clusters;
    int m_changes = 0;
    int m_found = 0;
    int m_falsePositives = 0;
    int m_misses = 0;
    QJsonObject m_seededReport; // the last checkSeeded's report (--explain --json)

    // Clones the bundle, keeps only `paths` of its HEAD in a fresh one-commit repository, seeds a
    // new server from it (or leaves it empty, for the caller to apply to with kubectl).
    std::shared_ptr<Cluster> cluster(const QString& bundle, const QStringList& paths, bool seed = true)
    {
        if (auto it = m_clusters.constFind(bundle); it != m_clusters.cend())
            return *it;
        auto c = std::make_shared<Cluster>();
        c->name = bundle;
        c->scratch = std::make_unique<QTemporaryDir>();
        QTemporaryDir clone;
        if (!test::cloneFixture(bundle, clone.path()))
            return nullptr;
        c->repo = std::make_unique<test::ScratchRepo>();
        for (const QString& path : paths) {
            const auto copied = test::run(
                QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("git -C \"$1\" archive HEAD \"$2\" | tar -x -C \"$3\""),
                 QStringLiteral("sh"), clone.path(), path, c->repo->path()});
            if (copied.exitCode != 0) {
                qWarning("copying %s of %s: %s", qPrintable(path), qPrintable(bundle),
                         copied.err.constData());
                return nullptr;
            }
        }
        c->repo->commit(QStringLiteral("The fixture's manifests only"));
        c->server = std::make_unique<core::demo::KubeServer>();
        if (!c->server->start())
            return nullptr;
        if (seed) {
            auto seeded = c->server->seed(c->repo->path());
            if (!seeded)
                return nullptr;
            c->seed = *seeded;
        }
        c->kubeconfig = c->scratch->filePath(QStringLiteral("kubeconfig"));
        if (!c->server->writeKubeconfig(c->kubeconfig, QStringLiteral("corpus"), QStringLiteral("default")))
            return nullptr;
        m_clusters.insert(bundle, c);
        return c;
    }

    // Flux's example (flux2-kustomize-helm-example) as its production cluster runs it. In a real
    // cluster `flux bootstrap` installs the toolkit's CRDs and the flux-system namespace, and the
    // HelmReleases install cert-manager's and the Gateway API's CRDs; the fixture holds none of
    // them (its gotk-components.yaml is a one-line comment), so this test creates them. The CRDs here carry
    // the real groups, kinds, scopes, versions and status subresource, without the schemas. Then, for each
    // Kustomization of clusters/production, kustomize-controller renders its path with kustomize plus the
    // Kustomization's spec.patches, labels every object with the Kustomization's name, and applies it
    // server-side as field manager kustomize-controller: the real kubectl does each step (`kubectl
    // kustomize`, `kubectl apply
    // --server-side --field-manager=kustomize-controller`).
    std::shared_ptr<Cluster> fluxCluster()
    {
        const QString bundle = QStringLiteral("flux2-kustomize-helm-example");
        if (auto it = m_clusters.constFind(bundle); it != m_clusters.cend())
            return *it;
        auto c = cluster(
            bundle, {QStringLiteral("apps"), QStringLiteral("clusters"), QStringLiteral("infrastructure")},
            false);
        if (!c)
            return nullptr;
        c->driftArguments = {QStringLiteral("--env"), QStringLiteral("production")};
        auto fail = [&](const char* step, const test::ProcessResult& r) {
            qWarning("flux seeding, %s: %s%s", step, r.out.constData(), r.err.constData());
            m_clusters.remove(bundle);
            return nullptr;
        };
        struct Crd
        {
            const char *group, *kind, *plural, *scope, *version;
        };
        const Crd crds[] = {
            {"kustomize.toolkit.fluxcd.io", "Kustomization", "kustomizations", "Namespaced", "v1"},
            {"helm.toolkit.fluxcd.io", "HelmRelease", "helmreleases", "Namespaced", "v2"},
            {"source.toolkit.fluxcd.io", "OCIRepository", "ocirepositories", "Namespaced", "v1"},
            {"source.toolkit.fluxcd.io", "HelmRepository", "helmrepositories", "Namespaced", "v1"},
            {"source.extensions.fluxcd.io", "ArtifactGenerator", "artifactgenerators", "Namespaced",
             "v1beta1"},
            {"cert-manager.io", "ClusterIssuer", "clusterissuers", "Cluster", "v1"},
            {"gateway.networking.k8s.io", "Gateway", "gateways", "Namespaced", "v1"},
            {"gateway.networking.k8s.io", "GatewayClass", "gatewayclasses", "Cluster", "v1"}};
        QByteArray crdYaml;
        for (const Crd& crd : crds)
            crdYaml +=
                QStringLiteral("---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                               "metadata:\n  name: %3.%1\nspec:\n  group: %1\n  names: {kind: %2, plural: "
                               "%3, singular: %6, listKind: %2List}\n  scope: %4\n  versions:\n  - name: "
                               "%5\n    served: true\n    storage: true\n    subresources: {status: {}}\n"
                               "    schema:\n      openAPIV3Schema: {type: object, "
                               "x-kubernetes-preserve-unknown-fields: true}\n")
                    .arg(QLatin1StringView(crd.group), QLatin1StringView(crd.kind),
                         QLatin1StringView(crd.plural), QLatin1StringView(crd.scope),
                         QLatin1StringView(crd.version), QString::fromLatin1(crd.kind).toLower())
                    .toUtf8();
        const QString crdFile = c->scratch->filePath(QStringLiteral("crds.yaml"));
        QFile out(crdFile);
        if (!out.open(QIODevice::WriteOnly))
            return nullptr;
        out.write(crdYaml);
        out.close();
        if (auto r = kubectl(*c, {"apply", "-f", crdFile}); r.exitCode != 0)
            return fail("the CRDs", r);
        if (auto r = kubectl(*c, {"create", "namespace", "flux-system"}); r.exitCode != 0)
            return fail("flux-system", r);
        // Each Kustomization of clusters/production: its resources (relative to the repository) and
        // spec.patches (infra-configs replaces the ClusterIssuer's ACME server, as
        // clusters/production/infrastructure.yaml says).
        struct Unit
        {
            QString name;
            QStringList resources;
            QString patches;
        };
        const QList<Unit> units{
            // clusters/production has no kustomization.yaml, so Flux generates one that lists its
            // manifests. Its flux-system/ folder adds nothing: the two files it lists are comments.
            {"flux-system",
             {"clusters/production/apps.yaml", "clusters/production/artifacts.yaml",
              "clusters/production/infrastructure.yaml"},
             {}},
            {"apps", {"apps/production"}, {}},
            {"infra-controllers", {"infrastructure/controllers"}, {}},
            {"infra-configs",
             {"infrastructure/configs"},
             "patches:\n- patch: |\n    - op: replace\n      path: /spec/acme/server\n      value: "
             "https://acme-v02.api.letsencrypt.org/directory\n  target: {kind: ClusterIssuer, name: "
             "letsencrypt}\n"}};
        for (const Unit& unit : units) {
            const QDir folder(c->scratch->filePath(QStringLiteral("units/") + unit.name));
            QDir().mkpath(folder.path());
            QByteArray kustomization =
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n";
            for (const QString& resource : unit.resources)
                kustomization += "- " + folder.relativeFilePath(c->repo->filePath(resource)).toUtf8() + '\n';
            kustomization +=
                "labels:\n- pairs:\n    kustomize.toolkit.fluxcd.io/name: " + unit.name.toUtf8() +
                "\n    kustomize.toolkit.fluxcd.io/namespace: flux-system\n" + unit.patches.toUtf8();
            QFile file(folder.filePath(QStringLiteral("kustomization.yaml")));
            if (!file.open(QIODevice::WriteOnly))
                return nullptr;
            file.write(kustomization);
            file.close();
            const auto rendered =
                kubectl(*c, {"kustomize", "--load-restrictor=LoadRestrictionsNone", folder.path()});
            if (rendered.exitCode != 0)
                return fail(qPrintable(unit.name), rendered);
            const QString renderedFile = folder.filePath(QStringLiteral("rendered.yaml"));
            QFile renderedOut(renderedFile);
            if (!renderedOut.open(QIODevice::WriteOnly))
                return nullptr;
            renderedOut.write(rendered.out);
            renderedOut.close();
            const auto applied = kubectl(
                *c, {"apply", "--server-side", "--field-manager=kustomize-controller", "-f", renderedFile});
            if (applied.exitCode != 0)
                return fail(qPrintable(unit.name), applied);
            c->seed.total += int(applied.out.count("serverside-applied"));
        }
        c->seed.created = c->seed.total;
        return c;
    }

    test::ProcessResult kubectl(const Cluster& c, const QStringList& arguments, const QByteArray& editor = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        if (!editor.isEmpty()) {
            const QString script = c.scratch->filePath(QStringLiteral("editor.sh"));
            QFile file(script);
            if (file.open(QIODevice::WriteOnly)) {
                file.write("#!/bin/sh\n" + editor + "\n");
                file.close();
                file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
            }
            env.insert(QStringLiteral("KUBE_EDITOR"), script);
        }
        return test::run(QStringLiteral("kubectl"),
                         QStringList{QStringLiteral("--kubeconfig"), c.kubeconfig,
                                     QStringLiteral("--cache-dir"),
                                     c.scratch->filePath(QStringLiteral("kube-cache")),
                                     QStringLiteral("--request-timeout=20s")} +
                             arguments,
                         {}, env, 60000);
    }

    QJsonObject drift(const Cluster& c, const QStringList& extra = {})
    {
        const auto r = test::runShiplog(QStringList{QStringLiteral("drift"), QStringLiteral("--repo"),
                                                    c.repo->path(), QStringLiteral("--kubeconfig"),
                                                    c.kubeconfig, QStringLiteral("--json")} +
                                        c.driftArguments + extra);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out);
        if (!doc.isObject() || (r.exitCode != 0 && r.exitCode != 1)) {
            qWarning("shiplog drift exited %d: %s", r.exitCode, r.err.constData());
            return {};
        }
        return doc.object();
    }

    // Right after seeding: every object stored, or listed with a reason; nothing drifted, missing or
    // extra.
    void checkSeeded(const Cluster& c, int minimumObjects)
    {
        qInfo("%s: %s", qPrintable(c.name), qPrintable(c.seed.summary()));
        for (const QString& line : c.seed.skipped)
            qInfo("  not seeded: %s", qPrintable(line));
        QVERIFY2(c.seed.total >= minimumObjects, qPrintable(c.seed.summary()));
        QCOMPARE(c.seed.skipped.size(), c.seed.total - c.seed.created);
        // Only what Kubernetes removed without a successor is left out (PodSecurityPolicy), each
        // with its reason.
        for (const QString& line : c.seed.skipped)
            QVERIFY2(line.contains(u"PodSecurityPolicy") && line.contains(u"removed in Kubernetes 1.25"),
                     qPrintable(line));
        const QJsonObject report = drift(c, {QStringLiteral("--explain")});
        m_seededReport = report;
        QVERIFY(!report.isEmpty());
        const QJsonObject summary = report.value(u"summary").toObject();
        qInfo("%s: %d in sync, %d drifted, %d missing, %d extra, %d unreadable, %d unserved (git's API "
              "version no longer served)",
              qPrintable(c.name), summary.value(u"inSync").toInt(), summary.value(u"drifted").toInt(),
              summary.value(u"missing").toInt(), summary.value(u"extra").toInt(),
              summary.value(u"unreadable").toInt(), summary.value(u"unserved").toInt());
        QStringList wrong;
        int hidden = 0;
        for (const QJsonValue& v : report.value(u"resources").toArray()) {
            const QJsonObject r = v.toObject();
            hidden += int(r.value(u"hidden").toArray().size());
            for (const QJsonValue& h : r.value(u"hidden").toArray())
                if (h.toObject().value(u"rule").toString().isEmpty())
                    wrong.append(QStringLiteral("hidden without a rule: ") +
                                 h.toObject().value(u"path").toString());
            const QString status = r.value(u"status").toString();
            if (status == u"in-sync" || status == u"unserved")
                continue;
            wrong.append(
                QStringLiteral("%1 %2 %3/%4: %5")
                    .arg(status, r.value(u"kind").toString(), r.value(u"namespace").toString(),
                         r.value(u"name").toString(),
                         QString::fromUtf8(
                             QJsonDocument(r.value(u"fields").toArray()).toJson(QJsonDocument::Compact))));
        }
        qInfo("%s: %d differences hidden as not drift, each with its rule", qPrintable(c.name), hidden);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
        QCOMPARE(summary.value(u"drifted").toInt() + summary.value(u"missing").toInt() +
                     summary.value(u"extra").toInt() + summary.value(u"unreadable").toInt(),
                 0);
        // The same with the server predicting each object (a server-side apply dry run).
        const QJsonObject serverSide = drift(c, {QStringLiteral("--server-side")});
        const QJsonObject predicted = serverSide.value(u"summary").toObject();
        QVERIFY(!serverSide.isEmpty());
        QCOMPARE(predicted.value(u"inSync").toInt(), summary.value(u"inSync").toInt());
        QCOMPARE(predicted.value(u"drifted").toInt() + predicted.value(u"missing").toInt() +
                     predicted.value(u"extra").toInt() + predicted.value(u"unreadable").toInt(),
                 0);
    }

    // Makes the changes with kubectl, then checks the report holds exactly the expected findings.
    void checkChanges(Cluster& c, const QList<Change>& changes)
    {
        QHash<QString, Finding> expected;
        int made = 0;
        for (const Change& change : changes) {
            QStringList arguments = change.kubectl;
            if (!change.file.isEmpty()) {
                const QString path = c.scratch->filePath(QStringLiteral("change-%1.yaml").arg(made));
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(change.file);
                file.close();
                arguments.replaceInStrings(QStringLiteral("@FILE"), path);
            }
            const auto r = kubectl(c, arguments, change.editor);
            QVERIFY2(r.exitCode == 0,
                     qPrintable(QStringLiteral("%1: kubectl %2: %3")
                                    .arg(change.what, arguments.join(u' '), QString::fromUtf8(r.err))));
            ++made;
            for (const Finding& f : change.expected)
                expected.insert(f.key(), f);
        }
        const QJsonObject report = drift(c);
        QVERIFY(!report.isEmpty());
        const QHash<QString, Finding> found = findingsOf(report);
        QStringList misses, falsePositives, wrongManager;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (!found.contains(it.key()))
                misses.append(it.key());
            else if (found.value(it.key()).manager != it->manager)
                wrongManager.append(QStringLiteral("%1: manager %2, expected %3")
                                        .arg(it.key(), found.value(it.key()).manager, it->manager));
        }
        for (auto it = found.cbegin(); it != found.cend(); ++it)
            if (!expected.contains(it.key()))
                falsePositives.append(it.key() + QStringLiteral(" (") + it->manager + u')');
        int detectable = 0;
        for (const Change& change : changes)
            detectable += change.expected.isEmpty() ? 0 : 1;
        qInfo("%s: %d kubectl changes made (%d to find, %d benign), %d of %d expected findings found, "
              "%d false positives, %d with the wrong manager",
              qPrintable(c.name), made, detectable, made - detectable, int(expected.size() - misses.size()),
              int(expected.size()), int(falsePositives.size()), int(wrongManager.size()));
        m_changes += detectable;
        m_found += int(expected.size() - misses.size());
        m_falsePositives += int(falsePositives.size());
        m_misses += int(misses.size());
        QVERIFY2(misses.isEmpty(),
                 qPrintable(QStringLiteral("missed:\n") + misses.join(u'\n') + QStringLiteral("\nreport: ") +
                            QString::fromUtf8(QJsonDocument(report).toJson())));
        QVERIFY2(falsePositives.isEmpty(),
                 qPrintable(QStringLiteral("false positives:\n") + falsePositives.join(u'\n')));
        QVERIFY2(wrongManager.isEmpty(), qPrintable(wrongManager.join(u'\n')));
    }

private slots:
    void initTestCase()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("kube-prometheus"));
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("argo-cd-manifests"));
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
    }

    void jx3EagleSeedsInSync()
    {
        auto c = cluster(QStringLiteral("jx3-eagle"), {QStringLiteral("config-root")});
        QVERIFY(c);
        checkSeeded(*c, 400);
        // 12 objects in versions Kubernetes no longer serves were stored converted, and the report
        // says so for each (not drift, not missing): CronJob batch/v1beta1 ×5, rbac v1beta1 ×3, HPA
        // autoscaling/v2beta1, PDB policy/v1beta1, CRD apiextensions v1beta1 ×6, PSP ×2.
        const QJsonObject report = m_seededReport;
        int unserved = 0;
        QSet<QString> gitVersions;
        for (const QJsonValue& v : report.value(u"resources").toArray())
            if (v.toObject().value(u"status").toString() == u"unserved") {
                ++unserved;
                gitVersions.insert(v.toObject().value(u"gitApiVersion").toString());
                QVERIFY2(v.toObject().value(u"reason").toString().contains(u"no longer serves"),
                         qPrintable(v.toObject().value(u"reason").toString()));
            }
        QCOMPARE(unserved, 18);
        QVERIFY2(gitVersions.contains(QStringLiteral("batch/v1beta1")) &&
                     gitVersions.contains(QStringLiteral("apiextensions.k8s.io/v1beta1")) &&
                     gitVersions.contains(QStringLiteral("policy/v1beta1")),
                 qPrintable(QStringList(gitVersions.values()).join(u", ")));
    }

    void kubePrometheusSeedsInSync()
    {
        auto c = cluster(QStringLiteral("kube-prometheus"), {QStringLiteral("manifests")});
        QVERIFY(c);
        checkSeeded(*c, 120);
    }

    void argoCdSeedsInSync()
    {
        auto c = cluster(QStringLiteral("argo-cd-manifests"), {QStringLiteral("manifests/install.yaml")});
        QVERIFY(c);
        checkSeeded(*c, 50);
    }

    void fluxProductionSeedsInSync()
    {
        auto c = fluxCluster();
        QVERIFY(c);
        checkSeeded(*c, 16);
        // The labels kustomize-controller put on every object are not in git, and not drift.
        int operatorLabels = 0;
        for (const QJsonValue& v : m_seededReport.value(u"resources").toArray())
            for (const QJsonValue& h : v.toObject().value(u"hidden").toArray())
                operatorLabels += h.toObject().value(u"path").toString().endsWith(
                    u"[\"kustomize.toolkit.fluxcd.io/name\"]");
        QCOMPARE(operatorLabels, c->seed.total);
    }

    void jx3EagleChangesAreFoundExactly()
    {
        auto c = cluster(QStringLiteral("jx3-eagle"), {QStringLiteral("config-root")});
        QVERIFY(c);
        QFile visualizer(c->repo->filePath(QStringLiteral(
            "config-root/namespaces/jx/jx-pipelines-visualizer/jx-pipelines-visualizer-deploy.yaml")));
        QVERIFY(visualizer.open(QIODevice::ReadOnly));
        const QByteArray visualizerYaml = visualizer.readAll();
        const QString kubectl = QStringLiteral("kubectl");
        const QString patch = QStringLiteral("kubectl-patch");
        const QList<Change> changes{
            {"scale",
             {"scale", "-n", "jx", "deploy/jx-build-controller", "--replicas=3"},
             {{"drifted", "Deployment", "jx/jx-build-controller", "spec.replicas", kubectl}}},
            {"set image",
             {"set", "image", "-n", "jx", "deploy/jx-slack", "slack=ghcr.io/jenkins-x/jx-slack:0.0.65"},
             {{"drifted", "Deployment", "jx/jx-slack", "spec.template.spec.containers[name=slack].image",
               "kubectl-set"}}},
            {"set env",
             {"set", "env", "-n", "jx", "deploy/jmc", "LOG_LEVEL=debug"},
             {{"drifted", "Deployment", "jx/jmc",
               "spec.template.spec.containers[name=jmc].env[name=LOG_LEVEL]", "kubectl-set"}}},
            {"strategic merge patch",
             {"patch", "-n", "jx", "deploy", "lighthouse-keeper", "--type", "strategic", "-p",
              R"({"spec":{"template":{"spec":{"containers":[{"name":"lighthouse-keeper","image":"ghcr.io/jenkins-x/lighthouse-keeper:1.1.52"}]}}}})"},
             {{"drifted", "Deployment", "jx/lighthouse-keeper",
               "spec.template.spec.containers[name=lighthouse-keeper].image", patch}}},
            {"merge patch",
             {"patch", "-n", "jx", "configmap", "ingress-config", "--type", "merge", "-p",
              R"({"data":{"domain":"example.org"}})"},
             {{"drifted", "ConfigMap", "jx/ingress-config", "data.domain", patch}}},
            {"json patch",
             {"patch", "-n", "jx-staging", "deploy", "godemo-godemo", "--type", "json", "-p",
              R"([{"op":"replace","path":"/spec/replicas","value":4}])"},
             {{"drifted", "Deployment", "jx-staging/godemo-godemo", "spec.replicas", patch}}},
            {"label",
             {"label", "-n", "jx", "service", "external-dns", "team=payments"},
             {{"drifted", "Service", "jx/external-dns", "metadata.labels.team", "kubectl-label"}}},
            {"annotate",
             {"annotate", "-n", "jx", "serviceaccount", "jenkins-x-controllerbuild", "note=by-hand"},
             {{"drifted", "ServiceAccount", "jx/jenkins-x-controllerbuild", "metadata.annotations.note",
               "kubectl-annotate"}}},
            {"edit through KUBE_EDITOR",
             {"edit", "-n", "jx", "configmap", "jenkins-x-docker-registry"},
             {{"drifted", "ConfigMap", "jx/jenkins-x-docker-registry", "data[\"docker.registry.org\"]",
               "kubectl-edit"}},
             {},
             "sed -i 's/docker.registry.org: jenkins-x/docker.registry.org: someone-else/' \"$1\""},
            {"apply of an edited file",
             {"apply", "-f", "@FILE"},
             {{"drifted", "Deployment", "jx/jx-pipelines-visualizer", "spec.replicas",
               "kubectl-client-side-apply"}},
             QByteArray(visualizerYaml).replace("replicas: 1", "replicas: 2")},
            {"server-side apply as another manager",
             {"apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "@FILE"},
             {{"drifted", "ConfigMap", "jx/jenkins-x-docker-registry", "data[\"docker.registry\"]", "other"}},
             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: jenkins-x-docker-registry\n  namespace: "
             "jx\n"
             "data:\n  docker.registry: registry.example.org\n"},
            {"rollout restart",
             {"rollout", "restart", "-n", "jx", "deploy/jx-charter-jx-charter"},
             {{"drifted", "Deployment", "jx/jx-charter-jx-charter",
               "spec.template.metadata.annotations[\"kubectl.kubernetes.io/restartedAt\"]",
               "kubectl-rollout"}}},
            {"delete",
             {"delete", "-n", "jx", "service", "hook"},
             {{"missing", "Service", "jx/hook", {}, {}}}},
            {"create",
             {"create", "-f", "@FILE"},
             {{"extra", "ConfigMap", "jx/hand-made", {}, {}}},
             QByteArray(
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hand-made\n  namespace: jx\n  labels:\n"
                 "    ") +
                 kJxOwner + ": namespaces\ndata:\n  a: b\n"},
            {"replace",
             {"replace", "-f", "@FILE"},
             {{"drifted", "ConfigMap", "jx/kapp-config", "data.replaced", "kubectl-replace"}},
             {}},
            {"a custom resource (its CRD is apiextensions v1beta1 in git)",
             {"patch", "-n", "jx", "sourcerepository", "jenkins-x-acme", "--type", "merge", "-p",
              R"({"spec":{"description":"edited by hand"}})"},
             {{"drifted", "SourceRepository", "jx/jenkins-x-acme", "spec.description", patch}}},
            {"Secret data",
             {"patch", "-n", "tekton-pipelines", "secret", "webhook-certs", "-p",
              R"({"stringData":{"token":"s3cret"}})"},
             {{"drifted", "Secret", "tekton-pipelines/webhook-certs", "data.token", patch}}},
            {"a CronJob git writes as batch/v1beta1",
             {"patch", "-n", "jx", "cronjob", "jx-gcactivities", "--type", "merge", "-p",
              R"({"spec":{"schedule":"0 3 * * *"}})"},
             {{"drifted", "CronJob", "jx/jx-gcactivities", "spec.schedule", patch}}},
            {"a cluster-scoped object git gives a namespace",
             {"label", "clusterrolebinding", "jx-build-controller-jx", "team=platform"},
             {{"drifted", "ClusterRoleBinding", "jx-build-controller-jx", "metadata.labels.team",
               "kubectl-label"}}},
            {"annotate an Ingress",
             {"annotate", "-n", "jx", "ingress", "hook", "nginx.ingress.kubernetes.io/proxy-body-size=8m"},
             {{"drifted", "Ingress", "jx/hook",
               "metadata.annotations[\"nginx.ingress.kubernetes.io/proxy-body-size\"]", "kubectl-annotate"}}},
            // Benign: none of these may be reported.
            {"scale what an HPA in git scales",
             {"scale", "-n", "tekton-pipelines", "deploy/tekton-pipelines-webhook", "--replicas=4"},
             {}},
            {"a status write",
             {"patch", "-n", "jx", "deploy", "external-dns", "--subresource=status", "--type", "merge", "-p",
              R"({"status":{"observedGeneration":7,"replicas":1}})"},
             {}},
            {"apply of the unchanged file", {"apply", "-f", "@FILE"}, {}, {}},
            {"label added", {"label", "-n", "jx", "configmap", "ingress-config", "temporary=yes"}, {}},
            {"and removed", {"label", "-n", "jx", "configmap", "ingress-config", "temporary-"}, {}},
        };
        // The replace: the live object (no other change touches it) with one key added, as
        // `kubectl get -o json` gives it.
        QList<Change> ordered = changes;
        const auto live = this->kubectl(*c, {"get", "-n", "jx", "configmap", "kapp-config", "-o", "json"});
        QVERIFY2(live.exitCode == 0, live.err.constData());
        QJsonObject replaced = QJsonDocument::fromJson(live.out).object();
        QJsonObject data = replaced.value(u"data").toObject();
        data.insert(QStringLiteral("replaced"), QStringLiteral("yes"));
        replaced.insert(QStringLiteral("data"), data);
        QFile keeper(c->repo->filePath(
            QStringLiteral("config-root/namespaces/jx/lighthouse/lighthouse-keeper-svc.yaml")));
        QVERIFY(keeper.open(QIODevice::ReadOnly));
        const QByteArray keeperYaml = keeper.readAll();
        for (Change& change : ordered) {
            if (change.what == u"replace")
                change.file = QJsonDocument(replaced).toJson();
            if (change.what == u"apply of the unchanged file")
                change.file = keeperYaml;
        }
        checkChanges(*c, ordered);
    }

    void kubePrometheusChangesAreFoundExactly()
    {
        auto c = cluster(QStringLiteral("kube-prometheus"), {QStringLiteral("manifests")});
        QVERIFY(c);
        const QList<Change> changes{
            {"scale",
             {"scale", "-n", "monitoring", "deploy/prometheus-operator", "--replicas=2"},
             {{"drifted", "Deployment", "monitoring/prometheus-operator", "spec.replicas", "kubectl"}}},
            {"a custom resource",
             {"patch", "-n", "monitoring", "prometheus", "k8s", "--type", "merge", "-p",
              R"({"spec":{"replicas":3}})"},
             {{"drifted", "Prometheus", "monitoring/k8s", "spec.replicas", "kubectl-patch"}}},
            {"Secret data",
             {"patch", "-n", "monitoring", "secret", "alertmanager-main", "-p",
              R"({"stringData":{"alertmanager.yaml":"route: {receiver: 'null'}"}})"},
             {{"drifted", "Secret", "monitoring/alertmanager-main", "data[\"alertmanager.yaml\"]",
               "kubectl-patch"}}},
            {"a Role of the RoleList",
             {"label", "-n", "default", "role", "prometheus-k8s", "team=sre"},
             {{"drifted", "Role", "default/prometheus-k8s", "metadata.labels.team", "kubectl-label"}}},
        };
        checkChanges(*c, changes);
    }

    void argoCdChangesAreFoundExactly()
    {
        auto c = cluster(QStringLiteral("argo-cd-manifests"), {QStringLiteral("manifests/install.yaml")});
        QVERIFY(c);
        const QList<Change> changes{
            {"scale a StatefulSet",
             {"scale", "statefulset/argocd-application-controller", "--replicas=2"},
             {{"drifted", "StatefulSet", "default/argocd-application-controller", "spec.replicas",
               "kubectl"}}},
            {"merge patch",
             {"patch", "configmap", "argocd-cmd-params-cm", "--type", "merge", "-p",
              R"({"data":{"server.insecure":"true"}})"},
             {{"drifted", "ConfigMap", "default/argocd-cmd-params-cm", "data[\"server.insecure\"]",
               "kubectl-patch"}}},
            {"delete",
             {"delete", "networkpolicy", "argocd-redis-network-policy"},
             {{"missing", "NetworkPolicy", "default/argocd-redis-network-policy", {}, {}}}},
        };
        checkChanges(*c, changes);
    }

    void fluxProductionChangesAreFoundExactly()
    {
        auto c = fluxCluster();
        QVERIFY(c);
        const QString patch = QStringLiteral("kubectl-patch");
        const QList<Change> changes{
            // Benign first (a reconcile would undo the changes below): kustomize-controller applying
            // the unchanged unit again, `flux reconcile`'s request, a status write.
            {"a reconcile of infra-controllers",
             {"apply", "--server-side", "--field-manager=kustomize-controller", "-f",
              c->scratch->filePath(QStringLiteral("units/infra-controllers/rendered.yaml"))},
             {}},
            {"flux reconcile",
             {"annotate", "-n", "flux-system", "kustomization", "infra-controllers",
              "reconcile.fluxcd.io/requestedAt=2026-12-02T17:00:00Z", "--field-manager=flux"},
             {}},
            {"a status write",
             {"patch", "-n", "flux-system", "kustomization", "infra-configs", "--subresource=status",
              "--type", "merge", "-p", R"({"status":{"lastAppliedRevision":"main@sha1:4f1a5b1051b4"}})"},
             {}},
            // `flux suspend kustomization apps` as the Flux CLI sends it (manager "flux").
            {"flux suspend",
             {"patch", "-n", "flux-system", "kustomization", "apps", "--type", "merge", "-p",
              R"({"spec":{"suspend":true}})", "--field-manager=flux"},
             {{"drifted", "Kustomization", "flux-system/apps", "spec.suspend", "flux"}}},
            {"merge patch of HelmRelease values",
             {"patch", "-n", "podinfo", "helmrelease", "podinfo", "--type", "merge", "-p",
              R"({"spec":{"values":{"redis":{"tag":"8.6.3"}}}})"},
             {{"drifted", "HelmRelease", "podinfo/podinfo", "spec.values.redis.tag", patch}}},
            {"json patch",
             {"patch", "-n", "envoy-gateway-system", "ocirepository", "gateway-helm", "--type", "json", "-p",
              R"([{"op":"replace","path":"/spec/ref/semver","value":"1.7.0"}])"},
             {{"drifted", "OCIRepository", "envoy-gateway-system/gateway-helm", "spec.ref.semver", patch}}},
            {"what Flux's spec.patches set, undone",
             {"patch", "clusterissuer", "letsencrypt", "--type", "merge", "-p",
              // (an ordinary string: Qt 6.4's moc reads the "//" of a raw string as a comment)
              "{\"spec\":{\"acme\":{\"server\":\"https://acme-staging-v02.api.letsencrypt.org/"
              "directory\"}}}"},
             {{"drifted", "ClusterIssuer", "letsencrypt", "spec.acme.server", patch}}},
            {"label",
             {"label", "namespace", "podinfo", "owner=me"},
             {{"drifted", "Namespace", "podinfo", "metadata.labels.owner", "kubectl-label"}}},
            {"edit through KUBE_EDITOR",
             {"edit", "-n", "envoy-gateway-system", "helmrelease", "envoy-gateway"},
             {{"drifted", "HelmRelease", "envoy-gateway-system/envoy-gateway", "spec.interval",
               "kubectl-edit"}},
             {},
             "sed -i 's/interval: 12h/interval: 1h/' \"$1\""},
            {"delete",
             {"delete", "-n", "envoy-gateway-system", "gateway", "envoy"},
             {{"missing", "Gateway", "envoy-gateway-system/envoy", {}, {}}}},
            {"create, with the labels kustomize-controller sets",
             {"create", "-f", "@FILE"},
             {{"extra", "HelmRelease", "podinfo/debug", {}, {}}},
             "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: debug\n  "
             "namespace: "
             "podinfo\n  labels: {kustomize.toolkit.fluxcd.io/name: apps, "
             "kustomize.toolkit.fluxcd.io/namespace: "
             "flux-system}\nspec: {interval: 1m, chart: {spec: {chart: podinfo, sourceRef: {kind: "
             "HelmRepository, "
             "name: podinfo}}}}\n"},
        };
        checkChanges(*c, changes);
        // The suspension is named for what it is.
        const QJsonObject report = drift(*c);
        bool named = false;
        for (const QJsonValue& v : report.value(u"resources").toArray())
            for (const QJsonValue& f : v.toObject().value(u"fields").toArray())
                named |= f.toObject().value(u"note").toString().startsWith(u"flux suspend");
        QVERIFY(named);
    }

    void cleanupTestCase()
    {
        qInfo("corpus: %d changes made with kubectl to be found, %d found, %d missed, %d false positives",
              m_changes, m_found, m_misses, m_falsePositives);
        for (const auto& c : std::as_const(m_clusters))
            c->server->stop();
    }
};

QTEST_GUILESS_MAIN(TestDriftCorpus)
#include "tst_drift_corpus.moc"
