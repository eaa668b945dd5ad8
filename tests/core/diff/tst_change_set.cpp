#include "core/diff/change_json.h"
#include "core/diff/change_set.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace shiplog;
using core::diff::ChangeKind;
using core::diff::ChangeSet;
using core::diff::ResourceChange;

namespace {

QByteArray deployment(const QByteArray& name, const QByteArray& image, const QByteArray& extra = {})
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
           "\n  namespace: prod\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
           "      - name: web\n        image: " +
           image + "\n" + extra;
}

QByteArray configMap(const QByteArray& name, const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
           "\n  namespace: prod\ndata:\n  key: " + value + "\n";
}

struct Fixture
{
    test::ScratchRepo repo;
    core::manifest::ParseCache cache;

    ChangeSet changes(const QString& revision, int parent = 1, core::diff::ChangeSetOptions options = {})
    {
        auto opened = core::git::Repository::open(repo.path());
        if (!opened)
            qFatal("cannot open scratch repo");
        auto set = core::diff::computeChangeSetOfRevision(*opened, revision, parent, options, cache);
        if (!set) {
            qWarning("%s", qPrintable(set.error().message));
            return {};
        }
        return *set;
    }
};

const ResourceChange* find(const ChangeSet& set, const QString& name)
{
    for (const ResourceChange& r : set.resources) {
        if (r.key.name == name)
            return &r;
    }
    return nullptr;
}

QStringList fieldPaths(const ResourceChange& r)
{
    QStringList paths;
    for (const auto& f : r.fields)
        paths << f.path + QLatin1Char(' ') + core::diff::opName(f.op);
    return paths;
}

} // namespace

