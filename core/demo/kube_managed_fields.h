#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace shiplog::core::demo {

// Field sets in the FieldsV1 format of metadata.managedFields: nested objects keyed "f:<field>",
// "k:<merge key JSON>" for keyed list items, "." for the node itself; a leaf is {}.
// `subresource` "status" keeps status fields; otherwise status and identity fields are left out.
QJsonObject fieldSetOf(const QJsonObject& object, const QString& subresource = {});

// The fields `after` sets that `before` did not have or had with another value.
QJsonObject changedFieldSet(const QJsonObject& before, const QJsonObject& after,
                            const QString& subresource = {});

// The fields `before` had that `after` no longer has.
QJsonObject removedFieldSet(const QJsonObject& before, const QJsonObject& after);

QJsonObject uniteFieldSets(const QJsonObject& a, const QJsonObject& b);
QJsonObject subtractFieldSet(const QJsonObject& set, const QJsonObject& removal);
QJsonObject intersectFieldSets(const QJsonObject& a, const QJsonObject& b);

// Leaf paths of a set in the dotted form kube-apiserver uses in apply conflicts (".spec.replicas",
// ".spec.template.spec.containers[name=\"web\"].image").
QStringList fieldSetPaths(const QJsonObject& set);

// One write recorded in managedFields: the manager (e.g. kubectl-scale) gains `gained` (an Update
// adds it to what the manager had; an Apply replaces it), every other manager loses `taken`, and
// `removed` fields leave every manager. Entries left empty go.
QJsonArray recordWrite(const QJsonArray& managedFields, const QString& manager, const QString& operation,
                       const QString& apiVersion, const QString& subresource, const QDateTime& time,
                       const QJsonObject& gained, const QJsonObject& taken, const QJsonObject& removed);

// Removes from `object` the fields of `set` (a node carrying "." goes whole).
QJsonObject removeFieldSet(const QJsonObject& object, const QJsonObject& set);

} // namespace shiplog::core::demo
