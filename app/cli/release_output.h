#pragma once

// Jenkins X release changes (a promotion commit's `helmfiles/<ns>/helmfile.yaml` edits) as
// `shiplog changes` prints them: text lines and the `releases` array of --json.
#include "core/environment/releases.h"

#include <QJsonArray>

namespace shiplog::app {

// "Releases:" then "  nodedemo 1.0.58 → 1.0.59 in jx-staging  (helmfiles/jx-staging/helmfile.yaml)".
void printReleaseChanges(const QList<core::environment::ReleaseChange>& changes);

// [{"environment","name","chart","old","new"}] (null for a side without the release).
QJsonArray releaseChangesJson(const QList<core::environment::ReleaseChange>& changes);

} // namespace shiplog::app
