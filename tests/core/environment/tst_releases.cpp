// Jenkins X releases: helmfiles/<ns>/helmfile.yaml versions, and what a promotion commit changed.
#include "core/environment/releases.h"
#include "core/environment/value_blame.h"
#include "core/git/repository.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QRegularExpression>
#include <QTest>

using namespace shiplog;
using core::environment::ReleaseChange;

namespace {

QByteArray helmfile(const QByteArray& ns, const QList<std::pair<QByteArray, QByteArray>>& releases)
{
    QByteArray text =
        "namespace: " + ns + "\nrepositories:\n- name: dev\n  url: https://example.com\nreleases:\n";
    for (const auto& [name, version] : releases)
        text += "- chart: dev/" + name + "\n  version: " + version + "\n  name: " + name +
                "\n  values:\n  - jx-values.yaml\n";
    return text;
}

} // namespace

class TestReleases : public QObject
{
    Q_OBJECT

private slots:
    void promotionOnScratchRepository()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile("jx-staging", {{"payments", "1.4.2"}, {"orders", "2.0.0"}}));
        repo.write(QStringLiteral("helmfiles/jx-production/helmfile.yaml"),
                   helmfile("jx-production", {{"payments", "1.4.2"}}));
        repo.write(QStringLiteral("helmfiles/jx-production/nested/helmfile.yaml"),
                   helmfile("other", {{"x", "1"}}));
        const QString first = repo.commit(QStringLiteral("start"));
        repo.write(QStringLiteral("helmfiles/jx-production/helmfile.yaml"),
                   helmfile("jx-production", {{"payments", "1.5.0"}}));
        repo.write(QStringLiteral("helmfiles/jx-staging/helmfile.yaml"),
                   helmfile("jx-staging", {{"payments", "1.4.2"}}));
        const QString second = repo.commit(QStringLiteral("chore: promote payments to version 1.5.0"));

        auto opened = core::git::Repository::open(repo.path());
        QVERIFY2(opened, test::why(opened));
        auto changes = core::environment::releaseChangesOfRevision(*opened, second);
        QVERIFY2(changes, test::why(changes));
        QCOMPARE(changes->size(), 2);
        // Ordered by (environment, name).
        QCOMPARE(changes->at(0).describe(), QStringLiteral("payments 1.4.2 → 1.5.0 in jx-production"));
        QCOMPARE(changes->at(0).chart, QStringLiteral("dev/payments"));
        QCOMPARE(changes->at(0).file, QStringLiteral("helmfiles/jx-production/helmfile.yaml"));
        QCOMPARE(changes->at(1).describe(), QStringLiteral("orders 2.0.0 removed from jx-staging"));

        // The root commit: every release is added; nested helmfiles are not an environment's.
        auto root = core::environment::releaseChangesOfRevision(*opened, first);
        QVERIFY2(root, test::why(root));
        QCOMPARE(root->size(), 3);
        for (const ReleaseChange& c : *root)
            QVERIFY2(c.oldVersion.isEmpty() && c.environment != u"other", qPrintable(c.describe()));

        // A range reads both ends.
        auto range =
            core::environment::releaseChangesOfRevision(*opened, first + QStringLiteral("..") + second);
        QVERIFY2(range, test::why(range));
        QCOMPARE(range->size(), 2);

        auto all = core::environment::readReleases(*opened, second);
        QVERIFY2(all, test::why(all));
        QCOMPARE(all->size(), 2);

        // The commit that brought payments 1.5.0 to production, and 1.4.2 to staging.
        core::environment::ValueBlame blame(repo.path(), second);
        auto brought =
            blame.commitThatSet({QStringLiteral("helmfiles/jx-production/helmfile.yaml")},
                                core::environment::ValueBlame::containsText(QStringLiteral("1.5.0")));
        QVERIFY2(brought, test::why(brought));
        QCOMPARE(brought->id, second);
        auto staging =
            blame.commitThatSet({QStringLiteral("helmfiles/jx-staging/helmfile.yaml")},
                                core::environment::ValueBlame::containsText(QStringLiteral("1.4.2")));
        QVERIFY2(staging, test::why(staging));
        QCOMPARE(staging->id, first);
    }

    void brokenHelmfileIsAnErrorNamingIt()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("helmfiles/jx/helmfile.yaml"), "releases: [unclosed\n");
        const QString commit = repo.commit(QStringLiteral("broken"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY2(opened, test::why(opened));
        auto changes = core::environment::releaseChangesOfRevision(*opened, commit);
        QVERIFY(!changes);
        QVERIFY2(changes.error().message.contains(QStringLiteral("helmfiles/jx/helmfile.yaml")),
                 qPrintable(changes.error().message));
    }

    // Every "chore: promote X to version Y" commit of jx3-eagle that edits a helmfile: the release
    // change names X and Y (from the commit's own message) and the version before it (from git).
    void promotionCommitsOfJx3Eagle()
    {
        SHIPLOG_REQUIRE_FIXTURE(QStringLiteral("jx3-eagle"));
        QTemporaryDir dir;
        QVERIFY(test::cloneFixture(QStringLiteral("jx3-eagle"), dir.path()));
        const QStringList lines =
            QString::fromUtf8(
                test::run(QStringLiteral("git"),
                          {QStringLiteral("log"), QStringLiteral("--no-merges"),
                           QStringLiteral("--format=%H %s"), QStringLiteral("--grep=^chore: promote"),
                           QStringLiteral("--"), QStringLiteral("helmfiles")},
                          dir.path())
                    .out)
                .split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 5, qPrintable(lines.join(u'\n')));
        auto opened = core::git::Repository::open(dir.path());
        QVERIFY2(opened, test::why(opened));
        static const QRegularExpression subject(
            QStringLiteral("^(\\w+) chore: promote (\\S+) to version (\\S+)( .*)?$"));
        int checked = 0;
        for (const QString& line : lines) {
            const auto m = subject.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            auto changes = core::environment::releaseChangesOfRevision(*opened, m.captured(1));
            QVERIFY2(changes, test::why(changes));
            const auto it = std::find_if(changes->cbegin(), changes->cend(),
                                         [&](const ReleaseChange& c) { return c.name == m.captured(2); });
            QVERIFY2(it != changes->cend(), qPrintable(line));
            QCOMPARE(it->newVersion, m.captured(3));
            // The version before, read by git: the line after the chart in the parent's helmfile.
            const QByteArray before =
                test::run(QStringLiteral("git"),
                          {QStringLiteral("show"), m.captured(1) + QStringLiteral("^:") + it->file},
                          dir.path())
                    .out;
            const qsizetype chart = before.indexOf("chart: " + it->chart.toUtf8() + "\n");
            if (chart < 0) { // the promotion added the release
                QVERIFY2(it->oldVersion.isEmpty(), qPrintable(it->describe()));
                ++checked;
                continue;
            }
            const qsizetype version = before.indexOf("version: ", chart);
            QCOMPARE(QString::fromUtf8(before.mid(version + 9, before.indexOf('\n', version) - version - 9)),
                     it->oldVersion);
            ++checked;
        }
        // The one the issue names: nodedemo 1.0.58 → 1.0.59 in jx-staging.
        auto one = core::environment::releaseChangesOfRevision(*opened, QStringLiteral("503e8121"));
        QVERIFY2(one, test::why(one));
        QCOMPARE(one->size(), 1);
        QCOMPARE(one->first().describe(), QStringLiteral("nodedemo 1.0.58 → 1.0.59 in jx-staging"));
        qInfo("%d promotion commits checked", checked);
    }
};

QTEST_GUILESS_MAIN(TestReleases)
#include "tst_releases.moc"
