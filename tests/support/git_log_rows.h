#pragma once

// Compares history with `git log`: both sides as one line of text per commit, so that a mismatch
// shows both lines in the test's failure message.
#include "core/git/commit_info.h"
#include "tests/support/scratch_repo.h"

#include <QStringList>

namespace shiplog::test {

// `git log` fields for every commit: ids, parents, author and committer (name, e-mail, strict ISO
// time with offset), subject and body (trailing blanks dropped, as CommitInfo::body).
inline QStringList gitLogRows(const QString& repository, const QStringList& extra = {})
{
    QStringList args{
        QStringLiteral("log"), QStringLiteral("-z"),
        QStringLiteral("--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%s%x1f%b")};
    args += extra;
    const ProcessResult r = run(QStringLiteral("git"), args, repository, ScratchRepo::gitEnvironment());
    if (r.exitCode != 0)
        qWarning("git log failed: %s", r.err.constData());
    QStringList rows;
    const QList<QByteArray> records = r.out.split('\0');
    for (const QByteArray& record : records) {
        if (record.isEmpty())
            continue;
        QList<QByteArray> fields = record.split('\x1f');
        if (fields.size() == 10) {
            QByteArray& body = fields[9];
            while (!body.isEmpty() &&
                   (body.endsWith('\n') || body.endsWith(' ') || body.endsWith('\t') || body.endsWith('\r')))
                body.chop(1);
        }
        rows << QString::fromUtf8(fields.join('|'));
    }
    return rows;
}

inline QString rowOf(const core::git::CommitInfo& c, bool withParents = true)
{
    return QStringList{c.id,
                       withParents ? c.parents.join(QLatin1Char(' ')) : QString(),
                       c.author.name,
                       c.author.email,
                       c.author.isoTime(),
                       c.committer.name,
                       c.committer.email,
                       c.committer.isoTime(),
                       c.subject,
                       c.body}
        .join(QLatin1Char('|'));
}

inline QStringList rowsOf(const QList<core::git::CommitInfo>& commits)
{
    QStringList rows;
    rows.reserve(commits.size());
    for (const auto& c : commits)
        rows << rowOf(c);
    return rows;
}

// Compares two lists line by line; on the first difference says where and what.
inline QByteArray firstDifference(const QStringList& actual, const QStringList& expected)
{
    for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (actual[i] != expected[i])
            return QStringLiteral("row %1:\n  shiplog: %2\n  git:     %3")
                .arg(i)
                .arg(actual[i], expected[i])
                .toUtf8();
    }
    if (actual.size() != expected.size())
        return QStringLiteral("shiplog has %1 commits, git log %2")
            .arg(actual.size())
            .arg(expected.size())
            .toUtf8();
    return {};
}

} // namespace shiplog::test
