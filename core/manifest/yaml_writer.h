#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace shiplog::core::manifest {

// Block-style YAML for a JSON object (keys in order, strings that would read back as something else
// quoted), through yaml-cpp's emitter. Used where no original text may be shown: List items and
// masked Secrets.
QByteArray toYaml(const QJsonObject& object);

} // namespace shiplog::core::manifest
