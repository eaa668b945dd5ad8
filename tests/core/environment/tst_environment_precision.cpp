// Environment answers that are exact (issue 10):
// - `shiplog log --env` (and the History environment box, which runs the same walk) lists the
//   commits that changed a file the environment reads: not one that changed only a YAML file of the
//   overlay folder that no kustomization names, but one that changed a referenced patch, and one that
//   changed a kustomization so that its closure grew;
// - on a Jenkins X-shaped repository, the commit that set a rendered value is the promotion behind
//   the bot's `chore: regenerated` commit, with the regeneration as appliedBy — checked against
//   `git log -G` / `git log -S`, not against Shiplog's own walk.
#include "core/environment/compare.h"
#include "core/environment/environment_history.h"
#include "core/git/history.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace shiplog;

namespace {

const QString kBot = QStringLiteral("jenkins-x-bot <jenkins-x@googlegroups.com>");
const QString kHuman = QStringLiteral("Ada Lovelace <ada@example.com>");

QString date(int day)
{
    return QStringLiteral("2026-11-%1T10:00:00+00:00").arg(day, 2, 10, QLatin1Char('0'));
}

// The subjects `shiplog log --env NAME --json` lists, newest first.
QStringList logSubjects(const QString& repo, const QString& environment)
{
    const auto result = test::runShiplog({QStringLiteral("log"), QStringLiteral("--repo"), repo,
                                          QStringLiteral("--env"), environment, QStringLiteral("--json")});
    if (result.exitCode != 0)
        return {QStringLiteral("exit %1: %2").arg(result.exitCode).arg(QString::fromUtf8(result.err))};
    QStringList subjects;
    for (const QByteArray& line : result.out.split('\n'))
        if (!line.trimmed().isEmpty())
            subjects << QJsonDocument::fromJson(line).object().value(u"subject").toString();
    return subjects;
}

QByteArray deployment(const QString& name, int replicas)
{
    return QStringLiteral("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %1\nspec:\n"
                          "  replicas: %2\n  template:\n    spec:\n      containers:\n      - name: %1\n"
                          "        image: ghcr.io/acme/%1:1.0.0\n")
        .arg(name)
        .arg(replicas)
        .toUtf8();
}

QByteArray replicasPatch(int replicas)
{
    return QStringLiteral("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                          "  replicas: %1\n")
        .arg(replicas)
        .toUtf8();
}

QByteArray configMap(const QString& name, const QString& value)
{
    return QStringLiteral("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %1\ndata:\n  value: \"%2\"\n")
        .arg(name, value)
        .toUtf8();
}

// Jenkins X: a helmfile with one release, and what `jx gitops helmfile template` renders of it.
QByteArray helmfile(const QString& ns, const QString& version)
{
    return QStringLiteral("namespace: %1\nrepositories:\n- name: dev\n  url: https://charts.example.com\n"
                          "releases:\n- chart: dev/app\n  version: %2\n  name: app\n  values:\n"
                          "  - jx-values.yaml\n")
        .arg(ns, version)
        .toUtf8();
}

QByteArray rendered(const QString& ns, const QString& version, int replicas)
{
    return QStringLiteral("# Source: app/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n"
                          "metadata:\n  name: app\n  namespace: %1\n  labels:\n    chart: \"app-%2\"\n"
                          "  annotations:\n    meta.helm.sh/release-name: 'app'\nspec:\n  replicas: %3\n"
                          "  template:\n    spec:\n      containers:\n      - name: app\n"
                          "        image: \"ghcr.io/acme/app:%2\"\n")
        .arg(ns, version)
        .arg(replicas)
        .toUtf8();
}

QString gitOut(const test::ScratchRepo& repo, const QStringList& arguments)
{
    return QString::fromUtf8(repo.git(arguments)).trimmed();
}

const QJsonObject* fieldNamed(const QList<QJsonObject>& fields, const QString& path)
{
    for (const QJsonObject& f : fields)
        if (f.value(u"path").toString() == path)
            return &f;
    return nullptr;
}

} // namespace

class TestEnvironmentPrecision : public QObject
{
    Q_OBJECT

private slots:
    void logEnvListsWhatKustomizeReads()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("base/kustomization.yaml"), "resources:\n- deployment.yaml\n");
        repo.write(QStringLiteral("base/deployment.yaml"), deployment(QStringLiteral("web"), 1));
        for (const QString& env : {QStringLiteral("staging"), QStringLiteral("production")}) {
            repo.write(QStringLiteral("overlays/%1/kustomization.yaml").arg(env),
                       "resources:\n- ../../base\npatches:\n- path: replicas.yaml\n");
            repo.write(QStringLiteral("overlays/%1/replicas.yaml").arg(env), replicasPatch(2));
        }
        // YAML files in the overlay folder that its kustomization does not name (yet).
        repo.write(QStringLiteral("overlays/staging/notes.yaml"), configMap(QStringLiteral("notes"), "a"));
        repo.write(QStringLiteral("overlays/staging/unused.yaml"), configMap(QStringLiteral("unused"), "a"));
        repo.commit(QStringLiteral("initial"), kHuman, date(1));
        repo.write(QStringLiteral("overlays/staging/notes.yaml"), configMap(QStringLiteral("notes"), "b"));
        repo.commit(QStringLiteral("edit notes while no kustomization names it"), kHuman, date(2));
        repo.write(QStringLiteral("overlays/staging/replicas.yaml"), replicasPatch(3));
        repo.commit(QStringLiteral("staging replicas 3"), kHuman, date(3));
        repo.write(QStringLiteral("overlays/staging/unused.yaml"), configMap(QStringLiteral("unused"), "b"));
        repo.commit(QStringLiteral("edit unused"), kHuman, date(4));
        repo.write(QStringLiteral("overlays/staging/kustomization.yaml"),
                   "resources:\n- ../../base\n- notes.yaml\npatches:\n- path: replicas.yaml\n");
        repo.commit(QStringLiteral("staging applies notes"), kHuman, date(5));
        repo.write(QStringLiteral("overlays/staging/notes.yaml"), configMap(QStringLiteral("notes"), "c"));
        repo.commit(QStringLiteral("edit notes now that it is applied"), kHuman, date(6));
        repo.write(QStringLiteral("base/deployment.yaml"), deployment(QStringLiteral("web"), 4));
        repo.commit(QStringLiteral("base change"), kHuman, date(7));
        repo.write(QStringLiteral("base/README.yaml"), configMap(QStringLiteral("readme"), "x"));
        repo.commit(QStringLiteral("an unreferenced file in the base folder"), kHuman, date(8));
        repo.write(QStringLiteral("overlays/production/replicas.yaml"), replicasPatch(5));
        repo.commit(QStringLiteral("production replicas 5"), kHuman, date(9));

