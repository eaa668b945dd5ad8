// An error is never a change (issue 14, D1, D2, D7): a file whose content cannot be read — a
// corrupt object, a file over the size limit, a Git LFS pointer — or that no longer parses is an
// error naming the file (and the object), never a removed or added resource; timelines carry the
// errors of the revisions they read. Through the real `shiplog` binary, on real repositories.
#include "tests/support/scratch_repo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace shiplog;

namespace {

const QByteArray kConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: ns\n"
                              "data:\n  k: v1\n";
const QByteArray kChanged = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: ns\n"
                            "data:\n  k: v2\n";

// Each repository gets its own parse cache: the cache is keyed by object id, and a blob id parsed
// once (in another test's readable copy) is known content — which would hide the damage here.
QProcessEnvironment environmentFor(const QString& repositoryPath)
{
    QProcessEnvironment env = test::ScratchRepo::gitEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), repositoryPath + QStringLiteral("/.git/test-cache"));
    return env;
}

QJsonObject shiplogJson(const test::ScratchRepo& repo, const QStringList& args, int* exitCode = nullptr)
{
    QStringList all = args;
    all << QStringLiteral("--repo") << repo.path() << QStringLiteral("--json");
    const auto result =
        test::run(QStringLiteral(SHIPLOG_BINARY), all, repo.path(), environmentFor(repo.path()), 60000);
    if (exitCode)
        *exitCode = result.exitCode;
    return QJsonDocument::fromJson(result.out).object();
}

QString blobId(const test::ScratchRepo& repo, const QString& revisionPath)
{
    return QString::fromUtf8(repo.git({QStringLiteral("rev-parse"), revisionPath}).trimmed());
}

// Flips bytes in the middle of a loose object's compressed data, as a failing disk would.
bool corruptLooseObject(const test::ScratchRepo& repo, const QString& id)
{
    QFile file(repo.filePath(QStringLiteral(".git/objects/%1/%2").arg(id.left(2), id.mid(2))));
    file.setPermissions(file.permissions() | QFileDevice::WriteOwner);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    QByteArray data = file.readAll();
    for (qsizetype i = data.size() / 2; i < data.size() - 2; ++i)
        data[i] = char(data[i] ^ 0x5a);
    file.seek(0);
    return file.write(data) == data.size();
}

QStringList changeLines(const QJsonObject& changes)
{
    QStringList lines;
    for (const QJsonValue& r : changes.value(QStringLiteral("resources")).toArray()) {
        const QJsonObject o = r.toObject();
        lines << o.value(QStringLiteral("change")).toString() + QLatin1Char(' ') +
                     o.value(QStringLiteral("kind")).toString() + QLatin1Char('/') +
                     o.value(QStringLiteral("name")).toString();
    }
    return lines;
}

// c1.yaml as kConfigMap, then as `second`: two commits. Returns the second commit's id.
QString commitTwoVersions(const test::ScratchRepo& repo, const QByteArray& second,
                          const QString& message = QStringLiteral("change c1"))
{
    repo.write(QStringLiteral("c1.yaml"), kConfigMap);
    repo.commit(QStringLiteral("add c1"));
    repo.write(QStringLiteral("c1.yaml"), second);
    return repo.commit(message);
}

QString errorsText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object.value(QStringLiteral("errors")).toArray()).toJson());
}

} // namespace

