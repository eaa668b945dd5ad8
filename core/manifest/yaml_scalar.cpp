#include "core/manifest/yaml_scalar.h"

#include <QString>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace shiplog::core::manifest {

namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> words)
{
    for (std::string_view w : words) {
        if (text == w)
            return true;
    }
    return false;
}

bool isNullWord(std::string_view s)
{
    return isOneOf(s, {"", "~", "null", "Null", "NULL"});
}
bool isTrueWord(std::string_view s)
{
    return isOneOf(s, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"});
}
bool isFalseWord(std::string_view s)
{
    return isOneOf(s, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"});
}
bool isSpecialFloatWord(std::string_view s)
{
    return isOneOf(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
                       ".NaN", ".NAN"});
}

// Go's strconv.ParseInt(s, 0, 64) / ParseUint: sign, then 0x/0o/0b/0 prefixes.
std::optional<QJsonValue> parseGoInt(std::string_view s)
{
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty())
        return std::nullopt;
    int base = 10;
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    } else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
        base = 8;
        s.remove_prefix(2);
    } else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        s.remove_prefix(2);
    } else if (s.size() >= 2 && s[0] == '0') {
        base = 8;
        s.remove_prefix(1);
    }
    if (s.empty())
        return std::nullopt;
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    if (negative) {
        if (magnitude > std::uint64_t(INT64_MAX) + 1)
            return std::nullopt;
        if (magnitude == std::uint64_t(INT64_MAX) + 1)
            return QJsonValue(qint64(INT64_MIN));
        return QJsonValue(-qint64(magnitude));
    }
    if (magnitude <= std::uint64_t(INT64_MAX))
        return QJsonValue(qint64(magnitude));
    return QJsonValue(double(magnitude)); // uint64 beyond int64: JSON number as double
}

// go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool isYamlStyleFloat(std::string_view s)
{
    size_t i = 0;
    auto digits = [&] {
        const size_t from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i - from;
    };
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (digits() == 0)
            return false;
    } else {
        if (digits() == 0)
            return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (digits() == 0)
            return false;
    }
    return i == s.size();
}

std::optional<double> parseDouble(std::string_view s)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return d;
}

QJsonValue resolvePlain(const std::string& value)
{
    const std::string_view s = value;
    if (isNullWord(s))
        return QJsonValue(QJsonValue::Null);
    if (isTrueWord(s))
        return true;
    if (isFalseWord(s))
        return false;
    const QString text = QString::fromStdString(value);
    if (isSpecialFloatWord(s))
        return text; // JSON has no infinities or NaN
    const char c = s.front();
    if (c == '.') {
        if (auto d = parseDouble(s))
            return *d;
        return text;
    }
    if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')))
        return text;
    std::string plain;
    plain.reserve(value.size());
    for (char ch : value) {
        if (ch != '_')
            plain.push_back(ch);
    }
    if (auto i = parseGoInt(plain))
        return *i;
    if (isYamlStyleFloat(plain)) {
        if (auto d = parseDouble(plain))
            return *d;
    }
    return text;
}

} // namespace

QJsonValue resolveScalar(const std::string& tag, const std::string& value)
{
    if (tag == "?")
        return resolvePlain(value);
    if (tag.size() > kTagPrefix.size() && std::string_view(tag).starts_with(kTagPrefix)) {
        const std::string_view type = std::string_view(tag).substr(kTagPrefix.size());
        if (type == "int" || type == "float" || type == "bool" || type == "null") {
            const QJsonValue v = resolvePlain(value);
            if (!v.isString())
                return v;
        }
    }
    return QString::fromStdString(value);
}

bool needsQuotes(const QString& text)
{
    if (text.isEmpty())
        return true;
    return !resolvePlain(text.toStdString()).isString();
}

} // namespace shiplog::core::manifest