        const QStringList staging{QStringLiteral("base change"),
                                  QStringLiteral("edit notes now that it is applied"),
                                  QStringLiteral("staging applies notes"),
                                  QStringLiteral("staging replicas 3"), QStringLiteral("initial")};
        QCOMPARE(logSubjects(repo.path(), QStringLiteral("overlays/staging")), staging);
        const QStringList production{QStringLiteral("production replicas 5"), QStringLiteral("base change"),
                                     QStringLiteral("initial")};
        QCOMPARE(logSubjects(repo.path(), QStringLiteral("overlays/production")), production);

        // git's own answer for the referenced files: every commit that touched them is listed.
        const QStringList referenced =
            gitOut(repo, {QStringLiteral("log"), QStringLiteral("--format=%s"), QStringLiteral("--"),
                          QStringLiteral("overlays/staging/replicas.yaml"),
                          QStringLiteral("overlays/staging/kustomization.yaml")})
                .split(u'\n');
        for (const QString& subject : referenced)
            QVERIFY2(staging.contains(subject), qPrintable(subject));

        // The History tab's walk: the folders as path filter, then the exact test.
        core::git::HistoryQuery query;
        query.paths = {QStringLiteral("overlays/staging"), QStringLiteral("base")};
        query.accept =
            core::environment::environmentCommitTest(repo.path(), {}, QStringLiteral("overlays/staging"));
        QStringList walked;
        auto done = core::git::walkHistory(repo.path(), query, [&walked](core::git::CommitInfo&& c) {
            walked << c.subject;
            return true;
        });
        QVERIFY2(done, test::why(done));
        QCOMPARE(walked, staging);

