#pragma once

// A key defined again in a later file (or later in the same file) than its first definition in
// path order: the later definition is ignored, as only one can be applied. Kept as values, not as
// messages, so that the history index can store many of them compactly — argo-cd's install bundles
// define each resource about ten times, and every commit that rewrites them repeats ~190 — and a
// timeline can pick out the ones about its own resource.
#include "core/manifest/resource.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace shiplog::core::diff {

struct DuplicateDefinition
{
    manifest::ResourceKey key;
    QString path; // the ignored definition
    int line = 0;
    QString firstPath; // the definition that counts
    int firstLine = 0;

    bool operator==(const DuplicateDefinition&) const = default;
};

// The error a user reads: "apps/Deployment jx/web is already defined in a.yaml (line 3); …",
// at the ignored definition's path and line.
manifest::ParseError toParseError(const DuplicateDefinition& duplicate);

// Each string once, then eight small integers per definition (argo-cd: ~3 KB a commit instead of
// ~35 KB of messages). Empty for none.
QByteArray encodeDuplicates(const QList<DuplicateDefinition>& duplicates);
// nullopt when `bytes` is not what encodeDuplicates wrote.
std::optional<QList<DuplicateDefinition>> decodeDuplicates(const QByteArray& bytes);

} // namespace shiplog::core::diff
