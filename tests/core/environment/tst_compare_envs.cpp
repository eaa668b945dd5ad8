// Environment A vs B: the match and field diff on hand-made rendered environments, then on real
// repositories — jx3-eagle's jx-staging vs jx-production (counts from the files themselves), and the
// Flux example's staging vs production (the podinfo HelmRelease differs exactly in what the
// overlays patch).
#include "core/environment/compare.h"
#include "core/manifest/manifest_parser.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <yaml-cpp/yaml.h>

using namespace shiplog;
using core::environment::CompareStatus;
using core::environment::RenderedEnvironment;
using core::environment::RenderedResource;

namespace {

RenderedResource rendered(const QByteArray& yaml, const QString& source)
{
    auto parsed = core::manifest::parseManifest(yaml);
    Q_ASSERT(!parsed.resources.isEmpty());
    return RenderedResource{parsed.resources.first(), QStringLiteral("unit"), {source}};
}

QByteArray deployment(const QByteArray& ns, const QByteArray& name, const QByteArray& image, int replicas)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
           "\nspec:\n  replicas: " + QByteArray::number(replicas) +
           "\n  template:\n    spec:\n      containers:\n      - name: web\n        image: " + image + "\n";
}

// (group/kind/name) of every document of the YAML files under `folder`, read with yaml-cpp.
QSet<QString> identitiesUnder(const QString& folder)
{
    QSet<QString> ids;
    QDirIterator it(folder, {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const YAML::Node& doc : YAML::LoadAll(file.readAll().toStdString())) {
            if (!doc.IsMap() || !doc["kind"])
                continue;
            const QString apiVersion = QString::fromStdString(doc["apiVersion"].as<std::string>());
            const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
            ids.insert(group + u'/' + QString::fromStdString(doc["kind"].as<std::string>()) + u'/' +
                       QString::fromStdString(doc["metadata"]["name"].as<std::string>()));
        }
    }
    return ids;
}

QString identity(const core::environment::ResourceComparison& r)
{
    return r.group + u'/' + r.kind + u'/' + r.name;
}

// Leaf paths of a YAML node as diffFields writes them ("spec.values.httpRoute.hostnames[0]").
void leaves(const YAML::Node& node, const QString& path, QStringList& out)
{
    if (node.IsMap()) {
        for (const auto& kv : node)
            leaves(kv.second,
                   path.isEmpty() ? QString::fromStdString(kv.first.as<std::string>())
                                  : path + u'.' + QString::fromStdString(kv.first.as<std::string>()),
                   out);
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            leaves(node[i], path + QStringLiteral("[%1]").arg(i), out);
    } else {
        out.append(path);
    }
}

bool covers(const QString& field, const QString& leaf)
{
    return leaf == field || leaf.startsWith(field + u'.') || leaf.startsWith(field + u'[');
}

} // namespace

