#pragma once

// The parts of render() (demo_state.h), one file per area of the repository.
#include "core/demo/demo_state.h"

namespace shiplog::core::demo {

// config-root/namespaces/<stage>/...: the team's services.
void renderStage(const Stage& stage, FileMap& files);

// config-root/namespaces/jx/... and config-root/customresourcedefinitions/...: Jenkins X itself.
void renderPlatform(const Platform& platform, FileMap& files);

// README.md, jx-requirements.yml, helmfile.yaml, helmfiles/<ns>/helmfile.yaml, cluster namespaces.
void renderRepositoryFiles(const DemoState& state, FileMap& files);

// Documents several areas share. `labels` are ready-made label lines indented by 4.
QString serviceAccountDocument(const QString& name, const QString& ns, const QString& labels);
QString roleDocument(const QString& name, const QString& ns, const QString& labels, const QString& rules);
QString roleBindingDocument(const QString& name, const QString& ns, const QString& labels,
                            const QString& serviceAccount);

} // namespace shiplog::core::demo