class TestUnreadableContent : public QObject
{
    Q_OBJECT

private slots:
    // D1: `changes HEAD` said "ConfigMap ns/c1 removed" and the timeline showed a removed step.
    void corruptBlobIsAnErrorNotADeletion()
    {
        test::ScratchRepo repo;
        commitTwoVersions(repo, kChanged, QStringLiteral("change c1"));
        const QString id = blobId(repo, QStringLiteral("HEAD:c1.yaml"));
        QVERIFY(corruptLooseObject(repo, id));

        const QJsonObject changes = shiplogJson(repo, {QStringLiteral("changes"), QStringLiteral("HEAD")});
        QVERIFY2(changeLines(changes).isEmpty(), qPrintable(changeLines(changes).join(QLatin1Char('\n'))));
        const QString errors = errorsText(changes);
        QVERIFY2(errors.contains(QLatin1String("c1.yaml")) && errors.contains(id), qPrintable(errors));

        const QJsonObject timeline =
            shiplogJson(repo, {QStringLiteral("timeline"), QStringLiteral("ConfigMap/ns/c1")});
        const QJsonArray steps = timeline.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 1); // the addition; no "removed" step
        QCOMPARE(steps.at(0).toObject().value(QStringLiteral("change")).toString(), QStringLiteral("added"));
        const QString timelineErrors = errorsText(timeline);
        QVERIFY2(timelineErrors.contains(id) && timelineErrors.contains(QLatin1String("\"commit\"")),
                 qPrintable(timelineErrors));
    }

    // The next commit after an unreadable version: what it held is unknown, so its resources are
    // not "added" either.
    void unreadableOldVersionAddsNothing()
    {
        test::ScratchRepo repo;
        commitTwoVersions(repo, kChanged, QStringLiteral("change c1"));
        QVERIFY(corruptLooseObject(repo, blobId(repo, QStringLiteral("HEAD~1:c1.yaml"))));

        const QJsonObject changes = shiplogJson(repo, {QStringLiteral("changes"), QStringLiteral("HEAD")});
        QVERIFY2(changeLines(changes).isEmpty(), qPrintable(changeLines(changes).join(QLatin1Char('\n'))));
        QVERIFY2(errorsText(changes).contains(QLatin1String("at the previous revision")),
                 qPrintable(errorsText(changes)));
    }

    // A file that stops parsing does not delete what it held: the operator cannot apply it either.
    void invalidYamlIsNotADeletion()
    {
        test::ScratchRepo repo;
        commitTwoVersions(repo, kConfigMap + "  broken: [unclosed\n", QStringLiteral("break c1"));

        const QJsonObject changes = shiplogJson(repo, {QStringLiteral("changes"), QStringLiteral("HEAD")});
        QVERIFY2(changeLines(changes).isEmpty(), qPrintable(changeLines(changes).join(QLatin1Char('\n'))));
        const QJsonArray errors = changes.value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("c1.yaml"));
        QVERIFY(errors.at(0).toObject().value(QStringLiteral("line")).toInt() > 0);

        // Deleting the file is a deletion.
        repo.remove(QStringLiteral("c1.yaml"));
        repo.commit(QStringLiteral("remove c1"));
        const QJsonObject removed =
            shiplogJson(repo, {QStringLiteral("changes"), QStringLiteral("HEAD~2..HEAD")});
        QCOMPARE(changeLines(removed), QStringList{QStringLiteral("removed ConfigMap/c1")});
    }

    // D2: `timeline` of a resource in a file over the size limit said "0 change(s)" with no error.
    void timelineCarriesTheErrorsItMet()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("small.yaml"), kConfigMap);
        repo.commit(QStringLiteral("small"));
        QByteArray big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: ns\ndata:\n"
                         "  blob: \"";
        big += QByteArray(18 * 1024 * 1024 + 600 * 1024, 'x');
        big += "\"\n";
        repo.write(QStringLiteral("big.yaml"), big);
        const QString commit = repo.commit(QStringLiteral("big"));

        const QJsonObject timeline =
            shiplogJson(repo, {QStringLiteral("timeline"), QStringLiteral("ConfigMap/ns/big")});
        QCOMPARE(timeline.value(QStringLiteral("steps")).toArray().size(), 0);
        const QJsonArray errors = timeline.value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        const QJsonObject error = errors.at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("path")).toString(), QStringLiteral("big.yaml"));
        QCOMPARE(error.value(QStringLiteral("commit")).toString(), commit);
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("MB")),
                 qPrintable(error.value(QStringLiteral("message")).toString()));

        // The text output says so too.
        const auto text = test::run(QStringLiteral(SHIPLOG_BINARY),
                                    {QStringLiteral("timeline"), QStringLiteral("ConfigMap/ns/big"),
                                     QStringLiteral("--repo"), repo.path()},
                                    repo.path(), environmentFor(repo.path()), 60000);
        QVERIFY2(text.out.contains("1 file could not be read") && text.out.contains("error: "),
                 text.out.constData());
    }

    // D7: a Git LFS pointer named *.yaml gave 0 changes and no error.
    void lfsPointerIsNamed()
    {
        test::ScratchRepo repo;
        commitTwoVersions(repo,
                          "version https://git-lfs.github.com/spec/v1\n"
                          "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                          "size 12345\n",
                          QStringLiteral("track c1 with LFS"));

        const QJsonObject changes = shiplogJson(repo, {QStringLiteral("changes"), QStringLiteral("HEAD")});
        QVERIFY2(changeLines(changes).isEmpty(), qPrintable(changeLines(changes).join(QLatin1Char('\n'))));
        QVERIFY2(errorsText(changes).contains(QLatin1String("Git LFS pointer")),
                 qPrintable(errorsText(changes)));
    }

    // D5: on a --depth 1 clone `changes` said "object not found" without a word of the shallow
    // clone, and timelines failed instead of stopping at the boundary as the history does.
    void shallowCloneIsNamed()
    {
        test::ScratchRepo source;
        commitTwoVersions(source, kChanged, QStringLiteral("change c1"));
        QTemporaryDir dir;
        const QString clone = dir.filePath(QStringLiteral("shallow"));
        const auto cloned =
            test::run(QStringLiteral("git"),
                      {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"),
                       QStringLiteral("1"), QStringLiteral("file://") + source.path(), clone},
                      {}, test::ScratchRepo::gitEnvironment(), 60000);
        QCOMPARE(cloned.exitCode, 0);

        const auto changes =
            test::run(QStringLiteral(SHIPLOG_BINARY),
                      {QStringLiteral("changes"), QStringLiteral("HEAD"), QStringLiteral("--repo"), clone},
                      clone, environmentFor(clone), 60000);
        QCOMPARE(changes.exitCode, 2);
        QVERIFY2(changes.err.contains("shallow clone") && changes.err.contains("git fetch --unshallow"),
                 changes.err.constData());

        const auto timeline = test::run(QStringLiteral(SHIPLOG_BINARY),
                                        {QStringLiteral("timeline"), QStringLiteral("ConfigMap/ns/c1"),
                                         QStringLiteral("--repo"), clone, QStringLiteral("--json")},
                                        clone, environmentFor(clone), 60000);
        QVERIFY2(timeline.exitCode == 0, timeline.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(timeline.out).object();
        const QString head = QString::fromUtf8(
            test::run(QStringLiteral("git"),
                      {QStringLiteral("-C"), clone, QStringLiteral("rev-parse"), QStringLiteral("HEAD")})
                .out.trimmed());
        QCOMPARE(json.value(QStringLiteral("shallowBoundary")).toArray(), QJsonArray{head});
    }

    // D6: with a pack file deleted, `changes` said "Unknown revision 'HEAD'".
    void missingPackIsDamageNotAnUnknownRevision()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("c1.yaml"), kConfigMap);
        const QString head = repo.commit(QStringLiteral("add c1"));
        repo.git(
            {QStringLiteral("repack"), QStringLiteral("-a"), QStringLiteral("-d"), QStringLiteral("-q")});
        repo.git({QStringLiteral("prune-packed")});
        const QDir packs(repo.filePath(QStringLiteral(".git/objects/pack")));
        const QStringList files = packs.entryList({QStringLiteral("*.pack")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QVERIFY(QFile::remove(packs.filePath(files.constFirst())));

        const auto changes = test::run(
            QStringLiteral(SHIPLOG_BINARY),
            {QStringLiteral("changes"), QStringLiteral("HEAD"), QStringLiteral("--repo"), repo.path()},
            repo.path(), environmentFor(repo.path()), 60000);
        QCOMPARE(changes.exitCode, 2);
        QVERIFY2(changes.err.contains("damaged") && changes.err.contains(head.toUtf8()),
                 changes.err.constData());
        QVERIFY2(!changes.err.contains("Unknown revision"), changes.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestUnreadableContent)
#include "tst_unreadable_content.moc"
