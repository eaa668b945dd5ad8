// The caches under change sets: slices of multi-document files shared between blobs (the result
// must be exactly the uncached parse), and blob summaries on disk (corruption and concurrent
// instances must never make a result wrong).
#include "core/git/repository.h"
#include "core/manifest/disk_cache.h"
#include "core/manifest/document_cache.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <thread>

using namespace shiplog;
using namespace shiplog::core::manifest;

namespace {

QByteArray configMap(const QByteArray& name, const QByteArray& value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
           "\n  namespace: prod\ndata:\n  key: " + value + "\n";
}

// A file like argo-cd's install.yaml: many documents, some of every shape the parser knows.
QList<QByteArray> installDocuments()
{
    return {
        "# generated; do not edit\n" + configMap("first", "\"1\""),
        "---\n" + configMap("second", "yes"),
        "---\n# only a comment\n",
        "---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: "
        "a\n"
        "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n",
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aGVsbG8=\n",
        "--- # a marker with a comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
        "web\nspec:\n"
        "  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        args:\n"
        "        - |\n          multi\n          line\n",
        "---\n" + configMap("twice", "a") + "...\n---\n" + configMap("twice-b", "b"),
        "---\n" + configMap("last", "0755"),
    };
}

QByteArray join(const QList<QByteArray>& documents)
{
    QByteArray all;
    for (const QByteArray& d : documents)
        all += d;
    return all;
}

// Everything a ParsedBlob says, for exact comparison.
QStringList describe(const ParsedBlob& blob)
{
    QStringList lines;
    if (blob.error)
        lines << QStringLiteral("error %1: %2").arg(blob.error->line).arg(blob.error->message);
    for (const Resource& r : blob.resources) {
        lines << QStringLiteral("%1 %2 line %3 digest %4 text %5 object %6")
                     .arg(r.key.displayName(), r.apiVersion)
                     .arg(r.line)
                     .arg(QString::fromLatin1(r.digest.toHex()), QString::fromUtf8(r.text.toBase64()),
                          QString::number(qHash(r.object)));
    }
    return lines;
}

QStringList summary(const ParsedBlob& blob)
{
    QStringList lines;
    if (blob.error)
        lines << QStringLiteral("error %1: %2").arg(blob.error->line).arg(blob.error->message);
    for (const Resource& r : blob.resources)
        lines << QStringLiteral("%1 %2 %3 line %4 %5")
                     .arg(r.key.displayName(), r.apiVersion, r.version)
                     .arg(r.line)
                     .arg(QString::fromLatin1(r.digest.toHex()));
    return lines;
}

QList<core::git::ObjectId> blobIds(const test::ScratchRepo& repo, const QStringList& paths)
{
    // One `git ls-tree` for all: "<mode> blob <id>\t<path>" per file.
    QHash<QString, QByteArray> idOf;
    const QByteArray listing =
        repo.git({QStringLiteral("ls-tree"), QStringLiteral("-r"), QStringLiteral("HEAD")});
    for (const QByteArray& line : listing.split('\n')) {
        const qsizetype tab = line.indexOf('\t');
        if (tab > 0)
            idOf.insert(QString::fromUtf8(line.mid(tab + 1)), line.left(tab).split(' ').value(2));
    }
    QList<core::git::ObjectId> ids;
    for (const QString& path : paths) {
        const auto id = core::git::ObjectId::fromString(QString::fromLatin1(idOf.value(path)));
        if (!id)
            qFatal("no blob for %s", qPrintable(path));
        ids.append(*id);
    }
    return ids;
}

} // namespace

class TestParseCache : public QObject
{
    Q_OBJECT
private slots:
    void editOneDocumentReparsesOnlyIt()
    {
        DocumentCache cache;
        QList<QByteArray> documents = installDocuments();
        const QByteArray before = join(documents);
        QCOMPARE(describe(parseManifest(before, {}, &cache)), describe(parseManifest(before)));
        const auto first = cache.stats();
        QCOMPARE(first.misses, qint64(documents.size() + 1)); // `...` + `---` inside one of them

        // One document changes and gains lines, so every later document moves down.
        documents[1] = "---\n" + configMap("second", "no") + "  other: |\n    x\n    y\n";
        const QByteArray after = join(documents);
        const ParsedBlob cached = parseManifest(after, {}, &cache);
        QCOMPARE(describe(cached), describe(parseManifest(after)));
        QCOMPARE(cache.stats().misses, first.misses + 1);
        QCOMPARE(cache.stats().hits, qint64(documents.size()));
        QCOMPARE(cached.resources.size(), 9); // 2 + List(2) + Secret + Deployment + 2 + last
        QCOMPARE(cached.resources.last().key.name, QStringLiteral("last"));
        QCOMPARE(cached.resources.last().line, after.left(after.indexOf("name: last")).count('\n') - 2);

        // The same documents in another file, in another order: shared, lines of that file.
        QList<QByteArray> sibling = documents;
        std::reverse(sibling.begin() + 1, sibling.end());
        const QByteArray other = join(sibling);
        QCOMPARE(describe(parseManifest(other, {}, &cache)), describe(parseManifest(other)));
        QCOMPARE(cache.stats().misses, first.misses + 1);
    }

