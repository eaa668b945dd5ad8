#pragma once

// Test helper: YAML text to JSON values with YAML 1.1 plain-scalar typing close to what kubectl
// does (ints, floats, booleans, null; quoted scalars stay strings). The product reads manifests
// with core/manifest; this only feeds hand-written test tables.
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace shiplog::test {

inline QJsonValue yamlToJson(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto& kv : node)
            o.insert(QString::fromStdString(kv.first.as<std::string>()), yamlToJson(kv.second));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const YAML::Node& item : node)
            a.append(yamlToJson(item));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() == "!")
            return text; // quoted
        if (text == u"null" || text == u"~")
            return QJsonValue::Null;
        if (text == u"true" || text == u"false")
            return text == u"true";
        static const QRegularExpression number(QStringLiteral("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }
    default:
        return QJsonValue::Null;
    }
}

inline QJsonValue yamlToJson(const QByteArray& text)
{
    return yamlToJson(YAML::Load(text.toStdString()));
}

} // namespace shiplog::test
