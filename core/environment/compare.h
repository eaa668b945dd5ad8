#pragma once

// Environment A vs environment B at one revision: what a reviewer asks first ("what differs between
// staging and production?"). Resources are matched by group/kind/name, with A's namespaces mapped
// to B's (jx-staging ↔ jx-production, a unit's targetNamespace ↔ the same unit's on the other side);
// each is only-a, only-b, same or differs, with the field diff (core/diff) and, per differing
// field, the commit that last set it on each side.
#include "core/common/error.h"
#include "core/environment/environment.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPromise>
#include <QString>
#include <QStringList>
#include <functional>

namespace shiplog::core::environment {

enum class CompareStatus
{
    OnlyA,
    OnlyB,
    Same,
    Differs
};
QString compareStatusName(CompareStatus status); // "only-a", "only-b", "same", "differs"

struct FieldDifference
{
    QString path; // "spec.values.replicaCount"
    QJsonValue a; // Null where absent on that side (Secret values arrive masked)
    QJsonValue b;
    QString commitA; // the commit that last set it in A ("" unknown or not looked up)
    QString commitB;
    QString subjectA; // those commits' subjects, for the UI
    QString subjectB;
    // Jenkins X: when commitA is the promotion that a bot's `chore: regenerated` commit rendered into
    // A's files, that regeneration (ValueBlame's appliedBy; "" otherwise). Likewise for B.
    QString appliedByA;
    QString appliedByB;
    QString appliedBySubjectA;
    QString appliedBySubjectB;
    // A's value with A's namespace names replaced by B's is B's value ("payments.jx-staging.svc" vs
    // "payments.jx-production.svc"): expected of two environments, shown apart by the UI.
    bool namespaceOnly = false;
};

struct ResourceComparison
{
    QString group;
    QString kind;
    QString name;
    QString namespaceA; // "" cluster-scoped, or absent on that side
    QString namespaceB;
    CompareStatus status = CompareStatus::Same;
    QList<FieldDifference> fields; // differs only
    QStringList sourcesA;          // provenance on each side (repository files)
    QStringList sourcesB;
    QByteArray textA; // the rendered documents, for a text diff
    QByteArray textB;
};

// A Jenkins X helmfile release (or a Flux HelmRelease's chart version) on each side.
struct ReleaseComparison
{
    QString name;
    QString a; // version in A ("" not there)
    QString b;
};

struct EnvironmentComparison
{
    QString revision; // commit id
    QString a;
    QString b;
    QList<ResourceComparison> resources; // ordered by group, kind, name
    QList<ReleaseComparison> releases;
    QList<EnvironmentError> errorsA; // detection and render errors of each side
    QList<EnvironmentError> errorsB;
    int count(CompareStatus status) const;
};

struct CompareOptions
{
    bool blame = true;               // look up the commit that last set each differing field
    int blameDepth = 300;            // at most this many commits of each source file's history
    bool followRegenerations = true; // name the promotion behind a Jenkins X regeneration (ValueBlame)
    std::function<bool()> cancelled; // asked between resources; true stops with an error
};

// The comparison of two rendered environments (no git: the match and the field diff only).
EnvironmentComparison compareRendered(const RenderedEnvironment& a, const RenderedEnvironment& b);

// Detects and renders both environments at `revision` (empty = HEAD), compares them, adds the
// releases and (options.blame) the commits. An unknown environment name is an error listing the
// known ones; a render error of one side is carried in errorsA/errorsB, never taken for "only-b".
Result<EnvironmentComparison> compareEnvironments(const QString& repositoryPath, const QString& revision,
                                                  const QString& a, const QString& b,
                                                  const CompareOptions& options = {});

// The job form (jobs::Job<Result<EnvironmentComparison>>::start): stops when the promise is canceled.
void compareEnvironmentsJob(QPromise<Result<EnvironmentComparison>>& promise, const QString& repositoryPath,
                            const QString& revision, const QString& a, const QString& b);

// The JSON of `shiplog compare-envs --json` (README, issue 10 §5).
QJsonObject comparisonToJson(const EnvironmentComparison& comparison);

} // namespace shiplog::core::environment
