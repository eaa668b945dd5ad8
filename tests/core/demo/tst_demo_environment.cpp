// The demo generator checked from the outside: the real git CLI reads the history, yaml-cpp reads
// every manifest, and the manifests are checked for what kubectl apply needs.
#include "core/demo/demo_environment.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <yaml-cpp/yaml.h>

using namespace shiplog;

namespace {

QString git(const QString& repo, const QStringList& arguments)
{
    const test::ProcessResult r =
        test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo} + arguments, {},
                  test::ScratchRepo::gitEnvironment());
    if (r.exitCode != 0)
        qWarning("git %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), r.err.constData());
    return QString::fromUtf8(r.out).trimmed();
}

struct Document
{
    QString file;
    YAML::Node node;
};

// A scalar's text; "" for a missing or non-scalar node (checked by the callers' comparisons).
QString str(const YAML::Node& node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

bool labelsInclude(const YAML::Node& labels, const YAML::Node& selector)
{
    if (!selector.IsMap() || selector.size() == 0 || !labels.IsMap())
        return false;
    for (const auto& entry : selector) {
        const YAML::Node value = labels[entry.first.Scalar()];
        if (!value || str(value) != str(entry.second))
            return false;
    }
    return true;
}

} // namespace

class TestDemoEnvironment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    core::demo::DemoEnvironment m_demo;
    QList<Document> m_documents; // every YAML document of master's tree
    QMap<QString, int> m_documentsPerFile;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QElapsedTimer timer;
        timer.start();
        auto demo = core::demo::createDemoEnvironment(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo.has_value(), test::why(demo).constData());
        qInfo("demo generated in %lld ms", timer.elapsed());
        m_demo = *demo;
        QCOMPARE(m_demo.workTree, m_dir.filePath(QStringLiteral("demo/environment")));
        QCOMPARE(m_demo.origin, m_dir.filePath(QStringLiteral("demo/origin.git")));

        // Parse the checked-out files (the status test proves they are exactly master's tree).
        QDirIterator it(m_demo.workTree, {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral("/.git/")))
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            const QString relative = QDir(m_demo.workTree).relativeFilePath(path);
            QVERIFY2(!text.contains("${"),
                     qPrintable(relative + QStringLiteral(" has an unfilled template key")));
            try {
                const auto nodes = YAML::LoadAll(text.toStdString());
                for (const YAML::Node& node : nodes)
                    m_documents.append({relative, node});
                m_documentsPerFile[relative] = int(nodes.size());
            } catch (const YAML::Exception& e) {
                QFAIL(qPrintable(QStringLiteral("%1 is not valid YAML: %2")
                                     .arg(relative, QString::fromStdString(e.what()))));
            }
        }
    }

    void historyLooksLikeATeamAtWork()
    {
        const QStringList lines = git(m_demo.workTree, {QStringLiteral("log"),
                                                        QStringLiteral("--format=%H|%P|%an <%ae>|%at|%ai|%s"),
                                                        QStringLiteral("master")})
                                      .split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 40, qPrintable(QString::number(lines.size())));
        QSet<QString> authors, zones;
        qint64 first = std::numeric_limits<qint64>::max(), last = 0;
        int merges = 0, regenerated = 0, reverts = 0;
        for (const QString& line : lines) {
            const QStringList f = line.split(QLatin1Char('|'));
            QCOMPARE(f.size(), 6);
            authors.insert(f[2]);
            zones.insert(f[4].right(5));
            first = std::min(first, f[3].toLongLong());
            last = std::max(last, f[3].toLongLong());
            if (f[1].split(QLatin1Char(' ')).size() == 2) {
                ++merges;
                QVERIFY2(f[5].startsWith(QStringLiteral("Merge pull request #42 from acme-payments/")),
                         qPrintable(f[5]));
            }
            regenerated += f[5] == QLatin1String("chore: regenerated");
            reverts += f[5].startsWith(QStringLiteral("Revert \""));
        }
        QVERIFY2(authors.size() >= 4, qPrintable(authors.values().join(QLatin1Char(','))));
        QVERIFY(authors.contains(QStringLiteral("jenkins-x-bot <jenkins-x@googlegroups.com>")));
        QVERIFY(authors.contains(
            QStringLiteral("renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>")));
        QVERIFY2(zones.size() >= 4, qPrintable(zones.values().join(QLatin1Char(','))));
        QVERIFY2(last - first > 21 * 24 * 3600, qPrintable(QString::number(last - first)));
        QCOMPARE(merges, 1);
        QVERIFY(regenerated >= 10);
        QCOMPARE(reverts, 1);

        // The merged branch had two commits of its own.
        const QString merge = git(m_demo.workTree, {QStringLiteral("rev-list"), QStringLiteral("--merges"),
                                                    QStringLiteral("master")});
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("rev-list"), QStringLiteral("--count"),
                                       merge + QStringLiteral("^1..") + merge + QStringLiteral("^2")}),
                 QStringLiteral("2"));
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%cn"), merge}),
                 QStringLiteral("GitHub"));

        // The revert names the commit it reverts, as `git revert` writes it.
        const QString revertBody =
            git(m_demo.workTree, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%b"),
                                  QStringLiteral("--grep=^Revert"), QStringLiteral("master")});
        const QString reverted = revertBody.section(QStringLiteral("This reverts commit "), 1).chopped(1);
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"), reverted}),
                 QStringLiteral("chore: scale payments to 4 replicas in jx-staging for the load test"));

        // Every commit except the merge changes something.
        const int withChanges =
            git(m_demo.workTree,
                {QStringLiteral("log"), QStringLiteral("--no-merges"), QStringLiteral("--format=%h"),
                 QStringLiteral("--shortstat"), QStringLiteral("master")})
                .count(QStringLiteral("changed"));
        QCOMPARE(withChanges, lines.size() - merges);
    }

    void historyHasARenameAndADeletedCronJob()
    {
        const QString statuses = git(
            m_demo.workTree, {QStringLiteral("log"), QStringLiteral("-M"), QStringLiteral("--name-status"),
                              QStringLiteral("--format="), QStringLiteral("master")});
        QVERIFY2(statuses.contains(QStringLiteral(
                     "R100\tconfig-root/namespaces/jx-production/payments-rules/fraud-rules-cm.yaml\t"
                     "config-root/namespaces/jx-production/payments/fraud-rules-cm.yaml")),
                 qPrintable(statuses.left(2000)));
        QVERIFY(statuses.contains(
            QStringLiteral("D\tconfig-root/namespaces/jx-staging/payments/payments-cleanup-cronjob.yaml")));
        // The bot regenerates config-root after helmfile changes: image bumps show in both places.
        const QString bump =
            git(m_demo.workTree,
                {QStringLiteral("log"), QStringLiteral("-p"), QStringLiteral("-1"),
                 QStringLiteral("--format="), QStringLiteral("-S"),
                 QStringLiteral("ghcr.io/acme-payments/payments:1.5.0"), QStringLiteral("master"),
                 QStringLiteral("--"), QStringLiteral("config-root/namespaces/jx-production")});
        QVERIFY(bump.contains(QStringLiteral("-          image: ghcr.io/acme-payments/payments:1.4.2")));
    }

    void repositoriesAreSoundAndPushed()
    {
        for (const QString& repo : {m_demo.workTree, m_demo.origin}) {
            const test::ProcessResult fsck = test::run(
                QStringLiteral("git"), {QStringLiteral("-C"), repo, QStringLiteral("fsck"),
                                        QStringLiteral("--strict"), QStringLiteral("--no-dangling")});
            QVERIFY2(fsck.exitCode == 0 && fsck.err.trimmed().isEmpty() && fsck.out.trimmed().isEmpty(),
                     fsck.err.constData());
        }
        QCOMPARE(git(m_demo.origin, {QStringLiteral("rev-parse"), QStringLiteral("--is-bare-repository")}),
                 QStringLiteral("true"));
        const QString master = git(m_demo.workTree, {QStringLiteral("rev-parse"), QStringLiteral("master")});
        QCOMPARE(git(m_demo.origin, {QStringLiteral("rev-parse"), QStringLiteral("master")}), master);
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("rev-parse"), QStringLiteral("origin/master")}),
                 master);
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}), master);
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("symbolic-ref"), QStringLiteral("HEAD")}),
                 QStringLiteral("refs/heads/master"));
        QCOMPARE(git(m_demo.origin, {QStringLiteral("symbolic-ref"), QStringLiteral("HEAD")}),
                 QStringLiteral("refs/heads/master"));
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"),
                                       QStringLiteral("master@{upstream}")}),
                 QStringLiteral("origin/master"));
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("remote"), QStringLiteral("get-url"), QStringLiteral("origin")}),
                 m_demo.origin);
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--ignored")}),
                 QString());
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("branch"), QStringLiteral("--format=%(refname)")}),
                 QStringLiteral("refs/heads/master"));
        // An open pull request's branch on the remote, one regenerated commit ahead of master.
        const QString renovate =
            git(m_demo.origin, {QStringLiteral("rev-parse"), QStringLiteral("renovate/lighthouse-1.x")});
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("rev-parse"), QStringLiteral("origin/renovate/lighthouse-1.x")}),
                 renovate);
        QCOMPARE(git(m_demo.workTree, {QStringLiteral("rev-list"), QStringLiteral("--count"),
                                       master + QStringLiteral("..") + renovate}),
                 QStringLiteral("2"));
        // A fetch finds nothing new: the remote-tracking refs are what origin has.
        QCOMPARE(git(m_demo.workTree,
                     {QStringLiteral("fetch"), QStringLiteral("--dry-run"), QStringLiteral("origin")}),
                 QString());
    }

    void treeIsAJenkinsXEnvironment()
    {
        const QStringList files =
            git(m_demo.workTree, {QStringLiteral("ls-tree"), QStringLiteral("-r"),
                                  QStringLiteral("--name-only"), QStringLiteral("HEAD")})
                .split(QLatin1Char('\n'));
        QVERIFY(files.contains(QStringLiteral("README.md")));
        for (const QString& ns :
             {QStringLiteral("jx"), QStringLiteral("jx-staging"), QStringLiteral("jx-production")}) {
            QVERIFY(files.contains(QStringLiteral("config-root/cluster/namespaces/%1.yaml").arg(ns)));
            QVERIFY(files.contains(QStringLiteral("helmfiles/%1/helmfile.yaml").arg(ns)));
            QVERIFY(std::any_of(files.begin(), files.end(), [&](const QString& f) {
                return f.startsWith(QStringLiteral("config-root/namespaces/%1/").arg(ns));
            }));
        }
        QVERIFY(files.contains(
            QStringLiteral("config-root/namespaces/jx-staging/payments/payments-deploy.yaml")));

        // Jenkins X file naming: config-root/namespaces/<ns>/<release>/<name>-<kind suffix>.yaml.
        static const QRegularExpression naming(QStringLiteral(
            "^config-root/namespaces/[a-z-]+/[a-z-]+/[a-z0-9.-]+-"
            "(deploy|svc|sa|cm|ingress|hpa|role|rb|cronjob|rbac|externalsecret|secret|environment)\\.yaml$"));
        for (const QString& f : files)
            if (f.startsWith(QStringLiteral("config-root/namespaces/")))
                QVERIFY2(naming.match(f).hasMatch(), qPrintable(f));
    }

    void manifestsAreWhatKubectlAccepts()
    {
        QMap<QString, int> kinds;
        QMap<QString, QString> apiVersions;
        int resources = 0;
        for (const Document& d : std::as_const(m_documents)) {
            if (!d.file.startsWith(QStringLiteral("config-root/")))
                continue;
            const YAML::Node& n = d.node;
            QVERIFY2(n.IsMap() && n["apiVersion"] && n["kind"] && n["metadata"]["name"], qPrintable(d.file));
            const QString kind = str(n["kind"]);
            ++resources;
            ++kinds[kind];
            const QString apiVersion = str(n["apiVersion"]);
            QVERIFY2(apiVersions.value(kind, apiVersion) == apiVersion, qPrintable(d.file));
            apiVersions[kind] = apiVersion;
            // Credentials come from ExternalSecrets; the one Secret in git is the boot job's settings,
            // which the demo cluster changes to show a drifted Secret (issue 4), masked.
            QVERIFY2(kind != QLatin1String("Secret") ||
                         str(n["metadata"]["name"]) == QLatin1String("jx-boot-job-env-vars"),
                     qPrintable(d.file + QStringLiteral(": no Secret values in git")));
            const bool clusterScoped =
                kind == QLatin1String("Namespace") || kind == QLatin1String("CustomResourceDefinition");
            QVERIFY2(clusterScoped != bool(n["metadata"]["namespace"]), qPrintable(d.file));
            if (!clusterScoped) {
                // The folder says the namespace, and Jenkins X's apply pipeline label is on it.
                QCOMPARE(str(n["metadata"]["namespace"]), d.file.section(QLatin1Char('/'), 2, 2));
                QCOMPARE(str(n["metadata"]["labels"]["gitops.jenkins-x.io/pipeline"]),
                         QStringLiteral("namespaces"));
            }
        }
        QVERIFY2(resources >= 40, qPrintable(QString::number(resources)));
        QVERIFY2(kinds.size() >= 8, qPrintable(kinds.keys().join(QLatin1Char(','))));
        const QMap<QString, QString> expected{
            {QStringLiteral("Deployment"), QStringLiteral("apps/v1")},
            {QStringLiteral("Service"), QStringLiteral("v1")},
            {QStringLiteral("ConfigMap"), QStringLiteral("v1")},
            {QStringLiteral("Secret"), QStringLiteral("v1")},
            {QStringLiteral("ServiceAccount"), QStringLiteral("v1")},
            {QStringLiteral("Namespace"), QStringLiteral("v1")},
            {QStringLiteral("Ingress"), QStringLiteral("networking.k8s.io/v1")},
            {QStringLiteral("Role"), QStringLiteral("rbac.authorization.k8s.io/v1")},
            {QStringLiteral("RoleBinding"), QStringLiteral("rbac.authorization.k8s.io/v1")},
            {QStringLiteral("CronJob"), QStringLiteral("batch/v1")},
            {QStringLiteral("HorizontalPodAutoscaler"), QStringLiteral("autoscaling/v2")},
            {QStringLiteral("CustomResourceDefinition"), QStringLiteral("apiextensions.k8s.io/v1")},
            {QStringLiteral("Environment"), QStringLiteral("jenkins.io/v1")},
            {QStringLiteral("ExternalSecret"), QStringLiteral("kubernetes-client.io/v1")}};
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QCOMPARE(apiVersions.value(it.key()), it.value());
        QCOMPARE(apiVersions.size(), expected.size());

        // Custom resources have their CRD in the repository.
        QSet<QString> crds;
        for (const Document& d : std::as_const(m_documents))
            if (d.file.startsWith(QStringLiteral("config-root/")) &&
                str(d.node["kind"]) == QLatin1String("CustomResourceDefinition"))
                crds.insert(str(d.node["spec"]["names"]["kind"]) + QLatin1Char('/') +
                            str(d.node["spec"]["group"]));
        QVERIFY(crds.contains(QStringLiteral("Environment/jenkins.io")));
        QVERIFY(crds.contains(QStringLiteral("ExternalSecret/kubernetes-client.io")));

        QVERIFY(std::any_of(m_documentsPerFile.begin(), m_documentsPerFile.end(),
                            [](int count) { return count >= 2; }));
    }

    void workloadsAreConsistent()
    {
        QMultiMap<QString, YAML::Node> podLabelsByNamespace;
        QSet<QString> serviceAccounts, configMaps;
        for (const Document& d : std::as_const(m_documents)) {
            const YAML::Node& n = d.node;
            if (!d.file.startsWith(QStringLiteral("config-root/")))
                continue;
            const QString kind = str(n["kind"]);
            const QString ns = n["metadata"]["namespace"] ? str(n["metadata"]["namespace"]) : QString();
            if (kind == QLatin1String("ServiceAccount"))
                serviceAccounts.insert(ns + QLatin1Char('/') + str(n["metadata"]["name"]));
            if (kind == QLatin1String("ConfigMap"))
                configMaps.insert(ns + QLatin1Char('/') + str(n["metadata"]["name"]));
        }
        for (const Document& d : std::as_const(m_documents)) {
            const YAML::Node& n = d.node;
            if (!d.file.startsWith(QStringLiteral("config-root/")))
                continue;
            const QString kind = str(n["kind"]);
            const QString ns = n["metadata"]["namespace"] ? str(n["metadata"]["namespace"]) : QString();
            YAML::Node podSpec; // note: a default-constructed Node converts to true
            bool workload = true;
            if (kind == QLatin1String("Deployment")) {
                QVERIFY2(labelsInclude(n["spec"]["template"]["metadata"]["labels"],
                                       n["spec"]["selector"]["matchLabels"]),
                         qPrintable(d.file + QStringLiteral(": selector does not match the pod labels")));
                podLabelsByNamespace.insert(ns, n["spec"]["template"]["metadata"]["labels"]);
                podSpec = n["spec"]["template"]["spec"];
            } else if (kind == QLatin1String("CronJob")) {
                podSpec = n["spec"]["jobTemplate"]["spec"]["template"]["spec"];
                QVERIFY2(str(n["spec"]["schedule"]).count(QLatin1Char(' ')) == 4, qPrintable(d.file));
            } else {
                workload = false;
            }
            if (workload) {
                QVERIFY2(serviceAccounts.contains(ns + QLatin1Char('/') + str(podSpec["serviceAccountName"])),
                         qPrintable(d.file));
                for (const YAML::Node& c : podSpec["containers"]) {
                    QVERIFY2(c["name"] && c["image"] && c["resources"]["limits"]["memory"] &&
                                 c["resources"]["requests"]["cpu"],
                             qPrintable(d.file));
                    QVERIFY2(str(c["image"]).contains(QLatin1Char(':')), qPrintable(d.file));
                    for (const YAML::Node& from : c["envFrom"])
                        QVERIFY2(
                            configMaps.contains(ns + QLatin1Char('/') + str(from["configMapRef"]["name"])),
                            qPrintable(d.file));
                }
            }
        }
        for (const Document& d : std::as_const(m_documents)) {
            const YAML::Node& n = d.node;
            if (!d.file.startsWith(QStringLiteral("config-root/")) ||
                str(n["kind"]) != QLatin1String("Service"))
                continue;
            const QList<YAML::Node> pods = podLabelsByNamespace.values(str(n["metadata"]["namespace"]));
            QVERIFY2(std::any_of(pods.begin(), pods.end(),
                                 [&](const YAML::Node& labels) {
                                     return labelsInclude(labels, n["spec"]["selector"]);
                                 }),
                     qPrintable(d.file + QStringLiteral(": the selector matches no pod")));
        }
    }

    void regeneratingReplacesTheOldDemoWithTheSameIds()
    {
        const QString folder = m_dir.filePath(QStringLiteral("demo"));
        const QString master = git(m_demo.workTree, {QStringLiteral("rev-parse"), QStringLiteral("master")});
        QFile stray(m_demo.workTree + QStringLiteral("/stray.txt"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        git(m_demo.workTree,
            {QStringLiteral("-c"), QStringLiteral("user.name=x"), QStringLiteral("-c"),
             QStringLiteral("user.email=x@x"), QStringLiteral("commit"), QStringLiteral("--allow-empty"),
             QStringLiteral("-qm"), QStringLiteral("local")});

        auto again = core::demo::createDemoEnvironment(folder);
        QVERIFY2(again.has_value(), test::why(again).constData());
        QVERIFY(!QFile::exists(m_demo.workTree + QStringLiteral("/stray.txt")));
        QCOMPARE(git(again->workTree, {QStringLiteral("rev-parse"), QStringLiteral("master")}), master);
        QCOMPARE(
            git(again->origin, {QStringLiteral("rev-parse"), QStringLiteral("renovate/lighthouse-1.x")}),
            git(m_demo.origin, {QStringLiteral("rev-parse"), QStringLiteral("renovate/lighthouse-1.x")}));
        // No temporary siblings are left behind.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("demo")});

        // A different folder gets the very same commits.
        QTemporaryDir other;
        auto elsewhere = core::demo::createDemoEnvironment(other.filePath(QStringLiteral("nested/demo")));
        QVERIFY2(elsewhere.has_value(), test::why(elsewhere).constData());
        QCOMPARE(git(elsewhere->workTree, {QStringLiteral("rev-parse"), QStringLiteral("master")}), master);
    }

    void refusesAFolderThatIsNotADemo()
    {
        QTemporaryDir dir;
        QFile keep(dir.filePath(QStringLiteral("keep.txt")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        auto refused = core::demo::createDemoEnvironment(dir.path());
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QStringLiteral("not empty")),
                 qPrintable(refused.error().message));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("keep.txt"))));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("keep.txt")});

        auto onFile = core::demo::createDemoEnvironment(dir.filePath(QStringLiteral("keep.txt")));
        QVERIFY(!onFile.has_value());
        QVERIFY2(onFile.error().message.contains(QStringLiteral("is a file")),
                 qPrintable(onFile.error().message));
    }

    void defaultFolderIsInShiplogsCache()
    {
        const QString name = QCoreApplication::applicationName();
        QCoreApplication::setApplicationName(QStringLiteral("shiplog"));
        const QString folder = core::demo::defaultDemoFolder();
        QCoreApplication::setApplicationName(name);
        QVERIFY2(folder.endsWith(QStringLiteral("/demo")) && folder.contains(QStringLiteral("shiplog")),
                 qPrintable(folder));
    }
};

QTEST_GUILESS_MAIN(TestDemoEnvironment)
#include "tst_demo_environment.moc"
