// The history graph's lanes: hand-checked layouts of a line and a merge, and on real histories
// (a scratch repository with branches and the fixtures) every row joins the next one and the lines
// start exactly at the commits that git says have no child.
#include "core/git/commit_graph.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using core::git::GraphBuilder;
using core::git::GraphRow;
using Edge = GraphRow::Edge;

namespace shiplog::core::git {
inline size_t qHash(const GraphRow::Edge& e, size_t seed = 0)
{
    return qHashMulti(seed, e.from, e.to);
}
} // namespace shiplog::core::git

namespace {

struct Listed
{
    QString id;
    QStringList parents;
};

// What `git log` lists, in its own order.
QList<Listed> gitLog(const QString& repo, const QStringList& extra = {})
{
    const test::ProcessResult r =
        test::run(QStringLiteral("git"), QStringList{QStringLiteral("-C"), repo, QStringLiteral("log"),
                                                     QStringLiteral("--format=%H %P")} +
                                             extra);
    QList<Listed> commits;
    for (const QByteArray& line : r.out.split('\n')) {
        if (line.isEmpty())
            continue;
        QStringList words = QString::fromLatin1(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        commits.append({words.takeFirst(), words});
    }
    return commits;
}

QSet<int> targets(const QList<Edge>& edges)
{
    QSet<int> lanes;
    for (const Edge& e : edges)
        lanes.insert(e.to);
    return lanes;
}

QSet<int> sources(const QList<Edge>& edges)
{
    QSet<int> lanes;
    for (const Edge& e : edges)
        lanes.insert(e.from);
    return lanes;
}

bool startsLine(const GraphRow& row)
{
    return std::none_of(row.upper.begin(), row.upper.end(),
                        [&row](const Edge& e) { return e.to == row.lane; });
}

QSet<Edge> asSet(const QList<Edge>& edges)
{
    return QSet<Edge>(edges.begin(), edges.end());
}

// Every row's bottom lanes are the next row's top lanes, and a line starts exactly at the commits
// that no listed commit names as its parent.
void checkAgainstGit(const QList<Listed>& commits, int* widest = nullptr)
{
    QSet<QString> named;
    for (const Listed& c : commits)
        for (const QString& p : c.parents)
            named.insert(p);
    GraphBuilder builder;
    QList<GraphRow> rows;
    for (const Listed& c : commits)
        rows.append(builder.next(c.id, c.parents));
    int most = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        most = std::max(most, rows[i].laneCount());
        QCOMPARE(startsLine(rows[i]), !named.contains(commits[i].id));
        if (i + 1 < rows.size())
            QCOMPARE(targets(rows[i].lower), sources(rows[i + 1].upper));
        else
            QVERIFY(rows[i].lower.isEmpty());
        // The dot has a line out of it exactly for each parent that is still to come.
        QCOMPARE(std::count_if(rows[i].lower.begin(), rows[i].lower.end(),
                               [&](const Edge& e) { return e.from == rows[i].lane; }),
                 commits[i].parents.size());
    }
    if (widest)
        *widest = most;
}

} // namespace

const QString kAda = QStringLiteral("Ada Lovelace <ada@example.com>");

class TestCommitGraph : public QObject
{
    Q_OBJECT
private slots:
    void aLineIsOneLane()
    {
        GraphBuilder builder;
        const GraphRow tip = builder.next(QStringLiteral("c"), {QStringLiteral("b")});
        QCOMPARE(tip.lane, 0);
        QVERIFY(tip.upper.isEmpty());
        QCOMPARE(tip.lower, (QList<Edge>{{0, 0}}));
        const GraphRow middle = builder.next(QStringLiteral("b"), {QStringLiteral("a")});
        QCOMPARE(middle.upper, (QList<Edge>{{0, 0}}));
        QCOMPARE(middle.lower, (QList<Edge>{{0, 0}}));
        const GraphRow root = builder.next(QStringLiteral("a"), {});
        QCOMPARE(root.upper, (QList<Edge>{{0, 0}}));
        QVERIFY(root.lower.isEmpty());
        QCOMPARE(root.laneCount(), 1);
        QCOMPARE(builder.openLanes(), 0);
    }

