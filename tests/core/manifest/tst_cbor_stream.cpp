// Reading whole strings from CBOR streams as the on-disk caches do, and the string pool that the
// history index decodes its entries' names through.
#include "core/common/string_pool.h"
#include "core/manifest/cbor_stream.h"

#include <QTest>

using namespace shiplog;

class TestCborStream : public QObject
{
    Q_OBJECT
private slots:
    void readsTextInAnyNumberOfChunks()
    {
        // An array of an indefinite-length text string of two chunks ("ab", "cdé") and the integer 7.
        const QByteArray bytes = QByteArray::fromHex("827f626162646364c3a9ff07");
        QCborStreamReader in(bytes);
        QVERIFY(in.enterContainer());
        std::string utf8 = "left over from before";
        QVERIFY(core::manifest::readCborUtf8(in, utf8, bytes.size()));
        QCOMPARE(QString::fromStdString(utf8), QStringLiteral("abcdé"));
        QVERIFY(in.isInteger()); // at the next item
        QCOMPARE(in.toInteger(), 7);

        QCborStreamReader again(bytes);
        QVERIFY(again.enterContainer());
        QCOMPARE(core::manifest::readCborString(again), std::optional(QStringLiteral("abcdé")));
    }

    void refusesWhatIsNoTextOrTooLong()
    {
        std::string utf8;
        const QByteArray number = QByteArray::fromHex("07");
        QCborStreamReader a(number);
        QVERIFY(!core::manifest::readCborUtf8(a, utf8, number.size()));
        const QByteArray bytes = QByteArray::fromHex("43616263"); // a byte string, not text
        QCborStreamReader b(bytes);
        QVERIFY(!core::manifest::readCborUtf8(b, utf8, bytes.size()));
        // A text string that says it has 2^40 bytes: refused before anything is allocated.
        const QByteArray huge = QByteArray::fromHex("7b000001000000000061");
        QCborStreamReader c(huge);
        QVERIFY(!core::manifest::readCborUtf8(c, utf8, huge.size()));
        // Cut short: says five bytes, has two.
        const QByteArray cut = QByteArray::fromHex("656162");
        QCborStreamReader d(cut);
        QVERIFY(!core::manifest::readCborUtf8(d, utf8, cut.size()));
    }

    void poolGivesOneStringPerText()
    {
        core::StringPool pool;
        QString interned = QStringLiteral("apps").toLower(); // not a literal: its own allocation
        pool.intern(interned);
        const QString a = pool.fromUtf8("apps");
        const QString b = pool.fromUtf8(std::string("apps"));
        QCOMPARE(a, QStringLiteral("apps"));
        QCOMPARE(a.constData(), interned.constData()); // the interned one, shared
        QCOMPARE(b.constData(), a.constData());
        QCOMPARE(pool.fromUtf8("café"), QStringLiteral("café"));
        QVERIFY(pool.fromUtf8("").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCborStream)
#include "tst_cbor_stream.moc"