        // An environment that is not there is the one message, from the test too.
        query.accept = core::environment::environmentCommitTest(repo.path(), {}, QStringLiteral("qa"));
        done = core::git::walkHistory(repo.path(), query, [](core::git::CommitInfo&&) { return true; });
        QVERIFY(!done);
        QVERIFY2(done.error().message.contains(QLatin1String("No environment 'qa'")),
                 qPrintable(done.error().message));
    }

    void setByNamesThePromotionBehindTheRegeneration()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("jx-requirements.yml"),
                   "apiVersion: core.jenkins-x.io/v4beta1\nkind: Requirements\nspec:\n  environments:\n"
                   "  - key: dev\n  - key: staging\n  - key: production\n");
        for (const QString& ns : {QStringLiteral("jx-staging"), QStringLiteral("jx-production")}) {
            repo.write(QStringLiteral("helmfiles/%1/helmfile.yaml").arg(ns),
                       helmfile(ns, QStringLiteral("1.0.0")));
            repo.write(QStringLiteral("helmfiles/%1/jx-values.yaml").arg(ns), "jxRequirements: {}\n");
            repo.write(QStringLiteral("config-root/namespaces/%1/app/app-deploy.yaml").arg(ns),
                       rendered(ns, QStringLiteral("1.0.0"), 1));
        }
        repo.write(QStringLiteral("versionStream/charts/dev/app/defaults.yaml"), "replicas: 1\n");
        repo.write(QStringLiteral("docs/releases.yaml"), "app: 1.0.0\n");
        const QString initial = repo.commit(QStringLiteral("initial"), kHuman, date(1));

        // A promotion that was rendered long ago: it must not be named for later regenerations.
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile(QStringLiteral("jx-staging"), QStringLiteral("1.0.5")));
        repo.commit(QStringLiteral("chore: promote app to version 1.0.5"), kBot, date(2));
        repo.write(QStringLiteral("config-root/namespaces/jx-staging/app/app-deploy.yaml"),
                   rendered(QStringLiteral("jx-staging"), QStringLiteral("1.0.5"), 1));
        repo.commit(QStringLiteral("chore: regenerated"), kBot, date(3));

        // The promotion, an unrelated commit, then the bot's regeneration that renders it.
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile(QStringLiteral("jx-staging"), QStringLiteral("1.1.0")));
        const QString promotion =
            repo.commit(QStringLiteral("chore: promote app to version 1.1.0"), kBot, date(4));
        repo.write(QStringLiteral("README.md"), "# cluster\n");
        repo.commit(QStringLiteral("docs: readme"), kHuman, date(5));
        repo.write(QStringLiteral("config-root/namespaces/jx-staging/app/app-deploy.yaml"),
                   rendered(QStringLiteral("jx-staging"), QStringLiteral("1.1.0"), 1));
        repo.write(QStringLiteral("docs/releases.yaml"), "app: 1.1.0\n");
        const QString regeneration = repo.commit(QStringLiteral("chore: regenerated"), kBot, date(6));

        // A version stream upgrade that the next regeneration renders into production: no release
        // changed since production's file was last rendered, so the regeneration is the answer.
        repo.write(QStringLiteral("versionStream/charts/dev/app/defaults.yaml"), "replicas: 2\n");
        repo.commit(QStringLiteral("chore: version stream upgrade 0.0.2"), kBot, date(7));
        repo.write(QStringLiteral("config-root/namespaces/jx-production/app/app-deploy.yaml"),
                   rendered(QStringLiteral("jx-production"), QStringLiteral("1.0.0"), 2));
        const QString upgrade = repo.commit(QStringLiteral("chore: regenerated"), kBot, date(8));

        // git's own answers: the commit that added the version line to the helmfile, and the one
        // that put the image tag into the rendered file.
        QCOMPARE(gitOut(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                               QStringLiteral("-G"), QStringLiteral("version: 1\\.1\\.0"),
                               QStringLiteral("--"), QStringLiteral("helmfiles/jx-staging/helmfile.yaml")}),
                 promotion);
        QCOMPARE(gitOut(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                               QStringLiteral("-S"), QStringLiteral("ghcr.io/acme/app:1.1.0"),
                               QStringLiteral("--"), QStringLiteral("config-root/namespaces/jx-staging")}),
                 regeneration);
        QCOMPARE(gitOut(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%H"),
                               QStringLiteral("-S"), QStringLiteral("replicas: 2"), QStringLiteral("--"),
                               QStringLiteral("config-root/namespaces/jx-production")}),
                 upgrade);

        const auto result = test::runShiplog({QStringLiteral("compare-envs"), QStringLiteral("--repo"),
                                              repo.path(), QStringLiteral("--json"),
                                              QStringLiteral("jx-staging"), QStringLiteral("jx-production")});
        QCOMPARE(result.exitCode, 1); // they differ
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QList<QJsonObject> fields;
        for (const QJsonValue& r : json.value(u"resources").toArray())
            if (r.toObject().value(u"name").toString() == u"app")
                for (const QJsonValue& f : r.toObject().value(u"fields").toArray())
                    fields << f.toObject();
        QVERIFY2(!fields.isEmpty(), result.out.constData());

        const QJsonObject* image =
            fieldNamed(fields, QStringLiteral("spec.template.spec.containers[0].image"));
        if (!image)
            image = fieldNamed(fields, QStringLiteral("spec.template.spec.containers[name=app].image"));
        QVERIFY2(image, result.out.constData());
        QCOMPARE(image->value(u"commitA").toString(), promotion);
        QCOMPARE(image->value(u"appliedByA").toString(), regeneration);
        QCOMPARE(image->value(u"commitB").toString(), initial); // written by a person: no regeneration
        QVERIFY(image->value(u"appliedByB").isNull());

        const QJsonObject* replicas = fieldNamed(fields, QStringLiteral("spec.replicas"));
        QVERIFY2(replicas, result.out.constData());
        QCOMPARE(replicas->value(u"commitB").toString(), upgrade);
        QVERIFY(replicas->value(u"appliedByB").isNull());
        QCOMPARE(replicas->value(u"commitA").toString(), initial);

        // The text output says both.
        const auto text =
            test::runShiplog({QStringLiteral("compare-envs"), QStringLiteral("--repo"), repo.path(),
                              QStringLiteral("jx-staging"), QStringLiteral("jx-production")});
        QVERIFY2(text.out.contains(promotion.left(7).toUtf8() +
                                   " chore: promote app to version 1.1.0, applied by " +
                                   regeneration.left(7).toUtf8() + " chore: regenerated"),
                 text.out.constData());

        // Without following regenerations (the blame before), the regeneration is named.
        core::environment::CompareOptions options;
        options.followRegenerations = false;
        auto before = core::environment::compareEnvironments(repo.path(), {}, QStringLiteral("jx-staging"),
                                                             QStringLiteral("jx-production"), options);
        QVERIFY2(before, test::why(before));
        bool sawRegeneration = false;
        for (const auto& r : before->resources)
            for (const auto& f : r.fields)
                if (f.path.endsWith(QLatin1String(".image")))
                    sawRegeneration = f.commitA == regeneration && f.appliedByA.isEmpty();
        QVERIFY(sawRegeneration);
    }

    void twoPromotionsBeforeOneRegenerationNameTheNewest()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("jx-requirements.yml"),
                   "spec:\n  environments:\n  - key: dev\n  - key: staging\n  - key: production\n");
        for (const QString& ns : {QStringLiteral("jx-staging"), QStringLiteral("jx-production")}) {
            repo.write(QStringLiteral("helmfiles/%1/helmfile.yaml").arg(ns),
                       helmfile(ns, QStringLiteral("1.0.0")));
            repo.write(QStringLiteral("config-root/namespaces/%1/app/app-deploy.yaml").arg(ns),
                       rendered(ns, QStringLiteral("1.0.0"), 1));
        }
        repo.commit(QStringLiteral("initial"), kHuman, date(1));
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile(QStringLiteral("jx-staging"), QStringLiteral("1.1.0")));
        repo.commit(QStringLiteral("chore: promote app to version 1.1.0"), kBot, date(2));
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile(QStringLiteral("jx-staging"), QStringLiteral("1.2.0")));
        const QString newest =
            repo.commit(QStringLiteral("chore: promote app to version 1.2.0"), kBot, date(3));
        repo.write(QStringLiteral("config-root/namespaces/jx-staging/app/app-deploy.yaml"),
                   rendered(QStringLiteral("jx-staging"), QStringLiteral("1.2.0"), 1));
        const QString regeneration = repo.commit(QStringLiteral("chore: regenerated"), kBot, date(4));

        auto compared = core::environment::compareEnvironments(repo.path(), {}, QStringLiteral("jx-staging"),
                                                               QStringLiteral("jx-production"));
        QVERIFY2(compared, test::why(compared));
        int checked = 0;
        for (const auto& r : compared->resources)
            for (const auto& f : r.fields)
                if (f.path.endsWith(QLatin1String(".image"))) {
                    QCOMPARE(f.commitA, newest);
                    QCOMPARE(f.appliedByA, regeneration);
                    ++checked;
                }
        QCOMPARE(checked, 1);
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentPrecision)
#include "tst_environment_precision.moc"
