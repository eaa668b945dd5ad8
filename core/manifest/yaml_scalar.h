#pragma once

#include <QJsonValue>
#include <string>

namespace shiplog::core::manifest {

// The value of a YAML scalar as `kubectl apply` reads it (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1):
// plain `yes`/`no`/`on`/`off`/`y`/`n`/`true`/`false` are booleans, `~`/`null`/empty are null,
// `0755` is octal, `0x1F` hex, `0b101` binary, `1_000` an int, `1.5e3` a float; quoted and block
// scalars are strings, and so is anything tagged `!!str`. Timestamps stay strings (go-yaml v2 keeps
// them as strings when decoding into interface{}); `.inf`/`.nan`, which JSON cannot hold, too.
//
// `tag` is yaml-cpp's: "?" for a plain scalar, "!" for a quoted or block one, else an explicit tag.
QJsonValue resolveScalar(const std::string& tag, const std::string& value);

// True when a string would be read back as something other than that string if written plain;
// the YAML writer quotes those.
bool needsQuotes(const QString& text);

} // namespace shiplog::core::manifest
