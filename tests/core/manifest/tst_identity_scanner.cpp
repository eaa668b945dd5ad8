// The identity scanner must say what the parser says about every slice it decides: the same
// apiVersion, kind, name, namespace and line, or "no resource"; and two slices it calls equal in
// meaning (same normalized digest) must parse to equal values. Proven on hand cases and on every
// distinct slice of the shared fixtures' histories.
#include "core/git/object_id.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/manifest/document_slices.h"
#include "core/manifest/identity_scanner.h"
#include "core/manifest/manifest_parser.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <string_view>
#include <unordered_set>

using namespace shiplog;
using core::manifest::ScannedIdentity;
using Verdict = ScannedIdentity::Verdict;

namespace {

struct Agreement
{
    qint64 slices = 0;            // distinct slices met
    qint64 compared = 0;          // … of which parsed and compared
    qint64 decided = 0;           // the scanner decided and the parser read the slice
    qint64 undecided = 0;         // the scanner left it to the parser
    qint64 undecidedReadable = 0; // … which reads it
    qint64 rejected = 0;          // the scanner decided, the parser rejects the slice (the index presumes)
    qint64 resources = 0;
    qint64 lists = 0;         // decided *List slices (read item by item)
    qint64 items = 0;         // … their items that are resources
    qint64 equalMeanings = 0; // slices whose normalized digest was met before, with the same values
    QMap<QByteArray, int> reasons;
};

// What the parser reads in one slice alone, against the scanner; "" when they agree.
QString compareSlice(const QByteArray& slice, Agreement& agreement, QHash<QByteArray, QByteArray>& meanings)
{
    const ScannedIdentity scanned = core::manifest::scanIdentity(slice);
    const core::manifest::ParsedBlob parsed = core::manifest::parseManifest(slice);
    ++agreement.compared;
    if (scanned.verdict == Verdict::Undecided) {
        ++agreement.undecided;
        if (!parsed.error)
            ++agreement.undecidedReadable;
        ++agreement.reasons[QByteArray(scanned.reason)];
        return {};
    }
    // A List has no digest of its own (its items do), a document has one.
    if (scanned.normalizedDigest.size() != (scanned.verdict == Verdict::List ? 0 : 20))
        return QStringLiteral("no normalized digest, or one for a List");
    if (parsed.error) {
        ++agreement.rejected;
        return {};
    }
    ++agreement.decided;
    if (scanned.verdict == Verdict::NotResource) {
        if (!parsed.resources.isEmpty())
            return QStringLiteral("scanner: no resource; parser: %1")
                .arg(parsed.resources[0].key.displayName());
        return {};
    }
    // The resources the scanner read (a List's items, or the document), each with its digest.
    const bool list = scanned.verdict == Verdict::List;
    if (list)
        ++agreement.lists;
    const QList<core::manifest::ScannedItem> expected =
        list ? scanned.items
             : QList<core::manifest::ScannedItem>{{scanned.apiVersion, scanned.kind, scanned.name,
                                                   scanned.namespaceName, scanned.normalizedDigest}};
    if (parsed.resources.size() != expected.size())
        return QStringLiteral("scanner: %1 resources (%2/%3…); parser: %4 resources")
            .arg(expected.size())
            .arg(scanned.kind, scanned.name)
            .arg(parsed.resources.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const core::manifest::Resource& r = parsed.resources[i];
        const core::manifest::ScannedItem& s = expected[i];
        if (s.normalizedDigest.size() != 20)
            return QStringLiteral("no normalized digest for an item");
        const auto [group, version] = core::manifest::splitApiVersion(s.apiVersion);
        if (r.apiVersion != s.apiVersion || r.key.group != group || r.version != version ||
            r.key.kind != s.kind || r.key.name != s.name || r.key.namespaceName != s.namespaceName ||
            r.line != scanned.line + 1)
            return QStringLiteral("scanner: %1 %2 %3/%4 line %5; parser: %6 %7 line %8")
                .arg(s.apiVersion, s.kind, s.namespaceName, s.name)
                .arg(scanned.line + 1)
                .arg(r.apiVersion, r.key.displayName())
                .arg(r.line);
        ++agreement.resources;
        if (list)
            ++agreement.items;
        // An item's digest is of its own text, a document's of the slice: kept apart.
        const QByteArray digest = (list ? "i" : "d") + s.normalizedDigest;
        const auto seen = meanings.constFind(digest);
        if (seen == meanings.constEnd()) {
            meanings.insert(digest, r.digest);
        } else {
            if (*seen != r.digest)
                return QStringLiteral("equal normalized text, different values: %1").arg(r.key.displayName());
            ++agreement.equalMeanings;
        }
    }
    return {};
}

QString print(const Agreement& a)
{
    QStringList reasons;
    for (auto it = a.reasons.begin(); it != a.reasons.end(); ++it)
        reasons << QStringLiteral("%1 × %2").arg(it.value()).arg(QString::fromUtf8(it.key()));
    return QStringLiteral("%1 distinct slices, %2 compared: %3 decided and parsed (%4 resources, %5 equal "
                          "in meaning to an earlier slice or item), %6 undecided (%9 that the parser "
                          "reads), %7 the parser rejects; %10 Lists read item by item (%11 items); "
                          "undecided because: %8")
        .arg(a.slices)
        .arg(a.compared)
        .arg(a.decided)
        .arg(a.resources)
        .arg(a.equalMeanings)
        .arg(a.undecided)
        .arg(a.rejected)
        .arg(reasons.join(QStringLiteral("; ")))
        .arg(a.undecidedReadable)
        .arg(a.lists)
        .arg(a.items);
}

} // namespace

