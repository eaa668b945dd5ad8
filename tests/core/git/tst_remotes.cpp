// The URLs of a repository's remotes (core/git/remotes): the same as git's own answer
// (`git remote get-url --all` and `--push --all`) with insteadOf, pushInsteadOf and push URLs, and
// asking many times costs no memory (libgit2 1.5.1's remote lookups leak ~130 KB a call, which
// environment detection made 1.7 GB in one timeline).
#include "core/git/remotes.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QSet>
#include <QTest>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define SHIPLOG_REMOTES_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIPLOG_REMOTES_SANITIZED 1
#endif
#endif
#ifndef SHIPLOG_REMOTES_SANITIZED
#define SHIPLOG_REMOTES_SANITIZED 0
#endif

using namespace shiplog;

namespace {

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

class TestRemotes : public QObject
{
    Q_OBJECT
private slots:
    void sameUrlsAsGit()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("first"));
        const auto config = [&repo](const QString& name, const QString& value) {
            repo.git({QStringLiteral("config"), QStringLiteral("--add"), name, value});
        };
        config(QStringLiteral("remote.origin.url"), QStringLiteral("gh:acme/env.git"));
        config(QStringLiteral("remote.origin.fetch"), QStringLiteral("+refs/heads/*:refs/remotes/origin/*"));
        config(QStringLiteral("remote.mirror.url"), QStringLiteral("https://mirror.example/acme/env.git"));
        config(QStringLiteral("remote.mirror.pushurl"), QStringLiteral("gh:acme/env-mirror.git"));
        config(QStringLiteral("remote.team.v2.url"), QStringLiteral("git://git.example/acme/env.git"));
        // The longest prefix wins.
        config(QStringLiteral("url.https://github.com/.insteadOf"), QStringLiteral("gh:"));
        config(QStringLiteral("url.https://github.com/acme-org/.insteadOf"), QStringLiteral("gh:acme/"));
        config(QStringLiteral("url.ssh://git@git.example/.pushInsteadOf"),
               QStringLiteral("git://git.example/"));

        QStringList expected;
        for (const QString& remote :
             QString::fromUtf8(repo.git({QStringLiteral("remote")})).split(u'\n', Qt::SkipEmptyParts)) {
            for (const QStringList& flags :
                 {QStringList{QStringLiteral("--all")},
                  QStringList{QStringLiteral("--push"), QStringLiteral("--all")}}) {
                const QString out = QString::fromUtf8(
                    repo.git(QStringList{QStringLiteral("remote"), QStringLiteral("get-url")} + flags +
                             QStringList{remote}));
                for (const QString& url : out.split(u'\n', Qt::SkipEmptyParts))
                    expected << url;
            }
        }
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        auto urls = core::git::remoteUrls(*opened);
        QVERIFY2(urls, test::why(urls).constData());
        QCOMPARE(QSet<QString>(urls->cbegin(), urls->cend()),
                 QSet<QString>(expected.cbegin(), expected.cend()));
        QCOMPARE(urls->size(), QSet<QString>(urls->cbegin(), urls->cend()).size()); // no duplicates
        // What git says, written out, so that the check above cannot pass on two empty lists.
        QVERIFY(urls->contains(QStringLiteral("https://github.com/acme-org/env.git")));
        QVERIFY(urls->contains(QStringLiteral("https://github.com/acme-org/env-mirror.git")));
        QVERIFY(urls->contains(QStringLiteral("ssh://git@git.example/acme/env.git")));
        QVERIFY(urls->contains(QStringLiteral("git://git.example/acme/env.git")));
    }

    void noRemotesNoUrls()
    {
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("first"));
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        auto urls = core::git::remoteUrls(*opened);
        QVERIFY2(urls, test::why(urls).constData());
        QVERIFY(urls->isEmpty());
    }

    void askingOftenCostsNoMemory()
    {
        if (SHIPLOG_REMOTES_SANITIZED)
            QSKIP("a sanitizer's quarantine keeps freed memory: the peak says nothing here");
        test::ScratchRepo repo;
        repo.commit(QStringLiteral("first"));
        repo.git({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                  QStringLiteral("https://example.com/acme/env.git")});
        auto opened = core::git::Repository::open(repo.path());
        QVERIFY(opened);
        QVERIFY(core::git::remoteUrls(*opened));
        const long before = peakRssMb();
        for (int i = 0; i < 2000; ++i)
            QVERIFY(core::git::remoteUrls(*opened));
        // libgit2's git_remote_list and git_remote_lookup grew it by ~260 MB here.
        const long grown = peakRssMb() - before;
        QVERIFY2(grown < 32, qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg(grown)));
    }
};

QTEST_GUILESS_MAIN(TestRemotes)
#include "tst_remotes.moc"
