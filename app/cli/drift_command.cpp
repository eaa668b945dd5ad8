// `shiplog drift`: compares the resources of a revision with the live cluster of a kubeconfig
// context, like `kubectl diff` — exit 0 in sync, 1 drift, 2 error.
#include "app/cli/command_line.h"
#include "app/cli/output.h"
#include "core/drift/desired_state.h"
#include "core/drift/drift_json.h"
#include "core/drift/drift_session.h"
#include "core/environment/environment.h"
#include "core/kube/kubeconfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <tuple>

namespace shiplog::app {

namespace {

using namespace core::drift;

QString valueText(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("<unset>");
    if (v.isString())
        return printable(v.toString());
    if (v.isObject() || v.isArray()) {
        const QJsonDocument doc = v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray());
        QString text = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
        return printable(text.size() > 120 ? text.left(117) + QStringLiteral("...") : text);
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// How kubectl names a resource: "deployment.apps/web", "configmap/settings".
QString kubectlName(const ResourceDrift& r)
{
    return printable(r.kind.toLower() + (r.group.isEmpty() ? QString() : u'.' + r.group) + u'/' + r.name);
}

// kubectl's AGE style: 45s, 5m, 3h, 2d.
QString age(const QDateTime& time, const QDateTime& now)
{
    const qint64 seconds = std::max<qint64>(0, time.secsTo(now));
    if (seconds < 120)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 2 * 3600)
        return QStringLiteral("%1m").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return QStringLiteral("%1h").arg(seconds / 3600);
    return QStringLiteral("%1d").arg(seconds / 86400);
}

// "kubectl scale, 5m ago" / "kubectl-patch, 2h ago": who wrote the live value, from managedFields.
QString writer(const FieldDrift& f, const QDateTime& now)
{
    if (f.manager.isEmpty())
        return {};
    // kubectl scale sends no field manager: the server records "kubectl" with subresource "scale".
    QString who = f.manager == u"kubectl" && !f.subresource.isEmpty()
                      ? QStringLiteral("kubectl ") + f.subresource
                      : f.manager;
    if (f.time.isValid())
        who += QStringLiteral(", %1 ago").arg(age(f.time, now));
    return who;
}

QString statusText(DriftStatus status)
{
    switch (status) {
    case DriftStatus::Drifted:
        return QStringLiteral("drifted");
    case DriftStatus::Missing:
        return QStringLiteral("missing in cluster");
    case DriftStatus::Extra:
        return QStringLiteral("extra in cluster");
    case DriftStatus::Unreadable:
        return QStringLiteral("not readable");
    case DriftStatus::InSync:
        break;
    }
    return QStringLiteral("in sync");
}

// Like kubectl's own output: one block per resource that is not in sync, grouped by namespace,
// each drifted field as "path: desired -> live (who, when)"; in-sync resources are only counted.
void printHuman(const DriftReport& report)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const DriftSummary& s = report.summary;
    const int total = s.inSync + s.drifted + s.missing + s.extra + s.unreadable;
    out() << "Context " << printable(report.context) << " (" << printable(report.server) << "), revision "
          << report.revision.left(12) << "\n";
    if (report.insecure)
        out() << "WARNING: insecure-skip-tls-verify: the server's certificate is not verified\n";
    if (s.clean()) {
        out() << "All " << total << " resources in sync.\n";
    } else {
        out() << total << " resources: " << s.inSync << " in sync, " << s.drifted << " drifted, " << s.missing
              << " missing in cluster, " << s.extra << " extra in cluster, " << s.unreadable
              << " not readable\n";
    }
    QList<const ResourceDrift*> shown;
    for (const ResourceDrift& r : report.resources)
        if (r.status != DriftStatus::InSync)
            shown.append(&r);
    std::stable_sort(shown.begin(), shown.end(), [](const ResourceDrift* a, const ResourceDrift* b) {
        return std::tie(a->namespaceName, a->kind, a->name) < std::tie(b->namespaceName, b->kind, b->name);
    });
    QString currentNamespace = QStringLiteral("\x01");
    for (const ResourceDrift* r : shown) {
        if (r->namespaceName != currentNamespace) {
            currentNamespace = r->namespaceName;
            out() << "\n"
                  << (currentNamespace.isEmpty()
                          ? QStringLiteral("Cluster-scoped:")
                          : QStringLiteral("Namespace %1:").arg(printable(currentNamespace)))
                  << "\n";
        }
        out() << "  " << kubectlName(*r) << "  " << statusText(r->status) << "\n";
        if (r->status != DriftStatus::Drifted && !r->reason.isEmpty())
            out() << "      " << printable(r->reason) << "\n";
        for (const FieldDrift& f : r->fields) {
            out() << "      " << printable(f.path) << ": " << valueText(f.desired) << " -> "
                  << valueText(f.live);
            const QString who = writer(f, now);
            if (!who.isEmpty())
                out() << "  (" << printable(who) << ")";
            out() << "\n";
        }
    }
    for (const QString& warning : report.warnings)
        err() << "shiplog: warning: " << printable(warning) << "\n";
}

int runDrift(const QStringList& arguments)
{
    QCommandLineParser parser;
    if (const auto done = parseCommandArguments(parser, arguments, "drift"))
        return *done;
    const QString repo = QStringLiteral("repo"), rev = QStringLiteral("rev"),
                  kubeconfig = QStringLiteral("kubeconfig"), context = QStringLiteral("context"),
                  serverSide = QStringLiteral("server-side"), json = QStringLiteral("json");
    if (!parser.positionalArguments().isEmpty())
        return reportError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().front()));

    if (parser.isSet(rev) && parser.value(rev).isEmpty())
        return reportError(
            QStringLiteral("--rev is empty: name a revision (HEAD, a branch, a tag, a commit id)"));
    auto config = core::kube::loadKubeconfig(parser.value(kubeconfig));
    if (!config)
        return reportError(config.error());
    QString contextName = parser.value(context);
    if (contextName.isEmpty() && !parser.value(QStringLiteral("env")).isEmpty()) {
        // An environment bound to a context (.shiplog.yaml `context:`) is compared with that context.
        auto detected = core::environment::detectEnvironments(
            parser.isSet(repo) ? parser.value(repo) : QDir::currentPath(), parser.value(rev));
        if (detected)
            if (const auto* env = detected->find(parser.value(QStringLiteral("env"))))
                contextName = env->context;
    }
    auto connection = core::kube::resolveContext(*config, contextName);
    if (!connection)
        return reportError(connection.error());
    const QString env = QStringLiteral("env");
    if (parser.isSet(env) && parser.value(env).trimmed().isEmpty())
        return reportError(QStringLiteral("--env is empty: name an environment (see shiplog envs)"));
    auto desired = loadDesiredState(parser.isSet(repo) ? parser.value(repo) : QDir::currentPath(),
                                    parser.value(rev), {}, parser.value(env));
    if (!desired)
        return reportError(desired.error());
    DriftOptions options;
    options.serverSideDryRun = parser.isSet(serverSide);
    auto report = computeDriftOnce(*connection, *desired, options);
    if (!report)
        return reportError(report.error());
    if (connection->cluster.insecureSkipTlsVerify)
        err() << "shiplog: warning: the context " << connection->contextName
              << " uses insecure-skip-tls-verify; the server's certificate is not verified\n";
    if (parser.isSet(json)) {
        printJsonLine(reportToJson(*report));
        for (const QString& warning : report->warnings) // JSON carries them too; stderr tells a person
            err() << "shiplog: warning: " << printable(warning) << "\n";
    } else {
        printHuman(*report);
    }
    return report->summary.clean() ? ExitOk : ExitDifferences;
}

const bool registered = registerCommand({"drift", &runDrift});

} // namespace

} // namespace shiplog::app
