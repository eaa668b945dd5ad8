// The shell completion (packaging/completion): bash completes the commands, exactly the options
// `shiplog COMMAND --help` lists, the repository's refs through `git for-each-ref` and the
// kubeconfig's contexts through the real `kubectl`; zsh's function names the same options.
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace shiplog;

namespace {

const QString bashCompletion = QStringLiteral(SHIPLOG_SOURCE_DIR "/packaging/completion/shiplog.bash");
const QString zshCompletion = QStringLiteral(SHIPLOG_SOURCE_DIR "/packaging/completion/_shiplog");

// What bash's completion function offers for the last of `words` (the line typed so far).
QStringList complete(const QStringList& words,
                     const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    const QString script = QStringLiteral(
        "source \"$0\"; complete -p shiplog >/dev/null || exit 3\n"
        "COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n"
        "_shiplog; printf '%s\\n' \"${COMPREPLY[@]}\"");
    // In an empty folder: the first word also completes folder names (`shiplog PATH`).
    static const QTemporaryDir emptyFolder;
    const test::ProcessResult r =
        test::run(QStringLiteral("bash"), QStringList{QStringLiteral("-c"), script, bashCompletion} + words,
                  emptyFolder.path(), env);
    if (r.exitCode != 0)
        qWarning("bash: exit %d: %s", r.exitCode, r.err.constData());
    QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

QStringList helpCommands()
{
    const QString text = QString::fromUtf8(test::runShiplog({QStringLiteral("--help")}).out);
    const QString list = text.section(QStringLiteral("Commands"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QStringList commands;
    static const QRegularExpression line(QStringLiteral("^  shiplog ([a-z-]+)"),
                                         QRegularExpression::MultilineOption);
    for (const auto& m : line.globalMatch(list))
        commands << m.captured(1);
    commands.sort();
    return commands;
}

// `shiplog COMMAND --help`'s options, short and long ("-h" left out: completion offers "--help").
QStringList helpOptions(const QString& command)
{
    const test::ProcessResult r = test::runShiplog({command, QStringLiteral("--help")});
    const QString options = QString::fromUtf8(r.out)
                                .section(QStringLiteral("Options:\n"), 1)
                                .section(QStringLiteral("\n\n"), 0, 0);
    QStringList names;
    static const QRegularExpression name(QStringLiteral("^  (?:(-[a-z]), )?(--[a-z-]+)"),
                                         QRegularExpression::MultilineOption);
    for (const auto& m : name.globalMatch(options)) {
        if (!m.captured(1).isEmpty() && m.captured(1) != QLatin1String("-h"))
            names << m.captured(1);
        names << m.captured(2);
    }
    names.sort();
    return names;
}

} // namespace

class TestShellCompletion : public QObject
{
    Q_OBJECT

private slots:
    void bashCompletesTheCommands()
    {
        const QStringList commands = helpCommands();
        QCOMPARE(commands.size(), 8);
        QCOMPARE(complete({QStringLiteral("shiplog"), QString()}), commands);
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("ti")}),
                 QStringList{QStringLiteral("timeline")});
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("--pal")}),
                 QStringList{QStringLiteral("--palette")});
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("--palette"), QString()}),
                 (QStringList{QStringLiteral("dark"), QStringLiteral("light")}));
    }

    void bashCompletesExactlyTheOptionsOfHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString& command : helpCommands())
            QTest::newRow(qPrintable(command)) << command;
    }

    void bashCompletesExactlyTheOptionsOfHelp()
    {
        QFETCH(QString, command);
        const QStringList options = helpOptions(command);
        QVERIFY(options.contains(QStringLiteral("--repo")));
        QCOMPARE(complete({QStringLiteral("shiplog"), command, QStringLiteral("-")}), options);
    }

    void zshNamesTheOptionsOfHelp_data() { bashCompletesExactlyTheOptionsOfHelp_data(); }

    // Each command's _arguments block in _shiplog (from "        log)" to its ";;").
    void zshNamesTheOptionsOfHelp()
    {
        QFETCH(QString, command);
        QFile file(zshCompletion);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const qsizetype start = text.indexOf(QStringLiteral("\n        %1)\n").arg(command));
        QVERIFY2(start >= 0, qPrintable(command));
        QString block = text.mid(start, text.indexOf(QStringLiteral(";;"), start) - start);
        if (block.contains(QStringLiteral("$repo")))
            block += QStringLiteral(" --repo[");
        if (block.contains(QStringLiteral("$help")))
            block += QStringLiteral(" --help[");
        QStringList named;
        static const QRegularExpression option(QStringLiteral("(--?[a-z][a-z-]*)(?:\\[|\\}|,)"));
        for (const auto& m : option.globalMatch(block))
            if (!named.contains(m.captured(1)))
                named << m.captured(1);
        named.sort();
        QCOMPARE(named, helpOptions(command));
    }

    // Revisions come from the --repo repository's branches, tags and remote branches.
    void bashCompletesRefs()
    {
        test::ScratchRepo repo;
        repo.write(QStringLiteral("a.yaml"), "a: 1\n");
        repo.commit(QStringLiteral("Initial"));
        repo.git({QStringLiteral("branch"), QStringLiteral("feature/payments")});
        repo.git({QStringLiteral("tag"), QStringLiteral("v1.2")});
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("log"), QStringLiteral("--repo"),
                           repo.path(), QStringLiteral("--rev"), QStringLiteral("fea")}),
                 QStringList{QStringLiteral("feature/payments")});
        QCOMPARE(
            complete({QStringLiteral("shiplog"), QStringLiteral("drift"),
                      QStringLiteral("--repo=") + repo.path(), QStringLiteral("--rev"), QStringLiteral("v")}),
            QStringList{QStringLiteral("v1.2")});
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("changes"), QStringLiteral("--repo"),
                           repo.path(), QStringLiteral("v1.2..fe")}),
                 QStringList{QStringLiteral("v1.2..feature/payments")});
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("revert"), QStringLiteral("--repo"),
                           repo.path(), QString()}),
                 (QStringList{QStringLiteral("HEAD"), QStringLiteral("feature/payments"),
                              QStringLiteral("main"), QStringLiteral("v1.2")}));
    }

    // --context: the contexts kubectl reads from --kubeconfig, else KUBECONFIG.
    void bashCompletesContexts()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty(),
                 "kubectl is not installed");
        QTemporaryDir dir;
        const QString kubeconfig = dir.filePath(QStringLiteral("config"));
        for (const char* context : {"staging-eu", "prod-eu", "prod-us"})
            QCOMPARE(test::run(QStringLiteral("kubectl"),
                               {QStringLiteral("config"), QStringLiteral("set-context"),
                                QString::fromLatin1(context), QStringLiteral("--cluster=c"),
                                QStringLiteral("--kubeconfig=") + kubeconfig})
                         .exitCode,
                     0);
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("drift"), QStringLiteral("--kubeconfig"),
                           kubeconfig, QStringLiteral("--context"), QStringLiteral("prod")}),
                 (QStringList{QStringLiteral("prod-eu"), QStringLiteral("prod-us")}));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KUBECONFIG"), kubeconfig);
        QCOMPARE(complete({QStringLiteral("shiplog"), QStringLiteral("drift"), QStringLiteral("--context"),
                           QStringLiteral("st")},
                          env),
                 QStringList{QStringLiteral("staging-eu")});
    }
};

QTEST_GUILESS_MAIN(TestShellCompletion)
#include "tst_shell_completion.moc"
