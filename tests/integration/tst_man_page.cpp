// The man page (shiplog.1, written at build time from the help table) says what `shiplog --help`
// and `shiplog COMMAND --help` say: every command, every option, the exit status and the JSON
// output; and man renders it without a warning.
#include "tests/support/scratch_repo.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace shiplog;

namespace {

// The commands `shiplog --help` lists ("  shiplog log [--repo PATH] …" under "Commands").
QStringList helpCommands()
{
    const test::ProcessResult r = test::runShiplog({QStringLiteral("--help")});
    const QString text = QString::fromUtf8(r.out);
    const QString list = text.section(QStringLiteral("Commands"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QStringList commands;
    static const QRegularExpression line(QStringLiteral("^  shiplog ([a-z-]+)"),
                                         QRegularExpression::MultilineOption);
    for (const auto& m : line.globalMatch(list))
        commands << m.captured(1);
    return commands;
}

// The options `shiplog COMMAND --help` lists ("  -n, --max-count <N>  At most N commits.").
QSet<QString> helpOptions(const QString& command)
{
    const test::ProcessResult r = test::runShiplog({command, QStringLiteral("--help")});
    const QString options = QString::fromUtf8(r.out)
                                .section(QStringLiteral("Options:\n"), 1)
                                .section(QStringLiteral("\n\n"), 0, 0);
    QSet<QString> names;
    static const QRegularExpression name(QStringLiteral("^  (?:(-[a-z]), )?(--[a-z-]+)"),
                                         QRegularExpression::MultilineOption);
    for (const auto& m : name.globalMatch(options)) {
        if (!m.captured(1).isEmpty())
            names << m.captured(1);
        names << m.captured(2);
    }
    return names;
}

} // namespace

class TestManPage : public QObject
{
    Q_OBJECT

    QString m_rendered; // the page as man shows it, 200 columns wide

    // The rendered text of one command's section ("   log" … up to the next command).
    QString commandSection(const QString& command) const
    {
        static const QRegularExpression heading(QStringLiteral("^   ([a-z-]+)$"),
                                                QRegularExpression::MultilineOption);
        QString section;
        for (auto it = heading.globalMatch(m_rendered); it.hasNext();) {
            const auto m = it.next();
            if (m.captured(1) != command)
                continue;
            const auto next = heading.match(m_rendered, m.capturedEnd());
            const qsizetype end =
                next.hasMatch() ? next.capturedStart() : m_rendered.indexOf(QStringLiteral("\nEXIT STATUS"));
            section = m_rendered.mid(m.capturedStart(), end - m.capturedStart());
        }
        return section;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(SHIPLOG_MAN_PAGE)), SHIPLOG_MAN_PAGE " was not generated");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("man")).isEmpty(),
                 "man (man-db) is not installed: run packaging/bootstrap.sh");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("200"));
        env.insert(QStringLiteral("MAN_KEEP_FORMATTING"), QString());
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        const test::ProcessResult r = test::run(
            QStringLiteral("man"),
            {QStringLiteral("--warnings"), QStringLiteral("-l"), QStringLiteral(SHIPLOG_MAN_PAGE)}, {}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // groff's warnings: bad requests, escapes, fonts
        m_rendered = QString::fromUtf8(r.out);
        QVERIFY(m_rendered.simplified().contains(QStringLiteral("shiplog - history, per-resource diffs")));
    }

    void listsEveryCommandOfHelp()
    {
        const QStringList commands = helpCommands();
        QCOMPARE(commands, (QStringList{"changes", "compare-envs", "demo-cluster", "drift", "envs", "log",
                                        "revert", "timeline"}));
        for (const QString& command : commands) {
            QVERIFY2(m_rendered.contains(QStringLiteral("shiplog ") + command + QStringLiteral(" [OPTIONS]")),
                     qPrintable(command));
            QVERIFY2(!commandSection(command).isEmpty(),
                     qPrintable(QStringLiteral("no section for ") + command));
        }
    }

    void documentsEveryOptionOfEveryCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString& command : helpCommands())
            QTest::newRow(qPrintable(command)) << command;
    }

    void documentsEveryOptionOfEveryCommand()
    {
        QFETCH(QString, command);
        const QSet<QString> options = helpOptions(command);
        QVERIFY2(options.contains(QStringLiteral("--help")) && options.size() >= 3,
                 qPrintable(options.values().join(u' ')));
        const QString section = commandSection(command);
        for (const QString& option : options) {
            static const QRegularExpression term(QStringLiteral("^       (?:-[a-z], )?(--?[a-z-]+)"),
                                                 QRegularExpression::MultilineOption);
            bool found = false;
            for (const auto& m : term.globalMatch(section))
                found = found || m.captured(1) == option ||
                        section.contains(QStringLiteral("       ") + option + QStringLiteral(", "));
            QVERIFY2(found,
                     qPrintable(
                         QStringLiteral("%1: %2 is in --help but not in the man page").arg(command, option)));
        }
        // The same words as --help: its description's first line, its exit status and output.
        const QString help = QString::fromUtf8(test::runShiplog({command, QStringLiteral("--help")}).out);
        const QString firstLine = help.section(QStringLiteral("\n\n"), 1, 1).section(u'\n', 0, 0);
        QVERIFY2(section.simplified().contains(firstLine.simplified()), qPrintable(firstLine));
        const QString exitStatus = help.section(QStringLiteral("Exit status: "), 1).simplified();
        QVERIFY2(!exitStatus.isEmpty() &&
                     section.simplified().contains(QStringLiteral("Exit status: ") + exitStatus),
                 qPrintable(exitStatus));
        QVERIFY(section.contains(QStringLiteral("Output:")));
    }

    void documentsFilesEnvironmentAndJson()
    {
        for (const char* words :
             {"EXIT STATUS", "ENVIRONMENT", "FILES", ".shiplog.yaml", "~/.config/Shiplog/shiplog.conf",
              "~/.cache/Shiplog/shiplog/parsed", "KUBECONFIG", "GITHUB_TOKEN", "\"commitsScanned\"",
              "\"summary\": {\"inSync\"", "\"pullRequest\": {\"url\", \"number\"}"})
            QVERIFY2(m_rendered.contains(QString::fromUtf8(words)), words);
    }
};

QTEST_GUILESS_MAIN(TestManPage)
#include "tst_man_page.moc"
