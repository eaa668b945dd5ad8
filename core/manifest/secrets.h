#pragma once

#include <QJsonObject>

namespace shiplog::core::manifest {

// Secret values never leave the parser in plain text: `digestSecretValues` replaces each value of
// `data` (decoded from base64) and `stringData`, and the `kubectl.kubernetes.io/last-applied-
// configuration` annotation (it embeds the data), by "sha256:<hex>" of the value. Equal values get
// equal digests whichever of data/stringData holds them.
void digestSecretValues(QJsonObject& secret);

// For display and JSON output, replaces the digests of a compared pair of Secrets with masks the
// way Argo CD does: per key, each distinct value gets `++++++++`, the next distinct one four `+`
// more, counting the old side first — equal values show equal masks, a change shows a new mask.
// Either side may be null (added or removed Secret).
void maskSecretPair(QJsonObject* before, QJsonObject* after);

// The annotation that kubectl writes with the whole applied object inside.
inline constexpr char kLastAppliedAnnotation[] = "kubectl.kubernetes.io/last-applied-configuration";

} // namespace shiplog::core::manifest
