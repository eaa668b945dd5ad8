// The whole-history index must list, for every commit, every key that commit's own change set
// (keys only) changes, and once settled say exactly what it says — across batch boundaries, merges,
// moves, multi-document files, comment-only edits and bad files.
#include "core/diff/history_index.h"
#include "core/diff/history_index_scan.h"
#include "core/diff/history_index_store.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace shiplog;

namespace {

QByteArray configMap(int n, int value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + QByteArray::number(n) +
           "\n  namespace: team\ndata:\n  value: \"" + QByteArray::number(value) + "\"\n";
}

QStringList describe(const QList<core::diff::ResourceChange>& changes)
{
    QStringList lines;
    for (const core::diff::ResourceChange& c : changes)
        lines << QStringLiteral("%1 %2 %3 -> %4")
                     .arg(c.key.displayName(), core::diff::changeKindName(c.change), c.oldPath, c.newPath);
    return lines;
}

// Everything an entry says, definitions included: equal entries give equal lines.
QStringList everything(const core::diff::IndexedCommit& commit)
{
    QStringList lines{commit.id, commit.presumed ? QStringLiteral("presumed") : QStringLiteral("settled")};
    for (const core::diff::ResourceChange& c : commit.changes)
        lines << QStringLiteral("%1 %2 %3:%4 -> %5:%6 %7 -> %8")
                     .arg(c.key.displayName(), core::diff::changeKindName(c.change), c.oldPath)
                     .arg(c.oldLine)
                     .arg(c.newPath)
                     .arg(c.newLine)
                     .arg(c.oldVersion, c.newVersion);
    for (const core::manifest::ParseError& e : commit.errors)
        lines << QStringLiteral("error %1:%2 %3").arg(e.path).arg(e.line).arg(e.message);
    for (const core::manifest::ResourceKey& key : commit.unsettled)
        lines << QStringLiteral("unsettled %1").arg(key.displayName());
    const auto defined = core::diff::definitionsOf(commit);
    if (!defined)
        return lines << QStringLiteral("definitions do not decode");
    for (const core::diff::IndexedCommit::Definition& d : *defined)
        lines << QStringLiteral("defines %1 at %2").arg(d.key.displayName(), d.path);
    const auto duplicates = core::diff::duplicatesOf(commit);
    if (!duplicates)
        return lines << QStringLiteral("duplicates do not decode");
    for (const core::diff::DuplicateDefinition& d : *duplicates)
        lines << QStringLiteral("error %1").arg(core::diff::toParseError(d).message);
    return lines;
}

} // namespace

