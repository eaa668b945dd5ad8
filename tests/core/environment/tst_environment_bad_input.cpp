// Bad input for environments (issue 10 §6): each case is an error of its environment that names the
// file (and kustomize's own message), the other environments render, nothing is written to the
// checkout, nothing crashes.
#include "core/environment/render.h"
#include "tests/support/fixtures.h"
#include "tests/support/scratch_repo.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;
using namespace shiplog::core::environment;

namespace {

const QByteArray kDeployment =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n";

// base/ with one Deployment, overlays/good over it.
void writeGoodOverlay(const test::ScratchRepo& repo)
{
    repo.write(QStringLiteral("base/deployment.yaml"), kDeployment);
    repo.write(QStringLiteral("base/kustomization.yaml"), "resources:\n  - deployment.yaml\n");
    repo.write(QStringLiteral("overlays/good/kustomization.yaml"),
               "resources:\n  - ../../base\nnamespace: good\nnamePrefix: good-\n");
}

const RenderedEnvironment* named(const QList<RenderedEnvironment>& list, const QString& name)
{
    for (const RenderedEnvironment& e : list)
        if (e.environment.name == name)
            return &e;
    return nullptr;
}

bool hasError(const QList<EnvironmentError>& errors, const QString& path, const QString& text)
{
    return std::any_of(errors.cbegin(), errors.cend(), [&](const EnvironmentError& e) {
        return e.path == path && e.message.contains(text, Qt::CaseInsensitive);
    });
}

QByteArray describe(const QList<EnvironmentError>& errors)
{
    QByteArray text;
    for (const EnvironmentError& e : errors)
        text += (e.path + QStringLiteral(": ") + e.message + u'\n').toUtf8();
    return text;
}

// A process that is still running (a zombie waiting to be reaped is not).
bool alive(const QByteArray& pid)
{
    QFile stat(QStringLiteral("/proc/") + QString::fromUtf8(pid) + QStringLiteral("/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && text.at(close + 2) != 'Z';
}

} // namespace

class TestEnvironmentBadInput : public QObject
{
    Q_OBJECT

    // The good overlay renders whatever happens to the others.
    static void checkGoodOverlay(const QList<RenderedEnvironment>& list)
    {
        const RenderedEnvironment* good = named(list, QStringLiteral("overlays/good"));
        QVERIFY(good);
        QVERIFY2(good->failedUnits.isEmpty(), describe(good->errors));
        QCOMPARE(good->resources.size(), 1);
        QCOMPARE(good->resources.first().resource.key.name, QStringLiteral("good-web"));
        QCOMPARE(good->resources.first().resource.key.namespaceName, QStringLiteral("good"));
        QCOMPARE(good->resources.first().sources, QStringList{"base/deployment.yaml"});
    }

    static void checkUntouched(const test::ScratchRepo& repo)
    {
        QCOMPARE(
            repo.git({QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--ignored")}),
            QByteArray());
    }

private slots:
    void kustomizationThatDoesNotBuild()
    {
        test::ScratchRepo repo;
        writeGoodOverlay(repo);
        repo.write(QStringLiteral("overlays/bad/kustomization.yaml"),
                   "resources:\n  - ../../base\nimages: not-a-list\n");
        repo.commit(QStringLiteral("overlays"));
        auto list = renderEnvironments(repo.path(), {});
        QVERIFY2(list, test::why(list));
        checkGoodOverlay(*list);
        const RenderedEnvironment* bad = named(*list, QStringLiteral("overlays/bad"));
        QVERIFY(bad);
        QCOMPARE(bad->failedUnits, QStringList{"overlays/bad"});
        QVERIFY(bad->resources.isEmpty());
        // kustomize's own words, with the file.
        QVERIFY2(hasError(bad->errors, QStringLiteral("overlays/bad/kustomization.yaml"),
                          QStringLiteral("unmarshal")),
                 describe(bad->errors));
        checkUntouched(repo);
    }

    void missingBase()
    {
        test::ScratchRepo repo;
        writeGoodOverlay(repo);
        repo.write(QStringLiteral("overlays/lost/kustomization.yaml"), "resources:\n  - ../../base-gone\n");
        repo.commit(QStringLiteral("overlays"));
        auto list = renderEnvironments(repo.path(), {});
        QVERIFY2(list, test::why(list));
        checkGoodOverlay(*list);
        const RenderedEnvironment* lost = named(*list, QStringLiteral("overlays/lost"));
        QVERIFY(lost);
        QVERIFY2(hasError(lost->errors, QStringLiteral("overlays/lost/kustomization.yaml"),
                          QStringLiteral("'../../base-gone' does not exist")),
                 describe(lost->errors));
        QCOMPARE(lost->failedUnits, QStringList{"overlays/lost"}); // and kustomize says so too
        checkUntouched(repo);
    }

    void kustomizationsIncludingEachOther()
    {
        test::ScratchRepo repo;
        writeGoodOverlay(repo);
        repo.write(QStringLiteral("loop/a/kustomization.yaml"), "resources:\n  - ../b\n");
        repo.write(QStringLiteral("loop/b/kustomization.yaml"), "resources:\n  - ../a\n");
        repo.commit(QStringLiteral("a loop"));
        auto list = renderEnvironments(repo.path(), {});
        QVERIFY2(list, test::why(list));
        checkGoodOverlay(*list);
        const RenderedEnvironment* a = named(*list, QStringLiteral("loop/a"));
        QVERIFY(a);
        QVERIFY2(hasError(a->errors, QStringLiteral("loop/b/kustomization.yaml"),
                          QStringLiteral("include each other: loop/a → loop/b → loop/a")),
                 describe(a->errors));
        QVERIFY(!a->failedUnits.isEmpty());
        checkUntouched(repo);
    }

    void fluxPathThatDoesNotExist()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("clusters/dev/flux-system/gotk-sync.yaml"),
                   "# written by flux bootstrap\n");
        repo.write(
            QStringLiteral("clusters/dev/apps.yaml"),
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n"
            "  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
            "  path: ./apps/gone\n");
        repo.write(
            QStringLiteral("clusters/dev/infra.yaml"),
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: infra\n"
            "  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
            "  path: ./infra\n  targetNamespace: infra\n");
        repo.write(QStringLiteral("infra/config.yaml"),
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: \"1\"\n");
        repo.commit(QStringLiteral("flux"));
        auto list = renderEnvironments(repo.path(), {});
        QVERIFY2(list, test::why(list));
        const RenderedEnvironment* dev = named(*list, QStringLiteral("dev"));
        QVERIFY(dev);
        QVERIFY2(hasError(dev->errors, QStringLiteral("clusters/dev/apps.yaml"),
                          QStringLiteral("spec.path './apps/gone' does not exist")),
                 describe(dev->errors));
        // The other unit of the same environment renders, in its target namespace.
        bool settings = false;
        for (const RenderedResource& r : dev->resources)
            if (r.resource.key.kind == u"ConfigMap" && r.resource.key.name == u"settings") {
                settings = true;
                QCOMPARE(r.resource.key.namespaceName, QStringLiteral("infra"));
                QCOMPARE(r.sources.value(0), QStringLiteral("infra/config.yaml"));
            }
        QVERIFY2(settings, describe(dev->errors));
        checkUntouched(repo);
    }

    void applicationOutsideTheRepository()
    {
        test::ScratchRepo repo;
        repo.git({QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                  QStringLiteral("git@example.com:team/deploy.git")});
        const QByteArray app =
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: %1\nspec:\n"
            "  destination:\n    namespace: %1\n    server: https://kubernetes.default.svc\n"
            "  source:\n    repoURL: https://example.com/team/deploy\n    path: %2\n";
        repo.write(
            QStringLiteral("argocd/escape.yaml"),
            QString::fromUtf8(app).arg(QStringLiteral("escape"), QStringLiteral("../../etc")).toUtf8());
        repo.write(QStringLiteral("argocd/web.yaml"),
                   QString::fromUtf8(app).arg(QStringLiteral("web"), QStringLiteral("web")).toUtf8());
        repo.write(QStringLiteral("web/deployment.yaml"), kDeployment);
        repo.commit(QStringLiteral("apps"));
        auto list = renderEnvironments(repo.path(), {});
        QVERIFY2(list, test::why(list));
        const RenderedEnvironment* env = named(*list, QStringLiteral("in-cluster"));
        QVERIFY(env);
        QVERIFY2(hasError(env->errors, QStringLiteral("argocd/escape.yaml"),
                          QStringLiteral("points outside the repository")),
                 describe(env->errors));
        QCOMPARE(env->resources.size(), 1);
        QCOMPARE(env->resources.first().resource.key.namespaceName, QStringLiteral("web"));
        checkUntouched(repo);
    }

    void noKustomizeNorKubectlOnPath()
    {
        test::ScratchRepo repo;
        writeGoodOverlay(repo);
        repo.commit(QStringLiteral("overlay"));
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", "/nonexistent");
        auto list = renderEnvironments(repo.path(), {});
        qputenv("PATH", path);
        QVERIFY2(list, test::why(list));
        const RenderedEnvironment* good = named(*list, QStringLiteral("overlays/good"));
        QVERIFY(good);
        QCOMPARE(good->failedUnits, QStringList{"overlays/good"});
        QVERIFY2(hasError(good->errors, QStringLiteral("overlays/good/kustomization.yaml"),
                          QStringLiteral("neither kustomize nor kubectl is on PATH")),
                 describe(good->errors));
        checkUntouched(repo);
    }

    void kustomizeThatHangs()
    {
        test::ScratchRepo repo;
        writeGoodOverlay(repo);
        repo.commit(QStringLiteral("overlay"));
        QTemporaryDir bin;
        // A kustomize that never answers, with a child of its own: the timeout stops both.
        const QString script = bin.filePath(QStringLiteral("kustomize"));
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\nsleep 300 &\necho $! > " + bin.filePath(QStringLiteral("child")).toUtf8() +
                    "\nwait\n");
        }
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.path().toUtf8() + ':' + path);
        qputenv("SHIPLOG_KUSTOMIZE_TIMEOUT", "1");
        QElapsedTimer timer;
        timer.start();
        auto list = renderEnvironments(repo.path(), {});
        const qint64 elapsed = timer.elapsed();
        qputenv("PATH", path);
        qunsetenv("SHIPLOG_KUSTOMIZE_TIMEOUT");
        QVERIFY2(list, test::why(list));
        QVERIFY2(elapsed < 8000, qPrintable(QString::number(elapsed)));
        const RenderedEnvironment* good = named(*list, QStringLiteral("overlays/good"));
        QVERIFY(good);
        QCOMPARE(good->failedUnits, QStringList{"overlays/good"});
        QVERIFY2(hasError(good->errors, QStringLiteral("overlays/good/kustomization.yaml"),
                          QStringLiteral("kustomize build did not finish within 1 s")),
                 describe(good->errors));
        QFile child(bin.filePath(QStringLiteral("child")));
        QVERIFY(child.open(QIODevice::ReadOnly));
        const QByteArray pid = child.readAll().trimmed();
        QVERIFY(!pid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 3000);
        // Not cached as an answer: with the real tool back, the same revision renders.
        auto again = renderEnvironments(repo.path(), {});
        QVERIFY(again);
        checkGoodOverlay(*again);
        checkUntouched(repo);
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentBadInput)
#include "tst_environment_bad_input.moc"
