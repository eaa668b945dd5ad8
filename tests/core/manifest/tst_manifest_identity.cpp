// D3: a name or namespace that YAML reads as something other than a string (`name: 123`,
// `namespace: no`, yes, on, 1.0, ~, true, 007) made the resource vanish or become cluster-scoped
// with no error. kubectl refuses them; the parser reports an error with the line instead.
#include "core/manifest/manifest_parser.h"

#include <QTest>

using namespace shiplog::core::manifest;

class TestManifestIdentity : public QObject
{
    Q_OBJECT

private slots:
    void nonStringNamespaceOrNameIsAnError_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("read");
        for (const auto& [value, read] :
             std::initializer_list<std::pair<const char*, const char*>>{{"no", "the boolean false"},
                                                                        {"yes", "the boolean true"},
                                                                        {"on", "the boolean true"},
                                                                        {"true", "the boolean true"},
                                                                        {"1.0", "the number 1"},
                                                                        {"007", "the number 7"},
                                                                        {"~", "null"},
                                                                        {"123", "the number 123"},
                                                                        {"[a]", "a mapping or a list"}}) {
            QTest::addRow("namespace: %s", value)
                << QByteArray("namespace") << QByteArray(value) << QString::fromLatin1(read);
            QTest::addRow("name: %s", value)
                << QByteArray("name") << QByteArray(value) << QString::fromLatin1(read);
        }
    }

    void nonStringNamespaceOrNameIsAnError()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        QFETCH(QString, read);
        const QByteArray other = field == "name" ? "  namespace: prod\n" : "  name: c1\n";
        const QByteArray yaml = "# a comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n" + other + "  " +
                                field + ": " + value + "\ndata:\n  k: v\n";
        const ParsedBlob blob = parseManifest(yaml);
        QVERIFY2(blob.error.has_value(), "accepted silently");
        QVERIFY(blob.resources.isEmpty());
        QVERIFY2(
            blob.error->message.contains(QStringLiteral("metadata.%1 of this ConfigMap is %2, not a string")
                                             .arg(QString::fromLatin1(field), read)),
            qPrintable(blob.error->message));
        QVERIFY2(blob.error->line >= 1 && blob.error->line <= 4, QByteArray::number(blob.error->line));
    }

    void quotedValuesAndListsItemsAreChecked()
    {
        const ParsedBlob quoted = parseManifest(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"123\"\n  namespace: \"no\"\n");
        QVERIFY(!quoted.error);
        QCOMPARE(quoted.resources.size(), 1);
        QCOMPARE(quoted.resources.front().key.namespaceName, QStringLiteral("no"));
        QCOMPARE(quoted.resources.front().key.name, QStringLiteral("123"));

        const ParsedBlob list =
            parseManifest("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
                          "  metadata:\n    name: a\n    namespace: off\n");
        QVERIFY(list.error.has_value());
        QVERIFY(list.resources.isEmpty());

        // Not Kubernetes resources (no apiVersion/kind): not checked, not errors.
        QVERIFY(!parseManifest("metadata:\n  name: 1\n").error);
    }
};

QTEST_GUILESS_MAIN(TestManifestIdentity)
#include "tst_manifest_identity.moc"