    void aMergeForksAndJoins()
    {
        // M merges feature F (from B) into main (A, from B); git log lists M, F, A, B.
        GraphBuilder builder;
        const GraphRow m = builder.next(QStringLiteral("M"), {QStringLiteral("A"), QStringLiteral("F")});
        QCOMPARE(m.lane, 0);
        QCOMPARE(asSet(m.lower), (QSet<Edge>{{0, 0}, {0, 1}}));
        QCOMPARE(m.laneCount(), 2);
        const GraphRow f = builder.next(QStringLiteral("F"), {QStringLiteral("B")});
        QCOMPARE(f.lane, 1);
        QCOMPARE(asSet(f.upper), (QSet<Edge>{{0, 0}, {1, 1}}));
        QCOMPARE(asSet(f.lower), (QSet<Edge>{{0, 0}, {1, 1}}));
        const GraphRow a = builder.next(QStringLiteral("A"), {QStringLiteral("B")});
        QCOMPARE(a.lane, 0);
        QCOMPARE(asSet(a.lower), (QSet<Edge>{{0, 0}, {1, 1}}));
        const GraphRow b = builder.next(QStringLiteral("B"), {});
        QCOMPARE(b.lane, 0);
        QCOMPARE(asSet(b.upper), (QSet<Edge>{{0, 0}, {1, 0}})); // both lines end in B
        QVERIFY(b.lower.isEmpty());
        QCOMPARE(builder.openLanes(), 0);
    }

    void anOctopusOpensALaneForEachParent()
    {
        GraphBuilder builder;
        const GraphRow o = builder.next(QStringLiteral("O"),
                                        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(asSet(o.lower), (QSet<Edge>{{0, 0}, {0, 1}, {0, 2}}));
        QCOMPARE(o.laneCount(), 3);
    }

    void freedLanesAreReused()
    {
        GraphBuilder builder;
        builder.next(QStringLiteral("M"), {QStringLiteral("A"), QStringLiteral("F")});
        builder.next(QStringLiteral("F"), {QStringLiteral("A")}); // lane 1 ends in A
        const GraphRow a = builder.next(QStringLiteral("A"), {QStringLiteral("R")});
        QCOMPARE(asSet(a.upper), (QSet<Edge>{{0, 0}, {1, 0}}));
        QCOMPARE(a.lower, (QList<Edge>{{0, 0}}));
        const GraphRow tip =
            builder.next(QStringLiteral("T"), {QStringLiteral("R")}); // a second tip takes lane 1 again
        QCOMPARE(tip.lane, 1);
    }

    void branchesMadeWithGit()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a.yaml"), "a: 1\n");
        repo.commit(QStringLiteral("base"), kAda, QStringLiteral("2026-01-01T10:00:00Z"));
        repo.git({QStringLiteral("branch"), QStringLiteral("feature")});
        repo.git({QStringLiteral("branch"), QStringLiteral("hotfix")});
        for (int i = 0; i < 3; ++i) {
            repo.write(QStringLiteral("a.yaml"), "a: " + QByteArray::number(i + 2) + "\n");
            repo.commit(QStringLiteral("main %1").arg(i), kAda,
                        QStringLiteral("2026-01-0%1T10:00:00Z").arg(2 + 2 * i));
        }
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("feature")});
        for (int i = 0; i < 2; ++i) {
            repo.write(QStringLiteral("f.yaml"), "f: " + QByteArray::number(i) + "\n");
            repo.commit(QStringLiteral("feature %1").arg(i), kAda,
                        QStringLiteral("2026-01-0%1T10:00:00Z").arg(3 + 2 * i));
        }
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("hotfix")});
        repo.write(QStringLiteral("h.yaml"), "h: 1\n");
        repo.commit(QStringLiteral("hotfix"), kAda, QStringLiteral("2026-01-08T10:00:00Z"));
        repo.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        repo.git({QStringLiteral("-c"), QStringLiteral("user.name=Ada Lovelace"), QStringLiteral("-c"),
                  QStringLiteral("user.email=ada@example.com"), QStringLiteral("merge"), QStringLiteral("-q"),
                  QStringLiteral("--no-ff"), QStringLiteral("-m"), QStringLiteral("Merge feature"),
                  QStringLiteral("feature")});
        const QList<Listed> all = gitLog(repo.path(), {QStringLiteral("--all")});
        QCOMPARE(all.size(), 8);
        int widest = 0;
        checkAgainstGit(all, &widest);
        QCOMPARE(widest, 3); // main, feature and the unmerged hotfix side by side
    }

    void realHistories_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addRow("jx3-eagle") << "jx3-eagle";
        QTest::addRow("kube-prometheus") << "kube-prometheus";
    }

    void realHistories()
    {
        QFETCH(QString, fixture);
        SHIPLOG_REQUIRE_FIXTURE(fixture);
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(fixture, dir.path(), true));
        const QList<Listed> commits =
            gitLog(dir.path(), {QStringLiteral("--all"), QStringLiteral("--topo-order")});
        QVERIFY(commits.size() > 1000);
        int widest = 0;
        checkAgainstGit(commits, &widest);
        qInfo("%s: %lld commits, at most %d lanes", qPrintable(fixture), qlonglong(commits.size()), widest);
        QVERIFY(widest >= 2);
    }
};

QTEST_GUILESS_MAIN(TestCommitGraph)
#include "tst_commit_graph.moc"
