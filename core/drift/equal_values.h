#pragma once

// Equality the way the API server sees values: quantities (1000m = 1, 1Gi = 1073741824), int vs
// float, int-or-string, and absent = null = {} = [] for omit-empty fields.
#include <QJsonValue>
#include <QString>
#include <optional>

namespace shiplog::core::drift {

// A Kubernetes resource.Quantity as a number ("500m" → 0.5, "1Ki" → 1024, "1e3" → 1000).
std::optional<long double> parseQuantity(const QString& text);

// Absent, null, {} and [] all mean "not set" for an omit-empty field.
bool isEmptyValue(const QJsonValue& value);

enum class Equality
{
    Different,
    Equal,
    EqualEncoding
};

// Compares two scalar-or-composite values; `quantityField` enables quantity comparison of strings
// (resources.limits/requests, storage, …). EqualEncoding means equal after canonicalization only.
Equality compareValues(const QJsonValue& desired, const QJsonValue& live, bool quantityField);

// Whether the field at a path holds quantities (its key or an ancestor's names one).
bool isQuantityPath(const QString& formattedPath);

} // namespace shiplog::core::drift
