#include "core/manifest/yaml_writer.h"

#include "core/manifest/yaml_scalar.h"

#include <QJsonArray>
#include <algorithm>
#include <yaml-cpp/emitter.h>

namespace shiplog::core::manifest {

namespace {

// Whether yaml-cpp's literal block ("|", clip chomping, indentation from the first line) reads back
// as exactly `text`: one final line break (it writes no "|-" or "|+"), a first line that does not
// start with a blank (the indentation would be read from it), no line of blanks only, no CR.
bool literalKeepsExactly(const QString& text)
{
    if (!text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1String("\n\n")) ||
        text.contains(QLatin1Char('\r')))
        return false;
    // YAML's printable characters only: a block holds no escapes (yaml-cpp would write a control
    // character as it is, and no reader takes it back).
    const bool printable = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return u == u'\t' || u == u'\n' || (u >= 0x20 && u <= 0x7E) || u == 0x85 ||
               (u >= 0xA0 && u <= 0xFFFD && u != 0xFEFF);
    });
    if (!printable)
        return false;
    bool first = true;
    for (const QStringView line : QStringView(text).chopped(1).split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            continue;
        if (line.trimmed().isEmpty() || (first && line.front().isSpace()))
            return false;
        first = false;
    }
    return true;
}

void emitString(YAML::Emitter& out, const QString& text)
{
    // A multi-line value that a literal block cannot give back exactly ("|-" texts without a final
    // line break, leading blanks) is written double-quoted, with its line breaks escaped.
    if (needsQuotes(text) || (text.contains(QLatin1Char('\n')) && !literalKeepsExactly(text)))
        out << YAML::DoubleQuoted;
    else if (text.contains(QLatin1Char('\n')))
        out << YAML::Literal;
    out << text.toStdString();
}

void emitValue(YAML::Emitter& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    case QJsonValue::Bool:
        out << YAML::TrueFalseBool << value.toBool();
        break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 i = value.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() || d == double(i))
            out << QByteArray::number(value.toInteger()).toStdString();
        else
            out << QByteArray::number(d, 'g', QLocale::FloatingPointShortest).toStdString();
        break;
    }
    case QJsonValue::String:
        emitString(out, value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            break;
        }
        out << YAML::BeginSeq;
        for (const QJsonValue& item : array)
            emitValue(out, item);
        out << YAML::EndSeq;
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            break;
        }
        out << YAML::BeginMap;
        for (auto it = object.begin(); it != object.end(); ++it) {
            // YAML reads an implicit key only on one line and up to 1024 characters: a key that
            // may be longer once escaped (6 characters a code unit at most) or that spans lines is
            // written as an explicit one ("? key").
            if (it.key().size() > 128 || it.key().contains(QLatin1Char('\n')))
                out << YAML::LongKey;
            out << YAML::Key;
            emitString(out, it.key());
            out << YAML::Value;
            emitValue(out, it.value());
        }
        out << YAML::EndMap;
        break;
    }
    }
}

} // namespace

QByteArray toYaml(const QJsonObject& object)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    emitValue(out, object);
    QByteArray text(out.c_str(), qsizetype(out.size()));
    if (!text.endsWith('\n'))
        text.append('\n');
    return text;
}

} // namespace shiplog::core::manifest
