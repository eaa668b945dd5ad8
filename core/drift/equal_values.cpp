#include "core/drift/equal_values.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace shiplog::core::drift {

std::optional<long double> parseQuantity(const QString& text)
{
    static const QRegularExpression form(
        QStringLiteral("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))"
                       "(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$"));
    const auto match = form.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    long double value = match.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString suffix = match.captured(2);
    if (suffix.isEmpty())
        return value;
    static const QHash<QString, long double> factors{{QStringLiteral("n"), 1e-9L},
                                                     {QStringLiteral("u"), 1e-6L},
                                                     {QStringLiteral("m"), 1e-3L},
                                                     {QStringLiteral("k"), 1e3L},
                                                     {QStringLiteral("M"), 1e6L},
                                                     {QStringLiteral("G"), 1e9L},
                                                     {QStringLiteral("T"), 1e12L},
                                                     {QStringLiteral("P"), 1e15L},
                                                     {QStringLiteral("E"), 1e18L},
                                                     {QStringLiteral("Ki"), 1024.0L},
                                                     {QStringLiteral("Mi"), 1048576.0L},
                                                     {QStringLiteral("Gi"), 1073741824.0L},
                                                     {QStringLiteral("Ti"), 1099511627776.0L},
                                                     {QStringLiteral("Pi"), 1125899906842624.0L},
                                                     {QStringLiteral("Ei"), 1152921504606846976.0L}};
    if (auto it = factors.constFind(suffix); it != factors.cend())
        return value * *it;
    return value * std::pow(10.0L, suffix.mid(1).toInt());
}

bool isEmptyValue(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull() || (value.isObject() && value.toObject().isEmpty()) ||
           (value.isArray() && value.toArray().isEmpty());
}

bool isQuantityPath(const QString& path)
{
    static const QRegularExpression quantity(QStringLiteral(
        "(^|\\.)(limits|requests|capacity|allocatable|hard|used|storage|sizeLimit|overhead)(\\.|\\[|$)"));
    return quantity.match(path).hasMatch();
}

namespace {

bool quantitiesEqual(long double a, long double b)
{
    return std::fabs(a - b) <= 1e-12L * std::max({std::fabs(a), std::fabs(b), 1.0L});
}

std::optional<long double> number(const QJsonValue& v, bool allowQuantity)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        const QString s = v.toString();
        if (allowQuantity)
            return parseQuantity(s);
        bool ok = false;
        const double d = s.toDouble(&ok); // int-or-string: 1 and "1"
        if (ok)
            return d;
    }
    return std::nullopt;
}

} // namespace

Equality compareValues(const QJsonValue& desired, const QJsonValue& live, bool quantityField)
{
    if (desired == live)
        return Equality::Equal;
    if (isEmptyValue(desired) && isEmptyValue(live))
        return Equality::EqualEncoding;
    if (desired.isObject() && live.isObject()) {
        const QJsonObject d = desired.toObject();
        const QJsonObject l = live.toObject();
        Equality result = Equality::Equal;
        QStringList keys = d.keys() + l.keys();
        keys.removeDuplicates();
        for (const QString& key : keys) {
            const Equality e = compareValues(d.value(key), l.value(key), quantityField);
            if (e == Equality::Different)
                return e;
            if (e == Equality::EqualEncoding)
                result = e;
        }
        return result;
    }
    if (desired.isArray() && live.isArray()) {
        const QJsonArray d = desired.toArray();
        const QJsonArray l = live.toArray();
        if (d.size() != l.size())
            return Equality::Different;
        Equality result = Equality::Equal;
        for (qsizetype i = 0; i < d.size(); ++i) {
            const Equality e = compareValues(d[i], l[i], quantityField);
            if (e == Equality::Different)
                return e;
            if (e == Equality::EqualEncoding)
                result = e;
        }
        return result;
    }
    // A number on one side or a quantity field: compare as numbers.
    if ((desired.isDouble() || live.isDouble() || quantityField) &&
        (desired.isDouble() || desired.isString()) && (live.isDouble() || live.isString())) {
        const auto a = number(desired, quantityField);
        const auto b = number(live, quantityField);
        if (a && b && quantitiesEqual(*a, *b))
            return Equality::EqualEncoding;
    }
    return Equality::Different;
}

} // namespace shiplog::core::drift
