#include "core/drift/ignore_rules.h"

#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace shiplog::core::drift {

namespace {

bool globMatch(const QString& pattern, const QString& value)
{
    if (pattern.isEmpty() || pattern == value)
        return pattern == value;
    if (!pattern.contains(u'*') && !pattern.contains(u'?'))
        return false;
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern))
        .match(value)
        .hasMatch();
}

QString text(const YAML::Node& node, const char* key)
{
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? QString::fromStdString(v.as<std::string>()) : QString();
}

QStringList list(const YAML::Node& node, const char* key)
{
    QStringList out;
    const YAML::Node v = node[key];
    if (v && v.IsSequence())
        for (const YAML::Node& item : v)
            if (item.IsScalar())
                out.append(QString::fromStdString(item.as<std::string>()));
    return out;
}

} // namespace

bool IgnoreRule::matches(const QString& g, const QString& k, const QString& ns, const QString& n) const
{
    // Argo CD: group and kind must match; name and namespace only when given.
    if (!(group == g || globMatch(group, g)))
        return false;
    if (!(kind == k || globMatch(kind, k)))
        return false;
    if (!name.isEmpty() && !(name == n || globMatch(name, n)))
        return false;
    if (!namespaceName.isEmpty() && !(namespaceName == ns || globMatch(namespaceName, ns)))
        return false;
    return true;
}

QString IgnoreRule::describe() const
{
    return QStringLiteral(".shiplog.yaml ignoreDifferences[%1] (%2%3)")
        .arg(index)
        .arg(group.isEmpty() ? QString() : group + u'/', kind);
}

Result<QList<IgnoreRule>> parseIgnoreRules(const QByteArray& yaml, const QString& fileName)
{
    QList<IgnoreRule> rules;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root || root.IsNull())
            return rules;
        if (!root.IsMap())
            return fail(QStringLiteral("%1 is not a YAML mapping.").arg(fileName));
        const YAML::Node entries = root["ignoreDifferences"];
        if (!entries)
            return rules;
        if (!entries.IsSequence())
            return fail(QStringLiteral("%1: ignoreDifferences must be a list (line %2).")
                            .arg(fileName)
                            .arg(entries.Mark().line + 1));
        int index = 0;
        for (const YAML::Node& entry : entries) {
            IgnoreRule rule;
            rule.index = index++;
            rule.group = text(entry, "group");
            rule.kind = text(entry, "kind");
            rule.name = text(entry, "name");
            rule.namespaceName = text(entry, "namespace");
            rule.jsonPointers = list(entry, "jsonPointers");
            rule.managedFieldsManagers = list(entry, "managedFieldsManagers");
            if (rule.kind.isEmpty())
                return fail(QStringLiteral("%1: ignoreDifferences[%2] (line %3) has no kind.")
                                .arg(fileName)
                                .arg(rule.index)
                                .arg(entry.Mark().line + 1));
            for (const QString& pointer : rule.jsonPointers)
                if (!pointer.startsWith(u'/'))
                    return fail(
                        QStringLiteral(
                            "%1: ignoreDifferences[%2]: \"%3\" is not a JSON pointer (it must start with /).")
                            .arg(fileName)
                            .arg(rule.index)
                            .arg(pointer));
            rules.append(rule);
        }
    } catch (const YAML::Exception& e) {
        return fail(QStringLiteral("%1 does not parse: line %2: %3.")
                        .arg(fileName)
                        .arg(e.mark.line + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
    return rules;
}

} // namespace shiplog::core::drift
