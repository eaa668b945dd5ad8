#pragma once

// The JSON forms of change sets and timelines (the CLI's --json contract; also for copy/export).
#include "core/diff/change_set.h"
#include "core/diff/timeline.h"

#include <QJsonObject>

namespace shiplog::core::diff {

QJsonObject fieldChangeToJson(const FieldChange& field);         // {path, op, old, new}
QJsonObject resourceChangeToJson(const ResourceChange& change);  // {group, version, kind, namespace, name,
                                                                 // change, oldPath, newPath, fields}
QJsonObject parseErrorToJson(const manifest::ParseError& error); // {path, line, message}
QJsonObject changeSetToJson(const ChangeSet& set);               // {from, to, resources, errors}
QJsonObject
timelineToJson(const Timeline& timeline); // {resource, commitsScanned, steps: [{commit…, change…}]}

} // namespace shiplog::core::diff
