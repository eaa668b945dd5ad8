#include "app/cli/resource_output.h"

#include "app/cli/output.h"
#include "core/git/git_error.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace shiplog::app {

namespace {

using core::diff::ChangeKind;

QString json(const QJsonValue& v)
{
    if (v.isUndefined())
        return QStringLiteral("null");
    QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (text.size() > 120)
        text = text.left(117) + QStringLiteral("...");
    return printable(text); // JSON escapes controls, but not bidirectional overrides
}

QString marker(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("+");
    case ChangeKind::Removed:
        return QStringLiteral("-");
    case ChangeKind::Moved:
        return QStringLiteral(">");
    case ChangeKind::Modified:
        break;
    }
    return QStringLiteral("~");
}

QString where(const core::diff::ResourceChange& r)
{
    if (r.change == ChangeKind::Moved)
        return printable(r.oldPath) + QStringLiteral(" -> ") + printable(r.newPath);
    return printable(r.newPath.isEmpty() ? r.oldPath : r.newPath);
}

void printFields(const core::diff::ResourceChange& r, const QString& indent)
{
    for (const core::diff::FieldChange& f : r.fields) {
        switch (f.op) {
        case core::diff::FieldChange::Op::Added:
            out() << indent << printable(f.path) << ": added " << json(f.newValue) << '\n';
            break;
        case core::diff::FieldChange::Op::Removed:
            out() << indent << printable(f.path) << ": removed (was " << json(f.oldValue) << ")\n";
            break;
        case core::diff::FieldChange::Op::Changed:
            out() << indent << printable(f.path) << ": " << json(f.oldValue) << " -> " << json(f.newValue)
                  << '\n';
            break;
        }
    }
}

} // namespace

void printChangeSet(const core::diff::ChangeSet& set)
{
    const core::diff::ChangeSummary s = set.summary();
    out() << (set.from.isEmpty() ? QStringLiteral("(empty tree)") : core::git::shortId(set.from)) << ".."
          << core::git::shortId(set.to) << ": " << s.added << " added, " << s.modified << " modified, "
          << s.removed << " removed, " << s.moved << " moved";
    if (s.errors)
        out() << ", " << s.errors << (s.errors == 1 ? " error" : " errors");
    out() << '\n';
    QString environment; // change sets by environment come grouped: a heading per environment
    for (const core::diff::ResourceChange& r : set.resources) {
        if (!r.environment.isEmpty() && r.environment != environment) {
            environment = r.environment;
            out() << "environment " << printable(environment) << ":\n";
        }
        out() << marker(r.change) << ' ' << printable(r.key.displayName()) << "  (" << where(r) << ")\n";
        printFields(r, QStringLiteral("    "));
    }
    for (const core::manifest::ParseError& e : set.errors)
        out() << "error: " << printable(e.path)
              << (e.line > 0 ? QStringLiteral(":%1").arg(e.line) : QString()) << ": " << printable(e.message)
              << '\n';
}

void printTimeline(const core::diff::Timeline& timeline)
{
    out() << printable(timeline.key.displayName()) << ": " << timeline.steps.size() << " change(s) in "
          << timeline.commitsScanned << " commits\n";
    for (const core::diff::TimelineStep& step : timeline.steps) {
        const auto& a = step.commit.author;
        const QString date = QDateTime::fromSecsSinceEpoch(a.time, Qt::OffsetFromUTC, a.offsetMinutes * 60)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        out() << core::git::shortId(step.commit.id) << ' ' << date << ' ' << printable(a.name) << "  "
              << core::diff::changeKindName(step.change.change) << "  " << printable(step.commit.subject)
              << '\n';
        out() << "    " << where(step.change) << '\n';
        printFields(step.change, QStringLiteral("    "));
    }
}

} // namespace shiplog::app
