#include "core/demo/demo_yaml.h"

#include <QRegularExpression>
#include <QStringList>

namespace shiplog::core::demo {

QString fill(const char* text, std::initializer_list<std::pair<const char*, QString>> values)
{
    QString out = QString::fromUtf8(text);
    for (const auto& [key, value] : values)
        out.replace(QStringLiteral("${%1}").arg(QLatin1String(key)), value);
    Q_ASSERT_X(!out.contains(QStringLiteral("${")), "fill", qPrintable(out));
    return out;
}

QString quoted(const QString& value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

QString scalar(const QString& value)
{
    // Plain when YAML cannot read it as anything but this string (no numbers, booleans, nulls).
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z][A-Za-z0-9._/-]*$"));
    static const QRegularExpression special(QStringLiteral("^(y|n|yes|no|on|off|true|false|null)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return safe.match(value).hasMatch() && !special.match(value).hasMatch() ? value : quoted(value);
}

QString mapLines(const KeyValues& entries, int indent)
{
    QString out;
    const QString pad(indent, QLatin1Char(' '));
    for (const auto& [key, value] : entries)
        out += pad + key + QStringLiteral(": ") + scalar(value) + QLatin1Char('\n');
    return out;
}

QString indented(const QString& text, int indent)
{
    QString out;
    const QString pad(indent, QLatin1Char(' '));
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines[i].isEmpty())
            break; // the text's own final newline
        out += lines[i].isEmpty() ? QStringLiteral("\n") : pad + lines[i] + QLatin1Char('\n');
    }
    return out;
}

QString standardLabels(const QString& name, const QString& component, const QString& chart,
                       const QString& version, int indent, const QString& partOf)
{
    return mapLines({{QStringLiteral("app.kubernetes.io/name"), name},
                     {QStringLiteral("app.kubernetes.io/instance"), name},
                     {QStringLiteral("app.kubernetes.io/component"), component},
                     {QStringLiteral("app.kubernetes.io/part-of"), partOf},
                     {QStringLiteral("app.kubernetes.io/version"), version},
                     {QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("Helm")},
                     {QStringLiteral("helm.sh/chart"), chart + QLatin1Char('-') + version},
                     {QStringLiteral("gitops.jenkins-x.io/pipeline"), QStringLiteral("namespaces")}},
                    indent);
}

} // namespace shiplog::core::demo
