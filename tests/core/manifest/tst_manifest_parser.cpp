#include "core/manifest/manifest_parser.h"
#include "core/manifest/secrets.h"
#include "core/manifest/yaml_scalar.h"
#include "core/manifest/yaml_writer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace shiplog::core::manifest;

namespace {
QJsonValue valueOf(const QByteArray& yamlValue)
{
    const ParsedBlob blob = parseManifest(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: " + yamlValue + "\n");
    if (blob.error || blob.resources.size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return blob.resources.front().object.value(QLatin1String("data")).toObject().value(QLatin1String("v"));
}
} // namespace

class TestManifestParser : public QObject
{
    Q_OBJECT
private slots:
    void yaml11Typing_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("yes") << QByteArray("yes") << QJsonValue(true);
        QTest::newRow("No") << QByteArray("No") << QJsonValue(false);
        QTest::newRow("on") << QByteArray("on") << QJsonValue(true);
        QTest::newRow("OFF") << QByteArray("OFF") << QJsonValue(false);
        QTest::newRow("y") << QByteArray("y") << QJsonValue(true);
        QTest::newRow("true") << QByteArray("true") << QJsonValue(true);
        QTest::newRow("False") << QByteArray("False") << QJsonValue(false);
        QTest::newRow("quoted yes") << QByteArray("\"yes\"") << QJsonValue(QStringLiteral("yes"));
        QTest::newRow("single-quoted on") << QByteArray("'on'") << QJsonValue(QStringLiteral("on"));
        QTest::newRow("octal") << QByteArray("0755") << QJsonValue(493);
        QTest::newRow("hex") << QByteArray("0x1F") << QJsonValue(31);
        QTest::newRow("binary") << QByteArray("0b101") << QJsonValue(5);
        QTest::newRow("negative") << QByteArray("-42") << QJsonValue(-42);
        QTest::newRow("underscores") << QByteArray("1_000") << QJsonValue(1000);
        QTest::newRow("int") << QByteArray("8080") << QJsonValue(8080);
        QTest::newRow("float") << QByteArray("1.5") << QJsonValue(1.5);
        QTest::newRow("exp float") << QByteArray("1e3") << QJsonValue(1000.0);
        QTest::newRow("dot float") << QByteArray(".5") << QJsonValue(0.5);
        QTest::newRow("08 is float") << QByteArray("08") << QJsonValue(8.0);
        QTest::newRow("tilde") << QByteArray("~") << QJsonValue(QJsonValue::Null);
        QTest::newRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("empty") << QByteArray("") << QJsonValue(QJsonValue::Null);
        QTest::newRow("quoted int") << QByteArray("\"8080\"") << QJsonValue(QStringLiteral("8080"));
        QTest::newRow("!!str tag") << QByteArray("!!str 12") << QJsonValue(QStringLiteral("12"));
        QTest::newRow("version string") << QByteArray("1.2.3") << QJsonValue(QStringLiteral("1.2.3"));
        QTest::newRow("date stays string")
            << QByteArray("2024-05-01") << QJsonValue(QStringLiteral("2024-05-01"));
        QTest::newRow("inf stays string") << QByteArray(".inf") << QJsonValue(QStringLiteral(".inf"));
        QTest::newRow("quantity") << QByteArray("500m") << QJsonValue(QStringLiteral("500m"));
        QTest::newRow("plain text") << QByteArray("hello world") << QJsonValue(QStringLiteral("hello world"));
        QTest::newRow("literal block")
            << QByteArray("|\n    a\n    b") << QJsonValue(QStringLiteral("a\nb\n"));
        QTest::newRow("big int") << QByteArray("9007199254740993") << QJsonValue(qint64(9007199254740993LL));
    }
    void yaml11Typing()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QJsonValue, expected);
        const QJsonValue actual = valueOf(yaml);
        QVERIFY2(actual == expected,
                 qPrintable(QStringLiteral("%1 → %2").arg(
                     QString::fromUtf8(yaml),
                     QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact)))));
    }

    void identityFromContent()
    {
        const ParsedBlob blob = parseManifest(
            "# comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\n"
            "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n---\n# only a comment\n---\n"
            "resources: [a.yaml]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
        QVERIFY(!blob.error);
        QCOMPARE(blob.resources.size(), 2);
        const Resource& d = blob.resources[0];
        QCOMPARE(d.key, (ResourceKey{QStringLiteral("apps"), QStringLiteral("Deployment"),
                                     QStringLiteral("prod"), QStringLiteral("web")}));
        QCOMPARE(d.version, QStringLiteral("v1"));
        QCOMPARE(d.line, 2);
        QVERIFY(d.text.startsWith("# comment\napiVersion: apps/v1"));
        QVERIFY(!d.text.contains("Namespace"));
        const Resource& ns = blob.resources[1];
        QCOMPARE(ns.key.group, QString());
        QCOMPARE(ns.key.namespaceName, QString());
        QCOMPARE(ns.line, 8);
        QVERIFY(ns.text.startsWith("---\napiVersion: v1\nkind: Namespace"));
    }

    void formattingIsNotAChange()
    {
        const ParsedBlob a =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \"1\", b: yes}\n");
        const ParsedBlob b = parseManifest("# different comments\nkind: ConfigMap\napiVersion: "
                                           "v1\nmetadata:\n  name: x\ndata:\n  b: true\n  a: '1'\n");
        QCOMPARE(a.resources.size(), 1);
        QCOMPARE(b.resources.size(), 1);
        QCOMPARE(a.resources[0].digest, b.resources[0].digest);
        const ParsedBlob c =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1, b: yes}\n");
        QVERIFY(a.resources[0].digest != c.resources[0].digest); // "1" is not 1
    }

    void listItems()
    {
        const ParsedBlob blob = parseManifest("apiVersion: v1\nkind: List\nitems:\n"
                                              "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n"
                                              "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n"
                                              "- not-a-resource\n");
        QVERIFY(!blob.error);
        QCOMPARE(blob.resources.size(), 2);
        QCOMPARE(blob.resources[1].key.name, QStringLiteral("b"));
        QVERIFY(blob.resources[1].text.contains("name: b"));
        QVERIFY(!blob.resources[1].text.contains("name: a"));
    }

    void everyListKindIsAList()
    {
        // kube-prometheus' prometheus-roleSpecificNamespaces.yaml is a RoleList.
        const ParsedBlob blob =
            parseManifest("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleList\nitems:\n"
                          "- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n"
                          "  metadata:\n    name: r\n    namespace: default\n"
                          "- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n"
                          "  metadata:\n    name: r\n    namespace: kube-system\n");
        QVERIFY(!blob.error);
        QCOMPARE(blob.resources.size(), 2);
        QCOMPARE(blob.resources[0].key.kind, QStringLiteral("Role"));
        QCOMPARE(blob.resources[1].key.namespaceName, QStringLiteral("kube-system"));
        // A kind ending in List without items is an ordinary resource (e.g. a CRD kind named so).
        const ParsedBlob plain = parseManifest("apiVersion: example.com/v1\nkind: AllowList\nmetadata:\n"
                                               "  name: a\nspec: {items: 3}\n");
        QCOMPARE(plain.resources.size(), 1);
        QCOMPARE(plain.resources[0].key.kind, QStringLiteral("AllowList"));
    }

    void mergeKeysAndAliases()
    {
        const ParsedBlob blob =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                          "  labels: &l {a: \"1\", b: \"2\"}\n  annotations:\n    <<: *l\n    b: \"3\"\n");
        QVERIFY(!blob.error);
        const QJsonObject meta = blob.resources[0].object.value(QLatin1String("metadata")).toObject();
        QCOMPARE(meta.value(QLatin1String("annotations")).toObject(),
                 (QJsonObject{{QStringLiteral("a"), QStringLiteral("1")},
                              {QStringLiteral("b"), QStringLiteral("3")}}));
    }

    void invalidYamlNamesLine()
    {
        const ParsedBlob blob =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                          "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [y\n");
        QVERIFY(blob.error);
        QVERIFY(blob.resources.isEmpty());
        QVERIFY2(blob.error->line >= 9, qPrintable(QString::number(blob.error->line)));
        QVERIFY2(blob.error->message.startsWith(QLatin1String("invalid YAML")),
                 qPrintable(blob.error->message));
    }

    void helmTemplate()
    {
        const ParsedBlob blob = parseManifest("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n"
                                              "metadata:\n  name: {{ .Values.name }}\n{{- end }}\n");
        QVERIFY(blob.error);
        QVERIFY2(blob.error->message.contains(QLatin1String("template")), qPrintable(blob.error->message));
        QCOMPARE(blob.error->line, 1);
        const ParsedBlob inline_ =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n");
        QVERIFY(inline_.error);
        QVERIFY(inline_.error->message.contains(QLatin1String("template")));
        // Go templates inside strings (alerting rules) are plain values.
        const ParsedBlob rule = parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n"
                                              "data:\n  d: '{{ $labels.instance }} is down'\n");
        QVERIFY(!rule.error);
        QCOMPARE(rule.resources.size(), 1);
    }

    void aliasBombIsBounded()
    {
        QByteArray bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\na: &a "
                          "[\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; ++c) {
            bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 9; ++i)
                bomb += QByteArray(i ? "," : "") + "*" + QByteArray(1, prev);
            bomb += "]\n";
            prev = c;
        }
        QElapsedTimer timer;
        timer.start();
        const ParsedBlob blob = parseManifest(bomb);
        QVERIFY2(timer.elapsed() < 5000, "an alias bomb must be refused quickly");
        QVERIFY(blob.error);
        QVERIFY2(blob.error->message.contains(QLatin1String("alias")), qPrintable(blob.error->message));
    }

    void deepNestingIsBounded()
    {
        const QByteArray flow =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: " + QByteArray(100000, '[') +
            QByteArray(100000, ']') + "\n";
        const ParsedBlob a = parseManifest(flow);
        QVERIFY(a.error);
        QVERIFY2(a.error->message.contains(QLatin1String("nesting")), qPrintable(a.error->message));
        QByteArray block = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
        for (int i = 0; i < 1500; ++i)
            block += QByteArray(i, ' ') + "k:\n";
        const ParsedBlob b = parseManifest(block);
        QVERIFY(b.error);
        QVERIFY2(b.error->message.contains(QLatin1String("nesting")), qPrintable(b.error->message));
        QByteArray dashes = "- " + QByteArray().fill(' ', 0);
        for (int i = 0; i < 50000; ++i)
            dashes += "- ";
        QVERIFY(parseManifest(dashes + "x\n").error);
    }

    void strayTokenDoesNotHang()
    {
        // Found by fuzzing: yaml-cpp 0.7 returns empty documents forever on these.
        QElapsedTimer timer;
        timer.start();
        for (const QByteArray& input : {QByteArray(" &N,\n- 0x\n"), QByteArray(",\n"),
                                        QByteArray("apiV ~}\n---\n &N,YAML 1\n- 0x\n-\ntringData: x}\n")}) {
            const ParsedBlob blob = parseManifest(input);
            QVERIFY(blob.error);
        }
        QVERIFY(timer.elapsed() < 5000);
    }

    void binaryInvalidUtf8AndHugeFiles()
    {
        const ParsedBlob bin = parseManifest(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        QVERIFY(bin.error);
        QVERIFY(bin.error->message.contains(QLatin1String("binary")));
        const ParsedBlob latin1 =
            parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n");
        QVERIFY(latin1.error);
        QVERIFY(latin1.error->message.contains(QLatin1String("UTF-8")));
        QCOMPARE(latin1.error->line, 4);
        QVERIFY2(latin1.error->message.contains(QLatin1String("byte 12 of the line")),
                 qPrintable(latin1.error->message));
        // In a later document of a multi-document file: the file's own line, wherever the slice sits.
        const QByteArray second =
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: caf\xe9\n";
        const ParsedBlob later = parseManifest(second);
        QVERIFY(later.error);
        QCOMPARE(later.error->line, 11);
        QVERIFY(later.resources.isEmpty());
        QVERIFY(parseManifest("a: \xed\xa0\x80\n").error); // surrogate
        QVERIFY(parseManifest("a: \xc0\xaf\n").error);     // overlong
        QVERIFY(!parseManifest("a: caf\xc3\xa9 \xf0\x9f\x9a\xa2\n").error);
        ParseOptions small;
        small.maxFileBytes = 1024;
        const ParsedBlob big = parseManifest(QByteArray(2048, 'a'), small);
        QVERIFY(big.error);
        QVERIFY2(big.error->message.contains(QLatin1String("MB")), qPrintable(big.error->message));
    }

    void secretsAreDigestedThenMasked()
    {
        const QByteArray plain = "hunter2-very-secret";
        const QByteArray yaml =
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n"
            "    kubectl.kubernetes.io/last-applied-configuration: '{\"data\":{\"password\":\"" +
            plain.toBase64() + "\"}}'\ndata:\n  password: " + plain.toBase64() +
            "\nstringData:\n  user: " + plain + "\n";
        const ParsedBlob blob = parseManifest(yaml);
        QCOMPARE(blob.resources.size(), 1);
        const Resource& secret = blob.resources[0];
        QVERIFY(secret.isSecret());
        QVERIFY(secret.text.isEmpty());
        const QByteArray json = QJsonDocument(secret.object).toJson();
        QVERIFY(!json.contains(plain));
        QVERIFY(!json.contains(plain.toBase64()));
        const QJsonObject data = secret.object.value(QLatin1String("data")).toObject();
        const QJsonObject stringData = secret.object.value(QLatin1String("stringData")).toObject();
        QCOMPARE(data.value(QLatin1String("password")),
                 stringData.value(QLatin1String("user"))); // same plain value

        // Argo CD masks: equal values equal masks, a changed value a longer mask.
        QJsonObject before = secret.object;
        QJsonObject after =
            parseManifest(QByteArray(yaml).replace(plain.toBase64(), QByteArray("other").toBase64()))
                .resources[0]
                .object;
        maskSecretPair(&before, &after);
        const auto mask = [](const QJsonObject& o, const char* section, const char* key) {
            return o.value(QLatin1String(section)).toObject().value(QLatin1String(key)).toString();
        };
        QCOMPARE(mask(before, "data", "password"), QStringLiteral("++++++++"));
        QCOMPARE(mask(after, "data", "password"), QStringLiteral("++++++++++++"));
        QCOMPARE(mask(before, "stringData", "user"), QStringLiteral("++++++++"));
        QCOMPARE(mask(after, "stringData", "user"), QStringLiteral("++++++++"));
        const QString annotation = before.value(QLatin1String("metadata"))
                                       .toObject()
                                       .value(QLatin1String("annotations"))
                                       .toObject()
                                       .value(QLatin1String(kLastAppliedAnnotation))
                                       .toString();
        QCOMPARE(annotation, QStringLiteral("++++++++"));
        const QByteArray shown = toYaml(after);
        QVERIFY(!shown.contains(plain) && !shown.contains("sha256"));
    }

    void writerQuotesAmbiguousStrings()
    {
        const QJsonObject o{{QStringLiteral("a"), QStringLiteral("yes")},
                            {QStringLiteral("b"), QStringLiteral("0755")},
                            {QStringLiteral("c"), 8080},
                            {QStringLiteral("d"), QStringLiteral("plain")}};
        const QByteArray yaml = toYaml(o);
        QVERIFY2(yaml.contains("a: \"yes\"") && yaml.contains("b: \"0755\"") && yaml.contains("c: 8080") &&
                     yaml.contains("d: plain"),
                 yaml.constData());
    }

    // Found by fuzz_manifest: a multi-line value without a final line break ("|-" in git) came back
    // from the writer's literal block with one. Every multi-line shape reads back as it was.
    void writerKeepsMultiLineValuesExactly()
    {
        const QStringList values{QStringLiteral("one\ntwo\n"),
                                 QStringLiteral("one\ntwo"),
                                 QStringLiteral("one\ntwo\n\n"),
                                 QStringLiteral("  indented\nnext\n"),
                                 QStringLiteral("\n\nafter blank lines\n"),
                                 QStringLiteral("a\n   \nb\n"),
                                 QStringLiteral("a-\n\n\np\nwww"),
                                 QStringLiteral("crlf\r\nline\r\n"),
                                 QStringLiteral("control \x04 character\nnext\n")};
        for (const QString& value : values) {
            const QJsonObject o{
                {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("c")}}},
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("v"), value}}}};
            const QByteArray yaml = toYaml(o);
            const ParsedBlob again = parseManifest(yaml);
            QVERIFY2(!again.error && again.resources.size() == 1, yaml.constData());
            QCOMPARE(again.resources.front().object, o);
        }
        // Keys too: one of 1,200 characters, one with control characters (escaped), one that spans
        // lines (found by fuzz_manifest: an implicit key over 1,024 characters does not read back).
        for (const QString& key :
             {QString(1200, u'k'), QString(300, QChar(0x12)), QStringLiteral("two\nlines")}) {
            const QJsonObject o{
                {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("c")}}},
                {QStringLiteral("data"), QJsonObject{{key, QStringLiteral("v")}}}};
            const ParsedBlob again = parseManifest(toYaml(o));
            QVERIFY2(!again.error && again.resources.size() == 1, toYaml(o).left(300).constData());
            QCOMPARE(again.resources.front().object, o);
        }
        // The common shape stays a literal block.
        QVERIFY(toYaml(QJsonObject{{QStringLiteral("v"), QStringLiteral("one\ntwo\n")}}).contains("v: |"));
    }

    void keyArguments()
    {
        auto k = ResourceKey::fromArgument(QStringLiteral("apps/Deployment/jx-staging/payments"));
        QVERIFY(k);
        QCOMPARE(k->group, QStringLiteral("apps"));
        QCOMPARE(k->displayName(), QStringLiteral("apps/Deployment jx-staging/payments"));
        auto ns = ResourceKey::fromArgument(QStringLiteral("Namespace/-/jx"));
        QVERIFY(ns);
        QCOMPARE(ns->namespaceName, QString());
        QCOMPARE(ns->toArgument(), QStringLiteral("Namespace/-/jx"));
        QVERIFY(!ResourceKey::fromArgument(QStringLiteral("Deployment/web")));
    }
};

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifest_parser.moc"
