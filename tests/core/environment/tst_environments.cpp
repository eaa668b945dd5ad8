// Layout detection and rendering on the real repositories of shared/fixtures (Jenkins X, Flux,
// Argo CD), through core/environment, and what drift and the change sets read through it.
#include "core/diff/change_set.h"
#include "core/drift/desired_state.h"
#include "core/environment/render.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using namespace shiplog::core::environment;

namespace {

QStringList namesOf(const Environments& environments)
{
    QStringList names;
    for (const Environment& e : environments.environments)
        names << e.name;
    return names;
}

const Unit* unitNamed(const Environment& env, const QString& name)
{
    for (const Unit& u : env.units)
        if (u.name == name)
            return &u;
    return nullptr;
}

const RenderedResource* findResource(const RenderedEnvironment& env, const QString& kind, const QString& name)
{
    for (const RenderedResource& r : env.resources)
        if (r.resource.key.kind == kind && r.resource.key.name == name)
            return &r;
    return nullptr;
}

// The dotted paths of every leaf where two JSON values differ ("spec.values.httpRoute.hostnames").
void differingPaths(const QJsonValue& a, const QJsonValue& b, const QString& at, QStringList& out)
{
    if (a.isObject() && b.isObject()) {
        QSet<QString> keys;
        for (const QString& k : a.toObject().keys())
            keys.insert(k);
        for (const QString& k : b.toObject().keys())
            keys.insert(k);
        for (const QString& k : keys)
            differingPaths(a.toObject().value(k), b.toObject().value(k), at.isEmpty() ? k : at + u'.' + k,
                           out);
        return;
    }
    if (a != b)
        out << at;
}

// Leaf paths a patch document sets (its own identity excluded).
void leafPaths(const QJsonValue& v, const QString& at, QStringList& out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            leafPaths(it.value(), at.isEmpty() ? it.key() : at + u'.' + it.key(), out);
        return;
    }
    out << at;
}

} // namespace

