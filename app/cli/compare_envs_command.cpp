// shiplog compare-envs: environment A against environment B at one revision.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/environment/compare.h"
#include "core/git/git_error.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace shiplog::app {

namespace {

using core::environment::CompareStatus;

QString value(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("(absent)");
    QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (text.size() > 80)
        text = text.left(77) + QStringLiteral("...");
    return printable(text);
}

// "3c2b1a0 chore: promote ledger to version 0.10.0, applied by 9f8e7d6 chore: regenerated"
QString commitNote(const QString& id, const QString& subject, const QString& appliedBy,
                   const QString& appliedBySubject)
{
    if (id.isEmpty())
        return QStringLiteral("?");
    QString note = core::git::shortId(id) + u' ' + printable(subject.left(50));
    if (!appliedBy.isEmpty())
        note += QStringLiteral(", applied by ") + core::git::shortId(appliedBy) + u' ' +
                printable(appliedBySubject.left(50));
    return note;
}

QString identity(const core::environment::ResourceComparison& r)
{
    const QString kind = r.group.isEmpty() ? r.kind : r.group + u'/' + r.kind;
    QString where;
    if (r.status == CompareStatus::OnlyB)
        where = r.namespaceB;
    else if (r.status == CompareStatus::OnlyA || r.namespaceA == r.namespaceB)
        where = r.namespaceA;
    else
        where = r.namespaceA + QStringLiteral("→") + r.namespaceB;
    return printable(kind + u' ' + (where.isEmpty() ? r.name : where + u'/' + r.name));
}

QJsonArray errorsJson(const QString& environment, const QList<core::environment::EnvironmentError>& errors)
{
    QJsonArray array;
    for (const auto& e : errors)
        array.append(QJsonObject{{QStringLiteral("environment"), environment},
                                 {QStringLiteral("path"), e.path},
                                 {QStringLiteral("line"), e.line},
                                 {QStringLiteral("message"), e.message}});
    return array;
}

void printText(const core::environment::EnvironmentComparison& c)
{
    const QString a = printable(c.a);
    const QString b = printable(c.b);
    out() << a << " vs " << b << " at " << core::git::shortId(c.revision) << ": "
          << c.count(CompareStatus::Differs) << " differ, " << c.count(CompareStatus::OnlyA) << " only in "
          << a << ", " << c.count(CompareStatus::OnlyB) << " only in " << b << ", "
          << c.count(CompareStatus::Same) << " same\n";
    if (!c.releases.isEmpty()) {
        out() << "\nReleases (" << a << " | " << b << "):\n";
        for (const auto& r : c.releases)
            out() << (r.a == r.b ? "  " : "≠ ") << printable(r.name) << "  "
                  << (r.a.isEmpty() ? QStringLiteral("—") : printable(r.a)) << " | "
                  << (r.b.isEmpty() ? QStringLiteral("—") : printable(r.b)) << '\n';
    }
    bool first = true;
    for (const auto& r : c.resources) {
        if (r.status == CompareStatus::Same)
            continue;
        if (first)
            out() << '\n';
        first = false;
        switch (r.status) {
        case CompareStatus::OnlyA:
            out() << "< only in " << a << "  " << identity(r) << "  (" << printable(r.sourcesA.join(u", "))
                  << ")\n";
            break;
        case CompareStatus::OnlyB:
            out() << "> only in " << b << "  " << identity(r) << "  (" << printable(r.sourcesB.join(u", "))
                  << ")\n";
            break;
        default:
            out() << "~ " << identity(r) << '\n';
            for (const auto& f : r.fields)
                out() << "    " << printable(f.path) << ": " << value(f.a) << " | " << value(f.b) << "   ("
                      << a << ": " << commitNote(f.commitA, f.subjectA, f.appliedByA, f.appliedBySubjectA)
                      << "; " << b << ": "
                      << commitNote(f.commitB, f.subjectB, f.appliedByB, f.appliedBySubjectB) << ")"
                      << (f.namespaceOnly ? " [namespace name only]" : "") << '\n';
        }
    }
}

int runCompareEnvs(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "compare-envs"))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return reportError(QStringLiteral("name two environments to compare, A and B (see 'shiplog envs')"));
    const QString repoPath =
        parser.isSet(QStringLiteral("repo")) ? parser.value(QStringLiteral("repo")) : QStringLiteral(".");
    core::environment::CompareOptions options;
    options.blame = !parser.isSet(QStringLiteral("no-blame"));
    auto comparison = core::environment::compareEnvironments(repoPath, parser.value(QStringLiteral("rev")),
                                                             positional.at(0), positional.at(1), options);
    if (!comparison)
        return reportError(comparison.error());
    using Side = std::pair<QString, QList<core::environment::EnvironmentError>>;
    for (const Side& side :
         {Side{comparison->a, comparison->errorsA}, Side{comparison->b, comparison->errorsB}})
        for (const auto& e : side.second)
            err() << "shiplog: warning: " << printable(side.first) << ": " << printable(e.path)
                  << (e.line > 0 ? QStringLiteral(":%1").arg(e.line) : QString()) << ": "
                  << printable(e.message, true) << '\n';
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject json = core::environment::comparisonToJson(*comparison);
        QJsonArray errors = errorsJson(comparison->a, comparison->errorsA);
        for (const QJsonValue& e : errorsJson(comparison->b, comparison->errorsB))
            errors.append(e);
        json.insert(QStringLiteral("errors"), errors);
        printJsonLine(json);
    } else {
        printText(*comparison);
    }
    const bool differs = comparison->count(CompareStatus::Same) != comparison->resources.size() ||
                         std::any_of(comparison->releases.cbegin(), comparison->releases.cend(),
                                     [](const auto& r) { return r.a != r.b; });
    return differs ? ExitDifferences : ExitOk;
}

const bool registered = registerCommand({"compare-envs", &runCompareEnvs});

} // namespace

} // namespace shiplog::app