class TestIdentityScanner : public QObject
{
    Q_OBJECT
private slots:
    void handCases_data()
    {
        QTest::addColumn<QByteArray>("slice");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("identity"); // apiVersion kind namespace/name line

        const int resource = int(Verdict::Resource);
        const int none = int(Verdict::NotResource);
        const int undecided = int(Verdict::Undecided);
        const int list = int(Verdict::List);
        QTest::addRow("block") << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                             "  namespace: shop\nspec:\n  replicas: 2\n")
                               << resource << QStringLiteral("apps/v1 Deployment shop/web 0");
        QTest::addRow("marker and comments")
            << QByteArray("--- # first\n# a comment\napiVersion: v1 # trailing\nkind: ConfigMap\nmetadata:\n"
                          "  # inside\n  name: 'it''s'\n  labels:\n    a: b\ndata:\n  x: \"1\"\n")
            << resource << QStringLiteral("v1 ConfigMap /it's 2");
        QTest::addRow("flow metadata")
            << QByteArray("kind: Service\napiVersion: v1\nmetadata: {name: \"api\", namespace: prod, labels: "
                          "{app: api}}\nspec: {}\n")
            << resource << QStringLiteral("v1 Service prod/api 0");
        QTest::addRow("keys in any order")
            << QByteArray("metadata:\n  namespace: a\n  annotations:\n    x: |\n      name: not-this\n"
                          "  name: real\nspec:\n  template:\n    metadata:\n      name: nested\nkind: Pod\n"
                          "apiVersion: v1\n")
            << resource << QStringLiteral("v1 Pod a/real 0");
        QTest::addRow("block scalar with keys inside")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scripts\ndata:\n  run.sh: |\n"
                          "    kind: fake\n    \"unbalanced\n\n    # not a comment\nother: x\n")
            << resource << QStringLiteral("v1 ConfigMap /scripts 0");
        QTest::addRow("document end")
            << QByteArray("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: jx\n...\n# done\n") << resource
            << QStringLiteral("v1 Namespace /jx 0");
        QTest::addRow("kustomization") << QByteArray("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: "
                                                     "Kustomization\nresources:\n- a.yaml\n- b.yaml\n")
                                       << none << QString();
        QTest::addRow("values") << QByteArray("replicas: 2\nimage:\n  tag: \"1.0\"\n") << none << QString();
        QTest::addRow("comments only") << QByteArray("---\n# nothing here\n") << none << QString();
        QTest::addRow("empty name") << QByteArray(
                                           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"\"\n")
                                    << none << QString();
        QTest::addRow("null metadata")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\ndata: {}\n") << none << QString();
        QTest::addRow("anchor") << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n web\n")
                                << undecided << QString();
        QTest::addRow("alias") << QByteArray(
                                      "x: &n web\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *n\n")
                               << undecided << QString();
        QTest::addRow("tag") << QByteArray("apiVersion: v1\nkind: !!str ConfigMap\nmetadata:\n  name: a\n")
                             << undecided << QString();
        QTest::addRow("complex key") << QByteArray(
                                            "? kind\n: ConfigMap\napiVersion: v1\nmetadata: {name: a}\n")
                                     << undecided << QString();
        QTest::addRow("quoted key") << QByteArray(
                                           "\"kind\": ConfigMap\napiVersion: v1\nmetadata: {name: a}\n")
                                    << undecided << QString();
        QTest::addRow("multi-line plain name")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n    b\n") << undecided
            << QString();
        // A quoted scalar's next lines are its content, even one that looks like a top-level key.
        QTest::addRow("multi-line quoted elsewhere")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"one\n"
                          "kind: two\"\n  y: 'three\n\n    kind: four'\n")
            << resource << QStringLiteral("v1 ConfigMap /a 0");
        QTest::addRow("quoted scalar that does not end")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"one\n")
            << undecided << QString();
        QTest::addRow("empty list") << QByteArray("apiVersion: v1\nkind: List\nitems: []\n") << list
                                    << QStringLiteral("0");
        // A *List without items is read by the parser as any document.
        QTest::addRow("typed list without items")
            << QByteArray("apiVersion: v1\nkind: ConfigMapList\nmetadata: {name: x}\n") << undecided
            << QString();
        QTest::addRow("list items")
            << QByteArray("# dashboards\napiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n"
                          "  kind: ConfigMap\n  data:\n    x.json: |-\n      {\n      - \"not\": an item\n"
                          "      kind: Secret\n      }\n  metadata:\n    name: a\n    namespace: mon\n"
                          "# between\n- kind: ConfigMap\n  apiVersion: v1\n  metadata: {name: b}\n"
                          "  list:\n  - x\n  - y: z\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {}\n"
                          "metadata:\n  resourceVersion: \"\"\n")
            << list << QStringLiteral("v1 ConfigMap mon/a; v1 ConfigMap /b 1");
        QTest::addRow("list items indented")
            << QByteArray(
                   "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: Deployment\n"
                   "    metadata:\n      name: web\n    spec:\n      replicas: 2\n"
                   "  -   apiVersion: v1\n      kind: Service\n      metadata: {name: web}\n")
            << list << QStringLiteral("apps/v1 Deployment /web; v1 Service /web 0");
        QTest::addRow("list items with an alias")
            << QByteArray(
                   "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
                   "  metadata: {name: a}\n  data: &d {x: \"1\"}\n- apiVersion: v1\n  kind: ConfigMap\n"
                   "  metadata: {name: b}\n  data: *d\n")
            << undecided << QString();
        QTest::addRow("list of scalars")
            << QByteArray("apiVersion: v1\nkind: List\nitems:\n- a\n- b\n") << undecided << QString();
        QTest::addRow("list item with a number name")
            << QByteArray("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
                          "  metadata:\n    name: 123\n")
            << undecided << QString();
        QTest::addRow("list item keys not aligned")
            << QByteArray("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n kind: ConfigMap\n")
            << undecided << QString();
        QTest::addRow("items of a resource")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems:\n- x\n- y: 1\n")
            << resource << QStringLiteral("v1 ConfigMap /a 0");
        QTest::addRow("number name") << QByteArray(
                                            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n")
                                     << undecided << QString();
        QTest::addRow("boolean namespace")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: no\n")
            << undecided << QString();
        QTest::addRow("merge key") << QByteArray(
                                          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: {name: a}\n")
                                   << undecided << QString();
        QTest::addRow("duplicate kind")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: a}\n") << undecided
            << QString();
        QTest::addRow("escape") << QByteArray(
                                       "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"a\\tb\"}\n")
                                << undecided << QString();
        QTest::addRow("crlf") << QByteArray("apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n")
                              << undecided << QString();
        QTest::addRow("indented root")
            << QByteArray("  apiVersion: v1\n  kind: ConfigMap\n") << undecided << QString();
        QTest::addRow("sequence") << QByteArray("# values\n- a\n- b: c\n  d: e\n-\n  f\n") << none
                                  << QString();
        // yaml-cpp reads a mapping after a top-level sequence as a second document: its resource
        // would be missed if the slice were called a sequence (found by fuzz_identity_scanner).
        QTest::addRow("sequence then mapping")
            << QByteArray(
                   "-\n  line\nspec: {replicas: 2}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
            << undecided << QString();
        QTest::addRow("flow root") << QByteArray("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n")
                                   << undecided << QString();
    }

    void handCases()
    {
        QFETCH(QByteArray, slice);
        QFETCH(int, verdict);
        QFETCH(QString, identity);
        const ScannedIdentity scanned = core::manifest::scanIdentity(slice);
        QCOMPARE(int(scanned.verdict), verdict);
        if (scanned.verdict == Verdict::Resource)
            QCOMPARE(QStringLiteral("%1 %2 %3/%4 %5")
                         .arg(scanned.apiVersion, scanned.kind, scanned.namespaceName, scanned.name)
                         .arg(scanned.line),
                     identity);
        if (scanned.verdict == Verdict::List) {
            QStringList items;
            for (const core::manifest::ScannedItem& item : scanned.items) {
                items << QStringLiteral("%1 %2 %3/%4")
                             .arg(item.apiVersion, item.kind, item.namespaceName, item.name);
            }
            items << QString::number(scanned.line);
            QCOMPARE(items.size() == 1 ? items[0]
                                       : items.mid(0, items.size() - 1).join(QStringLiteral("; ")) +
                                             QLatin1Char(' ') + items.back(),
                     identity);
        }
        // And the parser agrees wherever the scanner decides.
        Agreement agreement;
        QHash<QByteArray, QByteArray> meanings;
        const QString disagreement = compareSlice(slice, agreement, meanings);
        QVERIFY2(disagreement.isEmpty(), qPrintable(disagreement));
        if (verdict != int(Verdict::Undecided))
            QCOMPARE(agreement.decided, qint64(1)); // the parser reads every decided hand case
    }

    void equalMeaningIgnoresCommentsAndTrailingBlanks()
    {
        const QByteArray base("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n"
                              "  script: |\n    echo hi\n");
        const auto digest = [](const QByteArray& text) {
            return core::manifest::scanIdentity(text).normalizedDigest;
        };
        QCOMPARE(digest(base).size(), 20);
        QCOMPARE(digest("# reviewed\n" + base), digest(base));
        QCOMPARE(digest(QByteArray(base).replace("kind: ConfigMap\n", "kind: ConfigMap   \n# why\n")),
                 digest(base));
        QCOMPARE(digest(base.chopped(1)), digest(base)); // the last line's '\n'
        // Inside a block scalar, a '#' line and trailing blanks are content.
        QVERIFY(digest(base + "    # not a comment\n") != digest(base));
        QVERIFY(digest(QByteArray(base).replace("echo hi\n", "echo hi  \n")) != digest(base));
        // Values differ.
        QVERIFY(digest(QByteArray(base).replace("\"1\"", "\"2\"")) != digest(base));
        // A comment line inside a multi-line plain scalar ends it: not dropped there.
        const QByteArray folded("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: one\n"
                                "    two\n");
        QVERIFY(digest(QByteArray(folded).replace("  x: one\n", "  x: one\n  # c\n")) != digest(folded));
    }

    void listItemDigests()
    {
        const QByteArray first("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n"
                               "    x: \"1\"\n    s: |\n      one\n\n");
        const QByteArray second("- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n");
        const auto digests = [](const QByteArray& items) {
            const ScannedIdentity scanned =
                core::manifest::scanIdentity("apiVersion: v1\nkind: ConfigMapList\nitems:\n" + items);
            QList<QByteArray> result;
            for (const core::manifest::ScannedItem& item : scanned.items)
                result << item.normalizedDigest;
            return result;
        };
        const QList<QByteArray> base = digests(first + second);
        QCOMPARE(base.size(), 2);
        QVERIFY(base[0] != base[1]);
        // An item's digest is of its own text: the same wherever it sits, whatever its neighbours.
        QCOMPARE(digests(second + first), (QList<QByteArray>{base[1], base[0]}));
        QCOMPARE(digests(first + "# next\n\n" + QByteArray(second).replace("{name: b}", "{name: b}   ")),
                 base);
        QCOMPARE(digests(QByteArray(first).replace("  data:\n", "  # data\n  data:\n") + second), base);
        // Values differ: only that item's digest.
        const QList<QByteArray> edited = digests(QByteArray(first).replace("\"1\"", "\"2\"") + second);
        QVERIFY(edited[0] != base[0]);
        QCOMPARE(edited[1], base[1]);
        // The block scalar's trailing blank line (kept by `|+`) is the item's content.
        QVERIFY(digests(QByteArray(first).replace("s: |", "s: |+") + second)[0] !=
                digests(QByteArray(first).replace("s: |", "s: |+").chopped(1) + second)[0]);
    }

    void everySliceOfTheFixtures_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* name : {"argocd-example-apps", "flux2-kustomize-helm-example", "jx3-eagle",
                                 "kube-prometheus", "argo-cd-manifests"})
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }

    void everySliceOfTheFixtures()
    {
        QFETCH(QString, fixture);
        SHIPLOG_REQUIRE_FIXTURE(fixture);
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(fixture, dir.path(), true));
        // Every YAML blob of the history (each once), newest first.
        const test::ProcessResult objects = test::run(
            QStringLiteral("git"),
            {QStringLiteral("rev-list"), QStringLiteral("--objects"), QStringLiteral("--all")}, dir.path());
        QCOMPARE(objects.exitCode, 0);
        QList<core::git::ObjectId> blobs;
        for (const QByteArray& line : objects.out.split('\n')) {
            const qsizetype space = line.indexOf(' ');
            if (space < 0 || !(line.endsWith(".yaml") || line.endsWith(".yml")))
                continue;
            auto id = core::git::ObjectId::fromString(QString::fromLatin1(line.left(space)));
            QVERIFY(id);
            blobs.append(*id);
        }
        auto repo = core::git::Repository::open(dir.path());
        QVERIFY(repo);
        auto odb = core::git::ObjectDatabase::open(*repo);
        QVERIFY(odb);
        // Parsing is what costs (yaml-cpp, a few MB/s): each distinct slice once, and on the two
        // biggest histories (argo-cd's 2 MB install bundles, kube-prometheus' CRDs: hundreds of MB
        // of distinct slices) every k-th distinct slice, k printed. The scanner sees every slice.
        // Two passes over the blobs (the second parses the chosen slices), so that no more than a
        // hash per distinct slice is kept.
        const qint64 parseBudgetBytes = 24LL * 1024 * 1024;
        const auto forEachDistinctSlice = [&](const std::function<void(const QByteArray&, qint64)>& use) {
            std::unordered_set<std::string> seen; // SHA-1 of each slice met
            qint64 index = 0;
            for (const core::git::ObjectId& id : std::as_const(blobs)) {
                auto object = core::git::readRawObject(*odb, id, QStringLiteral("file"));
                if (!object)
                    return false;
                const QByteArray data = QByteArray::fromRawData(object->data(), qsizetype(object->size()));
                for (const core::manifest::DocumentSlice& s : core::manifest::splitDocuments(data)) {
                    const QByteArray slice = data.mid(s.begin, s.end - s.begin);
                    if (seen.insert(QCryptographicHash::hash(slice, QCryptographicHash::Sha1).toStdString())
                            .second)
                        use(slice, index++);
                }
            }
            return true;
        };
        qint64 distinctBytes = 0;
        qint64 distinctSlices = 0;
        qint64 undecidedByScan = 0;
        QElapsedTimer scanTimer;
        scanTimer.start();
        QVERIFY(forEachDistinctSlice([&](const QByteArray& slice, qint64) {
            distinctBytes += slice.size();
            ++distinctSlices;
            undecidedByScan += core::manifest::scanIdentity(slice).verdict == Verdict::Undecided ? 1 : 0;
        }));
        const qint64 scanMs = scanTimer.elapsed();
        const qint64 every = qMax<qint64>(1, (distinctBytes + parseBudgetBytes - 1) / parseBudgetBytes);
        Agreement agreement;
        agreement.slices = distinctSlices;
        QHash<QByteArray, QByteArray> meanings;
        QStringList disagreements;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(forEachDistinctSlice([&](const QByteArray& slice, qint64 index) {
            if (index % every != 0)
                return;
            const QString disagreement = compareSlice(slice, agreement, meanings);
            if (!disagreement.isEmpty() && disagreements.size() < 10)
                disagreements << disagreement + QStringLiteral("\n") + QString::fromUtf8(slice.left(400));
        }));
        qInfo().noquote() << fixture
                          << QStringLiteral(
                                 "(%1 blobs, %2 MB of distinct slices, scanned in %3 ms; every %4. "
                                 "compared, %5 ms):")
                                 .arg(blobs.size())
                                 .arg(double(distinctBytes) / 1048576.0, 0, 'f', 1)
                                 .arg(scanMs)
                                 .arg(every)
                                 .arg(timer.elapsed())
                          << print(agreement)
                          << QStringLiteral("; over all slices the scanner leaves %1 of %2 to the parser")
                                 .arg(undecidedByScan)
                                 .arg(distinctSlices);
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(QStringLiteral("\n---\n"))));
        QVERIFY(agreement.decided > 0);
        // The scanner is what makes the index fast: it must decide nearly every slice that is YAML.
        QVERIFY2(agreement.undecidedReadable * 20 <= agreement.compared, qPrintable(print(agreement)));
    }
};

QTEST_GUILESS_MAIN(TestIdentityScanner)
#include "tst_identity_scanner.moc"
