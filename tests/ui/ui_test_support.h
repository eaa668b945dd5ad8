#pragma once

// Shared by the UI tests: isolated settings and quickly made histories.
#include "tests/support/scratch_repo.h"
#include "ui/history/history_model.h"
#include "ui/mainwindow/repository_view.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace shiplog::test {

// Points QSettings at a temporary folder so that tests never read or write the user's settings.
inline void isolateSettings(const QTemporaryDir& dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Shiplog"));
    QCoreApplication::setApplicationName(QStringLiteral("shiplog-tests"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

// The machine's git configuration must not leak into libgit2 or git (signature, credential
// helpers): libgit2 finds the global and XDG files through HOME when it initialises, which is after
// this (call it from initTestCase, before the first repository is opened).
inline void isolateGitConfiguration(const QTemporaryDir& home)
{
    qputenv("GIT_CONFIG_GLOBAL", home.filePath(QStringLiteral("none")).toUtf8());
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("xdg")).toUtf8());
}

// `count` commits on main through `git fast-import` (fast enough for thousands): authors rotate
// through Ada, Grace, Linus and a bot whose commits say "chore: regenerated"; one commit a day;
// files under apps/<n % 3>/.
inline void importHistory(const ScratchRepo& repo, int count)
{
    static const char* authors[] = {"Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>",
                                    "Linus Torvalds <linus@example.com>",
                                    "jenkins-x-bot <jenkins-x@googlegroups.com>"};
    QByteArray stream;
    const qint64 start = 1700000000;
    for (int i = 0; i < count; ++i) {
        const QByteArray author = authors[i % 4];
        const QByteArray message = i % 4 == 3 ? QByteArray("chore: regenerated\n")
                                              : QByteArray("change ") + QByteArray::number(i) + " of apps/" +
                                                    QByteArray::number(i % 3) + "\n\nBody line for commit " +
                                                    QByteArray::number(i) + ".\n";
        const QByteArray when = QByteArray::number(start + i * 86400) + " +0200";
        const QByteArray content = "value: " + QByteArray::number(i) + "\n";
        stream += "commit refs/heads/main\n";
        stream += "author " + author + " " + when + "\n";
        stream += "committer " + author + " " + when + "\n";
        stream += "data " + QByteArray::number(message.size()) + "\n" + message + "\n";
        stream += "M 100644 inline apps/" + QByteArray::number(i % 3) + "/file.yaml\n";
        stream += "data " + QByteArray::number(content.size()) + "\n" + content + "\n";
    }
    const ProcessResult r =
        run(QStringLiteral("git"), {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, repo.path(),
            ScratchRepo::gitEnvironment(), 120000, stream);
    if (r.exitCode != 0)
        qWarning("git fast-import failed: %s", r.err.constData());
    repo.git(
        {QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard"), QStringLiteral("main")});
}

inline QStringList gitLogIds(const ScratchRepo& repo, const QStringList& extra = {})
{
    const QByteArray out =
        repo.git(QStringList{QStringLiteral("log"), QStringLiteral("--format=%H")} + extra);
    return QString::fromLatin1(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The commit ids the history model lists, top to bottom (compare with gitLogIds).
inline QStringList modelIds(const ui::HistoryModel* model)
{
    QStringList result;
    for (int row = 0; row < model->rowCount(); ++row)
        result.append(model->commitAt(row).id);
    return result;
}

// The repository view finished its first history page and shows rows.
inline bool historyLoaded(ui::RepositoryView* view)
{
    return view && !view->historyModel()->isLoading() && view->historyModel()->rowCount() > 0;
}

} // namespace shiplog::test
