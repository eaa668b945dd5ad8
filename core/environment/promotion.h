#pragma once

// The promotion board: per application, the version each environment runs, side by side, with the
// commit that brought it there. Applications are Jenkins X helmfile releases, Flux HelmReleases
// (chart version), Argo CD Applications (targetRevision) and container images (tag), read from
// each environment's rendered resources.
#include "core/common/error.h"
#include "core/environment/environment.h"

#include <QList>
#include <QPromise>
#include <QString>
#include <QStringList>
#include <functional>

namespace shiplog::core::environment {

struct PromotionCell
{
    QString version;       // "" = the application is not in this environment
    QString commit;        // the commit that brought this version here ("" not found within the bound)
    QString commitSubject; // its subject line
    QString file;          // where the version is written (helmfile, manifest, values file)
    // When `commit` is a promotion that a bot's regeneration rendered into `file` (ValueBlame): the
    // regeneration ("" otherwise).
    QString appliedBy;
    QString appliedBySubject;
};

struct PromotionRow
{
    enum class Kind
    {
        Release,     // Jenkins X helmfile release
        HelmRelease, // Flux HelmRelease chart version
        Application, // Argo CD Application targetRevision
        Image        // container image tag
    };
    Kind kind = Kind::Release;
    QString application;        // "nodedemo", "podinfo", "ghcr.io/stefanprodan/podinfo"
    QList<PromotionCell> cells; // one per PromotionBoard::environments, in that order
    bool differs() const;       // not the same version everywhere it runs
};
QString promotionKindName(PromotionRow::Kind kind); // "release", "helmrelease", "application", "image"

struct PromotionBoard
{
    QString revision;
    QStringList environments; // the columns
    QList<PromotionRow> rows; // rows present in more environments first, then by kind and name
    QList<EnvironmentError> errors;
    // Environments with a unit that did not render: their versions are unknown, not absent.
    QStringList unrendered;
};

struct PromotionOptions
{
    QStringList environments; // only these (empty: every environment detected)
    bool blame = true;        // look up the commit of each cell
    int blameDepth = 300;
    std::function<bool()> cancelled;
};

// Detects the environments at `revision` (empty = HEAD), renders them and builds the board. An
// environment that does not render is an error of the board, its column left empty.
Result<PromotionBoard> buildPromotionBoard(const QString& repositoryPath, const QString& revision,
                                           const PromotionOptions& options = {});

// The job form (jobs::Job<Result<PromotionBoard>>::start): stops when the promise is canceled.
void buildPromotionBoardJob(QPromise<Result<PromotionBoard>>& promise, const QString& repositoryPath,
                            const QString& revision);

} // namespace shiplog::core::environment
