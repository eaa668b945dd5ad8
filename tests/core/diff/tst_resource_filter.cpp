// The resource filter's fast path (findResourceCommits: the index turned around by key, each
// candidate decided from the files that can hold the key) against the timeline's decisions with the
// whole revision read (buildTimeline; both read only the files at the key's homes, so each is also
// checked against the Changes tab's whole-revision change set of every commit), on a history where a key is
// defined twice in some revisions, moves between files, changes in a merge, and its file fails to parse.
#include "core/diff/change_set.h"
#include "core/diff/history_index_store.h"
#include "core/diff/timeline.h"
#include "core/git/repository.h"
#include "core/manifest/parse_cache.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QTest>

using namespace shiplog;

namespace {

QByteArray configMap(const QByteArray& name, const QByteArray& value, const QByteArray& ns = "team")
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
           "\ndata:\n  value: \"" + value + "\"\n";
}

QByteArray deployment(const QByteArray& image)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  "
           "template:\n    spec:\n      containers:\n      - name: web\n        image: " +
           image + "\n";
}

QString date(int day)
{
    return QStringLiteral("2024-05-%1T10:00:00+02:00").arg(day, 2, 10, QLatin1Char('0'));
}

} // namespace

class TestResourceFilter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_store.isValid());
        qputenv("SHIPLOG_INDEX_CACHE_DIR", m_store.path().toUtf8());
        QVERIFY(core::diff::IndexStore::shared());
    }

    void fastPathDecidesAsTheWholeRevision()
    {
        test::ScratchRepo repo;
        const QString who = QStringLiteral("Ada <ada@example.com>");
        QProcessEnvironment identity;
        for (const char* role : {"AUTHOR", "COMMITTER"}) {
            identity.insert(QStringLiteral("GIT_%1_NAME").arg(QLatin1String(role)), QStringLiteral("Ada"));
            identity.insert(QStringLiteral("GIT_%1_EMAIL").arg(QLatin1String(role)),
                            QStringLiteral("ada@example.com"));
        }
        QStringList listed; // the commits that change ConfigMap/team/dup, as the rules say
        QStringList notListed;
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "1"));
        repo.write(QStringLiteral("all.yaml"),
                   deployment("nginx:1") + "---\n" + configMap("other", "x", "prod"));
        listed << repo.commit(QStringLiteral("start"), who, date(1));
        // A second definition later in path order: the first (untouched) one still counts.
        repo.write(QStringLiteral("b.yaml"), configMap("dup", "2"));
        notListed << repo.commit(QStringLiteral("second definition"), who, date(2));
        repo.write(QStringLiteral("b.yaml"), configMap("dup", "3"));
        notListed << repo.commit(QStringLiteral("edit the ignored definition"), who, date(3));
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "4"));
        listed << repo.commit(QStringLiteral("edit the definition"), who, date(4));
        repo.write(QStringLiteral("all.yaml"), configMap("other", "x", "prod"));
        repo.write(QStringLiteral("prod/web.yaml"), deployment("nginx:1"));
        repo.commit(QStringLiteral("split"), who, date(5));
        // A definition earlier in path order takes over, then goes again.
        repo.write(QStringLiteral("0.yaml"), configMap("dup", "9"));
        listed << repo.commit(QStringLiteral("earlier definition"), who, date(6));
        repo.remove(QStringLiteral("0.yaml"));
        listed << repo.commit(QStringLiteral("earlier definition gone"), who, date(7));
        // A merge that only brings one side's change is not listed.
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("feature")});
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "5"));
        listed << repo.commit(QStringLiteral("feature edit"), who, date(9));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.write(QStringLiteral("prod/web.yaml"), deployment("nginx:2"));
        repo.commit(QStringLiteral("main edit"), who, date(8));
        repo.git({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-edit"),
                  QStringLiteral("feature")},
                 identity);
        notListed << QString::fromLatin1(
            repo.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed());
        // A merge whose resolution differs from both sides is.
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("other")});
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "6"));
        listed << repo.commit(QStringLiteral("other edit"), who, date(11));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "7"));
        listed << repo.commit(QStringLiteral("main edit 2"), who, date(10));
        repo.tryGit({QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-edit"),
                     QStringLiteral("other")},
                    identity);
        repo.write(QStringLiteral("a.yaml"), configMap("dup", "8"));
        listed << repo.commit(QStringLiteral("merge other, resolved"), who, date(12));
        QCOMPARE(repo.git({QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("--merges"),
                           QStringLiteral("HEAD")})
                     .trimmed(),
                 QByteArray("2"));
        repo.write(QStringLiteral("prod/web.yaml"), "# a comment only\n" + deployment("nginx:2"));
        repo.commit(QStringLiteral("comment"), who, date(13));
        // The definition's file goes: the ignored one in b.yaml is the definition now.
        repo.remove(QStringLiteral("a.yaml"));
        listed << repo.commit(QStringLiteral("first definition gone"), who, date(14));
        repo.git(
            {QStringLiteral("mv"), QStringLiteral("prod/web.yaml"), QStringLiteral("prod/web-deploy.yaml")});
        repo.commit(QStringLiteral("rename"), who, date(15));
        // Its file no longer parses: not removed; parsed again with another value: changed.
        repo.write(QStringLiteral("b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        notListed << repo.commit(QStringLiteral("broken"), who, date(16));
        repo.write(QStringLiteral("b.yaml"), configMap("dup", "10"));
        listed << repo.commit(QStringLiteral("fixed"), who, date(17));

        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        const QStringList keys = [&] {
            auto known = core::diff::loadIndexedResources(repo.path(), QStringLiteral("HEAD"), {});
            return known ? *known : QStringList();
        }();
        QVERIFY2(keys.size() >= 3, qPrintable(keys.join(QLatin1Char(' '))));
        QStringList gitLogOrder =
            QString::fromLatin1(repo.git({QStringLiteral("log"), QStringLiteral("--format=%H")}))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int pass = 0; pass < 2; ++pass) { // the postings built, then read from disk
            for (const QString& argument : keys + QStringList{QStringLiteral("Deployment/prod/web")}) {
                const auto key = core::manifest::ResourceKey::fromArgument(argument);
                QVERIFY(key);
                core::manifest::ParseCache slowCache;
                auto timeline =
                    core::diff::buildTimeline(*opened, *key, QStringLiteral("HEAD"), {}, slowCache);
                QVERIFY2(timeline, test::why(timeline).constData());
                QStringList slow;
                for (const core::diff::TimelineStep& step : std::as_const(timeline->steps))
                    slow.append(step.commit.id);
                core::manifest::ParseCache fastCache;
                auto fast =
                    core::diff::findResourceCommits(*opened, *key, QStringLiteral("HEAD"), {}, fastCache);
                QVERIFY2(fast, test::why(fast).constData());
                QCOMPARE(fast->ids, slow);
                QVERIFY(fast->ordered);
                // Both read only the key's homes; the Changes tab reads each whole revision. Every
                // commit that is no merge: listed by the timeline exactly when its change set has
                // the key, with the same kind of change.
                if (pass == 0) {
                    for (const QString& id : std::as_const(gitLogOrder)) {
                        if (repo.git({QStringLiteral("rev-list"), QStringLiteral("--parents"),
                                      QStringLiteral("-n1"), id})
                                .trimmed()
                                .count(' ') > 1)
                            continue;
                        core::manifest::ParseCache wholeCache;
                        auto set = core::diff::computeChangeSetOfRevision(*opened, id, 1, {}, wholeCache);
                        QVERIFY2(set, test::why(set).constData());
                        const auto whole = std::find_if(set->resources.cbegin(), set->resources.cend(),
                                                        [&timeline](const core::diff::ResourceChange& c) {
                                                            return c.key == timeline->key;
                                                        });
                        const auto step = std::find_if(
                            timeline->steps.cbegin(), timeline->steps.cend(),
                            [&id](const core::diff::TimelineStep& s) { return s.commit.id == id; });
                        QVERIFY2((whole != set->resources.cend()) == (step != timeline->steps.cend()),
                                 qPrintable(argument + QLatin1Char(' ') + id));
                        if (step != timeline->steps.cend()) {
                            QCOMPARE(int(step->change.change), int(whole->change));
                            QCOMPARE(step->change.fields.size(), whole->fields.size());
                        }
                    }
                }
                QStringList expectedOrder;
                for (const QString& id : std::as_const(gitLogOrder)) {
                    if (slow.contains(id))
                        expectedOrder.append(id);
                }
                QCOMPARE(fast->logOrder, expectedOrder);
                if (argument == QStringLiteral("ConfigMap/team/dup")) {
                    for (const QString& id : std::as_const(listed))
                        QVERIFY2(fast->ids.contains(id), qPrintable(id));
                    for (const QString& id : std::as_const(notListed))
                        QVERIFY2(!fast->ids.contains(id), qPrintable(id));
                    QCOMPARE(fast->ids.size(), listed.size());
                }
            }
            QCOMPARE(QDir(m_store.path()).entryList({QStringLiteral("postings-*.bin")}, QDir::Files).size(),
                     1);
        }
    }

    void corruptPostingsAreBuiltAgain()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a.yaml"), configMap("one", "1"));
        repo.commit(QStringLiteral("one"));
        repo.write(QStringLiteral("a.yaml"), configMap("one", "2"));
        const QString second = repo.commit(QStringLiteral("two"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        const auto key = core::manifest::ResourceKey::fromArgument(QStringLiteral("ConfigMap/team/one"));
        core::manifest::ParseCache cache;
        auto first = core::diff::findResourceCommits(*opened, *key, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(first, test::why(first).constData());
        QCOMPARE(first->ids.size(), 2);
        const QString file = m_store.filePath(QStringLiteral("postings-") + second + QStringLiteral(".bin"));
        QVERIFY(QFile::exists(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
        f.seek(0);
        f.write(bytes);
        f.close();
        QVERIFY(
            !core::diff::IndexStore::shared()->findPostings(*core::git::ObjectId::fromString(second), {}));
        auto again = core::diff::findResourceCommits(*opened, *key, QStringLiteral("HEAD"), {}, cache);
        QVERIFY2(again, test::why(again).constData());
        QCOMPARE(again->ids, first->ids);
        QVERIFY(core::diff::IndexStore::shared()->findPostings(*core::git::ObjectId::fromString(second), {}));
    }

private:
    QTemporaryDir m_store;
};

QTEST_GUILESS_MAIN(TestResourceFilter)
#include "tst_resource_filter.moc"
