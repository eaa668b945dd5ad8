#include "core/demo/kube_yaml.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>
#include <limits>
#include <yaml-cpp/yaml.h>

namespace shiplog::core::demo {

namespace {

QJsonValue resolveScalar(const YAML::Node& node)
{
    const QString text = QString::fromStdString(node.Scalar());
    // Quoted scalars ("!" tag) and explicit strings are strings.
    if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str")
        return text;
    static const QStringList nulls{QStringLiteral("~"), QStringLiteral("null"), QStringLiteral("Null"),
                                   QStringLiteral("NULL"), QString()};
    if (nulls.contains(text))
        return QJsonValue::Null;
    static const QStringList trues{"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"};
    static const QStringList falses{"n",   "N",   "no",    "No",    "NO",   "off",
                                    "Off", "OFF", "false", "False", "FALSE"};
    if (trues.contains(text))
        return true;
    if (falses.contains(text))
        return false;
    QString digits = text;
    digits.remove(u'_');
    static const QRegularExpression decimal(QStringLiteral("^[-+]?(0|[1-9][0-9]*)$"));
    static const QRegularExpression octal(QStringLiteral("^[-+]?0[0-7]+$"));
    static const QRegularExpression hex(QStringLiteral("^[-+]?0x[0-9a-fA-F]+$"));
    static const QRegularExpression binary(QStringLiteral("^[-+]?0b[01]+$"));
    static const QRegularExpression real(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    bool ok = false;
    auto signedValue = [&](int base, int skip) {
        const bool negative = digits.startsWith(u'-');
        const QString body =
            digits.mid((digits.startsWith(u'-') || digits.startsWith(u'+')) ? 1 : 0).mid(skip);
        const qlonglong v = body.toLongLong(&ok, base);
        return negative ? -v : v;
    };
    if (decimal.match(digits).hasMatch()) {
        const qlonglong v = signedValue(10, 0);
        if (ok)
            return QJsonValue(v);
    } else if (octal.match(digits).hasMatch()) {
        const qlonglong v = signedValue(8, 1);
        if (ok)
            return QJsonValue(v);
    } else if (hex.match(digits).hasMatch()) {
        const qlonglong v = signedValue(16, 2);
        if (ok)
            return QJsonValue(v);
    } else if (binary.match(digits).hasMatch()) {
        const qlonglong v = signedValue(2, 2);
        if (ok)
            return QJsonValue(v);
    } else if (real.match(digits).hasMatch()) {
        const double v = digits.toDouble(&ok);
        if (ok)
            return v;
    }
    if (text == QLatin1String(".inf") || text == QLatin1String(".Inf") || text == QLatin1String("+.inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-.inf") || text == QLatin1String("-.Inf"))
        return -std::numeric_limits<double>::infinity();
    return text;
}

QJsonValue toJson(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        return resolveScalar(node);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node& item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            const QString key = QString::fromStdString(entry.first.Scalar());
            object.insert(key, toJson(entry.second));
        }
        return object;
    }
    }
    return QJsonValue::Null;
}

} // namespace

Result<QList<QJsonValue>> yamlDocumentsToJson(const QByteArray& yaml)
{
    try {
        QList<QJsonValue> documents;
        for (const YAML::Node& document : YAML::LoadAll(yaml.toStdString())) {
            if (document.IsNull())
                continue;
            documents.append(toJson(document));
        }
        return documents;
    } catch (const YAML::Exception& e) {
        return fail(QStringLiteral("line %1, column %2: %3")
                        .arg(e.mark.line + 1)
                        .arg(e.mark.column + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
}

Result<QJsonValue> yamlToJson(const QByteArray& yaml)
{
    auto documents = yamlDocumentsToJson(yaml);
    if (!documents)
        return std::unexpected(documents.error());
    if (documents->isEmpty())
        return QJsonValue(QJsonObject());
    return documents->first();
}

} // namespace shiplog::core::demo