    void errorLinesAreTheFilesLines()
    {
        DocumentCache cache;
        const QByteArray broken = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [y\n";
        const QByteArray a = configMap("a", "1") + broken;
        const QByteArray b = configMap("a", "1") + "---\n" + configMap("b", "2") + broken;
        const ParsedBlob first = parseManifest(a, {}, &cache);
        QVERIFY(first.error);
        QCOMPARE(describe(first), describe(parseManifest(a)));
        const ParsedBlob second = parseManifest(b, {}, &cache); // the broken slice comes from the cache
        QCOMPARE(describe(second), describe(parseManifest(b)));
        QCOMPARE(second.error->line, first.error->line + 8); // one more `---` and ConfigMap before it
        QVERIFY(second.resources.isEmpty());

        // A template is named as one however its broken slice was cached.
        const QByteArray helm = configMap("a", "1") + "{{ if .Values.x }}\n" + broken;
        QCOMPARE(describe(parseManifest(helm, {}, &cache)), describe(parseManifest(helm)));
    }

    void boundedAndSafeAcrossThreads()
    {
        DocumentCache cache(8 * 1024);
        QList<QByteArray> files;
        for (int i = 0; i < 40; ++i)
            files << configMap("m" + QByteArray::number(i % 7), QByteArray(300, 'a' + char(i % 5))) +
                         "---\n" + configMap("shared", "1");
        QList<QStringList> expected;
        for (const QByteArray& f : files)
            expected << describe(parseManifest(f));
        QList<QStringList> actual(files.size());
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 5; ++round) {
                    for (qsizetype i = t; i < files.size(); i += 2)
                        actual[i] = describe(parseManifest(files[i], {}, &cache));
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(actual, expected);
        QVERIFY2(cache.stats().bytes <= 8 * 1024, qPrintable(QString::number(cache.stats().bytes)));
    }

    void diskCacheSecondOpening()
    {
        test::ScratchRepo repo;
        QStringList paths;
        for (int i = 0; i < 12; ++i) {
            paths << QStringLiteral("f%1.yaml").arg(i);
            repo.write(paths.last(),
                       configMap("c" + QByteArray::number(i), "v") + "---\n" + configMap("d", "w"));
        }
        paths << QStringLiteral("bad.yaml");
        repo.write(paths.last(), "a: [b\n");
        // Cluster-scoped resources have no namespace: their records must come back too.
        paths << QStringLiteral("cluster.yaml");
        repo.write(paths.last(), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n---\n"
                                 "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
                                 "  name: reader\nrules: []\n");
        repo.commit(QStringLiteral("files"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        const QList<core::git::ObjectId> ids = blobIds(repo, paths);
        QTemporaryDir dir;

        QList<QStringList> expected;
        {
            ParseCache cache;
            cache.setDiskCache(dir.path());
            for (const ParsedBlobPtr& blob : cache.getMany(*opened, ids))
                expected << summary(*blob);
        } // flushed here
        QVERIFY(!QDir(dir.path()).entryList({QStringLiteral("*.cbor")}).isEmpty());
        ParseCache second;
        second.setDiskCache(dir.path());
        QList<QStringList> actual;
        for (const ParsedBlobPtr& blob : second.getMany(*opened, ids, ParseCache::Need::Keys)) {
            QVERIFY(!blob->detailed);
            actual << summary(*blob);
        }
        QCOMPARE(actual, expected);
        QCOMPARE(second.stats().diskHits, qint64(ids.size()));
        QCOMPARE(second.stats().misses, qint64(0));
        // Details are never served from disk.
        for (const ParsedBlobPtr& blob : second.getMany(*opened, ids))
            QVERIFY(blob->detailed);
        QCOMPARE(second.stats().misses, qint64(ids.size()));
    }

    void corruptDiskCacheIsReparsed()
    {
        test::ScratchRepo repo;
        QStringList paths;
        for (int i = 0; i < 40; ++i) {
            paths << QStringLiteral("f%1.yaml").arg(i);
            repo.write(paths.last(), configMap("c" + QByteArray::number(i), "v"));
        }
        repo.commit(QStringLiteral("files"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        const QList<core::git::ObjectId> ids = blobIds(repo, paths);
        QList<QStringList> expected;
        for (const ParsedBlobPtr& blob : ParseCache().getMany(*opened, ids))
            expected << summary(*blob);

        // Each way a file can go bad: cut short, a flipped byte, garbage, empty, another version.
        const QList<std::function<QByteArray(const QByteArray&)>> damages = {
            [](const QByteArray& b) { return b.left(b.size() / 2); },
            [](const QByteArray& b) {
                QByteArray c = b;
                c[c.size() - 40] = char(c[c.size() - 40] ^ 0x20);
                return c;
            },
            [](const QByteArray& b) {
                QByteArray c = b;
                c[c.size() / 2] = char(c[c.size() / 2] ^ 0x01);
                return c;
            },
            [](const QByteArray&) { return QByteArray("\xff\xff\xff garbage \x9f\x9f"); },
            [](const QByteArray&) { return QByteArray(); },
            [](const QByteArray& b) {
                QByteArray c = b;
                c.replace("parser 2;", "parser 0;");
                return c;
            },
        };
        for (qsizetype d = 0; d < damages.size(); ++d) {
            QTemporaryDir dir;
            {
                ParseCache cache;
                cache.setDiskCache(dir.path());
                cache.getMany(*opened, ids);
            }
            const QStringList files = QDir(dir.path()).entryList({QStringLiteral("*.cbor")});
            QVERIFY(files.size() > 4);
            for (const QString& name : files) {
                QFile file(dir.filePath(name));
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray damaged = damages[d](file.readAll());
                file.close();
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(damaged);
            }
            ParseCache cache;
            cache.setDiskCache(dir.path());
            QList<QStringList> actual;
            for (const ParsedBlobPtr& blob : cache.getMany(*opened, ids, ParseCache::Need::Keys))
                actual << summary(*blob);
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("damage %1").arg(d)));
            QCOMPARE(cache.stats().diskHits, qint64(0));
            QCOMPARE(cache.stats().misses, qint64(ids.size()));
            cache.flushDiskCache(); // rewritten whole
            ParseCache again;
            again.setDiskCache(dir.path());
            again.getMany(*opened, ids, ParseCache::Need::Keys);
            QCOMPARE(again.stats().diskHits, qint64(ids.size()));
        }
    }

    // A taken record leaves memory, not the disk: taken again it is read again, written or not;
    // released shards are read again too; and neither loses what is waiting to be written.
    void takenAndReleasedRecordsAreReadAgain()
    {
        QTemporaryDir dir;
        const QByteArray written(20, 'a');
        const QByteArray pending(20, 'b');
        const QByteArray absent(20, 'c');
        {
            DiskCache disk(dir.path(), DiskCache::parserTagOf({}));
            disk.addRecord(written, "one");
            QVERIFY(disk.flush());
        }
        DiskCache disk(dir.path(), DiskCache::parserTagOf({}));
        disk.addRecord(pending, "two");
        QCOMPARE(disk.takeRecord(written), QByteArray("one"));
        QCOMPARE(disk.takeRecord(written), QByteArray("one")); // from the file again
        QCOMPARE(disk.takeRecord(pending), QByteArray("two"));
        QCOMPARE(disk.takeRecord(pending), QByteArray("two")); // still waiting to be written
        QCOMPARE(disk.takeRecord(absent), QByteArray());
        disk.release(); // the shard with a pending record stays; the other is read again
        QCOMPARE(disk.findRecord(written), QByteArray("one"));
        QCOMPARE(disk.findRecord(pending), QByteArray("two"));
        QVERIFY(disk.flush());
        disk.release();
        QCOMPARE(disk.findRecord(pending), QByteArray("two"));
        DiskCache reopened(dir.path(), DiskCache::parserTagOf({}));
        QCOMPARE(reopened.findRecord(written), QByteArray("one"));
        QCOMPARE(reopened.findRecord(pending), QByteArray("two"));
    }

    void twoProcessesWriteConcurrently()
    {
        // Two shiplog processes compute the change sets of two commits at once into one folder: each
        // merges under the lock, so the folder ends up with both's blobs, in files that read back.
        test::ScratchRepo repo;
        QTemporaryDir dir;
        QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
        env.insert(QStringLiteral("SHIPLOG_PARSE_CACHE_DIR"), dir.path());
        for (int round = 0; round < 3; ++round) {
            QStringList commits;
            QStringList paths;
            for (const QByteArray& folder : {QByteArray("a"), QByteArray("b")}) {
                for (int i = 0; i < 60; ++i) {
                    paths << QStringLiteral("%1/f%2.yaml").arg(QString::fromLatin1(folder)).arg(i);
                    repo.write(paths.last(),
                               configMap(folder + QByteArray::number(i), QByteArray::number(round)));
                }
                commits << repo.commit(
                    QStringLiteral("round %1 %2").arg(round).arg(QString::fromLatin1(folder)));
            }
            std::vector<std::unique_ptr<QProcess>> processes;
            for (const QString& commit : std::as_const(commits)) {
                auto p = std::make_unique<QProcess>();
                p->setProcessEnvironment(env);
                p->start(QStringLiteral(SHIPLOG_BINARY), {QStringLiteral("changes"), QStringLiteral("--repo"),
                                                          repo.path(), QStringLiteral("--json"), commit});
                processes.push_back(std::move(p));
            }
            for (auto& p : processes) {
                QVERIFY(p->waitForFinished(60000));
                QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            }
            DiskCache disk(dir.path(), DiskCache::parserTagOf({}));
            for (const core::git::ObjectId& id : blobIds(repo, paths)) {
                const ParsedBlobPtr blob = disk.find(id.toRaw());
                QVERIFY(blob);
                QCOMPARE(blob->resources.size(), 1);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestParseCache)
#include "tst_parse_cache.moc"