class TestHistoryIndex : public QObject
{
    Q_OBJECT
private slots:
    void agreesWithEveryCommitsChangeSet()
    {
        test::ScratchRepo repo;
        // 150 commits (more than two batches): bumps, a multi-document file that gains and loses
        // documents, moves, a file that stops parsing and parses again, a comment-only change, a
        // topic branch merged back.
        for (int i = 0; i < 150; ++i) {
            const int n = i % 7;
            if (i % 10 == 3) {
                repo.write(QStringLiteral("all.yaml"),
                           configMap(100 + i % 3, i) + "---\n" + configMap(200, i / 20));
            } else if (i % 25 == 7) {
                repo.git({QStringLiteral("mv"), QStringLiteral("cm-%1.yaml").arg(n),
                          QStringLiteral("moved-%1.yaml").arg(i)});
                repo.write(QStringLiteral("cm-%1.yaml").arg(n), configMap(n + 50, i));
            } else if (i % 30 == 11) {
                repo.write(QStringLiteral("broken.yaml"), "a: [b\n");
            } else if (i % 30 == 12) {
                repo.write(QStringLiteral("broken.yaml"), configMap(300, i));
            } else if (i % 40 == 13) {
                repo.write(QStringLiteral("cm-%1.yaml").arg(n), "# reviewed\n" + configMap(n, i - 1));
            } else {
                repo.write(QStringLiteral("cm-%1.yaml").arg(n), configMap(n, i));
            }
            repo.commit(QStringLiteral("change %1").arg(i));
            if (i == 90) {
                repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                          QStringLiteral("topic")});
                repo.write(QStringLiteral("topic.yaml"), configMap(400, 1));
                repo.commit(QStringLiteral("topic work"));
                repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-")});
                QProcessEnvironment merger; // the scratch environment names no author
                merger.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Merger"));
                merger.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("merger@example.com"));
                repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
                          QStringLiteral("-m"), QStringLiteral("Merge topic"), QStringLiteral("topic")},
                         merger);
                QVERIFY2(!repo.git({QStringLiteral("rev-parse"), QStringLiteral("-q"),
                                    QStringLiteral("--verify"), QStringLiteral("HEAD^2")})
                              .isEmpty(),
                         "the topic branch was merged");
            }
        }
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        int progressCalls = 0;
        core::diff::IndexHooks hooks;
        hooks.progress = [&progressCalls](int done, int total) {
            QVERIFY(done <= total);
            ++progressCalls;
        };
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, hooks);
        QVERIFY2(index.has_value(), test::why(index).constData());
        const QStringList ids =
            QString::fromLatin1(repo.git({QStringLiteral("log"), QStringLiteral("--topo-order"),
                                          QStringLiteral("--format=%H")}))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(index->commits.size(), ids.size());
        QVERIFY(ids.size() > 2 * 64); // several batches
        QVERIFY(progressCalls >= 3);

        core::manifest::ParseCache separate; // each commit on its own, as the Changes tab computes it
        core::diff::ChangeSetOptions keysOnly;
        keysOnly.details = false;
        int withChanges = 0;
        int withErrors = 0;
        int exact = 0;
        int presumed = 0;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            QCOMPARE(index->commits[i].id, ids[i]);
            auto alone = core::diff::computeChangeSetOfRevision(*opened, ids[i], 1, keysOnly, separate);
            QVERIFY2(alone.has_value(), test::why(alone).constData());
            // Files that a commit did not touch also count for keys defined twice (moved-*.yaml keeps
            // a copy here): the change set may then drop or re-place a key the index lists, never add one.
            const bool untouchedDecides =
                std::any_of(alone->errors.cbegin(), alone->errors.cend(), [](const auto& e) {
                    return e.path.startsWith(QLatin1String("moved-")) ||
                           e.message.contains(QLatin1String("defined in moved-"));
                });
            // What the index lists is never less than what the commit changed.
            for (const auto& change : alone->resources)
                QVERIFY2(core::diff::mayChange(index->commits[i], change.key), qPrintable(ids[i]));
            auto settled = core::diff::settleIndexedCommit(*opened, index->commits[i], keysOnly, separate);
            QVERIFY2(settled.has_value(), test::why(settled).constData());
            QVERIFY(!settled->presumed && settled->unsettled.isEmpty());
            presumed += index->commits[i].presumed ? 1 : 0;
            if (!index->commits[i].presumed) // the scanner read nothing new: exact as it stands
                QCOMPARE(describe(index->commits[i].changes), describe(settled->changes));
            if (!untouchedDecides) {
                QCOMPARE(describe(settled->changes), describe(alone->resources));
                // The index keeps a key's second definitions apart from the files' errors.
                const auto duplicates = core::diff::duplicatesOf(*settled);
                QVERIFY(duplicates.has_value());
                QCOMPARE(settled->errors.size() + duplicates->size(), alone->errors.size());
                ++exact;
            } else {
                QSet<QString> listed;
                for (const auto& change : settled->changes)
                    listed.insert(change.key.displayName());
                for (const auto& change : alone->resources)
                    QVERIFY(listed.contains(change.key.displayName()));
            }
            withChanges += settled->changes.isEmpty() ? 0 : 1;
            withErrors += settled->errors.isEmpty() ? 0 : 1;
            // The comment-only edit is no change even before settling: equal normalized text.
            if (index->commits[i].changes.isEmpty() && !alone->resources.isEmpty())
                QFAIL(qPrintable(QStringLiteral("the index misses %1").arg(ids[i])));
        }
        QVERIFY(withChanges > 120); // the comment-only commits change nothing
        QVERIFY(withErrors > 0);
        QVERIFY2(exact > 80, qPrintable(QString::number(exact)));
        QVERIFY(presumed > 0);
    }

    void keysDefinedTwiceAcrossFiles()
    {
        // A definition in a file that a commit did not touch can decide a key: the index then lists
        // the commit as a candidate, and the commit's own change set (and the timeline) decide.
        test::ScratchRepo repo;
        for (int i = 0; i < 60; ++i) {
            const int n = i % 3;
            if (i % 20 == 17) {
                repo.write(QStringLiteral("aa-dup.yaml"), configMap(n, i));
            } else if (i % 20 == 18) {
                repo.write(QStringLiteral("zz-dup.yaml"), configMap((n + 1) % 3, i));
            } else if (i % 20 == 19) {
                repo.git({QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("aa-dup.yaml"),
                          QStringLiteral("zz-dup.yaml")});
            } else {
                repo.write(QStringLiteral("cm-%1.yaml").arg(n), configMap(n, i));
            }
            repo.commit(QStringLiteral("change %1").arg(i));
        }
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(index.has_value(), test::why(index).constData());
        core::diff::ChangeSetOptions keysOnly;
        keysOnly.details = false;
        const auto key = core::manifest::ResourceKey::fromArgument(QStringLiteral("ConfigMap/team/cm-1"));
        QVERIFY(key);
        QStringList changedKey; // commits whose own change set changes cm-1
        int differing = 0;
        for (const core::diff::IndexedCommit& commit : std::as_const(index->commits)) {
            auto alone = core::diff::computeChangeSetOfRevision(*opened, commit.id, 1, keysOnly, cache);
            QVERIFY2(alone.has_value(), test::why(alone).constData());
            for (const auto& change : alone->resources)
                QVERIFY2(core::diff::mayChange(commit, change.key), qPrintable(commit.id));
            auto settled = core::diff::settleIndexedCommit(*opened, commit, keysOnly, cache);
            QVERIFY2(settled.has_value(), test::why(settled).constData());
            differing += describe(settled->changes) != describe(alone->resources) ? 1 : 0;
            for (const auto& change : alone->resources) {
                if (change.key == *key)
                    changedKey << commit.id;
            }
        }
        QVERIFY2(differing > 0, "some commits' changes are decided by untouched files");
        auto timeline = core::diff::buildTimeline(*opened, *key, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(timeline.has_value(), test::why(timeline).constData());
        QStringList steps;
        for (const auto& step : timeline->steps)
            steps << step.commit.id;
        QCOMPARE(steps, changedKey);
    }

    void scansWithoutParsingAndSettlesThroughTheDiskCache()
    {
        test::ScratchRepo repo;
        for (int i = 0; i < 20; ++i) {
            repo.write(QStringLiteral("cm-%1.yaml").arg(i % 4), configMap(i % 4, i));
            repo.write(QStringLiteral("cluster.yaml"),
                       "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + QByteArray::number(i) +
                           "\n");
            repo.commit(QStringLiteral("change %1").arg(i));
        }
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        QTemporaryDir disk;
        QStringList first;
        core::diff::ChangeSetOptions keysOnly;
        keysOnly.details = false;
        {
            core::manifest::ParseCache cache;
            cache.setDiskCache(disk.path());
            auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache);
            QVERIFY2(index.has_value(), test::why(index).constData());
            QCOMPARE(cache.stats().misses, qint64(0)); // the scanner read every document
            for (const auto& commit : index->commits) {
                QVERIFY(commit.presumed);
                auto settled = core::diff::settleIndexedCommit(*opened, commit, keysOnly, cache);
                QVERIFY2(settled.has_value(), test::why(settled).constData());
                first << describe(settled->changes);
                // Namespaced and cluster-scoped: what the index lists is what settles.
                QCOMPARE(describe(commit.changes), describe(settled->changes));
            }
            QVERIFY(cache.stats().misses > 0);
        }
        core::manifest::ParseCache again;
        again.setDiskCache(disk.path());
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, again);
        QVERIFY2(index.has_value(), test::why(index).constData());
        QStringList second;
        for (const auto& commit : index->commits) {
            auto settled = core::diff::settleIndexedCommit(*opened, commit, keysOnly, again);
            QVERIFY2(settled.has_value(), test::why(settled).constData());
            second << describe(settled->changes);
        }
        QCOMPARE(second, first);
        QCOMPARE(again.stats().misses, qint64(0)); // settled from the disk cache
        QVERIFY(again.stats().diskHits > 0);
    }

    // A *List's items are read by the identity scanner (no parse): each item compared by its own
    // text, so editing one item lists that item only, a comment edit lists nothing, and what the
    // index lists is what a parse of every file settles to.
    void readsListItemsWithoutParsing()
    {
        const auto item = [](const QByteArray& name, int value, const QByteArray& comment = {}) {
            return "- apiVersion: v1\n  kind: ConfigMap\n  data:\n" + comment +
                   "    dashboard.json: |-\n      {\"v\": " + QByteArray::number(value) +
                   "}\n  metadata:\n    name: " + name + "\n    namespace: monitoring\n";
        };
        const auto list = [](const QByteArray& items) {
            return "apiVersion: v1\nkind: ConfigMapList\nitems:\n" + items;
        };
        core::diff::BlobScanner scanner;
        const core::diff::ScannedBlob scanned = scanner.scan(list(item("a", 1) + item("b", 1)));
        QCOMPARE(scanner.blobsParsed(), qint64(0)); // before: the List was left to the parser
        QVERIFY(scanned.unparsed);
        QVERIFY(!scanned.blob->error);
        QCOMPARE(scanned.blob->resources.size(), 2);
        QCOMPARE(scanned.blob->resources[0].key.kind, QStringLiteral("ConfigMap"));
        QCOMPARE(scanned.blob->resources[0].key.namespaceName, QStringLiteral("monitoring"));
        QCOMPARE(scanned.blob->resources[0].key.name, QStringLiteral("a"));
        QCOMPARE(scanned.blob->resources[1].key.name, QStringLiteral("b"));
        QCOMPARE(scanned.blob->resources[1].line, 1);

        test::ScratchRepo repo;
        repo.write(QStringLiteral("dashboards.yaml"), list(item("a", 1) + item("b", 1)));
        repo.commit(QStringLiteral("two dashboards"));
        repo.write(QStringLiteral("dashboards.yaml"), list(item("a", 1) + item("b", 2)));
        repo.commit(QStringLiteral("b changes"));
        repo.write(QStringLiteral("dashboards.yaml"), list(item("a", 1, "    # reviewed\n") + item("b", 2)));
        repo.commit(QStringLiteral("a comment"));
        repo.write(QStringLiteral("dashboards.yaml"), list(item("b", 2) + item("c", 1)));
        repo.commit(QStringLiteral("a goes, c comes"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(index.has_value(), test::why(index).constData());
        QCOMPARE(index->commits.size(), 4);
        QStringList listed;
        core::diff::ChangeSetOptions keysOnly;
        keysOnly.details = false;
        for (const auto& commit : std::as_const(index->commits)) {
            listed << describe(commit.changes).join(QStringLiteral("; "));
            auto settled = core::diff::settleIndexedCommit(*opened, commit, keysOnly, cache);
            QVERIFY2(settled.has_value(), test::why(settled).constData());
            QCOMPARE(describe(commit.changes), describe(settled->changes));
        }
        QCOMPARE(
            listed,
            (QStringList{QStringLiteral("ConfigMap monitoring/a removed dashboards.yaml -> ; "
                                        "ConfigMap monitoring/c added  -> dashboards.yaml"),
                         QString(),
                         QStringLiteral("ConfigMap monitoring/b modified dashboards.yaml -> dashboards.yaml"),
                         QStringLiteral("ConfigMap monitoring/a added  -> dashboards.yaml; "
                                        "ConfigMap monitoring/b added  -> dashboards.yaml")}));
    }

    // Second definitions are stored as a string table and integers: they come back as they went in,
    // and damaged bytes (a cut, flipped bits) decode to nothing or to something, never past the end.
    void duplicatesRoundTripAndRefuseDamage()
    {
        const QList<core::diff::DuplicateDefinition> duplicates{
            {{QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("jx"),
              QStringLiteral("web")},
             QStringLiteral("b.yaml"),
             12,
             QStringLiteral("a.yaml"),
             3},
            {{QString(), QStringLiteral("Namespace"), QString(), QStringLiteral("jx")},
             QStringLiteral("b.yaml"),
             40,
             QStringLiteral("a.yaml"),
             1},
            {{QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("jx"),
              QStringLiteral("web")},
             QStringLiteral("c.yaml"),
             100000,
             QStringLiteral("a.yaml"),
             3}};
        const QByteArray bytes = core::diff::encodeDuplicates(duplicates);
        QCOMPARE(core::diff::decodeDuplicates(bytes), std::optional(duplicates));
        QCOMPARE(core::diff::decodeDuplicates({}), std::optional(QList<core::diff::DuplicateDefinition>()));
        QCOMPARE(core::diff::encodeDuplicates({}), QByteArray());
        QCOMPARE(
            core::diff::toParseError(duplicates[0]).message,
            QStringLiteral("apps/Deployment jx/web is already defined in a.yaml (line 3); this definition "
                           "is ignored"));
        for (qsizetype cut = 1; cut < bytes.size(); ++cut)
            QVERIFY2(!core::diff::decodeDuplicates(bytes.left(cut)), qPrintable(QString::number(cut)));
        QVERIFY(!core::diff::decodeDuplicates(bytes + '\0'));
        for (qsizetype at = 0; at < bytes.size(); ++at) {
            for (char bit = 1; bit != 0; bit = char(bit << 1)) {
                QByteArray damaged = bytes;
                damaged[at] = char(damaged[at] ^ bit);
                core::diff::decodeDuplicates(damaged); // ASan and UBSan watch this
            }
        }
    }

    void persistedIndexServesSecondOpeningsAndNewCommitsOnly()
    {
        test::ScratchRepo repo;
        for (int i = 0; i < 30; ++i) {
            // Each file also defines a resource that never changes, and the first commit defines it
            // twice: one of its two files has it as a definition, not as a change.
            repo.write(QStringLiteral("cm-%1.yaml").arg(i % 4),
                       configMap(i % 4, i) + "---\n" + configMap(77, 0));
            if (i == 0)
                repo.write(QStringLiteral("twice.yaml"), configMap(77, 0));
            repo.commit(QStringLiteral("change %1").arg(i));
        }
        QTemporaryDir disk;
        core::manifest::ParseCache cache;
        const auto indexed = [&](core::diff::IndexStore* store) {
            auto opened = core::git::Repository::open(repo.path());
            core::diff::IndexHooks hooks;
            hooks.store = store;
            auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, hooks);
            QStringList lines;
            bool anyDefinition = false;
            bool anyDuplicate = false;
            for (const auto& commit : index->commits) {
                // The definitions too: a stored entry keeps them encoded until asked.
                QStringList defined;
                for (const auto& d :
                     core::diff::definitionsOf(commit).value_or(QList<core::diff::IndexedCommit::Definition>{
                         {{}, QStringLiteral("(did not decode)")}}))
                    defined << d.key.toArgument() + QLatin1Char('@') + d.path;
                defined.sort();
                anyDefinition = anyDefinition || !defined.isEmpty();
                // And the second definitions, kept apart from the errors and encoded likewise.
                QStringList twice;
                for (const auto& d : core::diff::duplicatesOf(commit).value_or(
                         QList<core::diff::DuplicateDefinition>{{{}, QStringLiteral("(did not decode)")}}))
                    twice << core::diff::toParseError(d).message + QLatin1Char('@') + d.path;
                anyDuplicate = anyDuplicate || !twice.isEmpty();
                lines << commit.id + QLatin1Char(' ') + QString::number(commit.presumed) +
                             describe(commit.changes).join(QLatin1Char(';')) + QLatin1Char(' ') +
                             defined.join(QLatin1Char(',')) + QLatin1Char(' ') + twice.join(QLatin1Char(','));
            }
            if (!anyDefinition)
                lines << QStringLiteral("(no definitions: the test lost its point)");
            if (!anyDuplicate)
                lines << QStringLiteral("(no second definitions: the test lost its point)");
            return lines;
        };
        const QStringList fresh = indexed(nullptr);
        QVERIFY2(fresh.filter(QStringLiteral("lost its point")).isEmpty(), qPrintable(fresh.join('\n')));
        {
            core::diff::IndexStore store(disk.path());
            QCOMPARE(indexed(&store), fresh);
            QCOMPARE(store.hits(), qint64(0));
        } // written on flush, read again by a new instance (a second opening)
        {
            core::diff::IndexStore store(disk.path());
            QCOMPARE(indexed(&store), fresh);
            QCOMPARE(store.hits(), qint64(30));
        }
        // New commits: only they are indexed.
        for (int i = 30; i < 35; ++i) {
            repo.write(QStringLiteral("cm-%1.yaml").arg(i % 4), configMap(i % 4, i));
            repo.commit(QStringLiteral("change %1").arg(i));
        }
        {
            core::diff::IndexStore store(disk.path());
            QCOMPARE(indexed(&store), indexed(nullptr));
            QCOMPARE(store.hits(), qint64(30));
        }
        // A rewritten branch (reset and new commits): by commit id, not by position.
        repo.git({QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard"),
                  QStringLiteral("HEAD~8")});
        for (int i = 0; i < 3; ++i) {
            repo.write(QStringLiteral("other.yaml"), configMap(90 + i, i));
            repo.commit(QStringLiteral("rewritten %1").arg(i));
        }
        {
            core::diff::IndexStore store(disk.path());
            const QStringList rewritten = indexed(&store);
            QCOMPARE(rewritten, indexed(nullptr));
            QCOMPARE(rewritten.size(), 30);

            QCOMPARE(store.hits(), qint64(27));
        }
        // A store file that does not read (torn, foreign) counts as empty: indexed again, same answer.
        for (const QString& name : QDir(disk.path()).entryList(QDir::Files)) {
            QFile file(QDir(disk.path()).filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("not a shard");
        }
        core::diff::IndexStore damaged(disk.path());
        QCOMPARE(indexed(&damaged), indexed(nullptr));
        QCOMPARE(damaged.hits(), qint64(0));
    }

    void listsEveryChangeOfRealHistories_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("every"); // every n-th commit compared (the change sets cost a parse each)
        QTest::addRow("flux2-kustomize-helm-example") << QStringLiteral("flux2-kustomize-helm-example") << 1;
        QTest::addRow("argocd-example-apps") << QStringLiteral("argocd-example-apps") << 1;
        QTest::addRow("jx3-eagle") << QStringLiteral("jx3-eagle") << 3;
        // Its dashboards are one ConfigMapList, read item by item by the scanner.
        QTest::addRow("kube-prometheus") << QStringLiteral("kube-prometheus") << 20;
    }

    // On real histories: every key a commit's own change set changes is listed by the index and by
    // its settled entry, and every key the settled entry (a parse of every file) lists, the index
    // lists; printed: how many commits the index had to presume.
    void listsEveryChangeOfRealHistories()
    {
        QFETCH(QString, fixture);
        QFETCH(int, every);
        SHIPLOG_REQUIRE_FIXTURE(fixture);
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(fixture, dir.path(), true));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(index.has_value(), test::why(index).constData());
        core::diff::ChangeSetOptions keysOnly;
        keysOnly.details = false;
        int compared = 0;
        int presumed = 0;
        int changes = 0;
        for (qsizetype i = 0; i < index->commits.size(); i += every) {
            const core::diff::IndexedCommit& commit = index->commits[i];
            auto alone = core::diff::computeChangeSetOfRevision(*opened, commit.id, 1, keysOnly, cache);
            if (!alone && alone.error().message.contains(QLatin1String("root commit")))
                continue;
            QVERIFY2(alone.has_value(), test::why(alone).constData());
            auto settled = core::diff::settleIndexedCommit(*opened, commit, keysOnly, cache);
            QVERIFY2(settled.has_value(), test::why(settled).constData());
            for (const auto& change : alone->resources) {
                QVERIFY2(core::diff::mayChange(commit, change.key),
                         qPrintable(commit.id + QLatin1Char(' ') + change.key.displayName()));
                QVERIFY2(core::diff::mayChange(*settled, change.key),
                         qPrintable(commit.id + QLatin1Char(' ') + change.key.displayName()));
            }
            // What a parse of every file lists (the index before the scanner), the index lists too.
            for (const auto& change : settled->changes)
                QVERIFY2(core::diff::mayChange(commit, change.key),
                         qPrintable(commit.id + QLatin1Char(' ') + change.key.displayName()));
            ++compared;
            presumed += commit.presumed ? 1 : 0;
            changes += int(alone->resources.size());
        }
        qInfo().noquote() << fixture
                          << QStringLiteral(
                                 "%1 of %2 commits compared (%3 resource changes), %4 presumed by the index")
                                 .arg(compared)
                                 .arg(index->commits.size())
                                 .arg(changes)
                                 .arg(presumed);
        QVERIFY(compared > 40);
        QVERIFY(changes > 0);
    }

    // Commits are indexed by chunks on several threads, each with its own handle and scanner: the
    // index is the same, entry for entry, on one thread and on four (real histories of 3,500 commits:
    // a dozen chunks, multi-document files, Lists, files that do not parse).
    void indexesTheSameOnAnyNumberOfThreads_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addRow("jx3-eagle") << QStringLiteral("jx3-eagle");
        QTest::addRow("kube-prometheus") << QStringLiteral("kube-prometheus");
    }

    void indexesTheSameOnAnyNumberOfThreads()
    {
        QFETCH(QString, fixture);
        SHIPLOG_REQUIRE_FIXTURE(fixture);
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(fixture, dir.path(), true));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        core::diff::IndexHooks one;
        one.threads = 1;
        core::diff::IndexHooks four;
        four.threads = 4;
        auto alone = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, one);
        QVERIFY2(alone.has_value(), test::why(alone).constData());
        auto shared = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, four);
        QVERIFY2(shared.has_value(), test::why(shared).constData());
        QVERIFY(alone->commits.size() > 3000);
        QCOMPARE(shared->commits.size(), alone->commits.size());
        int presumed = 0;
        int withErrors = 0;
        for (qsizetype i = 0; i < alone->commits.size(); ++i) {
            QCOMPARE(everything(shared->commits[i]), everything(alone->commits[i]));
            presumed += alone->commits[i].presumed ? 1 : 0;
            withErrors +=
                alone->commits[i].errors.isEmpty() && alone->commits[i].duplicates.isEmpty() ? 0 : 1;
        }
        QVERIFY(presumed > 0);
        QVERIFY(withErrors > 0);
    }

    // A cancel while several threads index stops them all, keeps what they finished on disk, and
    // the next opening indexes only the rest — to the same index as one run without a cancel.
    void cancelWhileThreadsIndexKeepsWhatIsDone()
    {
        SHIPLOG_REQUIRE_FIXTURE("jx3-eagle");
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path(), true));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY(opened);
        QTemporaryDir disk;
        core::manifest::ParseCache cache;
        core::diff::IndexStore store(disk.path());
        int atCancel = 0;
        core::diff::IndexHooks hooks;
        hooks.store = &store;
        hooks.threads = 2;
        hooks.progress = [&atCancel](int done, int) { atCancel = std::max(atCancel, done); };
        hooks.canceled = [&atCancel] { return atCancel >= 1000; };
        auto canceled = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, hooks);
        QVERIFY(!canceled.has_value());
        QCOMPARE(canceled.error().message, QStringLiteral("Cancelled"));

        core::diff::IndexStore reopened(disk.path());
        core::diff::IndexHooks again;
        again.store = &reopened;
        auto resumed = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, again);
        QVERIFY2(resumed.has_value(), test::why(resumed).constData());
        QVERIFY2(reopened.hits() >= 1000 && reopened.hits() < resumed->commits.size(),
                 qPrintable(QString::number(reopened.hits())));
        auto clean = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(clean.has_value(), test::why(clean).constData());
        QCOMPARE(resumed->commits.size(), clean->commits.size());
        for (qsizetype i = 0; i < clean->commits.size(); ++i)
            QCOMPARE(everything(resumed->commits[i]), everything(clean->commits[i]));
    }

    void cancels()
    {
        test::ScratchRepo repo;
        for (int i = 0; i < 70; ++i) {
            repo.write(QStringLiteral("cm.yaml"), configMap(1, i));
            repo.commit(QStringLiteral("change %1").arg(i));
        }
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        core::manifest::ParseCache cache;
        int polls = 0;
        core::diff::IndexHooks hooks;
        hooks.canceled = [&polls] { return ++polls > 1; }; // cancelled after the first batch
        auto index = core::diff::indexHistory(*opened, QStringLiteral("HEAD"), {}, cache, hooks);
        QVERIFY(!index.has_value());
        QCOMPARE(index.error().message, QStringLiteral("Cancelled"));
        QCOMPARE(polls, 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryIndex)
#include "tst_history_index.moc"