class TestChangeSet : public QObject
{
    Q_OBJECT
private slots:
    void rootCommitAddsAgainstEmptyTree()
    {
        Fixture f;
        f.repo.write(QStringLiteral("apps/web.yaml"), deployment("web", "nginx:1"));
        f.repo.write(QStringLiteral("kustomization.yaml"), "resources:\n- apps/web.yaml\n");
        f.repo.write(QStringLiteral("README.md"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-yaml-file}\n");
        const QString root = f.repo.commit(QStringLiteral("root"));
        const ChangeSet set = f.changes(root);
        QCOMPARE(set.from, QString());
        QCOMPARE(set.to, root);
        QCOMPARE(set.resources.size(),
                 1); // kustomization.yaml is not a resource; README.md is not a manifest
        QCOMPARE(set.resources[0].change, ChangeKind::Added);
        QCOMPARE(set.resources[0].key.group, QStringLiteral("apps"));
        QCOMPARE(set.resources[0].newPath, QStringLiteral("apps/web.yaml"));
        QVERIFY(set.resources[0].oldPath.isEmpty());
        QVERIFY(set.errors.isEmpty());
        QCOMPARE(set.summary().compact(), QStringLiteral("+1"));
    }

    void removedModifiedAndFieldPaths()
    {
        Fixture f;
        f.repo.write(QStringLiteral("web.yaml"), deployment("web", "nginx:1"));
        f.repo.write(QStringLiteral("cm.yaml"), configMap("settings", "a"));
        f.repo.commit(QStringLiteral("one"));
        f.repo.write(QStringLiteral("web.yaml"), deployment("web", "nginx:2", "  paused: true\n"));
        f.repo.remove(QStringLiteral("cm.yaml"));
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("two")));
        QCOMPARE(set.resources.size(), 2);
        const ResourceChange* web = find(set, QStringLiteral("web"));
        QVERIFY(web);
        QCOMPARE(web->change, ChangeKind::Modified);
        QCOMPARE(fieldPaths(*web),
                 (QStringList{QStringLiteral("spec.paused added"),
                              QStringLiteral("spec.template.spec.containers[name=web].image changed")}));
        QCOMPARE(web->fields[1].oldValue, QJsonValue(QStringLiteral("nginx:1")));
        QCOMPARE(web->fields[1].newValue, QJsonValue(QStringLiteral("nginx:2")));
        QVERIFY(web->oldText.contains("nginx:1") && web->newText.contains("nginx:2"));
        const ResourceChange* cm = find(set, QStringLiteral("settings"));
        QVERIFY(cm);
        QCOMPARE(cm->change, ChangeKind::Removed);
        QCOMPARE(cm->oldPath, QStringLiteral("cm.yaml"));
        QVERIFY(cm->newPath.isEmpty());
    }

    void formattingCommentsAndTypingAreNotChanges()
    {
        Fixture f;
        f.repo.write(QStringLiteral("cm.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: \"1\"\n"
                     "spec:\n  enabled: yes\n  mode: 0644\n");
        f.repo.commit(QStringLiteral("one"));
        f.repo.write(QStringLiteral("cm.yaml"),
                     "# reformatted\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n"
                     "spec:\n  mode: 420\n  enabled: true\ndata: {a: '1'}\n");
        QVERIFY(f.changes(f.repo.commit(QStringLiteral("two"))).resources.isEmpty());
    }

    void versionIsNotIdentity()
    {
        Fixture f;
        f.repo.write(QStringLiteral("web.yaml"),
                     QByteArray(deployment("web", "nginx:1")).replace("apps/v1", "apps/v1beta2"));
        f.repo.commit(QStringLiteral("one"));
        f.repo.write(QStringLiteral("web.yaml"), deployment("web", "nginx:1"));
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("two")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].change, ChangeKind::Modified);
        QCOMPARE(set.resources[0].oldVersion, QStringLiteral("v1beta2"));
        QCOMPARE(set.resources[0].newVersion, QStringLiteral("v1"));
        QCOMPARE(fieldPaths(set.resources[0]), QStringList{QStringLiteral("apiVersion changed")});
    }

    void movedAcrossFilesAndMultiDocumentSplit()
    {
        Fixture f;
        f.repo.write(QStringLiteral("all.yaml"), deployment("web", "nginx:1") + "---\n" +
                                                     configMap("settings", "a") + "---\n" +
                                                     configMap("stays", "s"));
        f.repo.commit(QStringLiteral("one"));
        // Split: web moves unchanged, settings moves and changes, stays stays.
        f.repo.write(QStringLiteral("all.yaml"), configMap("stays", "s"));
        f.repo.write(QStringLiteral("prod/web.yaml"), deployment("web", "nginx:1"));
        f.repo.write(QStringLiteral("prod/settings.yaml"), configMap("settings", "b"));
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("split")));
        QCOMPARE(set.resources.size(), 2);
        const ResourceChange* web = find(set, QStringLiteral("web"));
        QVERIFY(web);
        QCOMPARE(web->change, ChangeKind::Moved);
        QCOMPARE(web->oldPath, QStringLiteral("all.yaml"));
        QCOMPARE(web->newPath, QStringLiteral("prod/web.yaml"));
        QVERIFY(web->fields.isEmpty());
        QVERIFY(!web->oldText.contains("ConfigMap")); // its own document only
        const ResourceChange* settings = find(set, QStringLiteral("settings"));
        QVERIFY(settings);
        QCOMPARE(settings->change, ChangeKind::Moved);
        QCOMPARE(fieldPaths(*settings), QStringList{QStringLiteral("data.key changed")});
        QCOMPARE(settings->oldLine, 14); // after web's 12 lines and the `---`

        // A git rename (no content change) is a move of every resource in the file.
        f.repo.git(
            {QStringLiteral("mv"), QStringLiteral("prod/web.yaml"), QStringLiteral("prod/web-deploy.yaml")});
        const ChangeSet renamed = f.changes(f.repo.commit(QStringLiteral("rename")));
        QCOMPARE(renamed.resources.size(), 1);
        QCOMPARE(renamed.resources[0].change, ChangeKind::Moved);
        QCOMPARE(renamed.resources[0].newPath, QStringLiteral("prod/web-deploy.yaml"));
    }

    void invalidYamlAndTemplatesAreErrorsNotAborts()
    {
        Fixture f;
        f.repo.write(QStringLiteral("good.yaml"), configMap("good", "a"));
        f.repo.write(QStringLiteral("bad.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [bad\n");
        f.repo.write(QStringLiteral("chart/templates/cm.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n");
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("mixed")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].key.name, QStringLiteral("good"));
        QCOMPARE(set.errors.size(), 2);
        QCOMPARE(set.errors[0].path, QStringLiteral("bad.yaml"));
        QVERIFY2(set.errors[0].line >= 4, qPrintable(QString::number(set.errors[0].line)));
        QCOMPARE(set.errors[1].path, QStringLiteral("chart/templates/cm.yaml"));
        QVERIFY(set.errors[1].message.contains(QLatin1String("template")));
        QCOMPARE(set.errors[1].line, 4);
    }

    void duplicateKeysFirstInPathOrderCounts()
    {
        Fixture f;
        f.repo.write(QStringLiteral("a.yaml"), configMap("dup", "first"));
        f.repo.write(QStringLiteral("b.yaml"), configMap("dup", "second"));
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("dups")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].newPath, QStringLiteral("a.yaml"));
        QCOMPARE(set.errors.size(), 1);
        QCOMPARE(set.errors[0].path, QStringLiteral("b.yaml"));
        QVERIFY(set.errors[0].message.contains(QLatin1String("already defined in a.yaml")));
    }

    void duplicateKeysCountInUntouchedFiles()
    {
        // A key defined twice at one revision: the first in path order counts among all the
        // revision's files, also the ones the commit did not touch.
        Fixture f;
        f.repo.write(QStringLiteral("a.yaml"), configMap("dup", "first"));
        f.repo.write(QStringLiteral("other.yaml"), configMap("other", "x"));
        f.repo.commit(QStringLiteral("one"));

        f.repo.write(QStringLiteral("b.yaml"), configMap("dup", "second"));
        ChangeSet set = f.changes(f.repo.commit(QStringLiteral("b defines it again")));
        QVERIFY2(set.resources.isEmpty(), "a.yaml, untouched, still defines it");
        QCOMPARE(set.errors.size(), 1);
        QCOMPARE(set.errors[0].path, QStringLiteral("b.yaml"));
        QVERIFY2(set.errors[0].message.contains(QLatin1String("already defined in a.yaml")),
                 qPrintable(set.errors[0].message));

        f.repo.write(QStringLiteral("b.yaml"), configMap("dup", "third"));
        set = f.changes(f.repo.commit(QStringLiteral("b changes its copy")));
        QVERIFY(set.resources.isEmpty());
        QCOMPARE(set.errors.size(), 1);

        f.repo.write(QStringLiteral("a.yaml"), configMap("dup", "fourth"));
        set = f.changes(f.repo.commit(QStringLiteral("a changes")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].change, ChangeKind::Modified);
        QCOMPARE(set.errors.size(), 1);
        QCOMPARE(set.errors[0].path,
                 QStringLiteral("b.yaml")); // the untouched file's copy is the one ignored

        f.repo.git({QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("a.yaml")});
        set = f.changes(f.repo.commit(QStringLiteral("a goes: b's copy counts now")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].change, ChangeKind::Moved);
        QCOMPARE(set.resources[0].oldPath, QStringLiteral("a.yaml"));
        QCOMPARE(set.resources[0].newPath, QStringLiteral("b.yaml"));
        QCOMPARE(set.resources[0].fields.size(), 1); // data.value: fourth -> third, read from b.yaml
        QCOMPARE(set.resources[0].fields[0].newValue, QJsonValue(QStringLiteral("third")));
        QVERIFY(set.resources[0].newText.contains("third"));
        QVERIFY(set.errors.isEmpty());

        f.repo.write(QStringLiteral("a0.yaml"), configMap("dup", "third"));
        set = f.changes(f.repo.commit(QStringLiteral("a0 comes first")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].change, ChangeKind::Moved);
        QCOMPARE(set.resources[0].oldPath, QStringLiteral("b.yaml"));
        QCOMPARE(set.resources[0].newPath, QStringLiteral("a0.yaml"));
        QVERIFY(set.resources[0].fields.isEmpty());
        QCOMPARE(set.errors.size(), 1);
        QCOMPARE(set.errors[0].path, QStringLiteral("b.yaml"));
    }

    void listItemsAreResources()
    {
        Fixture f;
        f.repo.write(QStringLiteral("list.yaml"),
                     "apiVersion: v1\nkind: List\nitems:\n- " +
                         QByteArray(configMap("one", "1")).replace("\n", "\n  ") + "\n- " +
                         QByteArray(configMap("two", "2")).replace("\n", "\n  ") + "\n");
        f.repo.commit(QStringLiteral("list"));
        f.repo.write(QStringLiteral("list.yaml"),
                     "apiVersion: v1\nkind: List\nitems:\n- " +
                         QByteArray(configMap("one", "1")).replace("\n", "\n  ") + "\n- " +
                         QByteArray(configMap("two", "3")).replace("\n", "\n  ") + "\n");
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("change two")));
        QCOMPARE(set.resources.size(), 1);
        QCOMPARE(set.resources[0].key.name, QStringLiteral("two"));
        QVERIFY(set.resources[0].newText.contains("name: two"));
        QVERIFY(!set.resources[0].newText.contains("name: one"));
    }

    void mergeCommitAgainstAnyParent()
    {
        Fixture f;
        f.repo.write(QStringLiteral("a.yaml"), configMap("a", "1"));
        f.repo.commit(QStringLiteral("base"));
        f.repo.git(
            {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("side")});
        f.repo.write(QStringLiteral("b.yaml"), configMap("b", "1"));
        f.repo.commit(QStringLiteral("side"));
        f.repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        f.repo.write(QStringLiteral("a.yaml"), configMap("a", "2"));
        f.repo.commit(QStringLiteral("main change"));
        QProcessEnvironment author;
        author.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Ada Lovelace"));
        author.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("ada@example.com"));
        f.repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-edit"),
                    QStringLiteral("side")},
                   author);
        const ChangeSet first = f.changes(QStringLiteral("HEAD"));
        QCOMPARE(first.resources.size(), 1);
        QCOMPARE(first.resources[0].key.name, QStringLiteral("b"));
        const ChangeSet second = f.changes(QStringLiteral("HEAD"), 2);
        QCOMPARE(second.resources.size(), 1);
        QCOMPARE(second.resources[0].key.name, QStringLiteral("a"));
        auto opened = core::git::Repository::open(f.repo.path());
        QVERIFY(opened);
        auto bad = core::diff::computeChangeSetOfRevision(*opened, QStringLiteral("HEAD"), 3, {}, f.cache);
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(QLatin1String("no parent 3")));
    }

    void rangeBetweenBranches()
    {
        Fixture f;
        f.repo.write(QStringLiteral("env/web.yaml"), deployment("web", "nginx:1"));
        f.repo.commit(QStringLiteral("base"));
        f.repo.git({QStringLiteral("branch"), QStringLiteral("production")});
        f.repo.write(QStringLiteral("env/web.yaml"), deployment("web", "nginx:3"));
        f.repo.write(QStringLiteral("other/x.yaml"), configMap("x", "1"));
        f.repo.commit(QStringLiteral("staging"));
        const ChangeSet set = f.changes(QStringLiteral("production..main"));
        QCOMPARE(set.resources.size(), 2);
        core::diff::ChangeSetOptions onlyEnv;
        onlyEnv.folders << QStringLiteral("env");
        const ChangeSet env = f.changes(QStringLiteral("production..main"), 1, onlyEnv);
        QCOMPARE(env.resources.size(), 1);
        QCOMPARE(env.resources[0].key.name, QStringLiteral("web"));
    }

    void secretValuesAreMasked()
    {
        Fixture f;
        const QByteArray secret = "s3cr3t-Passw0rd";
        auto secretYaml = [](const QByteArray& v) {
            return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\ndata:\n  "
                   "password: " +
                   v.toBase64() + "\n  user: " + QByteArray("admin").toBase64() + "\n";
        };
        f.repo.write(QStringLiteral("secret.yaml"), secretYaml(secret));
        f.repo.commit(QStringLiteral("one"));
        f.repo.write(QStringLiteral("secret.yaml"), secretYaml("n3w-" + secret));
        const ChangeSet set = f.changes(f.repo.commit(QStringLiteral("rotate")));
        QCOMPARE(set.resources.size(), 1);
        const ResourceChange& r = set.resources[0];
        QCOMPARE(fieldPaths(r), QStringList{QStringLiteral("data.password changed")});
        QCOMPARE(r.fields[0].oldValue, QJsonValue(QStringLiteral("++++++++")));
        QCOMPARE(r.fields[0].newValue, QJsonValue(QStringLiteral("++++++++++++")));
        QVERIFY(r.oldText.contains("user: ++++++++") && r.newText.contains("user: ++++++++"));
        const QByteArray everything =
            QJsonDocument(core::diff::changeSetToJson(set)).toJson() + r.oldText + r.newText;
        QVERIFY(!everything.contains(secret));
        QVERIFY(!everything.contains(secret.toBase64()));
        QVERIFY(!everything.contains("sha256"));
    }

    void listItemsMatchedByKey()
    {
        const auto parse = [](const QByteArray& y) { return QJsonDocument::fromJson(y).object(); };
        const QJsonObject a = parse(
            R"({"spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80,"name":"http"}],
            "volumeMounts":[{"mountPath":"/data","name":"d"}],"args":["--a","--b"]},{"name":"b","image":"y"}]},
            "svc":{"ports":[{"port":443,"targetPort":8443}]}})");
        const QJsonObject b = parse(
            R"({"spec":{"containers":[{"name":"b","image":"y"},{"name":"a","image":"x","ports":[{"containerPort":80,"name":"web"}],
            "volumeMounts":[{"mountPath":"/data","name":"d","readOnly":true}],"args":["--a","--c"]},{"name":"c","image":"z"}]},
            "svc":{"ports":[{"port":443,"targetPort":9443}]}})");
        QStringList paths;
        for (const auto& c : core::diff::diffFields(a, b))
            paths << c.path + QLatin1Char(' ') + core::diff::opName(c.op);
        QCOMPARE(paths,
                 (QStringList{
                     QStringLiteral("spec.containers[name=a].args[1] changed"),
                     QStringLiteral("spec.containers[name=a].ports[containerPort=80].name changed"),
                     QStringLiteral("spec.containers[name=a].volumeMounts[mountPath=/data].readOnly added"),
                     QStringLiteral("spec.containers[name=c] added"),
                     QStringLiteral("svc.ports[port=443].targetPort changed")}));
    }

    void cacheIsBoundedAndShared()
    {
        test::ScratchRepo repo;
        for (int i = 0; i < 20; ++i)
            repo.write(QStringLiteral("f%1.yaml").arg(i),
                       configMap("c" + QByteArray::number(i), QByteArray(2000, 'x')));
        repo.commit(QStringLiteral("many"));
        core::manifest::ParseCache cache(40 * 1024);
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        auto set = core::diff::computeChangeSetOfRevision(*opened, QStringLiteral("HEAD"), 1, {}, cache);
        QVERIFY2(set.has_value(), test::why(set).constData());
        QCOMPARE(set->resources.size(), 20);
        const auto stats = cache.stats();
        QVERIFY2(stats.bytes <= 40 * 1024, qPrintable(QString::number(stats.bytes)));
        QVERIFY(stats.entries < 20);
        QCOMPARE(stats.misses, 20);
        core::manifest::ParseCache big;
        for (int round = 0; round < 2; ++round)
            QVERIFY(core::diff::computeChangeSetOfRevision(*opened, QStringLiteral("HEAD"), 1, {}, big)
                        .has_value());
        QCOMPARE(big.stats().misses, 20); // parsed once
        QCOMPARE(big.stats().hits, 20);
    }
};

QTEST_GUILESS_MAIN(TestChangeSet)
#include "tst_change_set.moc"
