#include "core/diff/duplicate_definitions.h"

#include "core/manifest/cbor_stream.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QHash>
#include <limits>

namespace shiplog::core::diff {

namespace {

constexpr qsizetype kFieldsPerDuplicate = 8; // group, kind, namespace, name, path, line, first path, line

} // namespace

manifest::ParseError toParseError(const DuplicateDefinition& duplicate)
{
    return manifest::ParseError{
        duplicate.path, duplicate.line,
        QStringLiteral("%1 is already defined in %2 (line %3); this definition is ignored")
            .arg(duplicate.key.displayName(), duplicate.firstPath)
            .arg(duplicate.firstLine)};
}

QByteArray encodeDuplicates(const QList<DuplicateDefinition>& duplicates)
{
    if (duplicates.isEmpty())
        return {};
    QList<QString> strings;
    QHash<QString, qint64> indexOf;
    QList<qint64> fields;
    fields.reserve(duplicates.size() * kFieldsPerDuplicate);
    const auto string = [&](const QString& s) {
        auto it = indexOf.constFind(s);
        if (it == indexOf.constEnd()) {
            it = indexOf.insert(s, strings.size());
            strings.append(s);
        }
        fields.append(*it);
    };
    for (const DuplicateDefinition& d : duplicates) {
        string(d.key.group);
        string(d.key.kind);
        string(d.key.namespaceName);
        string(d.key.name);
        string(d.path);
        fields.append(d.line);
        string(d.firstPath);
        fields.append(d.firstLine);
    }
    QByteArray bytes;
    QCborStreamWriter out(&bytes);
    out.startArray(2);
    out.startArray(strings.size());
    for (const QString& s : std::as_const(strings))
        out.append(s);
    out.endArray();
    out.startArray(fields.size());
    for (qint64 field : std::as_const(fields))
        out.append(field);
    out.endArray();
    out.endArray();
    return bytes;
}

std::optional<QList<DuplicateDefinition>> decodeDuplicates(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return QList<DuplicateDefinition>();
    QCborStreamReader in(bytes);
    // An array of known length, no longer than the bytes left could hold (each item takes a byte).
    const auto enter = [&in, &bytes](quint64* length) {
        if (!in.isArray() || !in.isLengthKnown() || in.length() > quint64(bytes.size()))
            return false;
        *length = in.length();
        return in.enterContainer();
    };
    quint64 n = 0;
    if (!enter(&n) || n != 2 || !enter(&n))
        return std::nullopt;
    QList<QString> strings;
    strings.reserve(qsizetype(n));
    for (quint64 i = 0; i < n; ++i) {
        auto s = manifest::readCborString(in);
        if (!s)
            return std::nullopt;
        strings.append(std::move(*s));
    }
    if (in.hasNext() || !in.leaveContainer() || !enter(&n) || n % kFieldsPerDuplicate != 0)
        return std::nullopt;
    QList<DuplicateDefinition> duplicates;
    duplicates.reserve(qsizetype(n / kFieldsPerDuplicate));
    qint64 f[kFieldsPerDuplicate];
    for (quint64 i = 0; i < n; i += kFieldsPerDuplicate) {
        for (qint64& field : f) {
            if (!in.isUnsignedInteger())
                return std::nullopt;
            field = qint64(quint64(in.toUnsignedInteger()) & 0x7fffffffffffffff);
            if (!in.next())
                return std::nullopt;
        }
        const auto at = [&strings](qint64 index) -> const QString* {
            return index < strings.size() ? &strings[qsizetype(index)] : nullptr;
        };
        const QString* parts[] = {at(f[0]), at(f[1]), at(f[2]), at(f[3]), at(f[4]), at(f[6])};
        for (const QString* part : parts) {
            if (!part)
                return std::nullopt;
        }
        if (f[5] > std::numeric_limits<int>::max() || f[7] > std::numeric_limits<int>::max())
            return std::nullopt;
        duplicates.append(
            DuplicateDefinition{manifest::ResourceKey{*parts[0], *parts[1], *parts[2], *parts[3]}, *parts[4],
                                int(f[5]), *parts[5], int(f[7])});
    }
    if (in.hasNext() || !in.leaveContainer() || in.hasNext() || !in.leaveContainer())
        return std::nullopt;
    if (in.lastError() != QCborError::NoError || in.currentOffset() != bytes.size())
        return std::nullopt;
    return duplicates;
}

} // namespace shiplog::core::diff
