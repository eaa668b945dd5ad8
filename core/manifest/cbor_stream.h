#pragma once

// Whole items from a CBOR stream (the on-disk caches read their records as streams, not as
// QCborValue trees).
#include <QByteArray>
#include <QCborStreamReader>
#include <QString>
#include <optional>

namespace shiplog::core::manifest {

// The text or byte string at the reader, in however many chunks it was written; the reader is then
// at the next item. nullopt when the item is of another type or does not read.
template <typename Whole, typename Read> std::optional<Whole> readCborWhole(QCborStreamReader& in, Read read)
{
    Whole whole;
    auto chunk = (in.*read)();
    for (; chunk.status == QCborStreamReader::Ok; chunk = (in.*read)())
        whole += chunk.data;
    if (chunk.status != QCborStreamReader::EndOfString)
        return std::nullopt;
    return whole;
}

inline std::optional<QString> readCborString(QCborStreamReader& in)
{
    if (!in.isString())
        return std::nullopt;
    return readCborWhole<QString>(in, &QCborStreamReader::readString);
}

inline std::optional<QByteArray> readCborBytes(QCborStreamReader& in)
{
    if (!in.isByteArray())
        return std::nullopt;
    return readCborWhole<QByteArray>(in, &QCborStreamReader::readByteArray);
}

} // namespace shiplog::core::manifest