class TestCompareEnvs : public QObject
{
    Q_OBJECT

private slots:
    void matchesAcrossMappedNamespaces()
    {
        RenderedEnvironment staging;
        staging.environment.name = QStringLiteral("jx-staging");
        staging.resources = {
            rendered(deployment("jx-staging", "payments", "acme/payments:1.5.0", 2), "s/p.yaml"),
            rendered(deployment("jx-staging", "ledger", "acme/ledger:0.10.0", 1), "s/l.yaml"),
            rendered(deployment("jx-staging", "checkout", "acme/checkout:2.8.1", 1), "s/c.yaml"),
            rendered(deployment("shared", "gateway", "acme/gw:1", 1), "s/g.yaml"),
            rendered("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: urls\n  namespace: "
                     "jx-staging\ndata:\n  URL: http://payments.jx-staging.svc\n  LEVEL: debug\n",
                     "s/u.yaml")};
        RenderedEnvironment production;
        production.environment.name = QStringLiteral("jx-production");
        production.resources = {
            rendered(deployment("jx-production", "payments", "acme/payments:1.5.0", 2), "p/p.yaml"),
            rendered(deployment("jx-production", "ledger", "acme/ledger:0.9.3", 3), "p/l.yaml"),
            rendered(deployment("jx-production", "fraud", "acme/fraud:1", 1), "p/f.yaml"),
            rendered(deployment("shared", "gateway", "acme/gw:1", 1), "p/g.yaml"),
            rendered("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: urls\n  namespace: "
                     "jx-production\ndata:\n  URL: http://payments.jx-production.svc\n  LEVEL: info\n",
                     "p/u.yaml")};

        const auto c = core::environment::compareRendered(staging, production);
        QCOMPARE(c.a, QStringLiteral("jx-staging"));
        QCOMPARE(c.resources.size(), 6);
        QCOMPARE(c.count(CompareStatus::Same), 2); // payments (namespace mapped), gateway (same namespace)
        QCOMPARE(c.count(CompareStatus::Differs), 2);
        QCOMPARE(c.count(CompareStatus::OnlyA), 1);
        QCOMPARE(c.count(CompareStatus::OnlyB), 1);
        for (const auto& r : c.resources) {
            if (r.name == u"ledger") {
                QCOMPARE(r.status, CompareStatus::Differs);
                QCOMPARE(r.namespaceA, QStringLiteral("jx-staging"));
                QCOMPARE(r.namespaceB, QStringLiteral("jx-production"));
                QStringList paths;
                for (const auto& f : r.fields)
                    paths << f.path;
                QCOMPARE(paths,
                         (QStringList{QStringLiteral("spec.replicas"),
                                      QStringLiteral("spec.template.spec.containers[name=web].image")}));
                QCOMPARE(r.fields.at(1).a.toString(), QStringLiteral("acme/ledger:0.10.0"));
                QCOMPARE(r.fields.at(1).b.toString(), QStringLiteral("acme/ledger:0.9.3"));
            }
            if (r.name == u"urls") {
                // The URL differs only by the namespace name; the log level really differs.
                QCOMPARE(r.fields.size(), 2);
                QCOMPARE(r.fields.at(0).path, QStringLiteral("data.LEVEL"));
                QVERIFY(!r.fields.at(0).namespaceOnly);
                QCOMPARE(r.fields.at(1).path, QStringLiteral("data.URL"));
                QVERIFY(r.fields.at(1).namespaceOnly);
            }
            if (r.name == u"checkout")
                QCOMPARE(r.status, CompareStatus::OnlyA);
            if (r.name == u"fraud")
                QCOMPARE(r.status, CompareStatus::OnlyB);
        }
        const QJsonObject json = core::environment::comparisonToJson(c);
        QCOMPARE(json.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                           QStringLiteral("releases"), QStringLiteral("resources")}));
        const QJsonObject first = json.value(u"resources").toArray().first().toObject();
        QCOMPARE(first.keys(),
                 (QStringList{QStringLiteral("fields"), QStringLiteral("group"), QStringLiteral("kind"),
                              QStringLiteral("name"), QStringLiteral("namespaceA"),
                              QStringLiteral("namespaceB"), QStringLiteral("status")}));
    }

    void jx3EagleStagingVsProduction()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path()));
        QElapsedTimer timer;
        timer.start();
        auto c = core::environment::compareEnvironments(dir.path(), {}, QStringLiteral("jx-staging"),
                                                        QStringLiteral("jx-production"));
        QVERIFY2(c, test::why(c));
        qInfo("compare with blame: %lld ms", timer.elapsed());
        QVERIFY2(c->errorsA.isEmpty() && c->errorsB.isEmpty(), "no render errors expected");

        // The independent count: what the namespace folders hold, read with yaml-cpp.
        const QSet<QString> staging =
            identitiesUnder(dir.filePath(QStringLiteral("config-root/namespaces/jx-staging")));
        const QSet<QString> production =
            identitiesUnder(dir.filePath(QStringLiteral("config-root/namespaces/jx-production")));
        QVERIFY(!staging.isEmpty() && !production.isEmpty());
        QSet<QString> onlyA, onlyB, both;
        for (const auto& r : c->resources) {
            if (r.status == CompareStatus::OnlyA)
                onlyA.insert(identity(r));
            else if (r.status == CompareStatus::OnlyB)
                onlyB.insert(identity(r));
            else
                both.insert(identity(r));
        }
        QCOMPARE(onlyA, staging - production);
        QCOMPARE(onlyB, production - staging);
        QCOMPARE(both, QSet<QString>(staging).intersect(production));
        QVERIFY(onlyA.size() >= 5); // godemo and nodedemo run only in staging

        // The releases: helmfiles/jx-staging has godemo and nodedemo, jx-production neither.
        bool sawNodedemo = false;
        for (const auto& r : c->releases)
            if (r.name == u"nodedemo") {
                sawNodedemo = true;
                QVERIFY(!r.a.isEmpty());
                QVERIFY(r.b.isEmpty());
            }
        QVERIFY(sawNodedemo);

        // Each "set by" commit touched one of the files the value comes from (git says so); when it
        // is the promotion behind a regeneration, the regeneration (appliedBy) touched them.
        for (const auto& r : c->resources)
            for (const auto& f : r.fields)
                for (const auto& [commit, sources] :
                     {std::pair{f.appliedByA.isEmpty() ? f.commitA : f.appliedByA, r.sourcesA},
                      {f.appliedByB.isEmpty() ? f.commitB : f.appliedByB, r.sourcesB}}) {
                    if (commit.isEmpty())
                        continue;
                    const QByteArray touched =
                        test::run(QStringLiteral("git"),
                                  {QStringLiteral("show"), QStringLiteral("--name-only"),
                                   QStringLiteral("--format="), commit},
                                  dir.path())
                            .out;
                    bool any = false;
                    for (const QString& s : sources)
                        any = any || touched.contains(s.toUtf8());
                    QVERIFY2(any, qPrintable(commit + u' ' + sources.join(u',')));
                }
    }

    void fluxPodinfoDiffersExactlyInThePatchedValues()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("flux2-kustomize-helm-example"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("flux2-kustomize-helm-example"), dir.path()));
        auto c = core::environment::compareEnvironments(dir.path(), {}, QStringLiteral("staging"),
                                                        QStringLiteral("production"));
        QVERIFY2(c, test::why(c));
        const auto podinfo = std::find_if(c->resources.cbegin(), c->resources.cend(), [](const auto& r) {
            return r.kind == u"HelmRelease" && r.name == u"podinfo";
        });
        QVERIFY(podinfo != c->resources.cend());
        QCOMPARE(podinfo->status, CompareStatus::Differs);

        // What the overlays patch: every leaf of both patch files but the identity.
        QStringList patched;
        for (const char* env : {"staging", "production"}) {
            const YAML::Node patch = YAML::LoadFile(
                dir.filePath(QStringLiteral("apps/%1/podinfo-values.yaml").arg(QLatin1String(env)))
                    .toStdString());
            leaves(patch["spec"], QStringLiteral("spec"), patched);
        }
        patched.removeDuplicates();
        QVERIFY(patched.size() >= 2);
        for (const auto& f : podinfo->fields)
            QVERIFY2(std::any_of(patched.cbegin(), patched.cend(),
                                 [&](const QString& l) { return covers(f.path, l); }),
                     qPrintable(f.path + QStringLiteral(" is not patched by the overlays")));
        for (const QString& leaf : patched)
            QVERIFY2(std::any_of(podinfo->fields.cbegin(), podinfo->fields.cend(),
                                 [&](const auto& f) { return covers(f.path, leaf); }),
                     qPrintable(leaf + QStringLiteral(" is patched but not reported")));
        // The release versions: the HelmReleases' chart version constraints.
        const auto release = std::find_if(c->releases.cbegin(), c->releases.cend(),
                                          [](const auto& r) { return r.name == u"podinfo"; });
        QVERIFY(release != c->releases.cend());
        QCOMPARE(release->a, QStringLiteral(">=1.0.0-alpha"));
        QCOMPARE(release->b, QStringLiteral(">=1.0.0"));
    }

    // argocd-example-apps' plugins/kustomized-helm does not build (its all.yaml is made by a plugin):
    // the comparison is an error naming the file and kustomize's message, never "only in B" for
    // everything the other side has.
    void aSideThatDoesNotRenderIsAnError()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("argocd-example-apps"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("argocd-example-apps"), dir.path()));
        auto c = core::environment::compareEnvironments(
            dir.path(), {}, QStringLiteral("plugins/kustomized-helm"), QStringLiteral("sock-shop"));
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QStringLiteral("plugins/kustomized-helm/kustomization.yaml")) &&
                     c.error().message.contains(QStringLiteral("did not render")),
                 qPrintable(c.error().message));
        // The other pair still compares.
        auto ok = core::environment::compareEnvironments(dir.path(), {}, QStringLiteral("pre-post-sync"),
                                                         QStringLiteral("sock-shop"));
        QVERIFY2(ok, test::why(ok));
        QVERIFY(ok->count(CompareStatus::OnlyB) > 0);
    }

    void unknownEnvironmentIsAnErrorNamingTheKnownOnes()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path()));
        auto c = core::environment::compareEnvironments(dir.path(), {}, QStringLiteral("jx-staging"),
                                                        QStringLiteral("nowhere"));
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QStringLiteral("nowhere")) &&
                     c.error().message.contains(QStringLiteral("jx-production")),
                 qPrintable(c.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCompareEnvs)
#include "tst_compare_envs.moc"
