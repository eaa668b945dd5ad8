#pragma once

// Jenkins X releases: `helmfiles/<ns>/helmfile.yaml` lists the charts (name, chart, version) that
// the environment namespace <ns> runs. A promotion commit edits one release's version there, which
// no Kubernetes resource shows until the regenerated commit: these are what the review names
// ("nodedemo 1.0.58 → 1.0.59 in jx-staging").
#include "core/common/error.h"

#include <QList>
#include <QPromise>
#include <QString>
#include <QStringList>

namespace shiplog::core::git {
class Repository;
}

namespace shiplog::core::environment {

struct Release
{
    QString environment; // the helmfile's `namespace:` (else its folder name): "jx-staging"
    QString name;        // "nodedemo"
    QString chart;       // "dev2/nodedemo"
    QString version;     // "1.0.59" ("" when the helmfile pins none)
    QString file;        // "helmfiles/jx-staging/helmfile.yaml"
    QStringList values;  // its values files, as repository paths ("helmfiles/jx-staging/jx-values.yaml")
    QByteArray entry;    // the release's whole entry, re-emitted: equal when nothing of it changed
};

// What a commit did to one release: a version change, or a release added or removed (that side's
// version empty).
struct ReleaseChange
{
    QString environment;
    QString name;
    QString chart;
    QString oldVersion;
    QString newVersion;
    QString file;
    // "nodedemo 1.0.58 → 1.0.59 in jx-staging", "godemo 0.0.25 added to jx-staging"
    QString describe() const;
};

// Every release of every `helmfiles/*/helmfile.yaml` in the tree of `revision` (a commit id or
// expression), in file then release order. A helmfile that does not parse is an error naming it.
Result<QList<Release>> readReleases(const git::Repository& repo, const QString& revision);

// The releases of one helmfile's text (`file` names it in messages and fills Release::file).
Result<QList<Release>> parseHelmfile(const QByteArray& text, const QString& file);

// The release changes from `from` to `to` (commit ids; `from` empty = the empty tree). Reads only
// the helmfiles that differ between the two trees.
Result<QList<ReleaseChange>> releaseChanges(const git::Repository& repo, const QString& from,
                                            const QString& to);

// `revision` against its parent number `parent` (1 = first parent), or "A..B" — as
// `diff::computeChangeSetOfRevision` reads its arguments.
Result<QList<ReleaseChange>> releaseChangesOfRevision(const git::Repository& repo, const QString& revision,
                                                      int parent = 1);

// The job form (jobs::Job<Result<QList<ReleaseChange>>>::start): opens its own repository.
void loadReleaseChanges(QPromise<Result<QList<ReleaseChange>>>& promise, const QString& repositoryPath,
                        const QString& revision, int parent);

} // namespace shiplog::core::environment
