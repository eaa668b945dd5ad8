#pragma once

// Small helpers for writing the demo's YAML by hand: the content is generated data with a fixed
// shape, so templates are clearer (and more deterministic) than building documents with yaml-cpp.
#include "core/demo/demo_state.h"

#include <QByteArray>
#include <QString>
#include <initializer_list>
#include <utility>

namespace shiplog::core::demo {

// Replaces every ${key} in `text`; a key left unreplaced is a bug in the template (the test suite
// checks that no "${" survives in any generated file).
QString fill(const char* text, std::initializer_list<std::pair<const char*, QString>> values);

// A YAML double-quoted scalar ("true", "8080" and "1.10" stay strings).
QString quoted(const QString& value);

// A plain scalar where that reads back as the same string, else a quoted one.
QString scalar(const QString& value);

// `key: value` lines indented by `indent` spaces, each ending in a newline.
QString mapLines(const KeyValues& entries, int indent);

// A block scalar body: every line of `text` indented by `indent` spaces.
QString indented(const QString& text, int indent);

// The labels Helm charts in this repository put on everything (app.kubernetes.io/*, helm.sh/chart
// and Jenkins X's gitops.jenkins-x.io/pipeline), as lines indented by `indent`.
QString standardLabels(const QString& name, const QString& component, const QString& chart,
                       const QString& version, int indent,
                       const QString& partOf = QStringLiteral("acme-payments"));

} // namespace shiplog::core::demo
