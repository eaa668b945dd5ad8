#pragma once

#include "core/demo/kube_api_error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::demo {

// A parsed labelSelector or fieldSelector query parameter (apimachinery labels.Parse syntax:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma = and).
struct Selector
{
    enum class Op
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist
    };
    struct Requirement
    {
        QString key;
        Op op = Op::Equals;
        QStringList values;
    };
    QList<Requirement> requirements;

    bool isEmpty() const { return requirements.isEmpty(); }
    bool matches(const QJsonObject& values) const; // values: key → string
};

ApiResult<Selector> parseLabelSelector(const QString& text);
// Field selectors support metadata.name and metadata.namespace with =, == and != only; other
// fields are a 400 as for most resources of kube-apiserver.
ApiResult<Selector> parseFieldSelector(const QString& text, const ResourceType& type);

// The values a field selector is matched against.
QJsonObject selectableFields(const QJsonObject& object);

} // namespace shiplog::core::demo