class TestEnvironments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_jx, m_flux, m_argo;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_jx = m_dir.filePath(QStringLiteral("jx3-eagle"));
        m_flux = m_dir.filePath(QStringLiteral("flux"));
        m_argo = m_dir.filePath(QStringLiteral("argo"));
    }

    // --- Jenkins X -----------------------------------------------------------------------------

    void jenkinsXEnvironmentsAreConfigRootNamespaces()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), m_jx));
        auto detected = detectEnvironments(m_jx);
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::JenkinsX);
        const QStringList names = namesOf(*detected);
        // dev, staging and production from jx-requirements.yml, then the other namespace folders.
        QCOMPARE(names.mid(0, 3), (QStringList{"jx", "jx-staging", "jx-production"}));
        for (const char* ns : {"cert-manager", "nginx", "secret-infra", "tekton-pipelines", "tf-system"})
            QVERIFY2(names.contains(QLatin1String(ns)), ns);
        const Environment* staging = detected->find(QStringLiteral("jx-staging"));
        QVERIFY(staging);
        QCOMPARE(staging->units.size(), 1);
        QCOMPARE(staging->units.first().paths, QStringList{"config-root/namespaces/jx-staging"});
        QCOMPARE(staging->units.first().namespaceName, QStringLiteral("jx-staging"));
        QCOMPARE(staging->definition, QStringLiteral("jx-requirements.yml"));
    }

    void jenkinsXRendersNothingOutsideConfigRoot()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        auto rendered = renderEnvironments(m_jx, {});
        QVERIFY2(rendered, test::why(rendered));
        int total = 0;
        bool sawNamespaceJx = false;
        for (const RenderedEnvironment& env : *rendered) {
            QVERIFY2(env.failedUnits.isEmpty(), qPrintable(env.environment.name));
            total += int(env.resources.size());
            QCOMPARE(env.environment.resources, int(env.resources.size()));
            for (const RenderedResource& r : env.resources) {
                QVERIFY2(r.sources.value(0).startsWith(QLatin1String("config-root/")),
                         qPrintable(r.sources.value(0)));
                if (r.resource.key.kind == u"Namespace" && r.resource.key.name == u"jx") {
                    sawNamespaceJx = true;
                    QCOMPARE(r.sources.value(0), QStringLiteral("config-root/cluster/namespaces/jx.yaml"));
                }
            }
            // The namespace folders' resources are in their namespace.
            if (env.environment.name == u"jx-staging")
                for (const RenderedResource& r : env.resources)
                    QCOMPARE(r.resource.key.namespaceName, QStringLiteral("jx-staging"));
        }
        QVERIFY(sawNamespaceJx);
        QVERIFY2(total > 300, qPrintable(QString::number(total)));
    }

    void jenkinsXDriftReadsOnlyConfigRoot()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        // The whole-repository read of before took charts/bots/templates/bdd-bot.yaml's
        // ServiceAccount default/bdd-bot (a Helm template nothing applies) as desired.
        auto desired = core::drift::loadDesiredState(m_jx);
        QVERIFY2(desired, test::why(desired));
        QVERIFY(desired->objects.size() > 300);
        for (const QJsonObject& o : desired->objects) {
            const QJsonObject meta = o.value(u"metadata").toObject();
            QVERIFY2(!(o.value(u"kind").toString() == u"ServiceAccount" &&
                       meta.value(u"name").toString() == u"bdd-bot" &&
                       meta.value(u"namespace").toString() == u"default"),
                     "charts/bots/templates/bdd-bot.yaml was read as desired state");
        }
        auto staging = core::drift::loadDesiredState(m_jx, {}, {}, QStringLiteral("jx-staging"));
        QVERIFY2(staging, test::why(staging));
        QVERIFY(!staging->objects.isEmpty());
        for (const QJsonObject& o : staging->objects)
            QCOMPARE(o.value(u"metadata").toObject().value(u"namespace").toString(),
                     QStringLiteral("jx-staging"));
        QVERIFY(!core::drift::loadDesiredState(m_jx, {}, {}, QStringLiteral("nowhere")));
    }

    void jenkinsXChangesStayInConfigRoot()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        auto repo = core::git::Repository::open(m_jx);
        QVERIFY(repo);
        // Recent commits touching versionStream/ or charts/: read as files, some of them change
        // resources there (the test can fail); read through the environments, none does.
        const QStringList candidates =
            QString::fromUtf8(test::run(QStringLiteral("git"),
                                        {"log", "-n", "60", "--format=%H", "--", "versionStream", "charts"},
                                        m_jx)
                                  .out)
                .split(u'\n', Qt::SkipEmptyParts);
        QStringList commits;
        core::diff::ChangeSetOptions files;
        files.details = false;
        for (const QString& commit : candidates) {
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit, 1, files,
                                                              core::manifest::ParseCache::shared());
            QVERIFY(set);
            for (const core::diff::ResourceChange& c : set->resources)
                if (!c.newPath.startsWith(QLatin1String("config-root/")) &&
                    !c.oldPath.startsWith(QLatin1String("config-root/"))) {
                    commits << commit;
                    break;
                }
            if (commits.size() == 4)
                break;
        }
        QVERIFY2(!commits.isEmpty(), "no recent commit changes resources outside config-root/");
        core::diff::ChangeSetOptions options;
        options.byEnvironment = true;
        int changes = 0;
        for (const QString& commit : commits) {
            auto set = core::diff::computeChangeSetOfRevision(*repo, commit, 1, options,
                                                              core::manifest::ParseCache::shared());
            QVERIFY2(set, test::why(set));
            for (const core::diff::ResourceChange& c : set->resources) {
                ++changes;
                QVERIFY(!c.environment.isEmpty());
                for (const QString& path : {c.oldPath, c.newPath})
                    QVERIFY2(path.isEmpty() || path.startsWith(QLatin1String("config-root/")),
                             qPrintable(path));
            }
        }
        Q_UNUSED(changes);
    }

    // --- Flux ----------------------------------------------------------------------------------

    void fluxEnvironmentsAreClusters()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        QVERIFY(test::cloneFixture(QStringLiteral("flux2-kustomize-helm-example"), m_flux));
        auto detected = detectEnvironments(m_flux);
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::Flux);
        QCOMPARE(namesOf(*detected), (QStringList{"production", "staging"}));
        for (const QString& name : {QStringLiteral("staging"), QStringLiteral("production")}) {
            const Environment* env = detected->find(name);
            QCOMPARE(env->cluster, QStringLiteral("clusters/") + name);
            const Unit* apps = unitNamed(*env, QStringLiteral("apps"));
            QVERIFY(apps);
            // ExternalArtifact "apps", path ./<name>: the ArtifactGenerator copies apps/<name>/** there.
            QCOMPARE(apps->paths.first(), QStringLiteral("apps/") + name);
            QVERIFY(apps->paths.contains(QStringLiteral("apps/base/podinfo")));
            QCOMPARE(apps->definition, QStringLiteral("clusters/%1/apps.yaml").arg(name));
            QVERIFY(unitNamed(*env, QStringLiteral("infra-controllers")));
            QCOMPARE(unitNamed(*env, QStringLiteral("infra-configs"))->paths.first(),
                     QStringLiteral("infrastructure/configs"));
            QVERIFY2(env->errors.isEmpty(), qPrintable(env->errors.value(0).message));
        }
    }

    void fluxOverlaysDifferExactlyInTheirPatches()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        auto staging = renderEnvironment(m_flux, {}, QStringLiteral("staging"));
        QVERIFY2(staging, test::why(staging));
        auto production = renderEnvironment(m_flux, {}, QStringLiteral("production"));
        QVERIFY2(production, test::why(production));
        QVERIFY2(staging->failedUnits.isEmpty(), qPrintable(staging->errors.value(0).message));
        QVERIFY2(production->failedUnits.isEmpty(), qPrintable(production->errors.value(0).message));
        const RenderedResource* a =
            findResource(*staging, QStringLiteral("HelmRelease"), QStringLiteral("podinfo"));
        const RenderedResource* b =
            findResource(*production, QStringLiteral("HelmRelease"), QStringLiteral("podinfo"));
        QVERIFY(a && b);
        QCOMPARE(a->resource.key.namespaceName, QStringLiteral("podinfo"));
        // Provenance: the base file, and the overlay's patch.
        QCOMPARE(a->sources.value(0), QStringLiteral("apps/base/podinfo/release.yaml"));
        QVERIFY(a->sources.contains(QStringLiteral("apps/staging/podinfo-values.yaml")));
        QVERIFY(b->sources.contains(QStringLiteral("apps/production/podinfo-values.yaml")));
        QVERIFY(!a->resource.object.value(u"metadata")
                     .toObject()
                     .value(u"annotations")
                     .toObject()
                     .contains(u"config.kubernetes.io/origin"));
        QStringList differ;
        differingPaths(a->resource.object, b->resource.object, {}, differ);
        QVERIFY(!differ.isEmpty());
        // Every differing field is one an overlay patch sets.
        QStringList patched;
        for (const QString& overlay : {QStringLiteral("staging"), QStringLiteral("production")}) {
            QFile f(m_flux + QStringLiteral("/apps/%1/podinfo-values.yaml").arg(overlay));
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto repo = core::git::Repository::open(m_flux);
            const auto parsed = core::manifest::ParseCache::shared().get(
                *repo, *core::git::ObjectId::fromString(QString::fromUtf8(
                           test::run(QStringLiteral("git"),
                                     {"rev-parse", "HEAD:apps/" + overlay + "/podinfo-values.yaml"}, m_flux)
                               .out.trimmed())));
            QVERIFY(!parsed->resources.isEmpty());
            leafPaths(parsed->resources.first().object.value(u"spec"), QStringLiteral("spec"), patched);
        }
        for (const QString& path : differ)
            QVERIFY2(std::any_of(patched.cbegin(), patched.cend(),
                                 [&](const QString& p) {
                                     return path == p || path.startsWith(p + u'.') ||
                                            p.startsWith(path + u'.');
                                 }),
                     qPrintable(path + QStringLiteral(" differs but no overlay patches it")));
        QVERIFY(differ.contains(QStringLiteral("spec.values.httpRoute.hostnames")));
        QVERIFY(differ.contains(QStringLiteral("spec.chart.spec.version")));
        // The rest of the environment: infrastructure objects of a flux-system Kustomization without
        // metadata.namespace are not cluster-scoped.
        for (const RenderedResource& r : staging->resources)
            if (r.resource.key.namespaceName.isEmpty())
                QVERIFY2(
                    QStringList({"Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
                                 "ClusterIssuer", "GatewayClass", "ValidatingWebhookConfiguration",
                                 "MutatingWebhookConfiguration", "PriorityClass"})
                        .contains(r.resource.key.kind),
                    qPrintable(r.resource.key.displayName()));
    }

    void fluxOlderLayoutReadsTheGitRepositoryPath()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        // Before the ArtifactGenerator, apps pointed at the flux-system GitRepository: ./apps/staging.
        const QString old = QString::fromUtf8(test::run(QStringLiteral("git"),
                                                        {"log", "-n", "1", "-S", "./apps/staging",
                                                         "--format=%H", "--", "clusters/staging/apps.yaml"},
                                                        m_flux)
                                                  .out.trimmed());
        QVERIFY(!old.isEmpty());
        auto detected = detectEnvironments(m_flux, old);
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::Flux);
        const Environment* staging = detected->find(QStringLiteral("staging"));
        QVERIFY(staging);
        QCOMPARE(unitNamed(*staging, QStringLiteral("apps"))->paths.first(), QStringLiteral("apps/staging"));
    }

    void argoApplicationSetGeneratorsGiveEnvironments()
    {
        test::ScratchRepo repo;
        repo.git({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                  QStringLiteral("ssh://git@example.com/team/deploy.git")});
        repo.write(QStringLiteral("apps/web/deployment.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n");
        repo.write(QStringLiteral("apps/api/deployment.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n");
        repo.write(QStringLiteral("apps/skip/deployment.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: skip\nspec:\n  replicas: 1\n");
        // A list generator naming two clusters, and a git-directory generator over apps/*.
        repo.write(
            QStringLiteral("argocd/web.yaml"),
            "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: web\nspec:\n"
            "  generators:\n  - list:\n      elements:\n      - cluster: staging\n        ns: web-staging\n"
            "      - cluster: production\n        ns: web\n  template:\n    metadata:\n      name: "
            "'web-{{cluster}}'\n"
            "    spec:\n      destination:\n        name: '{{cluster}}'\n        namespace: '{{ns}}'\n"
            "      source:\n        repoURL: https://example.com/team/deploy\n        path: apps/web\n");
        repo.write(
            QStringLiteral("argocd/all.yaml"),
            "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: all\nspec:\n"
            "  generators:\n  - git:\n      repoURL: git@example.com:team/deploy.git\n      directories:\n"
            "      - path: apps/*\n      - path: apps/skip\n        exclude: true\n  template:\n"
            "    metadata:\n      name: '{{.path.basename}}'\n    spec:\n      destination:\n"
            "        name: dev\n        namespace: '{{.path.basename}}'\n      source:\n"
            "        repoURL: git@example.com:team/deploy.git\n        path: '{{.path.path}}'\n");
        repo.commit(QStringLiteral("application sets"));
        auto detected = detectEnvironments(repo.path());
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::ArgoCd);
        QStringList names = namesOf(*detected);
        names.sort();
        QCOMPARE(names, (QStringList{"dev", "production", "staging"}));
        const Environment* dev = detected->find(QStringLiteral("dev"));
        QStringList units;
        for (const Unit& u : dev->units)
            units << u.name + u'@' + u.paths.value(0) + u'@' + u.namespaceName;
        units.sort();
        QCOMPARE(units, (QStringList{"api@apps/api@api", "web@apps/web@web"}));
        auto staging = renderEnvironment(repo.path(), {}, QStringLiteral("staging"));
        QVERIFY2(staging, test::why(staging));
        QCOMPARE(staging->resources.size(), 1);
        QCOMPARE(staging->resources.first().resource.key.displayName(),
                 QStringLiteral("apps/Deployment web-staging/web"));
        QCOMPARE(staging->resources.first().unit, QStringLiteral("web-staging"));
    }

    // --- Flux postBuild ------------------------------------------------------------------------

    void fluxSubstitutesVariables()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("clusters/lab/flux-system/gotk-sync.yaml"), "# flux bootstrap\n");
        repo.write(
            QStringLiteral("clusters/lab/apps.yaml"),
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n"
            "  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
            "  path: ./apps\n  targetNamespace: lab\n  namePrefix: lab-\n  postBuild:\n    substitute:\n"
            "      domain: lab.example.com\n    substituteFrom:\n    - kind: ConfigMap\n      name: "
            "cluster-vars\n"
            "    - kind: Secret\n      name: cluster-secrets\n");
        repo.write(
            QStringLiteral("clusters/lab/vars.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-vars\n  namespace: flux-system\n"
            "data:\n  replicas: \"3\"\n  domain: overridden.example.com\n");
        repo.write(QStringLiteral("apps/web.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  host: web.${domain}\n"
                   "  replicas: \"${replicas}\"\n  region: ${region:=eu}\n  token: ${api_token}\n");
        repo.write(
            QStringLiteral("clusters/lab/tools.yaml"),
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: tools\n"
            "  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
            "  path: ./tools\n  postBuild:\n    substitute:\n      team: ops\n");
        repo.write(QStringLiteral("tools/cm.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tools\ndata:\n"
                   "  team: ${team}\n  region: ${region:=eu}\n  unset: \"x${nothing}\"\n");
        repo.commit(QStringLiteral("lab"));
        auto lab = renderEnvironment(repo.path(), {}, QStringLiteral("lab"));
        QVERIFY2(lab, test::why(lab));
        QVERIFY2(lab->failedUnits.isEmpty(), qPrintable(lab->errors.value(0).message));
        const RenderedResource* web =
            findResource(*lab, QStringLiteral("ConfigMap"), QStringLiteral("lab-web"));
        QVERIFY(web);
        QCOMPARE(web->resource.key.namespaceName, QStringLiteral("lab"));
        const QJsonObject data = web->resource.object.value(u"data").toObject();
        QCOMPARE(data.value(u"host").toString(), QStringLiteral("web.lab.example.com")); // substitute wins
        // From the ConfigMap; kustomize writes the placeholder unquoted, so the value reads as a number (as
        // under Flux).
        QCOMPARE(data.value(u"replicas").toVariant().toString(), QStringLiteral("3"));
        // A Secret may define it: with one among the sources, a variable git does not know stays as written.
        QCOMPARE(data.value(u"region").toString(), QStringLiteral("${region:=eu}"));
        QCOMPARE(data.value(u"token").toString(), QStringLiteral("${api_token}")); // a Secret's: not in git
        QVERIFY(std::any_of(lab->errors.cbegin(), lab->errors.cend(), [](const EnvironmentError& e) {
            return e.path == u"clusters/lab/apps.yaml" &&
                   e.message.contains(QLatin1String("cluster-secrets"));
        }));
        QCOMPARE(web->sources, QStringList{"apps/web.yaml"});
        // Without Secrets among the sources: defaults apply, unknown variables become empty (as Flux).
        const RenderedResource* tools =
            findResource(*lab, QStringLiteral("ConfigMap"), QStringLiteral("tools"));
        QVERIFY(tools);
        QCOMPARE(tools->resource.key.namespaceName, QStringLiteral("flux-system")); // the Kustomization's own
        const QJsonObject toolsData = tools->resource.object.value(u"data").toObject();
        QCOMPARE(toolsData.value(u"team").toString(), QStringLiteral("ops"));
        QCOMPARE(toolsData.value(u"region").toString(), QStringLiteral("eu"));
        QCOMPARE(toolsData.value(u"unset").toString(), QStringLiteral("x"));
    }

    // --- Helm, when helm is on PATH -------------------------------------------------------------

    void argoHelmSourceRendersWithHelmOnPath()
    {
        // helm is not installed here: a stand-in that records how it was called and prints what
        // `helm template` prints (a "# Source:" line above each document).
        QTemporaryDir bin;
        const QString args = bin.filePath(QStringLiteral("args"));
        {
            QFile helm(bin.filePath(QStringLiteral("helm")));
            QVERIFY(helm.open(QIODevice::WriteOnly));
            helm.write(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + args.toUtf8() +
                "\ntest -f \"$3/Chart.yaml\" || { echo \"no chart at $3\" >&2; exit 1; }\n"
                "printf -- '---\\n# Source: web/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\n"
                "metadata:\\n  name: %s-settings\\n' \"$2\"\n");
        }
        QFile::setPermissions(bin.filePath(QStringLiteral("helm")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        test::ScratchRepo repo;
        repo.git({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                  QStringLiteral("https://example.com/team/deploy.git")});
        repo.write(QStringLiteral("charts/web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
        repo.write(QStringLiteral("charts/web/templates/cm.yaml"),
                   "kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
        repo.write(QStringLiteral("values/prod.yaml"), "replicas: 3\n");
        repo.write(QStringLiteral("argocd/web.yaml"),
                   "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n"
                   "  destination:\n    namespace: shop\n    name: prod\n  source:\n"
                   "    repoURL: git@example.com:team/deploy\n    path: charts/web\n    helm:\n"
                   "      releaseName: shop-web\n      valueFiles: [../../values/prod.yaml]\n");
        repo.commit(QStringLiteral("chart"));

        auto without = renderEnvironment(repo.path(), {}, QStringLiteral("prod"));
        QVERIFY2(without, test::why(without));
        QVERIFY(without->resources.isEmpty());
        QVERIFY(std::any_of(without->errors.cbegin(), without->errors.cend(), [](const EnvironmentError& e) {
            return e.message.contains(QLatin1String("helm not found"));
        }));

        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.path().toUtf8() + ':' + path);
        auto with = renderEnvironment(repo.path(), {}, QStringLiteral("prod"));
        qputenv("PATH", path);
        QVERIFY2(with, test::why(with));
        QVERIFY2(with->failedUnits.isEmpty(), qPrintable(with->errors.value(0).message));
        QCOMPARE(with->resources.size(), 1);
        const RenderedResource& r = with->resources.first();
        QCOMPARE(r.resource.key.displayName(), QStringLiteral("ConfigMap shop/shop-web-settings"));
        QCOMPARE(r.sources, QStringList{"charts/web/templates/cm.yaml"});
        QFile called(args);
        QVERIFY(called.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(called.readAll()).split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{"template", "shop-web", "repo/charts/web", "--namespace", "shop", "--values",
                              "repo/values/prod.yaml"}));
        QCOMPARE(repo.git({QStringLiteral("status"), QStringLiteral("--porcelain")}), QByteArray());
    }

    // --- .shiplog.yaml --------------------------------------------------------------------------

    void shiplogYamlOverridesDetection()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("base/deployment.yaml"),
                   "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n");
        repo.write(QStringLiteral("base/kustomization.yaml"), "resources:\n  - deployment.yaml\n");
        repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                   "resources:\n  - ../../base\nnamePrefix: s-\n");
        repo.write(
            QStringLiteral("plain/role.yaml"),
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n---\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        repo.commit(QStringLiteral("layout"));
        // Without a declaration: kustomize roots (the base is included by the overlay).
        auto detected = detectEnvironments(repo.path());
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::Kustomize);
        QCOMPARE(namesOf(*detected), QStringList{"overlays/staging"});

        repo.write(QStringLiteral(".shiplog.yaml"),
                   "environments:\n  - name: staging\n    paths: [overlays/staging, plain]\n"
                   "    namespace: shop-staging\n    context: kind-staging\n");
        repo.commit(QStringLiteral("declare"));
        detected = detectEnvironments(repo.path());
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::Config);
        QCOMPARE(namesOf(*detected), QStringList{"staging"});
        QCOMPARE(detected->environments.first().context, QStringLiteral("kind-staging"));
        auto rendered = renderEnvironment(repo.path(), {}, QStringLiteral("staging"));
        QVERIFY2(rendered, test::why(rendered));
        QVERIFY(rendered->failedUnits.isEmpty());
        QStringList keys;
        for (const RenderedResource& r : rendered->resources)
            keys << r.resource.key.displayName();
        keys.sort();
        // The namespace goes to namespaced objects without one, never to a ClusterRole.
        QCOMPARE(keys, (QStringList{"ConfigMap shop-staging/settings", "apps/Deployment shop-staging/s-web",
                                    "rbac.authorization.k8s.io/ClusterRole reader"}));
    }

    // --- Argo CD -------------------------------------------------------------------------------

    void argoApplicationsGroupByDestination()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("argocd-example-apps"));
        QVERIFY(test::cloneFixture(QStringLiteral("argocd-example-apps"), m_argo));
        // The clone's remote is the bundle; the Applications name the GitHub repository.
        test::run(QStringLiteral("git"),
                  {"remote", "set-url", "origin", "https://github.com/argoproj/argocd-example-apps.git"},
                  m_argo);
        // The app-of-apps chart (apps/) needs helm, which is not here: its Applications as
        // `helm template apps` writes them for three of its entries, plus one of another repository.
        QFile apps(m_argo + QStringLiteral("/argocd/applications.yaml"));
        QVERIFY(QDir(m_argo).mkpath(QStringLiteral("argocd")));
        QVERIFY(apps.open(QIODevice::WriteOnly));
        QByteArray text;
        for (const char* name : {"guestbook", "kustomize-guestbook", "helm-guestbook"})
            text +=
                QByteArray("---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ") +
                name + "\n  namespace: argocd\nspec:\n  destination:\n    namespace: " + name +
                "\n    server: https://kubernetes.default.svc\n  project: default\n  source:\n    path: " +
                name +
                "\n    repoURL: https://github.com/argoproj/argocd-example-apps\n    targetRevision: "
                "master\n";
        text +=
            "---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: elsewhere\nspec:\n"
            "  destination:\n    namespace: other\n    server: https://kubernetes.default.svc\n  source:\n"
            "    path: deploy\n    repoURL: git@github.com:example/other.git\n";
        apps.write(text);
        apps.close();
        test::run(QStringLiteral("git"), {"add", "-A"}, m_argo, test::ScratchRepo::gitEnvironment());
        QCOMPARE(test::run(QStringLiteral("git"),
                           {"-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit", "-q", "-m",
                            "Applications"},
                           m_argo, test::ScratchRepo::gitEnvironment())
                     .exitCode,
                 0);

        auto detected = detectEnvironments(m_argo);
        QVERIFY2(detected, test::why(detected));
        QCOMPARE(detected->layout, Layout::ArgoCd);
        QCOMPARE(namesOf(*detected), QStringList{"in-cluster"});
        const Environment& env = detected->environments.first();
        const Unit* guestbook = unitNamed(env, QStringLiteral("guestbook"));
        const Unit* kustomized = unitNamed(env, QStringLiteral("kustomize-guestbook"));
        const Unit* helm = unitNamed(env, QStringLiteral("helm-guestbook"));
        const Unit* other = unitNamed(env, QStringLiteral("elsewhere"));
        QVERIFY(guestbook && kustomized && helm && other);
        QCOMPARE(guestbook->namespaceName, QStringLiteral("guestbook"));
        QVERIFY(!guestbook->kustomize);
        QVERIFY(kustomized->kustomize);
        QVERIFY(helm->helm);
        QCOMPARE(other->source, QStringLiteral("git@github.com:example/other.git"));
        QVERIFY(std::any_of(env.errors.cbegin(), env.errors.cend(), [](const EnvironmentError& e) {
            return e.message.contains(QLatin1String("helm-guestbook")) &&
                   e.message.contains(QLatin1String("helm not found")) &&
                   e.path == u"helm-guestbook/Chart.yaml";
        }));

        auto rendered = renderEnvironment(m_argo, {}, QStringLiteral("in-cluster"));
        QVERIFY2(rendered, test::why(rendered));
        QVERIFY(rendered->failedUnits.isEmpty());
        int inGuestbook = 0, inKustomize = 0;
        for (const RenderedResource& r : rendered->resources) {
            if (r.unit == u"guestbook") {
                ++inGuestbook;
                QCOMPARE(r.resource.key.namespaceName, QStringLiteral("guestbook"));
            } else if (r.unit == u"kustomize-guestbook") {
                ++inKustomize;
                QCOMPARE(r.resource.key.namespaceName, QStringLiteral("kustomize-guestbook"));
                QVERIFY(r.sources.value(0).startsWith(QLatin1String("kustomize-guestbook/")));
            }
        }
        QCOMPARE(inGuestbook, 2);
        QCOMPARE(inKustomize, 2);
        QCOMPARE(unitNamed(rendered->environment, QStringLiteral("helm-guestbook"))->resources, 0);
    }
};

QTEST_GUILESS_MAIN(TestEnvironments)
#include "tst_environments.moc"
